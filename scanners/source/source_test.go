package source

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"testing/fstest"

	"github.com/tollgate/tollgate/scanners"
)

// copyTree copies the sample source tree (go.mod, requirements.txt) and
// adds a Go file, so that "go list" would have something to list.
func copyTree(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range []string{"go.mod", "requirements.txt"} {
		b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "source", "app", f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, f), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	main := "package main\n\nimport _ \"github.com/google/uuid\"\n\nfunc main() {}\n"
	if err := os.WriteFile(filepath.Join(dir, "main.go"), []byte(main), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestLoadRunsNoProgram is D16: cataloguing a tree never runs a program
// on its behalf. A fake "go" first on PATH would write a marker if syft's
// Go cataloguer ran "go list"; the modules still come from go.mod.
func TestLoadRunsNoProgram(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the fake go is a shell script")
	}
	bin := t.TempDir()
	marker := filepath.Join(t.TempDir(), "ran")
	fake := "#!/bin/sh\necho \"$0 $*\" >> '" + marker + "'\nexit 1\n"
	if err := os.WriteFile(filepath.Join(bin, "go"), []byte(fake), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	t.Setenv("GOFLAGS", "")
	dir := copyTree(t)

	tree, err := Load(context.Background(), dir, ".", Options{ToolName: "tollgate", ToolVersion: "test"})
	if err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(marker); err == nil {
		t.Errorf("the scan ran a program from the tree's PATH:\n%s", b)
	}
	found := map[string]string{}
	for _, p := range tree.SBOM.Artifacts.Packages.Sorted() {
		found[p.Name] = p.Version
	}
	for name, version := range map[string]string{"github.com/google/uuid": "v1.6.0", "github.com/spf13/cobra": "v1.8.1", "flask": "3.0.3"} {
		if found[name] != version {
			t.Errorf("package %s: version %q, want %q (found %v)", name, found[name], version, found)
		}
	}
	// Each package is located on the manifest line that names it.
	pkgs := tree.Document.Resource["packages"].([]any)
	lines := map[string]int{}
	for _, p := range pkgs {
		m := p.(map[string]any)
		loc := m[scanners.LocKey].(map[string]any)
		lines[m["name"].(string)+" "+loc["path"].(string)] = loc["start_line"].(int)
	}
	if lines["github.com/google/uuid go.mod"] != 6 || lines["flask requirements.txt"] != 2 {
		t.Errorf("package lines %v", lines)
	}
}

// TestLineFinderStaysInTheTree: a manifest that is a link out of the tree
// is not read to locate packages.
func TestLineFinderStaysInTheTree(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "secret.txt")
	os.WriteFile(outside, []byte("line one\nflask==1\n"), 0o644)
	dir := t.TempDir()
	os.Symlink(outside, filepath.Join(dir, "requirements.txt"))
	rfs, err := scanners.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer rfs.Close()
	if got := readLines(rfs, "requirements.txt"); got != nil {
		t.Errorf("read %q through a link out of the tree", got)
	}
	os.WriteFile(filepath.Join(dir, "inside.txt"), []byte("a\nb\n"), 0o644)
	if got := readLines(rfs, "inside.txt"); len(got) != 2 {
		t.Errorf("inside.txt: %q", got)
	}
}

// TestBinariesHaveNoLines: a binary whose build information syft reads
// (a release's own binary) is not searched line by line for each of its
// hundreds of packages (that took minutes on a 130 MB binary): its packages
// are located on line 1; a text manifest is still read.
func TestBinariesHaveNoLines(t *testing.T) {
	fsys := fstest.MapFS{
		"tool":      {Data: []byte("\x7fELF\x00\x00github.com/spf13/cobra\n")},
		"go.mod":    {Data: []byte("module x\n\nrequire github.com/spf13/cobra v1.10.2\n")},
		"huge.lock": {Data: bytes.Repeat([]byte("a\n"), scanners.MaxFileSize/2+1)},
	}
	if got := readLines(fsys, "tool"); got != nil {
		t.Errorf("binary read as %d lines", len(got))
	}
	if got := readLines(fsys, "huge.lock"); got != nil {
		t.Errorf("a file over the size limit read as %d lines", len(got))
	}
	if got := readLines(fsys, "go.mod"); len(got) != 3 {
		t.Errorf("go.mod read as %q", got)
	}
}
