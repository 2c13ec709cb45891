package scantest

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tollgate/tollgate/scanners"
)

// The readers' fuzz targets share their seeds and their property.

// FuzzMaxDuration is how long one fuzz input may take: the readers' limits must
// stop anything slower ("never hangs").
const FuzzMaxDuration = 10 * time.Second

// CheckFuzzResults is the property every reader's fuzz target checks: one result per
// file with its path, errors that are FileErrors naming a file and that
// print none of the result's secrets, documents whose every object carries
// a valid position.
func CheckFuzzResults(t *testing.T, results []scanners.Result, files int) {
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
			CheckLocs(t, d.Resource)
		}
	}
}

// CheckLocs fails t unless every object in v carries a valid position
// (LocKey with a path and a line range).
func CheckLocs(t *testing.T, v any) {
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
				CheckLocs(t, c)
			}
		}
	case []any:
		for _, c := range x {
			CheckLocs(t, c)
		}
	}
}

// Seeds returns every file of dir (under the repository's testdata) whose
// name ends with one of exts.
func Seeds(f *testing.F, dir string, exts ...string) [][]byte {
	var out [][]byte
	root := filepath.Join("..", "..", "testdata", dir) // from scanners/<reader>
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
