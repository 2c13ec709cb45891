package kustomize_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"sigs.k8s.io/kustomize/api/krusty"
	"sigs.k8s.io/kustomize/kyaml/filesys"
	sigsyaml "sigs.k8s.io/yaml"

	"github.com/tollgate/tollgate/scanners/yamlpos"
)

// bomb is a billion-laughs ConfigMap: 10^levels strings once expanded.
func bomb(levels int) string {
	var b strings.Builder
	b.WriteString("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: lol\n")
	b.WriteString(`x0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]` + "\n")
	for i := 1; i < levels; i++ {
		refs := make([]string, 10)
		for j := range refs {
			refs[j] = fmt.Sprintf("*a%d", i-1)
		}
		fmt.Fprintf(&b, "x%d: &a%d [%s]\n", i, i, strings.Join(refs, ","))
	}
	fmt.Fprintf(&b, "data:\n  bomb: *a%d\n", levels-1)
	return b.String()
}

// TestAliasBomb is D05: a file over yamlpos's limits is refused before
// kustomize, which expands aliases without a bound, reads it; the error
// names the file, wherever in the build it is read.
func TestAliasBomb(t *testing.T) {
	const levels = 7 // 10^7 nodes: over yamlpos.MaxNodes, still quick to refuse
	for _, tc := range []struct {
		name string
		fsys fstest.MapFS
		file string
	}{
		{"resource", fstest.MapFS{
			"k/kustomization.yaml": {Data: []byte("resources:\n  - cm.yaml\n")},
			"k/cm.yaml":            {Data: []byte(bomb(levels))},
		}, "k/cm.yaml"},
		{"base kustomization", fstest.MapFS{
			"k/kustomization.yaml":    {Data: []byte("resources:\n  - ../base\n")},
			"base/kustomization.yaml": {Data: []byte("resources: []\n" + strings.Replace(bomb(levels), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: lol\n", "", 1))},
		}, "base/kustomization.yaml"},
		{"patch", fstest.MapFS{
			"k/kustomization.yaml": {Data: []byte("resources:\n  - pod.yaml\npatches:\n  - path: patch.yaml\n")},
			"k/pod.yaml":           {Data: []byte("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n")},
			"k/patch.yaml":         {Data: []byte(strings.Replace(bomb(levels), "kind: ConfigMap\nmetadata:\n  name: lol", "kind: Pod\nmetadata:\n  name: p", 1))},
		}, "k/patch.yaml"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			r := scanFiles(t, tc.fsys, []string{"k/kustomization.yaml"})["k/kustomization.yaml"]
			if d := time.Since(start); d > 20*time.Second {
				t.Errorf("took %v", d)
			}
			if len(r.Errors) != 1 || len(r.Documents) != 0 {
				t.Fatalf("errors %v, %d documents; want one error", r.Errors, len(r.Documents))
			}
			e := r.Errors[0]
			if e.Path != tc.file || e.Line <= 0 || !errors.Is(e, yamlpos.ErrLimit) || !strings.Contains(e.Error(), "alias bomb") {
				t.Errorf("error %q (path %s, line %d), want an alias limit error on %s", e, e.Path, e.Line, tc.file)
			}
		})
	}
}

// kubectlValues builds files with kustomize itself and decodes its output
// as kubectl does (sigs.k8s.io/yaml), object by object.
func kubectlValues(t *testing.T, files map[string]string) []map[string]any {
	t.Helper()
	fs := filesys.MakeFsInMemory()
	for n, c := range files {
		if err := fs.WriteFile("/k/"+n, []byte(c)); err != nil {
			t.Fatal(err)
		}
	}
	rm, err := krusty.MakeKustomizer(krusty.MakeDefaultOptions()).Run(fs, "/k")
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]any
	for _, r := range rm.Resources() {
		y, err := r.AsYAML()
		if err != nil {
			t.Fatal(err)
		}
		j, err := sigsyaml.YAMLToJSON(y)
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		if err := json.Unmarshal(j, &m); err != nil {
			t.Fatal(err)
		}
		out = append(out, m)
	}
	return out
}

// TestYAML11Values is D02 for Kustomize: kustomize reads `privileged: yes`
// as YAML 1.2 (the string "yes") and writes it out quoted, so kubectl
// sends a string, not true. The documents hold what kubectl decodes from
// kustomize's output, checked here against kustomize and sigs.k8s.io/yaml
// themselves.
func TestYAML11Values(t *testing.T) {
	files := map[string]string{
		"kustomization.yaml": "resources:\n  - pod.yaml\npatches:\n  - patch: |\n      apiVersion: v1\n      kind: Pod\n      metadata: {name: p}\n      spec:\n        hostIPC: yes\n",
		"pod.yaml": `apiVersion: v1
kind: Pod
metadata:
  name: p
  labels: {a: yes, b: "on", c: 0o17, d: 017}
spec:
  hostNetwork: yes
  hostPID: on
  enableServiceLinks: true
  containers:
    - name: a
      image: nginx
      securityContext:
        privileged: yes
        runAsNonRoot: "yes"
        runAsUser: 0x10
`,
	}
	want := kubectlValues(t, files)
	fsys := fstest.MapFS{}
	for n, c := range files {
		fsys["k/"+n] = &fstest.MapFile{Data: []byte(c)}
	}
	r := scanFiles(t, fsys, []string{"k/kustomization.yaml"})["k/kustomization.yaml"]
	if len(r.Errors) != 0 || len(r.Documents) != 1 || len(want) != 1 {
		t.Fatalf("errors %v, %d documents, kustomize built %d", r.Errors, len(r.Documents), len(want))
	}
	got := r.Documents[0].Resource
	for _, p := range [][]string{
		{"spec", "hostNetwork"}, {"spec", "hostPID"}, {"spec", "hostIPC"}, {"spec", "enableServiceLinks"},
		{"metadata", "labels", "a"}, {"metadata", "labels", "b"}, {"metadata", "labels", "c"}, {"metadata", "labels", "d"},
	} {
		g, w := at(got, p...), at(want[0], p...)
		if fmt.Sprint(g) != fmt.Sprint(w) || fmt.Sprintf("%T", g) == "bool" != (fmt.Sprintf("%T", w) == "bool") {
			t.Errorf("%s = %#v, kubectl decodes %#v", strings.Join(p, "."), g, w)
		}
	}
	sc := at(got, "spec", "containers").([]any)[0].(map[string]any)["securityContext"].(map[string]any)
	wsc := at(want[0], "spec", "containers").([]any)[0].(map[string]any)["securityContext"].(map[string]any)
	for _, k := range []string{"privileged", "runAsNonRoot"} {
		if sc[k] != wsc[k] {
			t.Errorf("securityContext.%s = %#v, kubectl decodes %#v", k, sc[k], wsc[k])
		}
	}
	if sc["privileged"] != "yes" {
		t.Errorf("privileged = %#v: kustomize writes the string \"yes\"", sc["privileged"])
	}
}

func at(v any, path ...string) any {
	for _, p := range path {
		m, _ := v.(map[string]any)
		v = m[p]
	}
	return v
}

// TestErrorsMaskSecrets: kyaml's errors quote node contents; a credential
// read from the files (here a Secret's stringData) is masked in them and
// is one of the result's secrets.
func TestErrorsMaskSecrets(t *testing.T) {
	const pw = "Sup3rS3cretPw"
	for _, tc := range []struct {
		name string
		fsys fstest.MapFS
	}{
		{"node contents", fstest.MapFS{
			"k/kustomization.yaml": {Data: []byte("resources:\n  - s.yaml\nreplacements:\n  - source: {kind: Secret, fieldPath: metadata.name}\n    targets: [{select: {kind: Secret}, fieldPaths: [stringData.password.x]}]\n")},
			"k/s.yaml":             {Data: []byte("apiVersion: v1\nkind: Secret\nmetadata:\n  name: x\nstringData:\n  password: " + pw + "\n")},
		}},
		{"malformed generator literal", fstest.MapFS{
			"k/kustomization.yaml": {Data: []byte("secretGenerator:\n  - name: s\n    literals: [" + pw + "]\n")},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := scanFiles(t, tc.fsys, []string{"k/kustomization.yaml"})["k/kustomization.yaml"]
			if len(r.Errors) != 1 {
				t.Fatalf("errors %v, want one", r.Errors)
			}
			if msg := r.Errors[0].Error(); strings.Contains(msg, pw) || !strings.Contains(msg, "****") {
				t.Errorf("error %q: the secret is not masked", msg)
			}
			found := false
			for _, s := range r.Secrets {
				found = found || s == pw
			}
			if !found {
				t.Errorf("secrets %q, want %q among them", r.Secrets, pw)
			}
		})
	}
}
