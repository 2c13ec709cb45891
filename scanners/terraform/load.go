package terraform

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/tollgate/tollgate/scanners"
	"github.com/tollgate/tollgate/scanners/fetch"
)

// parsedFile is one file read and parsed; body is nil when it could not be.
type parsedFile struct {
	path string
	body *hclsyntax.Body
	errs []*scanners.FileError
}

// moduleDir is the static content of one module directory, shared by all
// its instances.
type moduleDir struct {
	dir string
	// carrier is the scanned file whose result receives what has no scanned
	// file of its own: for a scanned directory its first file, for a
	// directory outside the scanned files the scanned file whose module
	// call (directly or not) reached it.
	carrier    string
	files      []*parsedFile // .tf files
	valueFiles []*parsedFile // terraform.tfvars then *.auto.tfvars, parsed
	variables  map[string]*variable
	locals     map[string]*hclsyntax.Attribute
	outputs    map[string]*hclsyntax.Attribute
	resources  []*resource                     // managed resources and data sources
	byAddr     map[string]*resource            // managed resources by "type.name"
	dataByAddr map[string]*resource            // data sources by "type.name"
	types      map[string]map[string]*resource // resources by type and name
	calls      []*moduleCall
	callByName map[string]*moduleCall
	// manifest lists the modules terraform init installed for the root
	// module m belongs to (nil: none), and key is m's module path in it
	// ("" for the root module itself).
	manifest *moduleManifest
	key      string
}

// resource is a managed resource block, or a data block.
type resource struct {
	typ, name string
	// data: a data source (`data "aws_iam_policy_document" "x"`). Its
	// document says what it looks up or builds; references to it stay
	// unknown (its result is read at plan time).
	data bool
	// provider: a provider block (provider "aws"), whose name is its
	// alias ("" for the default configuration).
	provider bool
	file     string
	block    *hclsyntax.Block
	count    *hclsyntax.Attribute
	forEach  *hclsyntax.Attribute
}

// moduleCall is a module block.
type moduleCall struct {
	name    string
	file    string
	block   *hclsyntax.Block
	source  string
	dir     string // the called directory, for a local source that could be read
	files   []string
	count   *hclsyntax.Attribute
	forEach *hclsyntax.Attribute
	args    map[string]*hclsyntax.Attribute // variable values
}

// docType is the type of the resource's documents: the resource type, or
// "data." and the type for a data source, so that a data source is never
// taken for the managed resource of the same type (data "aws_iam_policy"
// looks a policy up; resource "aws_iam_policy" creates one), or
// "provider." and the provider's name for a provider block.
func (r *resource) docType() string {
	switch {
	case r.data:
		return "data." + r.typ
	case r.provider:
		return "provider." + r.typ
	}
	return r.typ
}

// address is the resource's address in its module: type.name, or for a
// provider block provider.NAME[.ALIAS].
func (r *resource) address() string {
	if r.provider && r.name == "" {
		return r.docType()
	}
	return r.docType() + "." + r.name
}

// literalString is the value of an attribute written as a plain string
// literal, else "".
func literalString(a *hclsyntax.Attribute) string {
	if a == nil {
		return ""
	}
	t, ok := a.Expr.(*hclsyntax.TemplateExpr)
	if !ok || len(t.Parts) != 1 {
		return ""
	}
	lit, ok := t.Parts[0].(*hclsyntax.LiteralValueExpr)
	if !ok || lit.Val.Type() != cty.String {
		return ""
	}
	return lit.Val.AsString()
}

// metaArgs are the arguments of resource blocks that are not resource
// attributes; they are left out of documents.
var metaArgs = map[string]bool{"count": true, "for_each": true, "depends_on": true, "provider": true}

// moduleMetaArgs are the arguments of module blocks that are not variables.
var moduleMetaArgs = map[string]bool{"source": true, "version": true, "count": true, "for_each": true, "depends_on": true, "providers": true}

// parse reads and parses file once. Errors of a scanned file go to its own
// result; those of another file are kept for the module that reads it.
func (r *run) parse(file string) *parsedFile {
	if pf, ok := r.parsed[file]; ok {
		return pf
	}
	return r.record(r.read(file))
}

// parseAll parses the files not parsed yet on every core, as parse would
// one after the other: a configuration of hundreds of files is not read
// on one core.
func (r *run) parseAll(files []string) {
	var todo []string
	seen := map[string]bool{}
	for _, f := range files {
		if _, ok := r.parsed[f]; !ok && !seen[f] {
			seen[f] = true
			todo = append(todo, f)
		}
	}
	pfs := make([]*parsedFile, len(todo))
	scanners.Parallel(len(todo), func(i int) { pfs[i] = r.read(todo[i]) })
	for _, pf := range pfs {
		r.record(pf)
	}
}

// read reads and parses file; it changes nothing of r, so that files can
// be read at once.
func (r *run) read(file string) *parsedFile {
	pf := &parsedFile{path: file}
	// An interrupted scan reads no further file of a large configuration.
	if err := r.ctx.Err(); err != nil {
		pf.errs = append(pf.errs, &scanners.FileError{Path: file, Err: err})
	} else if src, err := scanners.ReadFile(r.fsys, file); err != nil {
		pf.errs = append(pf.errs, &scanners.FileError{Path: file, Err: unwrapPathErr(err)})
	} else {
		body, errs := ParseFile(src, file)
		if body != nil {
			rw := &rewriter{lim: r.lim, funcs: knownFunctions}
			rw.body(body, false)
			errs = append(errs, rw.errs...)
		}
		pf.body, pf.errs = body, errs
	}
	return pf
}

// record keeps pf as its file's parse and reports its errors to the file's
// result.
func (r *run) record(pf *parsedFile) *parsedFile {
	r.parsed[pf.path] = pf
	if res := r.results[pf.path]; res != nil {
		for _, e := range pf.errs {
			r.report(res, e)
		}
	}
	return pf
}

// ParseFile parses a Terraform file of any kind (.tf, .tfvars in HCL's
// native syntax, .tf.json, .tfvars.json in its JSON syntax) into HCL's
// syntax tree, with the lines of the file, as the Terraform scanner reads
// it. A file nested deeper, or larger, than the scanner's limits is refused
// before it is parsed (HCL's parser would exhaust the stack or the memory):
// its error is at the line where the limit is crossed. The body is nil when
// the file cannot be parsed; errors are *scanners.FileError naming file.
func ParseFile(src []byte, file string) (*hclsyntax.Body, []*scanners.FileError) {
	switch {
	case strings.HasSuffix(file, ".tf.json"):
		return parseJSONConfig(src, file)
	case strings.HasSuffix(file, ".tfvars.json"):
		return parseJSONValues(src, file)
	}
	return parseHCL(src, file)
}

// parseHCL parses HCL's native syntax.
func parseHCL(src []byte, file string) (*hclsyntax.Body, []*scanners.FileError) {
	if err := checkSource(src, configMode, file, hcl.InitialPos, 0, true); err != nil {
		return nil, []*scanners.FileError{{Path: file, Line: err.line, Err: err}}
	}
	f, diags := hclsyntax.ParseConfig(src, file, hcl.InitialPos)
	if diags.HasErrors() {
		return nil, diagErrors(file, diags)
	}
	return f.Body.(*hclsyntax.Body), nil
}

// diagErrors converts the error diagnostics of diags.
func diagErrors(file string, diags hcl.Diagnostics) []*scanners.FileError {
	var out []*scanners.FileError
	for _, d := range diags {
		if d.Severity != hcl.DiagError {
			continue
		}
		fe := &scanners.FileError{Path: file, Err: errors.New(diagText(d))}
		if d.Subject != nil {
			fe.Line = d.Subject.Start.Line
		}
		out = append(out, fe)
	}
	return out
}

func diagText(d *hcl.Diagnostic) string {
	if d.Detail != "" {
		return d.Summary + ": " + d.Detail
	}
	return d.Summary
}

// unwrapPathErr drops the *fs.PathError wrapper, whose path is already the
// error's Path.
func unwrapPathErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// staticErr reports an error found while loading m: on its own file when
// that file is scanned, else on m's carrier.
func (r *run) staticErr(m *moduleDir, e *scanners.FileError) {
	if res := r.results[e.Path]; res != nil {
		r.report(res, e)
		return
	}
	r.report(r.results[m.carrier], e)
}

// secret records values read from file (credentials written in a module
// source, or quoted by an error about it) as secrets of its result, so
// that every output masks them.
func (r *run) secret(m *moduleDir, file string, values []string) {
	if len(values) == 0 {
		return
	}
	res := r.results[file]
	if res == nil {
		res = r.results[m.carrier]
	}
	if res != nil {
		res.Secrets = append(res.Secrets, values...)
	}
}

// warn records a warning against the file it names, or the module's
// carrier when that file is not one of the results.
func (r *run) warn(m *moduleDir, e *scanners.FileError) {
	res := r.results[e.Path]
	if res == nil {
		res = r.results[m.carrier]
	}
	if res == nil {
		return
	}
	for _, w := range res.Warnings {
		if w.Path == e.Path && w.Line == e.Line && w.Err.Error() == e.Err.Error() {
			return
		}
	}
	res.Warnings = append(res.Warnings, e)
}

// loadScanned loads a directory of scanned files: .tf and .tf.json files
// are the module, .tfvars and .tfvars.json files are parsed (for their
// errors) and the ones Terraform reads by itself kept for when the module
// is a root module.
func (r *run) loadScanned(dir string, files []string) {
	m := newModuleDir(dir, files[0])
	var tfvars []string
	for _, f := range files {
		if isVarFile(f) {
			tfvars = append(tfvars, f)
			continue
		}
		m.files = append(m.files, r.parse(f))
	}
	// Terraform's order: terraform.tfvars, terraform.tfvars.json, then
	// *.auto.tfvars and *.auto.tfvars.json in lexical order; other .tfvars
	// only when named by -var-file.
	sort.SliceStable(tfvars, func(i, j int) bool {
		ri, rj := varFileRank(tfvars[i]), varFileRank(tfvars[j])
		return ri < rj || (ri == rj && tfvars[i] < tfvars[j])
	})
	for _, f := range tfvars {
		pf := r.parse(f)
		if varFileRank(f) < 2 && pf.body != nil {
			m.valueFiles = append(m.valueFiles, pf)
		}
	}
	m.manifest = r.readManifest(m)
	r.dirs[dir] = m
	r.index(m)
}

func varFileRank(f string) int {
	base := path.Base(f)
	switch {
	case base == "terraform.tfvars" || base == "terraform.tfvars.json":
		return 0
	case strings.HasSuffix(base, ".auto.tfvars") || strings.HasSuffix(base, ".auto.tfvars.json"):
		return 1
	}
	return 2
}

// isVarFile reports whether f is a variables file (.tfvars, .tfvars.json).
func isVarFile(f string) bool {
	return strings.HasSuffix(f, ".tfvars") || strings.HasSuffix(f, ".tfvars.json")
}

// isConfigFile reports whether f is a configuration file (.tf, .tf.json).
func isConfigFile(f string) bool {
	return strings.HasSuffix(f, ".tf") || strings.HasSuffix(f, ".tf.json")
}

func newModuleDir(dir, carrier string) *moduleDir {
	return &moduleDir{
		dir:        dir,
		carrier:    carrier,
		variables:  map[string]*variable{},
		locals:     map[string]*hclsyntax.Attribute{},
		outputs:    map[string]*hclsyntax.Attribute{},
		byAddr:     map[string]*resource{},
		dataByAddr: map[string]*resource{},
		types:      map[string]map[string]*resource{},
		callByName: map[string]*moduleCall{},
	}
}

// loadCalled follows, from the scanned directories, the module calls with a
// local source, loading the directories they reach. It returns the
// directories some loaded module calls.
func (r *run) loadCalled(scannedDirs []string) map[string]bool {
	called := map[string]bool{}
	queue := append([]string(nil), scannedDirs...)
	for len(queue) > 0 {
		m := r.dirs[queue[0]]
		queue = queue[1:]
		for _, c := range m.calls {
			if c.dir == "" {
				continue
			}
			called[c.dir] = true
			if _, ok := r.dirs[c.dir]; ok {
				continue
			}
			carrier := m.carrier
			if r.scanned(c.file) {
				carrier = c.file
			}
			child := newModuleDir(c.dir, carrier)
			child.manifest, child.key = m.manifest, childKey(m, c.name)
			for _, f := range c.files {
				pf := r.parse(f)
				child.files = append(child.files, pf)
				for _, e := range pf.errs {
					r.staticErr(child, e)
				}
			}
			r.dirs[c.dir] = child
			r.index(child)
			queue = append(queue, c.dir)
		}
	}
	for _, dir := range sortedKeys(r.dirs) {
		m := r.dirs[dir]
		for _, c := range m.calls {
			if child := r.dirs[c.dir]; child != nil {
				r.checkArgs(m, c, child)
			}
		}
	}
	return called
}

// checkArgs reports, as Terraform does, call arguments that set no variable
// of the called module and its variables without default that the call
// does not set.
func (r *run) checkArgs(m *moduleDir, c *moduleCall, child *moduleDir) {
	for _, name := range sortedKeys(c.args) {
		if child.variables[name] == nil {
			a := c.args[name]
			r.staticErr(m, &scanners.FileError{Path: c.file, Line: a.SrcRange.Start.Line,
				Err: fmt.Errorf("module %q: unsupported argument %q: %s declares no such variable", c.name, name, child.dir)})
		}
	}
	for _, name := range sortedKeys(child.variables) {
		v := child.variables[name]
		if _, set := c.args[name]; !set && !v.hasDefault {
			r.staticErr(m, &scanners.FileError{Path: c.file, Line: c.block.DefRange().Start.Line,
				Err: fmt.Errorf("module %q: missing required argument %q", c.name, name)})
		}
	}
}

// index collects the declarations of m's files. Override files
// (override.tf, *_override.tf and their .tf.json forms) come last and are
// merged into the declarations of the others, as Terraform merges them.
func (r *run) index(m *moduleDir) {
	var overrides []*parsedFile
	for _, pf := range m.files {
		if pf.body == nil {
			continue
		}
		if isOverrideFile(pf.path) {
			overrides = append(overrides, pf)
			continue
		}
		for _, b := range pf.body.Blocks {
			r.declare(m, pf.path, b)
		}
	}
	for _, pf := range overrides {
		for _, b := range pf.body.Blocks {
			r.override(m, pf.path, b)
		}
	}
}

// declare records one top-level block of m.
func (r *run) declare(m *moduleDir, file string, b *hclsyntax.Block) {
	switch {
	case b.Type == "variable" && len(b.Labels) == 1:
		v := r.declareVariable(m, file, b)
		v.block, v.file = b, file
		m.variables[v.name] = v
	case b.Type == "locals":
		for name, a := range b.Body.Attributes {
			m.locals[name] = a
		}
	case b.Type == "output" && len(b.Labels) == 1:
		if a := b.Body.Attributes["value"]; a != nil {
			m.outputs[b.Labels[0]] = a
		}
	case b.Type == "resource" && len(b.Labels) == 2:
		res := &resource{typ: b.Labels[0], name: b.Labels[1], file: file, block: b,
			count: b.Body.Attributes["count"], forEach: b.Body.Attributes["for_each"]}
		m.resources = append(m.resources, res)
		m.byAddr[res.typ+"."+res.name] = res
		if m.types[res.typ] == nil {
			m.types[res.typ] = map[string]*resource{}
		}
		m.types[res.typ][res.name] = res
	case b.Type == "data" && len(b.Labels) == 2:
		res := &resource{typ: b.Labels[0], name: b.Labels[1], data: true, file: file, block: b,
			count: b.Body.Attributes["count"], forEach: b.Body.Attributes["for_each"]}
		m.resources = append(m.resources, res)
		m.dataByAddr[res.typ+"."+res.name] = res
	case b.Type == "provider" && len(b.Labels) == 1:
		res := &resource{typ: b.Labels[0], name: literalString(b.Body.Attributes["alias"]), provider: true, file: file, block: b}
		m.resources = append(m.resources, res)
	case b.Type == "module" && len(b.Labels) == 1:
		c := r.declareCall(m, file, b)
		m.calls = append(m.calls, c)
		m.callByName[c.name] = c
	}
}

// isOverrideFile reports whether f is an override file.
func isOverrideFile(f string) bool {
	stem := strings.TrimSuffix(strings.TrimSuffix(path.Base(f), ".json"), ".tf")
	return stem == "override" || strings.HasSuffix(stem, "_override")
}

// override merges the top-level block b of an override file into the
// declaration of the same kind and name, as Terraform does: its arguments
// replace the declaration's, its nested blocks replace all the nested
// blocks of their type (lifecycle is merged argument by argument), and a
// local value replaces the local of its name. Overriding what is not
// declared is an error, as in Terraform.
func (r *run) override(m *moduleDir, file string, b *hclsyntax.Block) {
	missing := func(what string) {
		r.staticErr(m, &scanners.FileError{Path: file, Line: b.DefRange().Start.Line,
			Err: fmt.Errorf("missing base %s to override: %s is not declared in the module's other files", what, strings.Join(append([]string{b.Type}, b.Labels...), "."))})
	}
	switch {
	case b.Type == "variable" && len(b.Labels) == 1:
		v := m.variables[b.Labels[0]]
		if v == nil || v.block == nil {
			missing("variable declaration")
			return
		}
		merged := mergeBlock(v.block, b)
		nv := r.declareVariable(m, v.file, merged)
		nv.block, nv.file = merged, v.file
		m.variables[nv.name] = nv
	case b.Type == "locals":
		for _, name := range sortedKeys(b.Body.Attributes) {
			if m.locals[name] == nil {
				r.staticErr(m, &scanners.FileError{Path: file, Line: b.Body.Attributes[name].SrcRange.Start.Line,
					Err: fmt.Errorf("missing base local value definition to override: local.%s is not declared in the module's other files", name)})
				continue
			}
			m.locals[name] = b.Body.Attributes[name]
		}
	case b.Type == "output" && len(b.Labels) == 1:
		if _, ok := m.outputs[b.Labels[0]]; !ok {
			missing("output")
			return
		}
		if a := b.Body.Attributes["value"]; a != nil {
			m.outputs[b.Labels[0]] = a
		}
	case (b.Type == "resource" || b.Type == "data") && len(b.Labels) == 2:
		byAddr, what := m.byAddr, "resource"
		if b.Type == "data" {
			byAddr, what = m.dataByAddr, "data resource"
		}
		res := byAddr[b.Labels[0]+"."+b.Labels[1]]
		if res == nil {
			missing(what)
			return
		}
		res.block = mergeBlock(res.block, b)
		res.count, res.forEach = res.block.Body.Attributes["count"], res.block.Body.Attributes["for_each"]
	case b.Type == "module" && len(b.Labels) == 1:
		c := m.callByName[b.Labels[0]]
		if c == nil {
			missing("module call")
			return
		}
		nc := r.declareCall(m, c.file, mergeBlock(c.block, b))
		for i := range m.calls {
			if m.calls[i] == c {
				m.calls[i] = nc
			}
		}
		m.callByName[nc.name] = nc
	}
}

// mergeBlock returns base with over merged into it (see override); base is
// left as it is.
func mergeBlock(base, over *hclsyntax.Block) *hclsyntax.Block {
	body := *base.Body
	body.Attributes = make(hclsyntax.Attributes, len(base.Body.Attributes)+len(over.Body.Attributes))
	for n, a := range base.Body.Attributes {
		body.Attributes[n] = a
	}
	for n, a := range over.Body.Attributes {
		body.Attributes[n] = a
	}
	replaced := map[string]bool{}
	var baseLifecycle, overLifecycle *hclsyntax.Block
	for _, nb := range over.Body.Blocks {
		replaced[nestedType(nb)] = true
		if nb.Type == "lifecycle" {
			overLifecycle = nb
		}
	}
	body.Blocks = nil
	for _, nb := range base.Body.Blocks {
		if nb.Type == "lifecycle" {
			baseLifecycle = nb
		}
		if !replaced[nestedType(nb)] {
			body.Blocks = append(body.Blocks, nb)
		}
	}
	for _, nb := range over.Body.Blocks {
		if nb == overLifecycle && baseLifecycle != nil {
			nb = mergeBlock(baseLifecycle, nb)
		}
		body.Blocks = append(body.Blocks, nb)
	}
	merged := *base
	merged.Body = &body
	return &merged
}

// nestedType is the block type a nested block makes: a dynamic block makes
// blocks of its label's type.
func nestedType(b *hclsyntax.Block) string {
	if b.Type == "dynamic" && len(b.Labels) == 1 {
		return b.Labels[0]
	}
	return b.Type
}

// declareCall reads a module block and resolves its source.
func (r *run) declareCall(m *moduleDir, file string, b *hclsyntax.Block) *moduleCall {
	c := &moduleCall{name: b.Labels[0], file: file, block: b, args: map[string]*hclsyntax.Attribute{},
		count: b.Body.Attributes["count"], forEach: b.Body.Attributes["for_each"]}
	for name, a := range b.Body.Attributes {
		if !moduleMetaArgs[name] {
			c.args[name] = a
		}
	}
	src := b.Body.Attributes["source"]
	if src == nil {
		r.staticErr(m, &scanners.FileError{Path: file, Line: b.DefRange().Start.Line,
			Err: fmt.Errorf("module %q has no source", c.name)})
		return c
	}
	v, diags, errs := r.lim.staticValue(src.Expr)
	for _, e := range errs {
		r.staticErr(m, e)
	}
	if diags.HasErrors() || len(errs) > 0 || v.Type() != cty.String || v.IsNull() || !v.IsKnown() {
		r.staticErr(m, &scanners.FileError{Path: file, Line: src.SrcRange.Start.Line,
			Err: fmt.Errorf("module %q: source must be a literal string", c.name)})
		return c
	}
	c.source = v.AsString()
	if !localSource(c.source) {
		r.secret(m, file, fetch.Secrets(c.source))
		r.installedCall(m, c, src) // a registry or remote module: read where terraform init put it
		return c
	}
	dir := path.Clean(path.Join(m.dir, c.source))
	if id := r.mountOf(m.dir); id != "" && dir != id && !strings.HasPrefix(dir, id+"/") {
		r.staticErr(m, &scanners.FileError{Path: file, Line: src.SrcRange.Start.Line,
			Err: fmt.Errorf("module source %q leaves the downloaded module %s", c.source, id)})
		return c
	}
	if dir == ".." || strings.HasPrefix(dir, "../") || !fs.ValidPath(dir) {
		r.staticErr(m, &scanners.FileError{Path: file, Line: src.SrcRange.Start.Line,
			Err: fmt.Errorf("module source %q is not in the scanned tree", c.source)})
		return c
	}
	if dir == m.dir {
		r.staticErr(m, &scanners.FileError{Path: file, Line: src.SrcRange.Start.Line,
			Err: fmt.Errorf("module %q calls its own directory", c.name)})
		return c
	}
	files, linkErrs, err := moduleFiles(r.fsys, dir)
	if err != nil {
		r.staticErr(m, &scanners.FileError{Path: file, Line: src.SrcRange.Start.Line,
			Err: fmt.Errorf("module source %q: %w", c.source, err)})
		return c
	}
	for _, e := range linkErrs {
		r.staticErr(m, e)
	}
	c.dir, c.files = dir, files
	return c
}

// localSource reports whether a module source is a local path, which
// Terraform recognizes by its ./ or ../ prefix.
func localSource(s string) bool {
	return strings.HasPrefix(s, "./") || strings.HasPrefix(s, "../")
}

// moduleFiles lists the configuration files (.tf, .tf.json) of dir as
// Terraform reads them, skipping editor and hidden files. A symbolic link
// is followed through fsys, as Terraform follows it: to a file, it is read;
// a link that cannot be followed (out of the scan root, dangling) is an
// error naming the link.
func moduleFiles(fsys fs.FS, dir string) ([]string, []*scanners.FileError, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, nil, unwrapPathErr(err)
	}
	var files []string
	var errs []*scanners.FileError
	for _, e := range entries {
		n := e.Name()
		if !isConfigFile(n) || ignoredFile(n) {
			continue
		}
		p := path.Join(dir, n)
		switch {
		case e.Type().IsRegular():
		case e.Type()&fs.ModeSymlink != 0:
			st, err := fs.Stat(fsys, p)
			if err != nil {
				errs = append(errs, &scanners.FileError{Path: p, Err: unwrapPathErr(err)})
				continue
			}
			if !st.Mode().IsRegular() {
				continue
			}
		default:
			continue // a directory or a device named like a file
		}
		files = append(files, p)
	}
	return files, errs, nil
}

func ignoredFile(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~") ||
		(strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"))
}
