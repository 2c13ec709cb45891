package policies

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestCatalogSkipsCompilationUntilNeeded(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	first, err := Load(ctx, WithCatalog(dir, "k1"))
	if err != nil {
		t.Fatal(err)
	}
	if first.lazy != nil {
		t.Fatal("the first load, with no catalog yet, must compile")
	}
	second, err := Load(ctx, WithCatalog(dir, "k1"))
	if err != nil {
		t.Fatal(err)
	}
	if second.lazy == nil {
		t.Fatal("the second load did not come from the catalog")
	}
	if !reflect.DeepEqual(first.Rules(), second.Rules()) || !reflect.DeepEqual(first.Packages(), second.Packages()) {
		t.Error("the catalog's rules or packages differ from the library's")
	}
	if second.compiler != nil {
		t.Error("compiled before any evaluation")
	}
	inputs := benchInputs(12)
	want, errs := first.Evaluate(ctx, inputs)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	got, errs := second.Evaluate(ctx, inputs)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if !reflect.DeepEqual(got, want) || len(want[0]) == 0 {
		t.Errorf("the engine from the catalog found %v, the compiled one %v", got, want)
	}
	one, err := second.EvaluateOne(ctx, inputs[0])
	if err != nil || !reflect.DeepEqual(one, want[0]) {
		t.Errorf("EvaluateOne = %v, %v", one, err)
	}
	// Another key is another library: no catalog.
	if other, err := Load(ctx, WithCatalog(dir, "k2")); err != nil || other.lazy != nil {
		t.Errorf("another key loaded from the catalog: %v", err)
	}
}

func TestCatalogThatCannotBeReadIsIgnored(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "catalog-k.json"), []byte("{not json"), 0o644); err != nil {
		t.Fatal(err)
	}
	e, err := Load(context.Background(), WithCatalog(dir, "k"))
	if err != nil || e.lazy != nil {
		t.Fatalf("corrupt catalog: lazy=%v, %v", e != nil && e.lazy != nil, err)
	}
	// The load rewrote it whole.
	if e2, err := Load(context.Background(), WithCatalog(dir, "k")); err != nil || e2.lazy == nil {
		t.Errorf("the rewritten catalog was not used: %v", err)
	}
}

func TestCatalogThatLiesIsRefused(t *testing.T) {
	dir := t.TempDir()
	lie := fmt.Sprintf(`{"format":%d,"key":"k","rules":{"X-1":{"id":"X-1","title":"x","severity":"high","category":"access"}},"packages":[]}`, catalogFormat)
	if err := os.WriteFile(filepath.Join(dir, "catalog-k.json"), []byte(lie), 0o644); err != nil {
		t.Fatal(err)
	}
	e, err := Load(context.Background(), WithCatalog(dir, "k"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.EvaluateOne(context.Background(), benchInputs(1)[0]); err == nil || !strings.Contains(err.Error(), "does not match") {
		t.Errorf("evaluating with a catalog that does not describe the library: %v", err)
	}
}

// The packages a catalog lists choose which rules a document meets: a
// catalog whose packages differ from the library's is refused too, even
// with the same rules.
func TestCatalogWithOtherPackagesIsRefused(t *testing.T) {
	dir := t.TempDir()
	if _, err := Load(context.Background(), WithCatalog(dir, "k")); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "catalog-k.json")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	var c catalog
	if err := json.Unmarshal(b, &c); err != nil {
		t.Fatal(err)
	}
	for i := range c.Packages {
		if len(c.Packages[i].Types) > 0 {
			c.Packages[i].Types = []string{"not_a_type"}
			break
		}
	}
	if b, err = json.Marshal(c); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	e, err := Load(context.Background(), WithCatalog(dir, "k"))
	if err != nil || e.lazy == nil {
		t.Fatalf("the altered catalog was not read: %v", err)
	}
	if _, err := e.EvaluateOne(context.Background(), benchInputs(1)[0]); err == nil || !strings.Contains(err.Error(), "does not match") {
		t.Errorf("evaluating with a catalog whose packages differ: %v", err)
	}
}

// WithBackgroundCompile: Load returns the rules before the policies are
// compiled; evaluating waits for the compile, and its errors (a policy
// that does not compile, a parameter the library lacks) come from Wait
// and from every evaluation, never as a silent pass.
func TestBackgroundCompile(t *testing.T) {
	ctx := context.Background()
	doc := map[string]any{"format": "terraform", "type": "aws_s3_bucket", "name": "b", "address": "aws_s3_bucket.b", "path": "main.tf",
		"resource": map[string]any{"__loc": map[string]any{"path": "main.tf", "start_line": 1, "end_line": 3}, "acl": "public-read"}}
	want, err := Load(ctx)
	if err != nil {
		t.Fatal(err)
	}
	wantRes, err := want.EvaluateOne(ctx, doc)
	if err != nil || len(wantRes) == 0 {
		t.Fatalf("reference engine: %d results, %v", len(wantRes), err)
	}
	e, err := Load(ctx, WithBackgroundCompile())
	if err != nil {
		t.Fatal(err)
	}
	if len(e.Rules()) != len(want.Rules()) || !slices.Equal(e.Packages(), want.Packages()) {
		t.Fatalf("%d rules and %d packages before the compile, want %d and %d", len(e.Rules()), len(e.Packages()), len(want.Rules()), len(want.Packages()))
	}
	got, err := e.EvaluateOne(ctx, doc)
	if err != nil || !reflect.DeepEqual(got, wantRes) {
		t.Errorf("results %v, %v; want %v", got, err, wantRes)
	}
	if err := e.Wait(ctx); err != nil || !e.Compiled() {
		t.Errorf("Wait: %v, compiled %v", err, e.Compiled())
	}

	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "bad.rego"), []byte("package custom.bad\nimport rego.v1\ndeny contains x if input.y == 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for name, opts := range map[string][]Option{
		"unsafe variable":   {WithPolicyDir(dir)},
		"unknown parameter": {WithParams(map[string]any{"no_such_param": 1})},
	} {
		e, err := Load(ctx, append(opts, WithBackgroundCompile())...)
		if err != nil {
			t.Fatalf("%s: Load: %v (the compile's errors come later)", name, err)
		}
		werr := e.Wait(ctx)
		_, eerr := e.EvaluateOne(ctx, doc)
		_, serr := Load(ctx, opts...)
		if werr == nil || eerr == nil || serr == nil || werr.Error() != serr.Error() || eerr.Error() != serr.Error() {
			t.Errorf("%s: Wait %v, evaluation %v; want the error Load gives without a background compile: %v", name, werr, eerr, serr)
		}
	}
}
