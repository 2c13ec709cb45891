package kustomize_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/tollgate/tollgate/scanners"
	"github.com/tollgate/tollgate/scanners/kustomize"
)

// FuzzKustomization: a kustomization and one resource never panic or hang
// the Kustomize reader, and every problem is a FileError naming a file.
func FuzzKustomization(f *testing.F) {
	ks := seeds(f, "kustomize", "kustomization.yaml")
	for i, res := range seeds(f, "kustomize", ".yaml") {
		f.Add(ks[i%len(ks)], res)
	}
	f.Add([]byte("resources: [r.yaml]\npatches:\n  - patch: |\n      apiVersion: v1\n      kind: Pod\n      metadata: {name: p}\n      spec: {hostPID: yes}\n"), []byte("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n"))
	f.Add([]byte("resources: [r.yaml]\nsecretGenerator:\n  - name: s\n    literals: [password=xyz1234]\n"), []byte("a: &a [x, x]\nb: &b [*a, *a]\n"))
	s := kustomize.New()
	f.Fuzz(func(t *testing.T, k, res []byte) {
		fsys := fstest.MapFS{
			"k/kustomization.yaml": {Data: k},
			"k/r.yaml":             {Data: res},
		}
		start := time.Now()
		results := s.Scan(t.Context(), fsys, []string{"k/kustomization.yaml"})
		if d := time.Since(start); d > maxDuration {
			t.Fatalf("took %v", d)
		}
		checkResults(t, results, 1)
	})
}

// maxDuration is how long one input may take: the readers' limits must
// stop anything slower ("never hangs").
const maxDuration = 10 * time.Second

// checkResults is the property every fuzz target checks: one result per
// file with its path, errors that are FileErrors naming a file and that
// print none of the result's secrets, documents whose every object carries
// a valid position.
func checkResults(t *testing.T, results []scanners.Result, files int) {
	t.Helper()
	if len(results) != files {
		t.Fatalf("%d results for %d files", len(results), files)
	}
	for _, r := range results {
		if r.Path == "" {
			t.Fatalf("result without a path: %+v", r)
		}
		for _, e := range r.Errors {
			if e == nil || e.Path == "" || e.Err == nil || e.Line < 0 {
				t.Fatalf("%s: malformed error %#v", r.Path, e)
			}
			for _, s := range r.Secrets {
				if len(s) >= 4 && strings.Contains(e.Err.Error(), s) {
					t.Fatalf("%s: error %q prints the secret %q", r.Path, e.Err, s)
				}
			}
		}
		for _, d := range r.Documents {
			if d.Path == "" || d.Resource == nil {
				t.Fatalf("%s: document without a path or a body: %+v", r.Path, d)
			}
			checkLocs(t, d.Resource)
		}
	}
}

func checkLocs(t *testing.T, v any) {
	t.Helper()
	switch x := v.(type) {
	case map[string]any:
		loc, ok := x[scanners.LocKey].(map[string]any)
		if !ok {
			t.Fatalf("object without a position: %v", x)
		}
		p, _ := loc["path"].(string)
		s, _ := loc["start_line"].(int)
		e, _ := loc["end_line"].(int)
		if p == "" || s < 1 || e < s {
			t.Fatalf("invalid position %v", loc)
		}
		for k, c := range x {
			if k != scanners.LocKey {
				checkLocs(t, c)
			}
		}
	case []any:
		for _, c := range x {
			checkLocs(t, c)
		}
	}
}

// seeds adds every file of dir (under the repository's testdata) whose
// name ends with one of exts.
func seeds(f *testing.F, dir string, exts ...string) [][]byte {
	var out [][]byte
	root := filepath.Join("..", "..", "testdata", dir)
	_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		for _, e := range exts {
			if strings.HasSuffix(p, e) {
				if b, err := os.ReadFile(p); err == nil {
					out = append(out, b)
				}
			}
		}
		return nil
	})
	if len(out) == 0 {
		f.Fatalf("no seed in %s", root)
	}
	return out
}
