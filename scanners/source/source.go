// Package source generates the SBOM of a source tree with syft (the
// dependencies its manifests and lock files declare) and turns its packages
// into a policy document located on their manifest lines.
package source

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/anchore/syft/syft"
	"github.com/anchore/syft/syft/pkg"
	"github.com/anchore/syft/syft/sbom"
	"github.com/anchore/syft/syft/source"
	"github.com/anchore/syft/syft/source/directorysource"

	"github.com/tollgate/tollgate/scanners"
	"github.com/tollgate/tollgate/scanners/image"
	"github.com/tollgate/tollgate/scanners/sbomdoc"
)

// Type is the input.type of a source tree's document.
const Type = "source_tree"

// Tree is a catalogued source tree.
type Tree struct {
	// Dir is the directory catalogued; Display how reports name it.
	Dir, Display string
	SBOM         *sbom.SBOM
	Document     scanners.Document
}

// Options configures Load.
type Options struct {
	// Exclude are glob patterns of paths (relative to the tree, as syft
	// takes them: "./node_modules/**") left out of the catalogue.
	Exclude               []string
	ToolName, ToolVersion string
}

// Load catalogues the packages the tree at dir declares. display is the
// tree's path as reports show it (relative to the scan root); package
// locations are relative to it.
func Load(ctx context.Context, dir, display string, o Options) (*Tree, error) {
	src, err := directorysource.New(directorysource.Config{
		Path:    dir,
		Exclude: source.ExcludeConfig{Paths: o.Exclude},
		Alias:   source.Alias{Name: display},
	})
	if err != nil {
		return nil, fmt.Errorf("source tree %s: %w", display, err)
	}
	defer src.Close()
	// Files only: the catalogue never runs a program in the tree (syft's
	// Go cataloguer would run "go list", and so whatever toolchain or
	// GOFLAGS the tree's go.mod, go.work or PATH brings) nor asks the
	// network about it.
	s, err := syft.CreateSBOM(ctx, src, image.SBOMConfig(o.ToolName, o.ToolVersion))
	if err != nil {
		return nil, fmt.Errorf("sbom of source tree %s: %w", display, err)
	}
	t := &Tree{Dir: dir, Display: display, SBOM: s}
	t.Document = t.document()
	return t, nil
}

// document lists the packages, each located on the line of its manifest
// that names it.
func (t *Tree) document() scanners.Document {
	lines := lineFinder{}
	if rfs, err := scanners.OpenRoot(t.Dir); err == nil {
		defer rfs.Close()
		lines.fsys = rfs
	}
	pkgs := []any{}
	for _, p := range t.SBOM.Artifacts.Packages.Sorted() {
		file, line := lines.locate(p)
		rel := filepath.ToSlash(filepath.Join(t.Display, file))
		pkgs = append(pkgs, sbomdoc.Package(p, scanners.Loc(rel, line, line)))
	}
	return scanners.Document{
		Format:  "sbom",
		Type:    Type,
		Name:    t.Display,
		Address: "source:" + t.Display,
		Path:    t.Display,
		Resource: map[string]any{
			scanners.LocKey: scanners.Loc(t.Display, 1, 1),
			"packages":      pkgs,
		},
	}
}

// lineFinder finds the line of a manifest that names a package, reading
// each manifest once.
type lineFinder struct {
	// fsys is the tree, confined: a manifest that is a link out of it is
	// not read (its packages are located on line 1).
	fsys  fs.FS
	files map[string][]string
}

// locate returns the package's manifest (relative to the tree) and the
// first line naming it; line 1 when the name is not written as such (a
// binary's build info, say).
func (f *lineFinder) locate(p pkg.Package) (string, int) {
	locs := p.Locations.ToSlice()
	if len(locs) == 0 {
		return ".", 1
	}
	file := strings.TrimPrefix(locs[0].RealPath, "/")
	if f.files == nil {
		f.files = map[string][]string{}
	}
	text, ok := f.files[file]
	if !ok {
		text = readLines(f.fsys, file)
		f.files[file] = text
	}
	// The name as a whole word, so "react" is not found in "react-dom".
	re := regexp.MustCompile(`(^|[^A-Za-z0-9_.@/-])` + regexp.QuoteMeta(p.Name) + `($|[^A-Za-z0-9_.-])`)
	for i, l := range text {
		if re.MatchString(l) {
			return file, i + 1
		}
	}
	return file, 1
}

// maxManifest is the largest file readLines reads: manifests and lock
// files are text far below it; a larger file (a binary whose build
// information syft read) has no lines to point at.
const maxManifest = scanners.MaxFileSize

// readLines reads the lines of a text manifest; nil for a file that is too
// large, binary (it holds a NUL byte), or cannot be read, whose packages
// are then located on line 1.
func readLines(fsys fs.FS, name string) []string {
	if fsys == nil || !fs.ValidPath(name) {
		return nil
	}
	data, err := scanners.ReadFile(fsys, name)
	if err != nil || len(data) > maxManifest || bytes.IndexByte(data, 0) >= 0 {
		return nil
	}
	var out []string
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64<<10), 4<<20)
	for sc.Scan() {
		out = append(out, sc.Text())
	}
	return out
}
