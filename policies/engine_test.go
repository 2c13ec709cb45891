package policies

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// Each document meets the packages whose deny rules can fire on its type
// or format, and every package without such a guard. A package whose deny is not a
// multi-value rule (a complete or object rule, which may be undefined)
// never hides the results of the others.
func TestEvaluateChoosesPackagesByType(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"guarded.rego": `package custom.guarded
import rego.v1
# METADATA
# title: guarded
# custom: {id: X-GUARD-001, severity: high, category: access}
deny contains "guarded" if input.type == "aws_x"
`,
		"format.rego": `package custom.format
import rego.v1
deny contains "format" if input.format == "kubernetes"
deny contains "format, type" if { input.format == "terraform"; input.type == "aws_x" }
`,
		"unguarded.rego": `package custom.unguarded
import rego.v1
deny contains "unguarded" if input.resource.bad == true
`,
		"complete.rego": `package custom.complete
import rego.v1
deny := ["complete"] if input.resource.bad == true
`,
		"object.rego": `package custom.object
import rego.v1
deny[k] := "object" if { input.resource.bad == true; k := "a" }
`,
	}
	for name, src := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	e, err := Load(context.Background(), WithoutBuiltins(), WithPolicyDir(dir))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		format, typ any
		bad         bool
		want        []string
	}{
		{"terraform", "aws_x", true, []string{"complete", "format, type", "guarded", "object", "unguarded"}},
		{"terraform", "aws_x", false, []string{"format, type", "guarded"}},
		{"terraform", "aws_y", true, []string{"complete", "object", "unguarded"}},
		{"terraform", "aws_y", false, nil},
		{"kubernetes", "aws_x", false, []string{"format", "guarded"}},
		{"kubernetes", "Pod", false, []string{"format"}},
		{nil, "aws_x", false, []string{"guarded"}},
		{nil, nil, true, []string{"complete", "object", "unguarded"}},
		{7, 7, false, nil},
	} {
		in := map[string]any{"resource": map[string]any{"bad": c.bad}}
		if c.typ != nil {
			in["type"] = c.typ
		}
		if c.format != nil {
			in["format"] = c.format
		}
		res, err := e.EvaluateOne(context.Background(), in)
		if err != nil {
			t.Fatalf("format %v, type %v: %v", c.format, c.typ, err)
		}
		var got []string
		for _, r := range res {
			got = append(got, r.Message)
		}
		slices.Sort(got)
		if !slices.Equal(got, c.want) {
			t.Errorf("format %v, type %v, bad %v: got %q, want %q", c.format, c.typ, c.bad, got, c.want)
		}
	}
}

// An engine compiled only for image documents gives an image document the
// findings the whole library gives it, keeps every rule's metadata, and
// refuses a document of another kind instead of passing it.
func TestOnlyKindsCompilesLessAndRefusesOtherKinds(t *testing.T) {
	ctx := context.Background()
	full, err := Load(ctx)
	if err != nil {
		t.Fatal(err)
	}
	image := Kind{Format: "image", Type: "container_image"}
	part, err := Load(ctx, WithOnlyKinds(image))
	if err != nil {
		t.Fatal(err)
	}
	if len(part.skipped) < len(full.packages)/2 {
		t.Errorf("%d of %d packages left out; want most", len(part.skipped), len(full.packages))
	}
	if len(part.Rules()) != len(full.Rules()) || !slices.Equal(part.Packages(), full.Packages()) {
		t.Errorf("metadata: %d rules and %d packages, want %d and %d", len(part.Rules()), len(part.Packages()), len(full.Rules()), len(full.Packages()))
	}
	loc := map[string]any{"image": "app:1", "digest": "sha256:00"}
	doc := map[string]any{"format": "image", "type": "container_image", "name": "app:1", "path": "app:1", "address": "app",
		"resource": map[string]any{"reference": "app:1", "digest": "sha256:00", "__loc": loc, "packages": []any{},
			"config": map[string]any{"user": "", "env": []any{map[string]any{"name": "AWS_SECRET_ACCESS_KEY", "value": "x"}},
				"exposed_ports": []any{"22/tcp"}, "labels": map[string]any{"__loc": loc}, "entrypoint": []any{}, "cmd": []any{},
				"working_dir": "", "os": "linux", "architecture": "amd64", "__loc": loc}}}
	want, err := full.EvaluateOne(ctx, doc)
	if err != nil {
		t.Fatal(err)
	}
	got, err := part.EvaluateOne(ctx, doc)
	if err != nil {
		t.Fatal(err)
	}
	if len(want) == 0 || !reflect.DeepEqual(got, want) {
		t.Errorf("image document: %d findings, want the full library's %d", len(got), len(want))
	}
	if _, err := part.EvaluateOne(ctx, benchInputs(1)[0]); err == nil || !strings.Contains(err.Error(), "not compiled") {
		t.Errorf("a Terraform document evaluated by an image-only engine: %v", err)
	}
}
