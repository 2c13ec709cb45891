package scantest

import (
	"context"
	"io/fs"
	"sort"
	"testing"

	"github.com/tollgate/tollgate/scanners"
)

// Files lists the files of fsys that s matches by name (Match with no
// head), in the order fs.WalkDir visits them.
func Files(t testing.TB, fsys fs.FS, s scanners.FileScanner) []string {
	t.Helper()
	var files []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && s.Match(p, nil) {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// Scan scans files of fsys with s and checks the FileScanner contract:
// one result per file, in the order given.
func Scan(t testing.TB, s scanners.FileScanner, fsys fs.FS, files ...string) []scanners.Result {
	t.Helper()
	results := s.Scan(context.Background(), fsys, files)
	if len(results) != len(files) {
		t.Fatalf("%d results for %d files", len(results), len(files))
	}
	for i, r := range results {
		if r.Path != files[i] {
			t.Fatalf("result %d is %s, want %s (results follow the order of files)", i, r.Path, files[i])
		}
	}
	return results
}

// ByPath returns results by their path.
func ByPath(results []scanners.Result) map[string]scanners.Result {
	out := make(map[string]scanners.Result, len(results))
	for _, r := range results {
		out[r.Path] = r
	}
	return out
}

// Sorted returns the results of m sorted by path.
func Sorted(m map[string]scanners.Result) []scanners.Result {
	out := make([]scanners.Result, 0, len(m))
	for _, r := range m {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

// Documents returns the documents of results, in order.
func Documents(results ...scanners.Result) []scanners.Document {
	var out []scanners.Document
	for _, r := range results {
		out = append(out, r.Documents...)
	}
	return out
}

// Doc returns the document of docs with the given address, failing the
// test when there is none.
func Doc(t testing.TB, docs []scanners.Document, address string) scanners.Document {
	t.Helper()
	var seen []string
	for _, d := range docs {
		if d.Address == address {
			return d
		}
		seen = append(seen, d.Address)
	}
	t.Fatalf("no document %s; have %v", address, seen)
	return scanners.Document{}
}
