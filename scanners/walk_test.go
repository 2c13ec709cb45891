package scanners

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// fakeScanner takes files by extension, or by content when want is set,
// and makes one document per file whose Name is the file's content, so
// that tests see the scanner was handed the right file system and paths.
type fakeScanner struct {
	name  string
	ext   string
	want  string // a string the file's head must hold
	calls [][]string
}

func (f *fakeScanner) Name() string { return f.name }

func (f *fakeScanner) Match(p string, head []byte) bool {
	return strings.HasSuffix(p, f.ext) && bytes.Contains(head, []byte(f.want))
}

func (f *fakeScanner) Scan(_ context.Context, fsys fs.FS, files []string) []Result {
	f.calls = append(f.calls, append([]string(nil), files...))
	var out []Result
	for _, p := range files {
		r := Result{Path: p, Format: f.name}
		b, err := ReadFile(fsys, p)
		if err != nil {
			r.Errors = append(r.Errors, &FileError{Path: p, Err: err})
		} else {
			r.Documents = append(r.Documents, Document{Format: f.name, Path: p, Name: strings.TrimSpace(string(b))})
		}
		out = append(out, r)
	}
	return out
}

// tree writes files (slash-separated paths, relative to dir) under dir.
func tree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for p, body := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// summary reduces results to "path format documents... !errors".
func summary(w Walked) []string {
	var out []string
	for _, r := range w.Results {
		s := r.Path + " " + r.Format
		for _, d := range r.Documents {
			s += " doc:" + d.Path + "=" + d.Name
		}
		for _, e := range r.Errors {
			s += " !" + e.Path
		}
		out = append(out, s)
	}
	return out
}

func newFakes() (tf, k8s *fakeScanner) {
	return &fakeScanner{name: "terraform", ext: ".tf"}, &fakeScanner{name: "kubernetes", ext: ".yaml", want: "kind:"}
}

func TestWalk(t *testing.T) {
	repo := t.TempDir()
	tree(t, repo, map[string]string{
		"infra/main.tf":                      "main",
		"infra/network/vpc.tf":               "vpc",
		"infra/README.md":                    "docs",
		"infra/values.yaml":                  "replicas: 2",
		"infra/.terraform/modules/m/main.tf": "cached module",
		"infra/.git/hooks.tf":                "git",
		"infra/node_modules/x.tf":            "node",
		"k8s/app.yaml":                       "kind: Pod",
		"k8s/late.yaml":                      strings.Repeat("#\n", 8<<10) + "kind: Pod",
		"notes.txt":                          "notes",
	})
	tf, k8s := newFakes()
	missing := filepath.Join(repo, "missing")
	w, err := Walk(context.Background(), repo, []string{
		filepath.Join(repo, "infra"),
		filepath.Join(repo, "k8s", "app.yaml"),
		filepath.Join(repo, "k8s", "late.yaml"),
		filepath.Join(repo, "notes.txt"),
		missing,
	}, []FileScanner{tf, k8s})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"infra/main.tf terraform doc:infra/main.tf=main",
		"infra/network/vpc.tf terraform doc:infra/network/vpc.tf=vpc",
		"k8s/app.yaml kubernetes doc:k8s/app.yaml=kind: Pod",
	}
	got := summary(w)
	// The missing target sorts by its path as given (absolute here).
	var missingRes *Result
	for i := range w.Results {
		if w.Results[i].Path == missing {
			missingRes = &w.Results[i]
			got = append(got[:i:i], got[i+1:]...)
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("results\n got %q\nwant %q", got, want)
	}
	if missingRes == nil || len(missingRes.Errors) != 1 {
		t.Fatalf("no error result for the missing target: %+v", w.Results)
	}
	if e := missingRes.Errors[0]; e.Path != missing || e.Line != 0 || !errors.Is(e, fs.ErrNotExist) {
		t.Errorf("missing target error %v (path %q line %d), want not-exist on the target", e, e.Path, e.Line)
	}
	wantSkipped := []Skipped{
		{"infra/README.md", "not an IaC file"},
		{"infra/values.yaml", "YAML that no reader recognises (not Kubernetes, Helm, Kustomize, Compose, CloudFormation or Ansible)"},
		// Match sees the first 8 KiB only.
		{"k8s/late.yaml", "YAML that no reader recognises (not Kubernetes, Helm, Kustomize, Compose, CloudFormation or Ansible)"},
		{"notes.txt", "not a supported IaC format"},
	}
	if !reflect.DeepEqual(w.Skipped, wantSkipped) {
		t.Errorf("skipped\n got %q\nwant %q", w.Skipped, wantSkipped)
	}
	// A scanner sees all its files of one target at once, in walk order.
	if want := [][]string{{"infra/main.tf", "infra/network/vpc.tf"}}; !reflect.DeepEqual(tf.calls, want) {
		t.Errorf("terraform scanner calls %q, want %q", tf.calls, want)
	}
	if want := [][]string{{"k8s/app.yaml"}}; !reflect.DeepEqual(k8s.calls, want) {
		t.Errorf("kubernetes scanner calls %q, want %q", k8s.calls, want)
	}
}

func TestWalkFirstMatchingScannerWins(t *testing.T) {
	dir := t.TempDir()
	tree(t, dir, map[string]string{"a.tf": "a"})
	first, second := &fakeScanner{name: "first", ext: ".tf"}, &fakeScanner{name: "second", ext: ".tf"}
	w, err := Walk(context.Background(), dir, []string{dir}, []FileScanner{first, second})
	if err != nil {
		t.Fatal(err)
	}
	if got := summary(w); !reflect.DeepEqual(got, []string{"a.tf first doc:a.tf=a"}) || len(second.calls) != 0 {
		t.Errorf("results %q, second scanner calls %q", got, second.calls)
	}
}

func TestWalkPaths(t *testing.T) {
	root := t.TempDir()
	repo, outside := filepath.Join(root, "repo"), filepath.Join(root, "outside")
	tree(t, repo, map[string]string{"infra/main.tf": "in repo", "main.tf": "at base"})
	tree(t, outside, map[string]string{"mod/main.tf": "outside dir", "single.tf": "outside file"})
	for _, tc := range []struct {
		name   string
		base   string
		target string
		want   []string
	}{
		{"directory under base: relative to base", repo, filepath.Join(repo, "infra"),
			[]string{"infra/main.tf terraform doc:infra/main.tf=in repo"}},
		{"base itself", repo, repo,
			[]string{"infra/main.tf terraform doc:infra/main.tf=in repo", "main.tf terraform doc:main.tf=at base"}},
		{"file under base", repo, filepath.Join(repo, "infra", "main.tf"),
			[]string{"infra/main.tf terraform doc:infra/main.tf=in repo"}},
		{"unclean target under base", repo, repo + "/infra/../infra/",
			[]string{"infra/main.tf terraform doc:infra/main.tf=in repo"}},
		{"directory outside base: relative to the directory", repo, filepath.Join(outside, "mod"),
			[]string{"main.tf terraform doc:main.tf=outside dir"}},
		{"file outside base: its name", repo, filepath.Join(outside, "single.tf"),
			[]string{"single.tf terraform doc:single.tf=outside file"}},
		{"sibling whose name starts like base", filepath.Join(root, "rep"), repo,
			[]string{"infra/main.tf terraform doc:infra/main.tf=in repo", "main.tf terraform doc:main.tf=at base"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tf, _ := newFakes()
			w, err := Walk(context.Background(), tc.base, []string{tc.target}, []FileScanner{tf})
			if err != nil {
				t.Fatal(err)
			}
			if got := summary(w); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("results\n got %q\nwant %q", got, tc.want)
			}
		})
	}
}

func TestWalkRelativeTargets(t *testing.T) {
	dir := t.TempDir()
	tree(t, dir, map[string]string{"infra/main.tf": "m", "infra/.terraform/x.tf": "cached"})
	t.Chdir(dir)
	tf, _ := newFakes()
	w, err := Walk(context.Background(), ".", []string{"infra", "infra/.terraform"}, []FileScanner{tf})
	if err != nil {
		t.Fatal(err)
	}
	// A skipped directory named as a target is walked: the user asked for it.
	want := []string{"infra/.terraform/x.tf terraform doc:infra/.terraform/x.tf=cached", "infra/main.tf terraform doc:infra/main.tf=m"}
	if got := summary(w); !reflect.DeepEqual(got, want) {
		t.Errorf("results\n got %q\nwant %q", got, want)
	}
}

func TestWalkCanceled(t *testing.T) {
	dir := t.TempDir()
	tree(t, dir, map[string]string{"a.tf": "a"})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	tf, _ := newFakes()
	if _, err := Walk(ctx, dir, []string{dir}, []FileScanner{tf}); !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want context.Canceled", err)
	}
}

// claimer is a fake kustomize: it takes *.kust files, claims the files
// they list (one per line) and only matches files under a dir holding a
// marker, through MatchFS.
type claimer struct{ fakeScanner }

func (c *claimer) Claims(fsys fs.FS, files []string) []string {
	var out []string
	for _, f := range files {
		b, _ := fs.ReadFile(fsys, f)
		for _, l := range strings.Fields(string(b)) {
			out = append(out, path.Join(path.Dir(f), l))
		}
	}
	return out
}

func (c *claimer) MatchFS(fsys fs.FS, p string, head []byte) bool {
	if _, err := fs.Stat(fsys, path.Join(path.Dir(p), "MARKER")); err != nil {
		return false
	}
	return c.Match(p, head)
}

func TestWalkClaimsAndMatchFS(t *testing.T) {
	dir := t.TempDir()
	tree(t, dir, map[string]string{
		"app/MARKER":     "",
		"app/k.kust":     "base.yaml\n",
		"app/base.yaml":  "base",
		"app/other.yaml": "other",
		"lone/k.kust":    "x.yaml\n", // no MARKER: MatchFS refuses it
	})
	kust := &claimer{fakeScanner{name: "kust", ext: ".kust"}}
	yml := &fakeScanner{name: "yaml", ext: ".yaml"}
	w, err := Walk(context.Background(), dir, []string{dir}, []FileScanner{kust, yml})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, r := range w.Results {
		got[r.Path] = r.Format
	}
	want := map[string]string{"app/k.kust": "kust", "app/base.yaml": "kust", "app/other.yaml": "yaml"}
	for p, f := range want {
		if got[p] != f {
			t.Errorf("%s read by %q, want %q (results %v)", p, got[p], f, got)
		}
	}
	if len(yml.calls) != 1 || strings.Join(yml.calls[0], ",") != "app/other.yaml" {
		t.Errorf("yaml scanner got %v, want only the unclaimed file", yml.calls)
	}
	skipped := map[string]bool{}
	for _, s := range w.Skipped {
		skipped[s.Path] = true
	}
	if !skipped["lone/k.kust"] {
		t.Errorf("lone/k.kust not skipped: MatchFS was not consulted (skipped %v)", w.Skipped)
	}
}

// notMine takes .yml files by content and disowns those holding "other":
// the walker lists them as skipped, not as results.
type notMine struct{ fakeScanner }

func (n *notMine) Scan(ctx context.Context, fsys fs.FS, files []string) []Result {
	out := n.fakeScanner.Scan(ctx, fsys, files)
	for i := range out {
		if len(out[i].Documents) == 1 && out[i].Documents[0].Name == "other" {
			out[i] = Result{Path: out[i].Path, Format: n.name, NotFormat: "not a compose file: it has services but no image or build"}
		}
	}
	return out
}

func TestWalkNotFormatIsSkipped(t *testing.T) {
	dir := t.TempDir()
	tree(t, dir, map[string]string{"render.yml": "other", "compose.yml": "web"})
	s := &notMine{fakeScanner{name: "compose", ext: ".yml"}}
	w, err := Walk(context.Background(), dir, []string{dir}, []FileScanner{s})
	if err != nil {
		t.Fatal(err)
	}
	if len(w.Results) != 1 || w.Results[0].Path != "compose.yml" {
		t.Errorf("results %+v, want compose.yml only", w.Results)
	}
	if len(w.Skipped) != 1 || w.Skipped[0].Path != "render.yml" || !strings.Contains(w.Skipped[0].Reason, "not a compose file") {
		t.Errorf("skipped %+v, want render.yml with the scanner's reason", w.Skipped)
	}
}

// --skip-dirs, --skip-files and .tollgateignore leave out what they match
// (a directory as a whole, listed once), whatever scanner would take it;
// a target named explicitly is walked even when a pattern matches it; a
// negation in the ignore file brings a file back.
func TestWalkExclusions(t *testing.T) {
	dir := t.TempDir()
	tree(t, dir, map[string]string{
		"infra/main.tf":                "x",
		"infra/example.tf":             "x",
		"infra/testdata/bad.tf":        "x",
		"app/fixtures/deep/broken.tf":  "x",
		"app/fixtures/deep/keep.tf":    "x",
		"vendor/mod/main.tf":           "x",
		IgnoreFile:                     "# vendored code is scanned upstream\nvendor/\napp/fixtures/**/*.tf\n!app/fixtures/deep/keep.tf\n",
		"scratch/notes/skipme/main.tf": "x",
	})
	ex, err := NewExclude([]string{"**/testdata", "scratch/*/skipme"}, []string{"**/example.tf"})
	if err != nil {
		t.Fatal(err)
	}
	fsys, err := OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer fsys.Close()
	if err := ex.ReadIgnoreFile(fsys, IgnoreFile); err != nil {
		t.Fatal(err)
	}
	s := &fakeScanner{name: "terraform", ext: ".tf"}
	w, err := Walk(context.Background(), dir, []string{dir}, []FileScanner{s}, WithExclude(ex))
	if err != nil {
		t.Fatal(err)
	}
	var scanned, skipped []string
	for _, r := range w.Results {
		scanned = append(scanned, r.Path)
	}
	for _, sk := range w.Skipped {
		if sk.Path != IgnoreFile {
			skipped = append(skipped, sk.Path+" "+sk.Reason)
		}
	}
	sort.Strings(scanned)
	sort.Strings(skipped)
	if want := []string{"app/fixtures/deep/keep.tf", "infra/main.tf"}; !reflect.DeepEqual(scanned, want) {
		t.Errorf("scanned %v, want %v", scanned, want)
	}
	want := []string{
		`app/fixtures/deep/broken.tf excluded by .tollgateignore`,
		`infra/example.tf excluded by --skip-files "**/example.tf"`,
		`infra/testdata/ excluded by --skip-dirs "**/testdata"`,
		`scratch/notes/skipme/ excluded by --skip-dirs "scratch/*/skipme"`,
		`vendor/ excluded by .tollgateignore`,
	}
	if !reflect.DeepEqual(skipped, want) {
		t.Errorf("skipped\n%s\nwant\n%s", strings.Join(skipped, "\n"), strings.Join(want, "\n"))
	}
	// Named explicitly, an excluded directory is scanned.
	w, err = Walk(context.Background(), dir, []string{filepath.Join(dir, "infra", "testdata")}, []FileScanner{s}, WithExclude(ex))
	if err != nil || len(w.Results) != 1 || w.Results[0].Path != "infra/testdata/bad.tf" {
		t.Errorf("explicit target: %+v, %v", w.Results, err)
	}
	if _, err := NewExclude([]string{"a/[b"}, nil); err == nil || !strings.Contains(err.Error(), "--skip-dirs") {
		t.Errorf("bad pattern: %v", err)
	}
}

// The walk classifies files by their heads a batch at a time, read in
// parallel: across several batches, each file still goes to the scanner
// its own head selects, and an unreadable one is an error of its own.
func TestWalkClassifiesManyFilesByTheirOwnHeads(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{}
	n := 3*headBatch + 17
	for i := range n {
		name := fmt.Sprintf("d%02d/f%04d.yaml", i%7, i)
		if i%3 == 0 {
			files[name] = fmt.Sprintf("kind: Pod # %d", i)
		} else {
			files[name] = fmt.Sprintf("other: %d", i)
		}
	}
	tree(t, dir, files)
	if err := syscall.Mkfifo(filepath.Join(dir, "d00", "f9999.yaml"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, k8s := newFakes()
	w, err := Walk(context.Background(), dir, []string{dir}, []FileScanner{k8s})
	if err != nil {
		t.Fatal(err)
	}
	read := 0
	for _, r := range w.Results {
		if len(r.Documents) == 1 && strings.HasPrefix(r.Documents[0].Name, "kind: Pod") && files[r.Path] == r.Documents[0].Name {
			read++
		}
	}
	skipped := 0
	for _, s := range w.Skipped {
		if strings.HasPrefix(files[s.Path], "other:") {
			skipped++
		}
	}
	if want := (n + 2) / 3; read != want || skipped != n-want {
		t.Errorf("read %d Pods (want %d), skipped %d others (want %d)", read, want, skipped, n-want)
	}
	if !slices.ContainsFunc(w.Skipped, func(s Skipped) bool { return s.Path == "d00/f9999.yaml" }) {
		t.Errorf("the FIFO was not skipped: %v", w.Skipped[:3])
	}
}

// unitFake reads each of its files as a unit of its own, calling onScan
// before reading one.
type unitFake struct {
	fakeScanner
	mu     sync.Mutex
	onScan func()
}

func (f *unitFake) Units(_ fs.FS, files []string) [][]string { return FileUnits(files) }

func (f *unitFake) Scan(ctx context.Context, fsys fs.FS, files []string) []Result {
	f.onScan()
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.fakeScanner.Scan(ctx, fsys, files)
}

// An interrupt stops the reading of a large tree: the units not yet
// taken are not read, each of their files holds the interrupt's error,
// and the walk says it is not whole.
func TestWalkCanceledWhileReading(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{}
	for i := range 64 {
		files[fmt.Sprintf("f%02d.tf", i)] = "x"
	}
	tree(t, dir, files)
	var cancel context.CancelFunc
	var scans atomic.Int32
	sc := &unitFake{fakeScanner: fakeScanner{name: "terraform", ext: ".tf"}}
	sc.onScan = func() {
		scans.Add(1)
		cancel()
	}
	for _, hooked := range []bool{false, true} {
		scans.Store(0)
		var ctx context.Context
		ctx, cancel = context.WithCancel(context.Background())
		defer cancel()
		var opts []WalkOption
		if hooked {
			opts = append(opts, WithUnitHook(func(u Unit) {
				for _, r := range u.Read(u.FS) {
					u.Emit(r)
				}
			}))
		}
		w, err := Walk(ctx, dir, []string{dir}, []FileScanner{sc}, opts...)
		if !errors.Is(err, context.Canceled) {
			t.Errorf("hook %v: error %v, want context.Canceled", hooked, err)
		}
		// Only the units already taken when the first read cancelled.
		if n := int(scans.Load()); n < 1 || n > runtime.GOMAXPROCS(0) {
			t.Errorf("hook %v: %d units read after the interrupt, want at most one a worker", hooked, n)
		}
		interrupted := 0
		for _, r := range w.Results {
			if len(r.Errors) == 1 && errors.Is(r.Errors[0], context.Canceled) && r.Errors[0].Path == r.Path && r.Format == "terraform" {
				interrupted++
			}
		}
		if len(w.Results) != 64 || interrupted < 64-runtime.GOMAXPROCS(0) {
			t.Errorf("hook %v: %d results, %d holding the interrupt; want 64, all but the units read", hooked, len(w.Results), interrupted)
		}
	}
}

// The results of one unit are handed over from several goroutines, so
// that a unit of hundreds of files is evaluated on every core.
func TestWalkHandsUnitResultsAtOnce(t *testing.T) {
	if runtime.GOMAXPROCS(0) < 2 {
		t.Skip("one core")
	}
	dir := t.TempDir()
	tree(t, dir, map[string]string{"a.tf": "a", "b.tf": "b"})
	tf, _ := newFakes()
	arrive := make(chan struct{})
	var met atomic.Bool
	var mu sync.Mutex
	var got []string
	_, err := Walk(context.Background(), dir, []string{dir}, []FileScanner{tf}, WithResults(func(r Result) {
		select {
		case arrive <- struct{}{}:
			met.Store(true)
		case <-arrive:
			met.Store(true)
		case <-time.After(5 * time.Second):
		}
		mu.Lock()
		got = append(got, r.Path)
		mu.Unlock()
	}))
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(got)
	if len(tf.calls) != 1 || !reflect.DeepEqual(got, []string{"a.tf", "b.tf"}) {
		t.Fatalf("%d units read, results %q", len(tf.calls), got)
	}
	if !met.Load() {
		t.Error("the unit's results were handed over one after the other")
	}
}
