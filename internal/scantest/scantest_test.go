package scantest_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tollgate/tollgate/internal/scantest"
	"github.com/tollgate/tollgate/scanners"
	"github.com/tollgate/tollgate/scanners/kubernetes"
)

// recorder is a testing.TB that records failures instead of reporting
// them; Fatal ends the helper's goroutine as it does in a real test.
type recorder struct {
	testing.TB
	errs  []string
	fatal bool
}

func (r *recorder) Helper() {}

func (r *recorder) Errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

func (r *recorder) Fatalf(format string, args ...any) {
	r.Errorf(format, args...)
	r.fatal = true
	runtime.Goexit()
}

func (r *recorder) Fatal(args ...any) { r.Fatalf("%s", fmt.Sprint(args...)) }

// record runs f with a recorder and returns it once f has returned or
// failed fatally.
func record(t *testing.T, f func(tb testing.TB)) *recorder {
	r := &recorder{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		f(r)
	}()
	<-done
	return r
}

func TestGolden(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.golden")
	if err := os.WriteFile(path, []byte("a\nb\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if r := record(t, func(tb testing.TB) { scantest.Golden(tb, path, []byte("a\nb\n")) }); len(r.errs) != 0 {
		t.Errorf("same content: %q", r.errs)
	}
	for _, tc := range []struct{ got, want string }{
		{"a\nc\n", "differs at line 2 (run go test -update and review the diff):\n got: \"c\"\nwant: \"b\""},
		{"a\nb\nc\n", "differs at line 3 (run go test -update and review the diff):\n got: \"c\"\nwant: \"\""},
		{"a\n", "differs at line 2 (run go test -update and review the diff):\n got: \"\"\nwant: \"b\""},
		{"a\nb", "differs at line 3 (run go test -update and review the diff):\n got: (end of file)\nwant: \"\""},
	} {
		r := record(t, func(tb testing.TB) { scantest.Golden(tb, path, []byte(tc.got)) })
		if len(r.errs) != 1 || r.errs[0] != path+" "+tc.want {
			t.Errorf("got %q: errors %q, want %q", tc.got, r.errs, path+" "+tc.want)
		}
	}
	r := record(t, func(tb testing.TB) { scantest.Golden(tb, path+".missing", []byte("a\n")) })
	if !r.fatal || !strings.Contains(r.errs[0], "run go test -update to create it") {
		t.Errorf("missing golden file: fatal %v, errors %q", r.fatal, r.errs)
	}

	*scantest.Update = true
	defer func() { *scantest.Update = false }()
	if r := record(t, func(tb testing.TB) { scantest.Golden(tb, path, []byte("new\n")) }); len(r.errs) != 0 {
		t.Errorf("-update: %q", r.errs)
	}
	if b, err := os.ReadFile(path); err != nil || string(b) != "new\n" {
		t.Errorf("-update wrote %q, %v", b, err)
	}
}

func TestViewsJSON(t *testing.T) {
	doc := scanners.Document{Format: "f", Type: "t", Name: "n", Address: "a", Path: "p",
		Resource: map[string]any{"k": 1}, Secrets: []string{"s"}}
	want := `[
  {
    "input": {
      "address": "a",
      "format": "f",
      "name": "n",
      "path": "p",
      "related": {},
      "resource": {
        "k": 1
      },
      "type": "t"
    },
    "secrets": [
      "s"
    ]
  }
]
`
	if got := string(scantest.DocumentsJSON(t, []scanners.Document{doc})); got != want {
		t.Errorf("DocumentsJSON:\n%s\nwant:\n%s", got, want)
	}
	if got := string(scantest.DocumentsJSON(t, nil)); got != "[]\n" {
		t.Errorf("no documents: %q, want an empty list", got)
	}

	results := []scanners.Result{
		{Path: "a.yaml", Format: "helm", Errors: []*scanners.FileError{{Path: "a.yaml", Line: 3, Err: fmt.Errorf("boom")}}},
		{Path: "b.yaml"},
	}
	want = `[{"path":"a.yaml","format":"helm","errors":["a.yaml:3: boom"],"documents":[]},{"path":"b.yaml","errors":[],"documents":[]}]`
	if got := compact(t, scantest.JSON(t, scantest.ResultViews(results))); got != want {
		t.Errorf("ResultViews: %s\nwant %s", got, want)
	}
}

func compact(t *testing.T, b []byte) string {
	t.Helper()
	var buf bytes.Buffer
	if err := json.Compact(&buf, b); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// object is a resource with positions: lines 1-9, attribute acl on line
// 3, a list of one map on lines 5-7 and an unknown attribute.
func object() map[string]any {
	item := map[string]any{"port": 22, scanners.LocKey: scanners.Loc("m.tf", 5, 7)}
	obj := map[string]any{"acl": "private", "rules": []any{item}, scanners.LocKey: scanners.Loc("m.tf", 1, 9)}
	scanners.SetAttrLoc(obj, "acl", 3, 3)
	scanners.SetAttrLoc(obj, "kms", 4, 4)
	scanners.MarkUnknown(obj, "kms")
	return obj
}

func TestPositions(t *testing.T) {
	obj := object()
	if v := scantest.At(t, obj, "rules", 0, "port"); v != 22 {
		t.Errorf("At rules 0 port = %v", v)
	}
	if v := scantest.At(t, obj, "nothing"); v != nil {
		t.Errorf("At a missing key = %v, want nil", v)
	}
	for _, tc := range []struct {
		obj     any
		attr    string
		span    string
		lines   [2]int
		unknown bool
	}{
		{obj, "", "m.tf:1-9", [2]int{1, 9}, false},
		{obj, "acl", "m.tf:3-3", [2]int{3, 3}, false},
		{obj, "kms", "m.tf:4-4", [2]int{4, 4}, true},
		{scantest.At(t, obj, "rules", 0), "", "m.tf:5-7", [2]int{5, 7}, false},
	} {
		if got := scantest.Span(t, tc.obj, tc.attr); got != tc.span {
			t.Errorf("Span %q = %s, want %s", tc.attr, got, tc.span)
		}
		if got := scantest.Lines(t, tc.obj, tc.attr); got != tc.lines {
			t.Errorf("Lines %q = %v, want %v", tc.attr, got, tc.lines)
		}
		if tc.attr != "" && scantest.Unknown(tc.obj, tc.attr) != tc.unknown {
			t.Errorf("Unknown %q = %v, want %v", tc.attr, !tc.unknown, tc.unknown)
		}
	}
	if a := scantest.Attr(t, obj, "port"); a != nil {
		t.Errorf("Attr of an attribute without a position = %v, want nil", a)
	}
	for name, f := range map[string]func(tb testing.TB){
		"At past a scalar":         func(tb testing.TB) { scantest.At(tb, obj, "acl", "x") },
		"At past the list's end":   func(tb testing.TB) { scantest.At(tb, obj, "rules", 1) },
		"At with a bad key":        func(tb testing.TB) { scantest.At(tb, obj, 1.5) },
		"Span of an unplaced attr": func(tb testing.TB) { scantest.Span(tb, obj, "rules") },
		"Lines of a scalar":        func(tb testing.TB) { scantest.Lines(tb, "x", "") },
		"Loc of a map without one": func(tb testing.TB) { scantest.Loc(tb, map[string]any{}) },
	} {
		if r := record(t, f); !r.fatal {
			t.Errorf("%s: not fatal (errors %q)", name, r.errs)
		}
	}
}

// fakeScanner returns one result per file, of the paths it is told.
type fakeScanner struct{ paths []string }

func (fakeScanner) Name() string                  { return "fake" }
func (fakeScanner) Match(p string, _ []byte) bool { return strings.HasSuffix(p, ".fake") }
func (s fakeScanner) Scan(_ context.Context, _ fs.FS, files []string) []scanners.Result {
	paths := s.paths
	if paths == nil {
		paths = files
	}
	out := make([]scanners.Result, len(paths))
	for i, p := range paths {
		out[i] = scanners.Result{Path: p, Documents: []scanners.Document{{Address: "doc-" + p}}}
	}
	return out
}

func TestScan(t *testing.T) {
	fsys := fstest.MapFS{"b/x.fake": {}, "a.fake": {}, "a.txt": {}, "c/d/e.fake": {}}
	files := scantest.Files(t, fsys, fakeScanner{})
	if want := []string{"a.fake", "b/x.fake", "c/d/e.fake"}; !reflect.DeepEqual(files, want) {
		t.Fatalf("Files = %q, want %q", files, want)
	}
	results := scantest.Scan(t, fakeScanner{}, fsys, files...)
	byPath := scantest.ByPath(results)
	if got := scantest.Sorted(byPath); !reflect.DeepEqual(got, results) {
		t.Errorf("Sorted(ByPath(results)) = %v, want %v", got, results)
	}
	if d := scantest.Doc(t, scantest.Documents(results...), "doc-b/x.fake"); d.Address != "doc-b/x.fake" {
		t.Errorf("Doc = %+v", d)
	}
	for name, s := range map[string]fakeScanner{
		"a result missing":  {paths: []string{"a.fake", "b/x.fake"}},
		"results reordered": {paths: []string{"b/x.fake", "a.fake", "c/d/e.fake"}},
	} {
		if r := record(t, func(tb testing.TB) { scantest.Scan(tb, s, fsys, files...) }); !r.fatal {
			t.Errorf("%s: not fatal", name)
		}
	}
	if r := record(t, func(tb testing.TB) { scantest.Doc(tb, scantest.Documents(results...), "nope") }); !r.fatal {
		t.Error("Doc of a missing address: not fatal")
	}
}

const pod = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: leaky
      image: nginx
      securityContext:
        privileged: true
`

func TestFindings(t *testing.T) {
	res := scantest.Scan(t, kubernetes.New(), fstest.MapFS{"pod.yaml": {Data: []byte(pod)}}, "pod.yaml")
	docs := res[0].Documents
	if got, want := scantest.Findings(t, docs, scantest.Rules("TG-K8S-001")), []string{"TG-K8S-001 pod.yaml:10-10"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Findings = %q, want %q", got, want)
	}
	if got := scantest.Findings(t, docs, scantest.Prefix("TG-NONE-")); got != nil {
		t.Errorf("Findings of no rule = %q", got)
	}
	found := scantest.Evaluate(t, docs, scantest.Prefix("TG-K8S-00"))
	if len(found) == 0 || found[0].Document.Address != "v1/Pod/web" || found[0].String() != "TG-K8S-001 pod.yaml:10-10" {
		t.Errorf("Evaluate = %+v, want TG-K8S-001 first, on v1/Pod/web", found)
	}

	// The rule's message names the container: were its name a secret,
	// the finding would print it.
	docs[0].Secrets = []string{"leaky"}
	r := record(t, func(tb testing.TB) { scantest.Findings(tb, docs, scantest.Rules("TG-K8S-001")) })
	if len(r.errs) != 1 || !strings.Contains(r.errs[0], "TG-K8S-001 message prints a secret") {
		t.Errorf("secret in a message: errors %q", r.errs)
	}
}
