package helm_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/tollgate/tollgate/scanners"
	"github.com/tollgate/tollgate/scanners/helm"
)

// FuzzChart: a chart of a values.yaml and one template never panics or
// hangs the Helm reader (the render limits hold), and every problem is a
// FileError naming a file.
func FuzzChart(f *testing.F) {
	values := seeds(f, "helm", "values.yaml")
	for i, tpl := range seeds(f, "helm", ".yaml", ".tpl") {
		f.Add(values[i%len(values)], tpl)
	}
	f.Add([]byte("a: [1, 2]\n"), []byte("{{ range $i := until 10 }}{{ tpl \"{{ . }}\" $i }}{{ end }}{{ include \"x\" . }}"))
	f.Add([]byte("p: yes\n"), []byte("apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Values.p }}\nspec:\n  hostPID: {{ .Values.p }}\n"))
	s, err := helm.New(helm.WithRenderTimeout(2*time.Second), helm.WithMaxRenderedSize(4<<20))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, values, tpl []byte) {
		fsys := fstest.MapFS{
			"c/Chart.yaml":       {Data: []byte("apiVersion: v2\nname: c\nversion: 0.1.0\n")},
			"c/values.yaml":      {Data: values},
			"c/templates/t.yaml": {Data: tpl},
		}
		files := []string{"c/Chart.yaml", "c/values.yaml", "c/templates/t.yaml"}
		start := time.Now()
		results := s.Scan(t.Context(), fsys, files)
		if d := time.Since(start); d > maxDuration {
			t.Fatalf("took %v", d)
		}
		checkResults(t, results, len(files))
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
