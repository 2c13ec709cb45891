package scanners

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// hostile lays out a scan root with links of every kind beside it: links
// that stay inside, links that lead out (to a file, a directory, the
// process environment), a dangling link and a FIFO.
func hostile(t *testing.T) (root, outside string) {
	t.Helper()
	dir := t.TempDir()
	root, outside = filepath.Join(dir, "root"), filepath.Join(dir, "outside")
	tree(t, outside, map[string]string{"secret.tf": "SECRET-OUTSIDE", "mod/main.tf": "SECRET-MODULE"})
	tree(t, root, map[string]string{"real.tf": "real", "sub/inner.tf": "inner"})
	links := map[string]string{
		"inside.tf":      "real.tf",
		"sub/up.tf":      "../real.tf",
		"out.tf":         filepath.Join(outside, "secret.tf"),
		"rel-out.tf":     "../outside/secret.tf",
		"env.tf":         "/proc/self/environ",
		"dangling.tf":    "nowhere.tf",
		"moddir":         filepath.Join(outside, "mod"),
		"insidedir":      "sub",
		"sub/chain.tf":   "../inside.tf",
		"chain-out.tf":   "sub/hop.tf",
		"sub/hop.tf":     "../../outside/secret.tf",
		"devnull.tf":     "/dev/null",
		"sub/escape.tf":  "../../root/../outside/secret.tf",
		"self-loop.tf":   "self-loop.tf",
		"insidedir2.tf":  "insidedir/inner.tf",
		"moddir-file.tf": "moddir/main.tf",
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(root, filepath.FromSlash(name))); err != nil {
			t.Fatal(err)
		}
	}
	if err := syscall.Mkfifo(filepath.Join(root, "fifo.tf"), 0o644); err != nil {
		t.Fatal(err)
	}
	return root, outside
}

// bothResolvers runs test with the openat2 fast path (where the kernel
// has it) and with os.Root alone: both must confine alike.
func bothResolvers(t *testing.T, test func(t *testing.T)) {
	for _, fast := range []bool{true, false} {
		name := "os.Root"
		if fast {
			name = "openat2"
		}
		t.Run(name, func(t *testing.T) {
			defer func(v bool) { useOpenat2 = v }(useOpenat2)
			useOpenat2 = fast
			test(t)
		})
	}
}

func TestRootFSConfinesReads(t *testing.T) { bothResolvers(t, testRootFSConfinesReads) }

func testRootFSConfinesReads(t *testing.T) {
	root, _ := hostile(t)
	fsys, err := OpenRoot(root)
	if err != nil {
		t.Fatal(err)
	}
	defer fsys.Close()
	for name, want := range map[string]string{"inside.tf": "real", "sub/up.tf": "real", "sub/chain.tf": "real", "insidedir2.tf": "inner", "insidedir/inner.tf": "inner"} {
		b, err := fsys.ReadFile(name)
		if err != nil || string(b) != want {
			t.Errorf("%s: %q, %v; want %q (a link inside the root is followed)", name, b, err, want)
		}
	}
	for name, wantErr := range map[string]error{
		"out.tf":          ErrOutsideRoot,
		"rel-out.tf":      ErrOutsideRoot,
		"env.tf":          ErrOutsideRoot,
		"chain-out.tf":    ErrOutsideRoot,
		"sub/escape.tf":   ErrOutsideRoot,
		"moddir/main.tf":  ErrOutsideRoot,
		"moddir-file.tf":  ErrOutsideRoot,
		"devnull.tf":      ErrOutsideRoot,
		"fifo.tf":         ErrNotRegular,
		"dangling.tf":     fs.ErrNotExist,
		"../outside/x.tf": fs.ErrInvalid,
		"/etc/passwd":     fs.ErrInvalid,
	} {
		b, err := fsys.ReadFile(name)
		if !errors.Is(err, wantErr) {
			t.Errorf("%s: read %q, err %v; want %v", name, b, err, wantErr)
		}
		if strings.Contains(string(b), "SECRET") {
			t.Errorf("%s: read outside the root", name)
		}
	}
	// The error names the link and where it leads, so the user can fix it.
	_, err = fsys.ReadFile("moddir/main.tf")
	if err == nil || !strings.Contains(err.Error(), "moddir is a symbolic link to ") {
		t.Errorf("error %v does not name the link", err)
	}
	if _, err := fsys.ReadDir("moddir"); !errors.Is(err, ErrOutsideRoot) {
		t.Errorf("ReadDir through a link out of the root: %v", err)
	}
	if _, err := fsys.Open("self-loop.tf"); err == nil {
		t.Error("a link loop opened")
	}
}

// TestRootFSRefusesProc: even a root that contains /proc never yields the
// process environment.
func TestRootFSRefusesProc(t *testing.T) { bothResolvers(t, testRootFSRefusesProc) }

func testRootFSRefusesProc(t *testing.T) {
	if _, err := os.Stat("/proc/self/environ"); err != nil {
		t.Skip("no /proc here")
	}
	fsys, err := OpenRoot("/proc/self")
	if err != nil {
		t.Fatal(err)
	}
	defer fsys.Close()
	if b, err := fsys.ReadFile("environ"); !errors.Is(err, ErrNotRegular) {
		t.Errorf("read /proc/self/environ: %d bytes, %v", len(b), err)
	}
}

func TestWalkFollowsLinksOnlyInsideTheRoot(t *testing.T) {
	bothResolvers(t, testWalkFollowsLinksOnlyInsideTheRoot)
}

func testWalkFollowsLinksOnlyInsideTheRoot(t *testing.T) {
	root, _ := hostile(t)
	tf := &fakeScanner{name: "tf", ext: ".tf"}
	done := make(chan struct{})
	var w Walked
	var err error
	go func() {
		defer close(done)
		w, err = Walk(context.Background(), root, []string{root}, []FileScanner{tf})
	}()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("the walk blocked (on the FIFO?)")
	}
	if err != nil {
		t.Fatal(err)
	}
	docs := map[string]string{}
	errs := map[string]string{}
	for _, r := range w.Results {
		for _, d := range r.Documents {
			docs[d.Path] = d.Name
		}
		for _, e := range r.Errors {
			errs[e.Path] = e.Err.Error()
		}
	}
	for p, want := range map[string]string{"real.tf": "real", "inside.tf": "real", "sub/up.tf": "real", "sub/chain.tf": "real", "insidedir2.tf": "inner"} {
		if docs[p] != want {
			t.Errorf("%s: read %q, want %q (links inside the root are followed)", p, docs[p], want)
		}
	}
	for _, p := range []string{"out.tf", "rel-out.tf", "env.tf", "chain-out.tf", "sub/escape.tf", "moddir-file.tf", "devnull.tf", "dangling.tf"} {
		if errs[p] == "" {
			t.Errorf("%s: no error (a link that cannot be followed inside the root must fail the scan)", p)
		}
	}
	if !strings.Contains(errs["out.tf"], "outside the scan root") {
		t.Errorf("out.tf: %q", errs["out.tf"])
	}
	for p, v := range docs {
		if strings.Contains(v, "SECRET") || strings.Contains(v, "PATH=") {
			t.Errorf("%s: read outside the root: %q", p, v)
		}
	}
	skipped := map[string]string{}
	for _, s := range w.Skipped {
		skipped[s.Path] = s.Reason
	}
	if !strings.Contains(skipped["fifo.tf"], "never read") {
		t.Errorf("fifo.tf: skipped %q", skipped["fifo.tf"])
	}
	if !strings.Contains(skipped["insidedir"], "symbolic link to a directory") {
		t.Errorf("insidedir: skipped %q", skipped["insidedir"])
	}
}
