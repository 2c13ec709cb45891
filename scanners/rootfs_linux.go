package scanners

import (
	"errors"
	"io/fs"
	"os"

	"golang.org/x/sys/unix"
)

// pseudoFS reports whether f lives on a kernel pseudo-file system whose
// files look regular but are not the repository's content: /proc (the
// process environment), /sys, debugfs and the like.
func pseudoFS(f *os.File) bool {
	var st unix.Statfs_t
	if err := unix.Fstatfs(int(f.Fd()), &st); err != nil {
		return true // cannot tell: refuse
	}
	switch int64(st.Type) {
	case unix.PROC_SUPER_MAGIC, unix.SYSFS_MAGIC, unix.DEBUGFS_MAGIC, unix.TRACEFS_MAGIC,
		unix.SECURITYFS_MAGIC, unix.CGROUP_SUPER_MAGIC, unix.CGROUP2_SUPER_MAGIC,
		unix.DEVPTS_SUPER_MAGIC, unix.BPF_FS_MAGIC, unix.EFIVARFS_MAGIC:
		return true
	}
	return false
}

// beneath opens the files under a directory with openat2(2) and
// RESOLVE_BENEATH: the kernel resolves the whole path in one call and
// refuses, as os.Root does, every ".." and symbolic link (absolute, or
// relative and leading out) that would leave the directory, and with
// RESOLVE_NO_MAGICLINKS the /proc links too. os.Root resolves a path one
// component at a time, a few system calls for each, and a scan opens every
// file several times (to classify it, to split the units, to check the
// cache, to read exceptions): that resolution was a quarter of the CPU of
// a warm rescan. Where openat2 is missing (Linux before 5.6) or refused (a
// seccomp filter), RootFS keeps to os.Root.
type beneath struct{ fd int }

// errEscapes is os.Root's error for a path that leaves the root, which
// RootFS.explain turns into one naming the link.
var errEscapes = errors.New("path escapes from parent")

// errRetry: the kernel saw a rename race and asks for a retry; the call
// is made again through os.Root.
var errRetry = errors.New("openat2: retry")

func openBeneath(dir string) *beneath {
	if !useOpenat2 {
		return nil
	}
	fd, err := unix.Open(dir, unix.O_PATH|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		return nil
	}
	b := &beneath{fd: fd}
	probe, err := b.openat2(".", unix.O_PATH|unix.O_DIRECTORY)
	if err != nil {
		unix.Close(fd)
		return nil
	}
	unix.Close(probe)
	return b
}

func (b *beneath) openat2(name string, flags int) (int, error) {
	how := &unix.OpenHow{Flags: uint64(flags | unix.O_CLOEXEC), Resolve: unix.RESOLVE_BENEATH | unix.RESOLVE_NO_MAGICLINKS}
	for {
		fd, err := unix.Openat2(b.fd, name, how)
		switch err {
		case nil:
			return fd, nil
		case unix.EINTR:
			continue
		case unix.EXDEV:
			return -1, errEscapes
		case unix.EAGAIN:
			return -1, errRetry
		}
		return -1, err
	}
}

// open opens name with flags.
func (b *beneath) open(name string, flags int) (*os.File, error) {
	fd, err := b.openat2(name, flags)
	if err != nil {
		return nil, err
	}
	return os.NewFile(uintptr(fd), name), nil
}

// stat describes name, following links: an O_PATH descriptor reads
// nothing and has no effect on a device or a FIFO.
func (b *beneath) stat(name string) (fs.FileInfo, error) {
	f, err := b.open(name, unix.O_PATH)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return f.Stat()
}

func (b *beneath) close() error { return unix.Close(b.fd) }

// Flags of RootFS.Open and ReadDir.
const (
	openFileFlags = unix.O_RDONLY | unix.O_NONBLOCK | unix.O_NOCTTY
	openDirFlags  = unix.O_RDONLY | unix.O_DIRECTORY
)
