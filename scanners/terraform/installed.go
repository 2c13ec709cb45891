package terraform

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"

	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/tollgate/tollgate/scanners"
)

// Modules from the registry, git or HTTP are not in the repository: after
// `terraform init` they are in the root module's .terraform/modules, listed
// by .terraform/modules/modules.json with the key of each call (its module
// path: "vpc", "vpc.subnets"). The scanner reads them from there, as
// Terraform would run them, and never downloads anything. A remote call that
// was not installed is a warning on the call: what it creates is unknown.

// manifestFile is where terraform init lists the installed modules,
// relative to the root module.
const manifestFile = ".terraform/modules/modules.json"

// moduleManifest is a root module's modules.json.
type moduleManifest struct {
	root string            // the root module's directory
	dirs map[string]string // module key -> directory (cleaned, from the scan root)
}

// readManifest reads dir's modules.json when there is one; nil otherwise.
// A manifest that cannot be read or parsed is an error on the carrier.
func (r *run) readManifest(m *moduleDir) *moduleManifest {
	if r.ctx.Err() != nil {
		// Interrupted: nothing is evaluated, so nothing is resolved.
		return nil
	}
	file := path.Join(m.dir, manifestFile)
	src, err := scanners.ReadFile(r.fsys, file)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		r.staticErr(m, &scanners.FileError{Path: file, Err: unwrapPathErr(err)})
		return nil
	}
	var doc struct {
		Modules []struct {
			Key string `json:"Key"`
			Dir string `json:"Dir"`
		} `json:"Modules"`
	}
	if err := json.Unmarshal(src, &doc); err != nil {
		r.staticErr(m, &scanners.FileError{Path: file, Err: fmt.Errorf("terraform modules manifest: %w", err)})
		return nil
	}
	mf := &moduleManifest{root: m.dir, dirs: map[string]string{}}
	for _, mod := range doc.Modules {
		if mod.Key == "" || mod.Dir == "" {
			continue
		}
		dir := path.Clean(path.Join(m.dir, mod.Dir))
		if !fs.ValidPath(dir) {
			continue // outside the scan root: never read
		}
		mf.dirs[mod.Key] = dir
	}
	return mf
}

// childKey is the module key of m's call name.
func childKey(m *moduleDir, name string) string {
	if m.key == "" {
		return name
	}
	return m.key + "." + name
}

// installedCall resolves the call c of m, whose source is not a local path,
// to the directory terraform init installed it in; false, with a warning,
// when it was not installed.
func (r *run) installedCall(m *moduleDir, c *moduleCall, src *hclsyntax.Attribute) bool {
	notRead := func(why string) bool {
		r.warn(m, &scanners.FileError{Path: c.file, Line: src.SrcRange.Start.Line,
			Err: fmt.Errorf("module %q (source %q) was not read: %s; what it creates is not checked", c.name, c.source, why)})
		return false
	}
	installed := m.manifest != nil
	if installed {
		_, installed = m.manifest.dirs[childKey(m, c.name)]
	}
	if !installed && r.opts.fetcher != nil {
		return r.fetchCall(m, c, src)
	}
	if m.manifest == nil {
		return notRead("it is not installed (run terraform init before the scan: tollgate reads " + manifestFile + ")")
	}
	dir, ok := m.manifest.dirs[childKey(m, c.name)]
	if !ok {
		return notRead("it is not in " + path.Join(m.manifest.root, manifestFile) + " (run terraform init again)")
	}
	files, linkErrs, err := moduleFiles(r.fsys, dir)
	if err != nil {
		return notRead(fmt.Sprintf("its installed directory %s cannot be read: %v", dir, err))
	}
	for _, e := range linkErrs {
		r.staticErr(m, e)
	}
	c.dir, c.files = dir, files
	return true
}
