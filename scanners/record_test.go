package scanners

import (
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"testing"
)

// TestRecorderSeesEveryChange: what a reader learnt through a Recorder (a
// file's content, a file found missing, a directory's names, a stat) is
// unchanged until the tree changes in a way the reader could have seen.
func TestRecorderSeesEveryChange(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("main.tf", "a")
	write("mod/main.tf", "b")
	write("big.tf", "0123456789")
	root, err := OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	rec := NewRecorder(root)
	if b, err := ReadFile(rec, "main.tf"); err != nil || string(b) != "a" {
		t.Fatalf("ReadFile = %q, %v", b, err)
	}
	if _, err := fs.ReadFile(rec, "mod/main.tf"); err != nil {
		t.Fatal(err)
	}
	if _, err := rec.Stat("terraform.tfvars"); err == nil {
		t.Fatal("stat of a missing file succeeded")
	}
	if _, err := rec.Open("vars.auto.tfvars"); err == nil {
		t.Fatal("open of a missing file succeeded")
	}
	if _, err := rec.Stat("big.tf"); err != nil {
		t.Fatal(err)
	}
	if _, err := fs.ReadDir(rec, "mod"); err != nil {
		t.Fatal(err)
	}
	deps, complete := rec.Deps()
	if !complete || len(deps) != 6 {
		t.Fatalf("deps = %+v (complete %v), want 6", deps, complete)
	}
	if !Unchanged(root, deps) {
		t.Fatal("unchanged tree reported changed")
	}
	for _, tc := range []struct {
		name         string
		change, undo func()
	}{
		{"file read edited", func() { write("main.tf", "A") }, func() { write("main.tf", "a") }},
		{"file read through fs.ReadFile edited", func() { write("mod/main.tf", "B") }, func() { write("mod/main.tf", "b") }},
		{"missing file created (stat)", func() { write("terraform.tfvars", "x=1") }, func() { os.Remove(filepath.Join(dir, "terraform.tfvars")) }},
		{"missing file created (open)", func() { write("vars.auto.tfvars", "x=1") }, func() { os.Remove(filepath.Join(dir, "vars.auto.tfvars")) }},
		{"stated file grown", func() { write("big.tf", "0123456789!") }, func() { write("big.tf", "0123456789") }},
		{"file added to a listed directory", func() { write("mod/extra.tf", "") }, func() { os.Remove(filepath.Join(dir, "mod/extra.tf")) }},
	} {
		tc.change()
		if Unchanged(root, deps) {
			t.Errorf("%s: reported unchanged", tc.name)
		}
		tc.undo()
		if !Unchanged(root, deps) {
			t.Errorf("%s, then undone: reported changed", tc.name)
		}
	}
	// A file the recorder could not read whole is never trusted.
	write("huge.tf", string(make([]byte, MaxFileSize+1)))
	rec2 := NewRecorder(root)
	if _, err := ReadFile(rec2, "huge.tf"); err == nil {
		t.Fatal("a file over MaxFileSize was read")
	}
	if _, complete := rec2.Deps(); complete {
		t.Fatal("a file over MaxFileSize left the record complete")
	}
}

// Recorder.See and UnchangedSeeing show each file read whole with the
// bytes read, so that its caller need not read it again.
func TestRecorderShowsWhatItReads(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{"a.tf": "a", "sub/b.tf": "bb"} {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	root, err := OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	want := map[string]string{"a.tf": "a", "sub/b.tf": "bb"}
	seen := map[string]string{}
	rec := NewRecorder(root)
	rec.See(func(name string, b []byte) { seen[name] = string(b) })
	for name := range want {
		if _, err := ReadFile(rec, name); err != nil {
			t.Fatal(err)
		}
	}
	rec.ReadDir("sub") //nolint:errcheck
	if !maps.Equal(seen, want) {
		t.Errorf("Recorder showed %q, want %q", seen, want)
	}
	deps, _ := rec.Deps()
	seen = map[string]string{}
	if !UnchangedSeeing(root, deps, func(name string, b []byte) { seen[name] = string(b) }) || !maps.Equal(seen, want) {
		t.Errorf("UnchangedSeeing showed %q, want %q", seen, want)
	}
}
