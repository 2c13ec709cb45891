package scanners

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"
	"syscall"
)

// ErrOutsideRoot is returned when a path, once its symbolic links are
// resolved, lies outside the scan root.
var ErrOutsideRoot = errors.New("outside the scan root")

// ErrNotRegular is returned for a device, FIFO, socket or pseudo-file
// (/proc, /sys): scanners read regular files and directories only.
var ErrNotRegular = errors.New("not a regular file")

// RootFS is the one file system every reader is handed: the scan root,
// confined. It follows a symbolic link only when, resolved, the link stays
// inside the root (os.Root does the resolving, so no check-then-open race
// can lead out of it); a link that leads out is an error naming the link.
// Devices, FIFOs, sockets and files of kernel pseudo-file systems (/proc,
// /sys) are never opened for reading, whatever links lead to them.
//
// It implements fs.FS, fs.StatFS, fs.ReadDirFS and fs.ReadFileFS; readers
// that need another reader's files (Helm's .Files, Kustomize's loader,
// Terraform's file()) go through it too.
type RootFS struct {
	root *os.Root
	fsys fs.FS
	dir  string
	// fast resolves paths in one system call where the kernel can
	// (openat2 with RESOLVE_BENEATH, rootfs_linux.go); nil elsewhere.
	fast *beneath
}

var (
	_ fs.StatFS     = (*RootFS)(nil)
	_ fs.ReadDirFS  = (*RootFS)(nil)
	_ fs.ReadFileFS = (*RootFS)(nil)
)

// useOpenat2 turns the openat2 fast path off in tests, which run every
// confinement case both ways.
var useOpenat2 = true

// OpenRoot opens dir as a confined file system.
func OpenRoot(dir string) (*RootFS, error) {
	r, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	return &RootFS{root: r, fsys: r.FS(), dir: dir, fast: openBeneath(dir)}, nil
}

// Dir is the directory the file system is rooted at.
func (r *RootFS) Dir() string { return r.dir }

// Close releases the root's directory handle.
func (r *RootFS) Close() error {
	if r.fast != nil {
		r.fast.close()
	}
	return r.root.Close()
}

// Open opens a regular file or a directory.
func (r *RootFS) Open(name string) (fs.File, error) {
	if _, err := r.Stat(name); err != nil {
		return nil, err
	}
	// O_NONBLOCK: should the file have been swapped for a FIFO since the
	// Stat, opening it must not block; the check below then refuses it.
	f, err := r.openFile(name, openFileFlags, os.O_RDONLY|syscall.O_NONBLOCK|syscall.O_NOCTTY)
	if err != nil {
		return nil, r.explain("open", name, err)
	}
	st, err := f.Stat()
	if err == nil && !st.Mode().IsRegular() && !st.IsDir() {
		err = ErrNotRegular
	}
	if err == nil && pseudoFS(f) {
		err = ErrNotRegular
	}
	if err != nil {
		f.Close()
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	return f, nil
}

// Stat describes name, following links that stay inside the root.
func (r *RootFS) Stat(name string) (fs.FileInfo, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrInvalid}
	}
	st, err := r.stat(name)
	if err != nil {
		return nil, r.explain("stat", name, err)
	}
	if !st.Mode().IsRegular() && !st.IsDir() {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: fmt.Errorf("%w (%s)", ErrNotRegular, fileKind(st.Mode()))}
	}
	return st, nil
}

// ReadDir lists a directory. Entries keep their own type: a symbolic link
// is listed as one, and Stat tells what it leads to.
func (r *RootFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if _, err := r.Stat(name); err != nil {
		return nil, err
	}
	if r.fast != nil {
		f, err := r.fast.open(name, openDirFlags)
		if err == nil {
			defer f.Close()
			ents, err := f.ReadDir(-1)
			if err != nil {
				return nil, r.explain("readdir", name, err)
			}
			slices.SortFunc(ents, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
			return ents, nil
		}
		if err != errRetry {
			return nil, r.explain("readdir", name, err)
		}
	}
	ents, err := fs.ReadDir(r.fsys, name)
	if err != nil {
		return nil, r.explain("readdir", name, err)
	}
	return ents, nil
}

// stat is os.Root's Stat, in one system call where the kernel can.
func (r *RootFS) stat(name string) (fs.FileInfo, error) {
	if r.fast != nil {
		if st, err := r.fast.stat(name); err != errRetry {
			return st, err
		}
	}
	return r.root.Stat(name)
}

// openFile is os.Root's OpenFile, in one system call where the kernel can
// (fastFlags are the same flags for it).
func (r *RootFS) openFile(name string, fastFlags, flags int) (*os.File, error) {
	if r.fast != nil {
		if f, err := r.fast.open(name, fastFlags); err != errRetry {
			return f, err
		}
	}
	return r.root.OpenFile(name, flags, 0)
}

// ReadFile reads a file, refusing files over MaxFileSize.
func (r *RootFS) ReadFile(name string) ([]byte, error) {
	return ReadFile(onlyOpen{r}, name)
}

// onlyOpen hides RootFS's ReadFile from ReadFile, which would call it back.
type onlyOpen struct{ r *RootFS }

func (o onlyOpen) Open(name string) (fs.File, error) { return o.r.Open(name) }

// explain turns os.Root's errors into ones that say which link led out of
// the root.
func (r *RootFS) explain(op, name string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	if err.Error() == "path escapes from parent" || strings.Contains(err.Error(), "escapes") {
		if link, target := r.firstLink(name); link != "" {
			err = fmt.Errorf("%w: %s is a symbolic link to %s", ErrOutsideRoot, link, target)
		} else {
			err = ErrOutsideRoot
		}
	}
	return &fs.PathError{Op: op, Path: name, Err: err}
}

// firstLink returns the first component of name that is a symbolic link,
// and where it points.
func (r *RootFS) firstLink(name string) (link, target string) {
	parts := strings.Split(name, "/")
	for i := range parts {
		p := path.Join(parts[:i+1]...)
		st, err := r.root.Lstat(p)
		if err != nil {
			return "", ""
		}
		if st.Mode()&fs.ModeSymlink != 0 {
			t, err := r.root.Readlink(p)
			if err != nil {
				t = "?"
			}
			return p, t
		}
	}
	return "", ""
}

func fileKind(m fs.FileMode) string {
	switch {
	case m&fs.ModeDevice != 0 || m&fs.ModeCharDevice != 0:
		return "a device"
	case m&fs.ModeNamedPipe != 0:
		return "a FIFO"
	case m&fs.ModeSocket != 0:
		return "a socket"
	}
	return "not a file or directory"
}
