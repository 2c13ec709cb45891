package policies

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"log"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/registry"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/google/go-containerregistry/pkg/v1/static"
	"github.com/google/go-containerregistry/pkg/v1/types"
)

// bundleImage is an OPA-style bundle: one gzipped tar layer of files.
func bundleImage(t *testing.T, files map[string]string) v1.Image {
	t.Helper()
	var buf bytes.Buffer
	gz := gzip.NewWriter(&buf)
	tw := tar.NewWriter(gz)
	for name, body := range files {
		tw.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: int64(len(body)), Typeflag: tar.TypeReg})
		io.WriteString(tw, body)
	}
	tw.Close()
	gz.Close()
	layer := static.NewLayer(buf.Bytes(), types.OCILayer)
	img, err := mutate.AppendLayers(mutate.MediaType(empty.Image, types.OCIManifestSchema1), layer)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

func push(t *testing.T, host string, img v1.Image) (tagRef, digestRef string) {
	t.Helper()
	ref, _ := name.ParseReference(host + "/policies/acme:1")
	if err := remote.Write(ref, img); err != nil {
		t.Fatal(err)
	}
	d, _ := img.Digest()
	return BundleScheme + ref.String(), BundleScheme + ref.Context().Name() + "@" + d.String()
}

func TestPolicyBundle(t *testing.T) {
	srv := httptest.NewServer(registry.New(registry.Logger(log.New(io.Discard, "", 0))))
	defer srv.Close()
	host := strings.TrimPrefix(srv.URL, "http://")
	src, err := os.ReadFile(filepath.Join("..", "testdata", "policies", "custom", "tags.rego"))
	if err != nil {
		t.Fatal(err)
	}
	tagRef, digestRef := push(t, host, bundleImage(t, map[string]string{
		"custom/tags.rego": string(src), "data.json": "{}", ".manifest": `{"roots": ["tollgate/custom"]}`,
	}))

	e, err := Load(context.Background(), WithPolicyDir(digestRef))
	if err != nil {
		t.Fatalf("load %s: %v", digestRef, err)
	}
	r, ok := e.Rule("ACME-001")
	if !ok || r.Builtin || r.File != digestRef+"/custom/tags.rego" {
		t.Errorf("rule from the bundle: %+v (found %v)", r, ok)
	}
	res, errs := e.Evaluate(context.Background(), []map[string]any{{
		"type": "aws_s3_bucket", "name": "b", "resource": map[string]any{"__loc": map[string]any{"path": "main.tf", "start_line": 1, "end_line": 3}},
	}})
	if len(errs) > 0 || len(res[0]) == 0 || res[0][0].RuleID != "ACME-001" {
		t.Errorf("bundle rule did not fire: %v %v", res, errs)
	}

	if _, err := Load(context.Background(), WithPolicyDir(tagRef)); err == nil || !strings.Contains(err.Error(), "pin it by digest") {
		t.Errorf("a tag reference: err %v, want a demand to pin by digest", err)
	}
	_, evil := push(t, host, bundleImage(t, map[string]string{"../../escape.rego": "package x"}))
	if _, err := Load(context.Background(), WithPolicyDir(evil)); err == nil || !strings.Contains(err.Error(), "escapes the bundle") {
		t.Errorf("path traversal: err %v", err)
	}
	_, empty := push(t, host, bundleImage(t, map[string]string{"README.md": "no policy"}))
	if _, err := Load(context.Background(), WithPolicyDir(empty)); err == nil || !strings.Contains(err.Error(), "no .rego files") {
		t.Errorf("empty bundle: err %v", err)
	}
}

func TestParamsAreChecked(t *testing.T) {
	ctx := context.Background()
	if _, err := Load(ctx, WithParams(map[string]any{"min_backup_retention_days": 30, "x_team_tag": "owner"})); err != nil {
		t.Errorf("valid params refused: %v", err)
	}
	for name, params := range map[string]map[string]any{
		"typo":       {"min_backup_retention_dayz": 3},
		"wrong kind": {"min_backup_retention_days": "abc"},
		"not a list": {"admin_ports": 22},
	} {
		if _, err := Load(ctx, WithParams(params)); err == nil {
			t.Errorf("%s: %v accepted", name, params)
		}
	}
}
