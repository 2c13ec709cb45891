package tollgate

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tollgate/tollgate/policies"
	"github.com/tollgate/tollgate/report"
	"github.com/tollgate/tollgate/scanners"
)

// uncompiledEvaluator is an evaluator over the built-in library made from
// its catalog: the library compiles only once a document needs it.
func uncompiledEvaluator(t *testing.T) (*policies.Engine, *evaluator, *report.Report) {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	if _, err := policies.Load(ctx, policies.WithCatalog(dir, "k")); err != nil {
		t.Fatal(err)
	}
	engine, err := policies.Load(ctx, policies.WithCatalog(dir, "k"))
	if err != nil || engine.Compiled() {
		t.Fatalf("engine from the catalog: compiled %v, %v", err == nil && engine.Compiled(), err)
	}
	rep := &report.Report{}
	return engine, newEvaluator(ctx, engine, rep, func(string) bool { return true }), rep
}

// A file read while the library compiles is queued, not waited for: the
// walker goes on reading, and the file is evaluated once the library is
// compiled (flush); a file read after that is evaluated at once.
func TestEvaluationWaitsForTheCompileWithoutTheWalker(t *testing.T) {
	engine, ev, rep := uncompiledEvaluator(t)
	file := func(name string) scanners.Result {
		loc := map[string]any{"path": name, "start_line": 1, "end_line": 4}
		return scanners.Result{Path: name, Format: "terraform", Documents: []scanners.Document{{
			Format: "terraform", Type: "aws_s3_bucket", Name: "b", Address: "aws_s3_bucket.b", Path: name,
			Resource: map[string]any{scanners.LocKey: loc, "bucket": "x", "acl": "public-read"},
		}}}
	}
	counts := func() (files, resources, findings int) {
		ev.mu.Lock()
		defer ev.mu.Unlock()
		return rep.Summary.FilesScanned, rep.Summary.Resources, len(rep.Findings)
	}
	ev.file(file("a.tf"))
	// The compile takes about a second; queueing, microseconds.
	if engine.Compiled() {
		t.Fatal("the walker waited for the library's compile")
	}
	if files, _, _ := counts(); files != 0 {
		t.Fatalf("%d files recorded before the library was compiled", files)
	}
	if err := ev.flush(); err != nil {
		t.Fatal(err)
	}
	files, resources, findings := counts()
	if files != 1 || resources != 1 || findings == 0 {
		t.Fatalf("after flush: %d files, %d resources, %d findings; want the queued file evaluated", files, resources, findings)
	}
	ev.file(file("b.tf"))
	if files, _, _ := counts(); files != 2 {
		t.Errorf("a file read after the compile: %d files recorded on return, want it evaluated at once", files)
	}
}

// A policy that does not compile is the user's error, as it was when the
// library compiled before the first file was read: the scan stops and
// reports it, never a report of files whose evaluation failed.
func TestScanWithPolicyThatDoesNotCompile(t *testing.T) {
	dir, pol := t.TempDir(), t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte("resource \"aws_s3_bucket\" \"b\" {\n  acl = \"public-read\"\n}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(pol, "bad.rego"), []byte("package custom.bad\nimport rego.v1\ndeny contains x if input.y == 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, noCache := range []bool{true, false} {
		_, err := Scan(context.Background(), Options{Root: dir, Targets: []string{dir}, PolicyDirs: []string{pol}, NoCache: noCache,
			CacheDir: t.TempDir(), FailOn: "none"})
		var ue *UsageError
		if !errors.As(err, &ue) || !strings.Contains(err.Error(), "compile policies") || !strings.Contains(err.Error(), "var x is unsafe") {
			t.Errorf("no cache %v: error %v, want the compile's usage error", noCache, err)
		}
	}
}

// A file is left out of the inline exceptions pass only when every read of
// it during the scan saw no exception marker.
func TestFilesLeftOutOfTheExceptionsPass(t *testing.T) {
	ev := &evaluator{}
	plain, marked := []byte("resource \"a\" \"b\" {}\n"), []byte("# tollgate:ignore:TG-AWS-001\nresource \"a\" \"b\" {}\n")
	ev.saw("plain.tf", plain)
	ev.saw("plain.tf", plain)
	ev.saw("edited.tf", plain)
	ev.saw("edited.tf", marked)
	ev.saw("edited.tf", plain)
	ev.saw("marked.tf", marked)
	got := ev.mayHoldExceptions([]string{"edited.tf", "marked.tf", "never-read.tf", "plain.tf"})
	if want := []string{"edited.tf", "marked.tf", "never-read.tf"}; !slices.Equal(got, want) {
		t.Errorf("files read for exceptions %q, want %q", got, want)
	}
}

// A file that could not be read has nothing to evaluate: it is recorded at
// once, and the library is not compiled for it (a scan whose every file
// fails need not wait for a compile).
func TestUnreadFileNeedsNoCompile(t *testing.T) {
	engine, ev, rep := uncompiledEvaluator(t)
	ev.file(scanners.Result{Path: "bad.tf", Format: "terraform", Errors: []*scanners.FileError{{Path: "bad.tf", Line: 2, Err: errors.New("over the limit")}}})
	if rep.Summary.FilesFailed != 1 || len(rep.Errors) != 1 {
		t.Errorf("%d files failed, errors %v: want the file recorded on return", rep.Summary.FilesFailed, rep.Errors)
	}
	if err := ev.flush(); err != nil || ev.pend.started || engine.Compiled() {
		t.Errorf("flush %v, queue started %v, compiled %v: want nothing waiting for a compile", err, ev.pend.started, engine.Compiled())
	}
}
