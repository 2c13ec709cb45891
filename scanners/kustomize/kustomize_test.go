package kustomize_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tollgate/tollgate/internal/scantest"
	"github.com/tollgate/tollgate/scanners"
	"github.com/tollgate/tollgate/scanners/kustomize"
)

const fixtures = "../../testdata/kustomize"

var _ scanners.FileScanner = kustomize.New()

func TestMatch(t *testing.T) {
	for _, tt := range []struct {
		path string
		want bool
	}{
		{"kustomization.yaml", true},
		{"overlays/prod/kustomization.yaml", true},
		{"base/kustomization.yml", true},
		{"base/Kustomization", true},
		{"base/kustomization.json", false},
		{"base/deployment.yaml", false},
		{"my-kustomization.yaml", false},
	} {
		if got := kustomize.New().Match(tt.path, nil); got != tt.want {
			t.Errorf("Match(%q) = %v, want %v", tt.path, got, tt.want)
		}
	}
}

// scanDir scans every kustomization file of fsys, as the walker gives them.
func scanDir(t *testing.T, fsys fs.FS) map[string]scanners.Result {
	t.Helper()
	return scanFiles(t, fsys, scantest.Files(t, fsys, kustomize.New()))
}

func scanFiles(t *testing.T, fsys fs.FS, files []string) map[string]scanners.Result {
	t.Helper()
	results := scantest.Scan(t, kustomize.New(), fsys, files...)
	for _, r := range results {
		if r.Format != "kustomize" {
			t.Fatalf("result %s has format %q, want kustomize", r.Path, r.Format)
		}
	}
	return scantest.ByPath(results)
}

func TestGolden(t *testing.T) {
	for _, name := range []string{"basic", "remote"} {
		t.Run(name, func(t *testing.T) {
			views := scantest.ResultViews(scantest.Sorted(scanDir(t, os.DirFS(filepath.Join(fixtures, name)))))
			for i := range views {
				views[i].Format = "" // always kustomize (scanFiles checks it): not recorded
			}
			scantest.Golden(t, filepath.Join(fixtures, name, "documents.golden.json"), scantest.JSON(t, views))
		})
	}
}

func addresses(r scanners.Result) []string {
	var out []string
	for _, d := range r.Documents {
		out = append(out, d.Address)
	}
	return out
}

func doc(t *testing.T, r scanners.Result, address string) scanners.Document {
	t.Helper()
	return scantest.Doc(t, r.Documents, address)
}

// TestOverlayLines builds the prod overlay: every object is located in the
// file it came from, fields the overlay's patch adds in the patch.
func TestOverlayLines(t *testing.T) {
	results := scanDir(t, os.DirFS(filepath.Join(fixtures, "basic")))
	if base := results["base/kustomization.yaml"]; len(base.Documents) != 0 || len(base.Errors) != 0 {
		t.Errorf("the base was built on its own too: %v, errors %v", addresses(base), base.Errors)
	}
	prod := results["overlays/prod/kustomization.yaml"]
	if len(prod.Errors) != 0 {
		t.Fatalf("errors: %v", prod.Errors)
	}
	wantAddrs := []string{"apps/v1/Deployment/shop/prod-web", "v1/Service/shop/prod-web", "v1/ConfigMap/shop/prod-app-config-hf678c7m2b", "networking.k8s.io/v1/Ingress/shop/prod-web"}
	if got := addresses(prod); !reflect.DeepEqual(got, wantAddrs) {
		t.Errorf("documents %v, want %v", got, wantAddrs)
	}
	d := doc(t, prod, "apps/v1/Deployment/shop/prod-web")
	if d.Path != "base/deployment.yaml" {
		t.Errorf("Deployment path %q, want its origin base/deployment.yaml", d.Path)
	}
	deploy := d.Resource
	container := scantest.At(t, deploy, "spec", "template", "spec", "containers", 0)
	for _, tc := range []struct {
		name string
		obj  any
		attr string
		want string
	}{
		{"the Deployment", deploy, "", "base/deployment.yaml:1-24"},
		{"prefixed name", scantest.At(t, deploy, "metadata"), "name", "base/deployment.yaml:4-4"},
		{"namespace set by the overlay", scantest.At(t, deploy, "metadata"), "namespace", "base/deployment.yaml:3-3"},
		{"replicas set by an inline patch", scantest.At(t, deploy, "spec"), "replicas", "overlays/prod/kustomization.yaml:19-19"},
		{"the container", container, "", "base/deployment.yaml:18-24"},
		{"image", container, "image", "base/deployment.yaml:19-19"},
		{"securityContext added by the patch", scantest.At(t, container, "securityContext"), "", "overlays/prod/privileged.yaml:11-12"},
		{"privileged added by the patch", scantest.At(t, container, "securityContext"), "privileged", "overlays/prod/privileged.yaml:12-12"},
	} {
		if got := scantest.Span(t, tc.obj, tc.attr); got != tc.want {
			t.Errorf("%s at %s, want %s", tc.name, got, tc.want)
		}
	}
	for k, want := range map[string]any{"name": "prod-web", "namespace": "shop"} {
		if v := scantest.At(t, deploy, "metadata", k); v != want {
			t.Errorf("metadata.%s = %v, want %v", k, v, want)
		}
	}
	if v := scantest.At(t, deploy, "spec", "replicas"); v != 3 {
		t.Errorf("replicas = %v, want the patched 3", v)
	}
	if ann := scantest.At(t, deploy, "metadata", "annotations"); ann != nil {
		t.Errorf("build annotations left on the object: %v", ann)
	}
	cm := doc(t, prod, "v1/ConfigMap/shop/prod-app-config-hf678c7m2b")
	if got, want := scantest.Span(t, cm.Resource, ""), "base/kustomization.yaml:7-9"; got != want || cm.Path != "base/kustomization.yaml" {
		t.Errorf("generated ConfigMap at %s (path %s), want its generator entry %s", got, cm.Path, want)
	}
	ing := doc(t, prod, "networking.k8s.io/v1/Ingress/shop/prod-web").Resource
	if got, want := scantest.Span(t, scantest.At(t, ing, "spec"), ""), "overlays/prod/ingress.yaml:5-16"; got != want {
		t.Errorf("Ingress spec at %s, want %s", got, want)
	}
}

// TestBaseAlone builds a base that no scanned overlay uses.
func TestBaseAlone(t *testing.T) {
	fsys := os.DirFS(filepath.Join(fixtures, "basic"))
	results := scanFiles(t, fsys, []string{"base/kustomization.yaml"})
	want := []string{"apps/v1/Deployment/web", "v1/Service/web", "v1/ConfigMap/app-config-hf678c7m2b"}
	if got := addresses(results["base/kustomization.yaml"]); !reflect.DeepEqual(got, want) {
		t.Errorf("documents %v, want %v", got, want)
	}
}

// TestOffline checks that nothing outside the scanned tree is read: remote
// bases are errors at their line, and paths above the scan root do not
// exist (rather than being read from the root).
func TestOffline(t *testing.T) {
	results := scanDir(t, os.DirFS(filepath.Join(fixtures, "remote")))
	r := results["kustomization.yaml"]
	want := `kustomization.yaml:5: remote reference "github.com/example/platform//deploy/base?ref=v1.2.0" is not fetched (scans are offline; --download-bases fetches git bases over https): vendor it into the repository`
	if len(r.Errors) != 1 || r.Errors[0].Error() != want || len(r.Documents) != 0 {
		t.Errorf("errors %v, %d documents; want only %q", r.Errors, len(r.Documents), want)
	}

	for _, entry := range []string{"https://example.com/app.yaml", "git@github.com:org/repo.git", "ssh://git@example.com/org/repo", "file:///srv/repo"} {
		fsys := fstest.MapFS{"app/kustomization.yaml": {Data: []byte("configMapGenerator:\n  - name: c\n    files:\n      - key=" + entry + "\n")}}
		r := scanDir(t, fsys)["app/kustomization.yaml"]
		if len(r.Errors) != 1 || !strings.HasPrefix(r.Errors[0].Error(), "app/kustomization.yaml:4: remote reference") {
			t.Errorf("%s: errors %v, want a remote reference error at line 4", entry, r.Errors)
		}
	}

	escape := fstest.MapFS{
		"app/kustomization.yaml":    {Data: []byte("resources:\n  - ../../base\n")},
		"base/kustomization.yaml":   {Data: []byte("resources:\n  - pod.yaml\n")},
		"base/pod.yaml":             {Data: []byte("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n")},
		"app/elsewhere/placeholder": {Data: []byte("x")},
	}
	r = scanFiles(t, escape, []string{"app/kustomization.yaml"})["app/kustomization.yaml"]
	if len(r.Errors) != 1 || !strings.Contains(r.Errors[0].Error(), "outside the scanned tree") || len(r.Documents) != 0 {
		t.Errorf("errors %v, %d documents; want ../../base reported outside the scanned tree", r.Errors, len(r.Documents))
	}
}

func TestErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		fsys fstest.MapFS
		want string
	}{
		{"YAML syntax", fstest.MapFS{"k/kustomization.yaml": {Data: []byte("resources:\n  - a.yaml\nnamePrefix: [x\n")}},
			"k/kustomization.yaml:3: yaml: did not find expected ',' or ']'"},
		{"missing resource", fstest.MapFS{"k/kustomization.yaml": {Data: []byte("resources:\n  - missing.yaml\n")}},
			"k/kustomization.yaml: kustomize build: accumulating resources: accumulation err='accumulating resources from 'missing.yaml': k/missing.yaml: file does not exist': must build at directory: not a valid directory: k/missing.yaml: file does not exist"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := scanDir(t, tc.fsys)["k/kustomization.yaml"]
			if len(r.Errors) != 1 || r.Errors[0].Error() != tc.want {
				t.Errorf("errors %q, want %q", r.Errors, tc.want)
			}
		})
	}
}

// TestOwnBuildMetadata builds a kustomization that already asks for origin
// and transformer annotations: they are still stripped from the objects.
func TestOwnBuildMetadata(t *testing.T) {
	fsys := fstest.MapFS{
		"k/kustomization.yaml": {Data: []byte("buildMetadata: [originAnnotations, transformerAnnotations]\nnamePrefix: a-\nresources:\n  - pod.yaml\n")},
		"k/pod.yaml":           {Data: []byte("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    team: web\nspec:\n  containers: []\n")},
	}
	r := scanDir(t, fsys)["k/kustomization.yaml"]
	if len(r.Errors) != 0 || len(r.Documents) != 1 {
		t.Fatalf("errors %v, documents %v", r.Errors, addresses(r))
	}
	ann := scantest.At(t, r.Documents[0].Resource, "metadata", "annotations").(map[string]any)
	if len(ann) != 2 || ann["team"] != "web" {
		t.Errorf("annotations %v, want only the user's team: web", ann)
	}
	if got, want := scantest.Span(t, ann, "team"), "k/pod.yaml:6-6"; got != want {
		t.Errorf("annotation at %s, want %s", got, want)
	}
}

// TestPolicies evaluates the built overlay with the built-in policies: the
// privileged container (TG-K8S-001) is found at the patch that made it so,
// the Ingress without TLS (TG-K8S-010) at its spec.
func TestPolicies(t *testing.T) {
	results := scanDir(t, os.DirFS(filepath.Join(fixtures, "basic")))
	docs := scantest.Documents(scantest.Sorted(results)...)
	var got []string
	for _, f := range scantest.Evaluate(t, docs, scantest.Rules("TG-K8S-001", "TG-K8S-010")) {
		got = append(got, f.RuleID+" "+f.Document.Address+" "+f.Span)
	}
	sort.Strings(got)
	want := []string{
		"TG-K8S-001 apps/v1/Deployment/shop/prod-web overlays/prod/privileged.yaml:12-12",
		"TG-K8S-010 networking.k8s.io/v1/Ingress/shop/prod-web overlays/prod/ingress.yaml:5-16",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("findings %v, want %v", got, want)
	}
}

// TestTransformedFields checks fields that no file writes (labels added by
// a label transformer): they are located on the object's first line in its
// origin file, while the fields written there keep their lines.
func TestTransformedFields(t *testing.T) {
	fsys := fstest.MapFS{
		"k/kustomization.yaml": {Data: []byte("labels:\n  - pairs: {team: web}\nresources:\n  - pods.yaml\n")},
		"k/pods.yaml":          {Data: []byte("apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: b\n")},
	}
	r := scanDir(t, fsys)["k/kustomization.yaml"]
	if len(r.Errors) != 0 {
		t.Fatal(r.Errors)
	}
	for _, tc := range []struct{ address, label, name string }{
		{"v1/Pod/a", "k/pods.yaml:1-1", "k/pods.yaml:4-4"},
		{"v1/Pod/b", "k/pods.yaml:6-6", "k/pods.yaml:9-9"},
	} {
		meta := scantest.At(t, doc(t, r, tc.address).Resource, "metadata")
		if got := scantest.Span(t, scantest.At(t, meta, "labels"), "team"); got != tc.label {
			t.Errorf("%s: added label at %s, want %s", tc.address, got, tc.label)
		}
		if got := scantest.Span(t, meta, "name"); got != tc.name {
			t.Errorf("%s: name at %s, want %s", tc.address, got, tc.name)
		}
	}
}

// JSON 6902 patches (inline under patches:, inline and by file under the
// legacy patchesJson6902:) are located where they write: a field an add or
// replace operation sets points at the operation's value in the overlay,
// not at the base's mapping it lands in; an item addressed by index
// (/containers/0) is the base's item of that index.
func TestJSON6902PatchLines(t *testing.T) {
	base := `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: app
          image: nginx:1.27
`
	fsys := fstest.MapFS{
		"base/kustomization.yaml": {Data: []byte("resources:\n  - deployment.yaml\n")},
		"base/deployment.yaml":    {Data: []byte(base)},
		"overlay/kustomization.yaml": {Data: []byte(`resources:
  - ../base
patches:
  - target:
      kind: Deployment
      name: web
    patch: |-
      - op: add
        path: /spec/template/spec/hostNetwork
        value: true
      - op: add
        path: /spec/template/spec/containers/0/securityContext
        value:
          privileged: true
patchesJson6902:
  - target: {group: apps, version: v1, kind: Deployment, name: web}
    path: pid.yaml
`)},
		"overlay/pid.yaml": {Data: []byte("- op: replace\n  path: /spec/template/spec/hostPID\n  value: true\n- op: test\n  path: /metadata/name\n  value: web\n")},
	}
	results := scanDir(t, fsys)
	ov := results["overlay/kustomization.yaml"]
	if len(ov.Errors) != 0 {
		t.Fatalf("errors: %v", ov.Errors)
	}
	d := doc(t, ov, "apps/v1/Deployment/web")
	podSpec := scantest.At(t, d.Resource, "spec", "template", "spec")
	container := scantest.At(t, podSpec, "containers", 0)
	for _, tc := range []struct {
		name string
		obj  any
		attr string
		want string
	}{
		{"hostNetwork added inline", podSpec, "hostNetwork", "overlay/kustomization.yaml:10-10"},
		{"hostPID added by a patch file", podSpec, "hostPID", "overlay/pid.yaml:3-3"},
		{"securityContext added by index", scantest.At(t, container, "securityContext"), "", "overlay/kustomization.yaml:13-14"},
		{"privileged under it", scantest.At(t, container, "securityContext"), "privileged", "overlay/kustomization.yaml:14-14"},
		{"the base's image", container, "image", "base/deployment.yaml:10-10"},
	} {
		if got := scantest.Span(t, tc.obj, tc.attr); got != tc.want {
			t.Errorf("%s at %s, want %s", tc.name, got, tc.want)
		}
	}
	var got []string
	for _, f := range scantest.Evaluate(t, scantest.Documents(ov), scantest.Rules("TG-K8S-001", "TG-K8S-013", "TG-K8S-014")) {
		got = append(got, f.RuleID+" "+f.Span)
	}
	sort.Strings(got)
	want := []string{
		"TG-K8S-001 overlay/kustomization.yaml:14-14",
		"TG-K8S-013 overlay/kustomization.yaml:10-10",
		"TG-K8S-014 overlay/pid.yaml:3-3",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("findings %v, want %v", got, want)
	}
}
