package source

import (
	"path/filepath"

	"github.com/anchore/syft/syft/artifact"

	"github.com/tollgate/tollgate/scanners"
)

// Lines maps each package of the tree (by syft package id) to the manifest
// that declares it, relative to the scan root as reports show it, and the
// first line of that manifest naming it (1 when none does, as for a
// binary's build information).
func (t *Tree) Lines() map[artifact.ID]PackageLine {
	lines := lineFinder{}
	if rfs, err := scanners.OpenRoot(t.Dir); err == nil {
		defer rfs.Close()
		lines.fsys = rfs
	}
	out := map[artifact.ID]PackageLine{}
	for _, p := range t.SBOM.Artifacts.Packages.Sorted() {
		file, line := lines.locate(p)
		out[p.ID()] = PackageLine{Path: filepath.ToSlash(filepath.Join(t.Display, file)), Line: line}
	}
	return out
}

// PackageLine is where a manifest declares a package.
type PackageLine struct {
	Path string
	Line int
}
