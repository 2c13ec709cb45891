package kustomize

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"strings"

	"sigs.k8s.io/kustomize/kyaml/filesys"

	"github.com/tollgate/tollgate/scanners"
)

// vroot is where the scanned file system appears to kustomize, which works
// with absolute paths. A path that climbs out of it (../../ above the scan
// root) does not exist, rather than being clamped to the root.
const vroot = "/tollgate-scan"

var errReadOnly = errors.New("read-only file system")

// readOnlyFS presents an fs.FS to kustomize as a read-only
// filesys.FileSystem. Every file read goes through onRead, which may
// inspect or rewrite it (in memory: the scanned files are never written).
type readOnlyFS struct {
	fsys   fs.FS
	onRead func(name string, data []byte) ([]byte, error)
}

var _ filesys.FileSystem = (*readOnlyFS)(nil)

// name converts a kustomize path into a path of fsys.
func (r *readOnlyFS) name(p string) (string, error) {
	p = filepath.ToSlash(p)
	if !path.IsAbs(p) {
		p = path.Join(vroot, p)
	}
	p = path.Clean(p)
	if p == vroot {
		return ".", nil
	}
	rel, ok := strings.CutPrefix(p, vroot+"/")
	if !ok {
		return "", fmt.Errorf("%s: %w", p, errOutside)
	}
	return rel, nil
}

var errOutside = errors.New("outside the scanned tree")

// absPath is the kustomize path of name.
func absPath(name string) string {
	if name == "." {
		return filepath.FromSlash(vroot)
	}
	return filepath.FromSlash(vroot + "/" + name)
}

// relPath turns the kustomize paths in a message back into scanned paths.
func relPath(msg string) string {
	return strings.ReplaceAll(strings.ReplaceAll(msg, vroot+"/", ""), vroot, ".")
}

func (r *readOnlyFS) Create(string) (filesys.File, error) { return nil, errReadOnly }
func (r *readOnlyFS) Mkdir(string) error                  { return errReadOnly }
func (r *readOnlyFS) MkdirAll(string) error               { return errReadOnly }
func (r *readOnlyFS) RemoveAll(string) error              { return errReadOnly }
func (r *readOnlyFS) WriteFile(string, []byte) error      { return errReadOnly }

func (r *readOnlyFS) Open(p string) (filesys.File, error) {
	name, err := r.name(p)
	if err != nil {
		return nil, err
	}
	f, err := r.fsys.Open(name)
	if err != nil {
		return nil, err
	}
	return readOnlyFile{f}, nil
}

func (r *readOnlyFS) stat(p string) (fs.FileInfo, error) {
	name, err := r.name(p)
	if err != nil {
		return nil, err
	}
	return fs.Stat(r.fsys, name)
}

func (r *readOnlyFS) IsDir(p string) bool {
	st, err := r.stat(p)
	return err == nil && st.IsDir()
}

func (r *readOnlyFS) Exists(p string) bool {
	_, err := r.stat(p)
	return err == nil
}

func (r *readOnlyFS) ReadDir(p string) ([]string, error) {
	name, err := r.name(p)
	if err != nil {
		return nil, err
	}
	entries, err := fs.ReadDir(r.fsys, name)
	if err != nil {
		return nil, err
	}
	out := make([]string, len(entries))
	for i, e := range entries {
		out[i] = e.Name()
	}
	return out, nil
}

// CleanedAbs splits an existing path into its directory and file name; the
// file name is empty when the path is a directory.
func (r *readOnlyFS) CleanedAbs(p string) (filesys.ConfirmedDir, string, error) {
	name, err := r.name(p)
	if err != nil {
		return "", "", err
	}
	st, err := fs.Stat(r.fsys, name)
	if err != nil {
		return "", "", fmt.Errorf("%s: %w", name, unwrapPathErr(err))
	}
	if st.IsDir() {
		return filesys.ConfirmedDir(absPath(name)), "", nil
	}
	return filesys.ConfirmedDir(absPath(path.Dir(name))), path.Base(name), nil
}

func (r *readOnlyFS) Glob(pattern string) ([]string, error) {
	name, err := r.name(pattern)
	if err != nil {
		return nil, err
	}
	matches, err := fs.Glob(r.fsys, name)
	if err != nil {
		return nil, err
	}
	for i, m := range matches {
		matches[i] = absPath(m)
	}
	return matches, nil
}

func (r *readOnlyFS) ReadFile(p string) ([]byte, error) {
	name, err := r.name(p)
	if err != nil {
		return nil, err
	}
	data, err := scanners.ReadFile(r.fsys, name)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, unwrapPathErr(err))
	}
	if r.onRead == nil {
		return data, nil
	}
	return r.onRead(name, data)
}

func (r *readOnlyFS) Walk(p string, fn filepath.WalkFunc) error {
	name, err := r.name(p)
	if err != nil {
		return err
	}
	return fs.WalkDir(r.fsys, name, func(q string, d fs.DirEntry, err error) error {
		if err != nil {
			return fn(absPath(q), nil, err)
		}
		info, err := d.Info()
		return fn(absPath(q), info, err)
	})
}

// readOnlyFile is an fs.File that refuses writes.
type readOnlyFile struct{ fs.File }

func (readOnlyFile) Write([]byte) (int, error) { return 0, errReadOnly }

// unwrapPathErr drops the *fs.PathError wrapper, whose path is already in
// the message.
func unwrapPathErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
