package scanners

import (
	"testing"

	"golang.org/x/sys/unix"
)

// Where the kernel has openat2, RootFS uses it: the confinement tests'
// openat2 runs would otherwise test os.Root twice.
func TestRootFSUsesOpenat2WhereTheKernelHasIt(t *testing.T) {
	dir := t.TempDir()
	fd, err := unix.Openat2(unix.AT_FDCWD, dir, &unix.OpenHow{Flags: unix.O_PATH | unix.O_CLOEXEC, Resolve: unix.RESOLVE_BENEATH})
	if err != nil {
		t.Skipf("openat2 unavailable here (%v): os.Root alone is used", err)
	}
	unix.Close(fd)
	fsys, err := OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer fsys.Close()
	if fsys.fast == nil {
		t.Error("openat2 works here but RootFS does not use it")
	}
}
