package image

import (
	"fmt"
	"io/fs"
	"sort"

	stfile "github.com/anchore/stereoscope/pkg/file"
	stimage "github.com/anchore/stereoscope/pkg/image"

	"github.com/tollgate/tollgate/scanners"
)

// maxNotableFiles bounds the files of interest an image document lists;
// past it the list is cut (sorted by path) and marked truncated.
const maxNotableFiles = 1000

// shellPaths are the shells whose presence says an image is not
// distroless-style.
var shellPaths = []string{"/bin/sh", "/bin/bash", "/bin/ash", "/bin/dash", "/bin/zsh", "/bin/busybox", "/usr/bin/sh", "/usr/bin/bash", "/usr/bin/busybox"}

// fileFacts are the facts of the image's squashed file system (what a
// container sees: later layers win, whiteouts remove) that policies
// check: files with the setuid or setgid bit, world-writable files and
// directories (without the sticky bit), and the shells present.
type fileFacts struct {
	notable   []notableFile
	shells    []string
	truncated bool
	read      bool
}

type notableFile struct {
	path           string
	mode           fs.FileMode
	dir            bool
	uid, gid       int
	layer          int
	setuid, setgid bool
	worldWritable  bool
}

// collectFiles walks the squashed tree stereoscope built from the layers
// (its size bounded by the file limit while they were read).
func collectFiles(si *stimage.Image) fileFacts {
	ff := fileFacts{read: true}
	tree := si.SquashedTree()
	for _, p := range shellPaths {
		if ok, res, err := tree.File(stfile.Path(p)); err == nil && ok && res != nil && res.HasReference() {
			ff.shells = append(ff.shells, p)
		}
	}
	for _, ref := range tree.AllFiles(stfile.TypeRegular, stfile.TypeDirectory) {
		e, err := si.FileCatalog.Get(ref)
		if err != nil || e.FileInfo == nil {
			continue
		}
		m := e.Mode()
		nf := notableFile{
			path: string(ref.RealPath), mode: m, dir: m.IsDir(), uid: e.UserID, gid: e.GroupID,
			setuid: m&fs.ModeSetuid != 0 && m.IsRegular(), setgid: m&fs.ModeSetgid != 0 && m.IsRegular(),
			worldWritable: m.Perm()&0o002 != 0 && m&fs.ModeSticky == 0,
		}
		if !nf.setuid && !nf.setgid && !nf.worldWritable {
			continue
		}
		if l := si.FileCatalog.Layer(ref); l != nil {
			nf.layer = int(l.Metadata.Index)
		}
		ff.notable = append(ff.notable, nf)
	}
	sort.Slice(ff.notable, func(i, j int) bool { return ff.notable[i].path < ff.notable[j].path })
	if len(ff.notable) > maxNotableFiles {
		ff.notable, ff.truncated = ff.notable[:maxNotableFiles], true
	}
	return ff
}

// unixMode is the mode as chmod spells it, 4755.
func unixMode(m fs.FileMode) string {
	n := uint32(m.Perm())
	if m&fs.ModeSetuid != 0 {
		n |= 0o4000
	}
	if m&fs.ModeSetgid != 0 {
		n |= 0o2000
	}
	if m&fs.ModeSticky != 0 {
		n |= 0o1000
	}
	return fmt.Sprintf("%04o", n)
}

// document is the "files" object of the image document.
func (ff fileFacts) document(loc func() map[string]any) map[string]any {
	entries := make([]any, 0, len(ff.notable))
	for _, f := range ff.notable {
		typ := "file"
		if f.dir {
			typ = "directory"
		}
		entries = append(entries, map[string]any{
			scanners.LocKey:  loc(),
			"path":           f.path,
			"type":           typ,
			"mode":           unixMode(f.mode),
			"uid":            f.uid,
			"gid":            f.gid,
			"layer":          f.layer,
			"setuid":         f.setuid,
			"setgid":         f.setgid,
			"world_writable": f.worldWritable,
		})
	}
	shells := make([]any, len(ff.shells))
	for i, s := range ff.shells {
		shells[i] = s
	}
	return map[string]any{
		scanners.LocKey: loc(),
		"read":          ff.read,
		"notable":       entries,
		"shells":        shells,
		"truncated":     ff.truncated,
	}
}
