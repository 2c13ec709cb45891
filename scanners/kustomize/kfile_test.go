package kustomize

import (
	"context"
	"reflect"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
)

func TestTopLevel(t *testing.T) {
	kust := func(body string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(body)} }
	for _, tc := range []struct {
		name string
		fsys fstest.MapFS
		want []string
	}{
		{"overlays share a base", fstest.MapFS{
			"base/kustomization.yaml":     kust("resources: []\n"),
			"dev/kustomization.yaml":      kust("resources: [../base]\n"),
			"prod/kustomization.yml":      kust("bases: [../base]\n"),
			"prod/eu/kustomization.yaml":  kust("resources: [..]\n"),
			"other/Kustomization":         kust("resources: [github.com/org/repo//base]\n"),
			"component/kustomization.yml": kust("kind: Component\n"),
		}, []string{"dev/kustomization.yaml", "other/Kustomization", "prod/eu/kustomization.yaml"}},
		{"a component used by an overlay", fstest.MapFS{
			"app/kustomization.yaml":   kust("components: [../tls]\n"),
			"tls/kustomization.yaml":   kust("kind: Component\n"),
			"alone/kustomization.yaml": kust("kind: Component\n"),
		}, []string{"app/kustomization.yaml"}},
		{"a reference cycle is built, to be reported", fstest.MapFS{
			"a/kustomization.yaml": kust("resources: [../b]\n"),
			"b/kustomization.yaml": kust("resources: [../a]\n"),
		}, []string{"a/kustomization.yaml"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var files []string
			parsed := map[string]*kustomization{}
			for name, f := range tc.fsys {
				k, ferr := parseKustomization(name, f.Data)
				if ferr != nil {
					t.Fatal(ferr)
				}
				files = append(files, name)
				parsed[name] = k
			}
			sort.Strings(files)
			var got []string
			for f, ok := range topLevel(files, parsed) {
				if ok {
					got = append(got, f)
				}
			}
			sort.Strings(got)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("built %v, want %v", got, tc.want)
			}
		})
	}
}

func TestCycleIsAnError(t *testing.T) {
	fsys := fstest.MapFS{
		"a/kustomization.yaml": {Data: []byte("resources: [../b]\n")},
		"b/kustomization.yaml": {Data: []byte("resources: [../a]\n")},
	}
	res := New().Scan(context.Background(), fsys, []string{"a/kustomization.yaml", "b/kustomization.yaml"})
	if len(res[0].Errors) != 1 || !strings.Contains(res[0].Errors[0].Error(), "cycle") {
		t.Errorf("a: errors %v, want a cycle error", res[0].Errors)
	}
}

func TestIsRemote(t *testing.T) {
	for s, want := range map[string]bool{
		"../base":                        false,
		"deployment.yaml":                false,
		"github.com.yaml":                false,
		"config/github.com/x":            false,
		"https://example.com/x.yaml":     true,
		"HTTP://example.com/x.yaml":      true,
		"github.com/org/repo//base":      true,
		"GitHub.com:org/repo":            true,
		"git@gitlab.com:org/repo.git":    true,
		"git::https://example.com/repo":  true,
		"ssh://git@example.com/org/repo": true,
		"file:///srv/repo":               true,
	} {
		if got := isRemote(s); got != want {
			t.Errorf("isRemote(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestWithOriginAnnotations(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"resources: [a.yaml]\n", "resources: [a.yaml]\nbuildMetadata:\n    - originAnnotations\n"},
		{"buildMetadata: [managedByLabel]\n", "buildMetadata: [managedByLabel, originAnnotations]\n"},
		{"buildMetadata: [originAnnotations]\n", "buildMetadata: [originAnnotations]\n"},
		{"", ""},
	} {
		got, err := withOriginAnnotations([]byte(tc.src))
		if err != nil || string(got) != tc.want {
			t.Errorf("withOriginAnnotations(%q) = %q, %v; want %q", tc.src, got, err, tc.want)
		}
	}
}

func TestReadOnlyFS(t *testing.T) {
	r := &readOnlyFS{fsys: fstest.MapFS{"a/b.yaml": {Data: []byte("x: 1\n")}}}
	if err := r.WriteFile(absPath("a/b.yaml"), nil); err != errReadOnly {
		t.Errorf("WriteFile: %v, want %v", err, errReadOnly)
	}
	if f, err := r.Open(absPath("a/b.yaml")); err != nil {
		t.Error(err)
	} else if _, err := f.Write([]byte("y")); err != errReadOnly {
		t.Errorf("Write: %v, want %v", err, errReadOnly)
	}
	for p, want := range map[string]string{
		absPath("a/b.yaml"):          "a/b.yaml",
		absPath("."):                 ".",
		"a/../a/b.yaml":              "a/b.yaml",
		absPath("a") + "/../../etc/": "",
	} {
		got, err := r.name(p)
		if got != want || (want == "") != (err != nil) {
			t.Errorf("name(%q) = %q, %v; want %q", p, got, err, want)
		}
	}
	d, f, err := r.CleanedAbs(absPath("a/b.yaml"))
	if err != nil || string(d) != absPath("a") || f != "b.yaml" {
		t.Errorf("CleanedAbs = %q, %q, %v", d, f, err)
	}
}
