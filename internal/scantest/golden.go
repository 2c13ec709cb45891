// Package scantest holds the test harness shared by the scanner packages:
// golden files, document walking, positions and policy findings.
package scantest

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"strconv"
	"testing"

	"github.com/tollgate/tollgate/scanners"
)

// Update is the -update flag of every test binary that imports scantest:
// Golden rewrites the golden files instead of only reading them.
var Update = flag.Bool("update", false, "rewrite the golden files")

// Golden compares got with the golden file at path. With -update it
// writes got there first. A difference is reported at its first line.
func Golden(t testing.TB, path string, got []byte) {
	t.Helper()
	if *Update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if bytes.Equal(got, want) {
		return
	}
	line, g, w := firstDiff(got, want)
	t.Errorf("%s differs at line %d (run go test -update and review the diff):\n got: %s\nwant: %s", path, line, g, w)
}

// firstDiff returns the 1-based number of the first line where got and
// want differ, and that line of each, quoted, or "(end of file)".
func firstDiff(got, want []byte) (int, string, string) {
	g, w := bytes.Split(got, []byte("\n")), bytes.Split(want, []byte("\n"))
	for i := 0; ; i++ {
		if i >= len(g) || i >= len(w) || !bytes.Equal(g[i], w[i]) {
			return i + 1, lineAt(g, i), lineAt(w, i)
		}
	}
}

func lineAt(lines [][]byte, i int) string {
	if i >= len(lines) {
		return "(end of file)"
	}
	return strconv.Quote(string(lines[i]))
}

// JSON renders v as golden files hold it: indented by two spaces, with a
// final line break.
func JSON(t testing.TB, v any) []byte {
	t.Helper()
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return append(b, '\n')
}

// DocumentView is what golden files record of a document: the value
// policies see as input, and the secrets the scan masks.
type DocumentView struct {
	Input   map[string]any `json:"input"`
	Secrets []string       `json:"secrets"`
}

// DocumentViews returns the views of docs, in order; an empty list, never
// nil, when there are none.
func DocumentViews(docs []scanners.Document) []DocumentView {
	out := make([]DocumentView, len(docs))
	for i, d := range docs {
		out[i] = DocumentView{Input: d.Input(), Secrets: d.Secrets}
	}
	return out
}

// DocumentsJSON renders docs as golden files hold them: a JSON list of
// their views.
func DocumentsJSON(t testing.TB, docs []scanners.Document) []byte {
	t.Helper()
	return JSON(t, DocumentViews(docs))
}

// ResultView is what golden files record of a whole result: its file, its
// format (left out when empty), its errors and its documents.
type ResultView struct {
	Path      string         `json:"path"`
	Format    string         `json:"format,omitempty"`
	Errors    []string       `json:"errors"`
	Documents []DocumentView `json:"documents"`
}

// ResultViews returns the views of results, in order.
func ResultViews(results []scanners.Result) []ResultView {
	out := make([]ResultView, len(results))
	for i, r := range results {
		errs := make([]string, len(r.Errors))
		for j, e := range r.Errors {
			errs[j] = e.Error()
		}
		out[i] = ResultView{Path: r.Path, Format: r.Format, Errors: errs, Documents: DocumentViews(r.Documents)}
	}
	return out
}
