package terraform

import (
	"errors"
	"fmt"
	"path"

	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/tollgate/tollgate/scanners"
	"github.com/tollgate/tollgate/scanners/fetch"
)

// WithModuleFetcher downloads the modules of remote module calls that
// terraform init has not installed (see fetch.go). Without it, as by
// default, nothing is downloaded and such a call is a warning.
func WithModuleFetcher(g *fetch.Getter) Option {
	return func(o *options) { o.fetcher = g }
}

// mountOf is the id of the downloaded package dir lies in, or "".
func (r *run) mountOf(dir string) string {
	if r.mounts == nil {
		return ""
	}
	return r.mounts.MountOf(dir)
}

// fetchedCall is one download of a run, shared by the calls of the same
// source and version.
type fetchedCall struct {
	fe  *fetch.Package
	err error
}

// fetchCall downloads the module of the remote call c of m, mounts it and
// points c at it. A source the fetcher does not download is a warning, as
// without downloads; a download that fails is an error: the user asked for
// the module to be checked.
func (r *run) fetchCall(m *moduleDir, c *moduleCall, src *hclsyntax.Attribute) bool {
	line := src.SrcRange.Start.Line
	constraint := ""
	if a := c.block.Body.Attributes["version"]; a != nil {
		v, diags, errs := r.lim.staticValue(a.Expr)
		if diags.HasErrors() || len(errs) > 0 || v.Type() != cty.String || v.IsNull() || !v.IsKnown() {
			r.staticErr(m, &scanners.FileError{Path: c.file, Line: a.SrcRange.Start.Line,
				Err: fmt.Errorf("module %q: version must be a literal string", c.name)})
			return false
		}
		constraint = v.AsString()
	}
	key := c.source + "\x00" + constraint
	got, ok := r.fetches[key]
	if !ok {
		fe, err := fetchModule(r.ctx, r.opts.fetcher, c.source, constraint)
		got = &fetchedCall{fe: fe, err: err}
		if err == nil {
			root, oerr := scanners.OpenRoot(fe.Dir)
			if oerr != nil {
				got.err = oerr
			} else {
				r.mounts.Mount(fe.ID, root)
			}
		}
		r.fetches[key] = got
	}
	if got.err != nil {
		r.secret(m, c.file, fetch.Secrets(got.err.Error()))
		if errors.Is(got.err, fetch.ErrUnsupported) {
			r.warn(m, &scanners.FileError{Path: c.file, Line: line,
				Err: fmt.Errorf("module %q (source %q) was not read: %v; what it creates is not checked", c.name, c.source, got.err)})
			return false
		}
		r.staticErr(m, &scanners.FileError{Path: c.file, Line: line,
			Err: fmt.Errorf("module %q: download of %q failed: %v", c.name, c.source, got.err)})
		return false
	}
	dir := path.Join(got.fe.ID, got.fe.Sub)
	files, linkErrs, err := moduleFiles(r.fsys, dir)
	if err != nil {
		r.staticErr(m, &scanners.FileError{Path: c.file, Line: line,
			Err: fmt.Errorf("module %q: downloaded module %s: %v", c.name, dir, err)})
		return false
	}
	for _, e := range linkErrs {
		r.staticErr(m, e)
	}
	c.dir, c.files = dir, files
	return true
}

// closeMounts releases the downloaded packages' directory handles.
func (r *run) closeMounts() {
	if r.mounts != nil {
		r.mounts.Close()
	}
}
