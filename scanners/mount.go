package scanners

import (
	"io/fs"
	"strings"
)

// MountFS is a scan root with downloaded packages mounted at paths naming
// them (registry.terraform.io/ns/name/aws@1.2.0, github.com/org/repo@v1),
// each confined to its own directory as the scan root is. Readers that
// pull dependencies (--download-modules, --download-bases) read through it.
type MountFS struct {
	Base   fs.FS
	mounts map[string]*RootFS
}

var (
	_ fs.StatFS     = (*MountFS)(nil)
	_ fs.ReadDirFS  = (*MountFS)(nil)
	_ fs.ReadFileFS = (*MountFS)(nil)
)

// Mount serves the confined directory root at path id.
func (m *MountFS) Mount(id string, root *RootFS) {
	if m.mounts == nil {
		m.mounts = map[string]*RootFS{}
	}
	m.mounts[id] = root
}

// MountOf is the id of the package name lies in, or "".
func (m *MountFS) MountOf(name string) string {
	for id := range m.mounts {
		if name == id || strings.HasPrefix(name, id+"/") {
			return id
		}
	}
	return ""
}

// Close releases the mounted directories.
func (m *MountFS) Close() error {
	for _, r := range m.mounts {
		r.Close()
	}
	return nil
}

// at is the file system and name that serve name.
func (m *MountFS) at(name string) (fs.FS, string) {
	if id := m.MountOf(name); id != "" {
		if name == id {
			return m.mounts[id], "."
		}
		return m.mounts[id], name[len(id)+1:]
	}
	return m.Base, name
}

func (m *MountFS) Open(name string) (fs.File, error) {
	fsys, n := m.at(name)
	return fsys.Open(n)
}

func (m *MountFS) Stat(name string) (fs.FileInfo, error) {
	fsys, n := m.at(name)
	return fs.Stat(fsys, n)
}

func (m *MountFS) ReadDir(name string) ([]fs.DirEntry, error) {
	fsys, n := m.at(name)
	return fs.ReadDir(fsys, n)
}

func (m *MountFS) ReadFile(name string) ([]byte, error) {
	fsys, n := m.at(name)
	return fs.ReadFile(fsys, n)
}
