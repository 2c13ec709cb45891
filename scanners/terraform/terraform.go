// Package terraform reads Terraform HCL configurations into one document per
// resource instance, with attribute values evaluated as Terraform would at
// plan time and the lines of every block and attribute.
//
// What is read: configuration files in HCL's native syntax (.tf) and in
// its JSON syntax (.tf.json, see json.go), one module per directory
// whatever their mix, and variables files of both (.tfvars, .tfvars.json).
// A symbolic link is followed as Terraform follows it, through the file
// system the scanner is given, which keeps it inside the scan root; a link
// that cannot be followed is an error naming it.
//
// What is evaluated:
//
//   - Each directory of scanned files is a module. A module that another
//     scanned module calls through a local source ("./x", "../x") is evaluated
//     only through its calls, once per call instance, with its variables bound
//     from the call's arguments; every other module is a root module, whose
//     variables come from their defaults, terraform.tfvars, *.auto.tfvars
//     (lexical order), then the files of WithVarFiles and the values of
//     WithVars.
//   - count and for_each expand a resource (and a module call) into one
//     document per instance, addressed type.name[0] or type.name["key"]; an
//     instance keeps the lines of its block. When count or for_each cannot be
//     known, there is one document, addressed type.name, in which every
//     attribute that depends on count.index or each.* is unknown.
//   - dynamic blocks with a known for_each become nested blocks, located at
//     their content block; with an unknown for_each the block type is marked
//     unknown.
//   - A reference to another resource's attribute has the value written in
//     that resource's configuration, as Terraform knows it when planning
//     (aws_s3_bucket.logs.bucket); an attribute that is not configured (id,
//     arn) is unknown. Resources of a module instance that refer to a
//     resource are in its document's Related, by type.
//   - Documents of a module called through a module block carry, under
//     ModuleCallKey, the location of that call. Module calls with a remote
//     source (registry, git, ...) are read from .terraform/modules when
//     terraform init installed them (installed.go), downloaded when a
//     Fetcher is given (fetch.go), and otherwise a warning: their outputs
//     are unknown and nothing in them is reported.
//
// A value that cannot be known is left out of its object and marked unknown
// in __loc.attrs, so that no rule fires on it. What the scanner cannot read
// is never merely unknown, as that would let a configuration hide what it
// sets: a file function (file, templatefile, fileset...) given a path
// outside the scanned tree, a missing file, one over scanners.MaxFileSize
// or not UTF-8 is an error at the line of the call.
//
// A hostile configuration cannot make the scan crash or run away: a file
// nested too deeply or too large is refused before it is parsed (prescan.go:
// maxNesting, maxTokens), and evaluation is bounded (limits.go: instances
// per root module, elements and bytes per value, digits per number,
// reference depth, and a work budget per root module). A limit crossed is an error
// at the line that crossed it, and stops the evaluation of that root module.
package terraform

import (
	"context"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"sort"

	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/tollgate/tollgate/scanners"
	"github.com/tollgate/tollgate/scanners/fetch"
)

// ModuleCallKey is the key, in the resource body of a document read through a
// module call, of the location {"path", "start_line", "end_line"} of that
// call's module block (the innermost one for nested modules), so that reports
// can show the call site. Policies ignore it.
const ModuleCallKey = scanners.CallKey

// maxModuleDepth bounds the nesting of module calls.
const maxModuleDepth = 64

// Option configures a Scanner.
type Option func(*options)

// options are the inputs of a Terraform command line that a scan reproduces.
type options struct {
	// varFiles are -var-file paths, in the scanned file system's namespace,
	// applied in order to every root module after its terraform.tfvars and
	// *.auto.tfvars files.
	varFiles []string
	// vars are -var NAME=VALUE values, applied to every root module after
	// the var files.
	vars map[string]string
	// fetcher downloads remote modules; nil: none are.
	fetcher *fetch.Getter
}

// WithVarFiles applies the given .tfvars files, as terraform plan
// -var-file=PATH does, to every root module, after its terraform.tfvars and
// *.auto.tfvars. Paths are slash-separated and in the namespace of the
// scanned file system (the scan root). A file that cannot be read or parsed is
// an error of the scan.
func WithVarFiles(paths ...string) Option {
	return func(o *options) { o.varFiles = append(o.varFiles, paths...) }
}

// WithVars sets variable values, as terraform plan -var NAME=VALUE does, on
// every root module that declares them, after the var files. As Terraform
// does, a value is taken literally as a string for a variable without a type
// or of a primitive type (string, number, bool; converted to that type), and
// parsed as an HCL expression for any other type (["a", "b"], {k = "v"}).
func WithVars(vars map[string]string) Option {
	return func(o *options) {
		if o.vars == nil {
			o.vars = map[string]string{}
		}
		maps.Copy(o.vars, vars)
	}
}

// Scanner reads Terraform configurations.
type Scanner struct {
	opts options
}

// New returns a Terraform scanner.
func New(opts ...Option) *Scanner {
	s := &Scanner{}
	for _, o := range opts {
		o(&s.opts)
	}
	return s
}

// Name implements scanners.FileScanner.
func (*Scanner) Name() string { return "terraform" }

// Match takes configuration files (.tf, .tf.json) and the variables files
// that feed them (.tfvars, .tfvars.json).
func (*Scanner) Match(p string, _ []byte) bool {
	return isConfigFile(p) || isVarFile(p)
}

// Scan reads files module by module: the files of one directory are one
// module, whose variables and locals every resource of the module sees.
func (s *Scanner) Scan(ctx context.Context, fsys fs.FS, files []string) []scanners.Result {
	r := newRun(ctx, fsys, &s.opts, files)
	defer r.closeMounts()
	r.scan(files)
	out := make([]scanners.Result, 0, len(files))
	for _, f := range files {
		out = append(out, *r.results[f])
	}
	return out
}

// run is one Scan: every file is parsed once, every module directory loaded
// once, every module instance evaluated once.
type run struct {
	ctx     context.Context
	fsys    fs.FS
	opts    *options
	results map[string]*scanners.Result // of the scanned files
	parsed  map[string]*parsedFile
	dirs    map[string]*moduleDir
	// reached are the module directories evaluated, or whose call was
	// expanded, so far.
	reached map[string]bool
	// reported dedupes errors by result.
	reported map[*scanners.Result]map[string]bool
	analyses map[hclsyntax.Expression]*exprInfo
	varFiles []*parsedFile // WithVarFiles, once loaded
	loaded   bool          // varFiles is loaded
	// lim bounds the evaluation of the whole scan.
	lim *limiter
	// depth is how many evaluations are under way, one waiting for the
	// next (maxReferenceDepth).
	depth int
	// emitted are the documents of the configuration being evaluated;
	// partial, that a module call of it could not be read.
	emitted []emitted
	partial bool
	// mounts serves the downloaded modules (nil without a fetcher), and
	// fetches remembers each download by source and version.
	mounts  *scanners.MountFS
	fetches map[string]*fetchedCall
}

// emitted is a document: the index of one of res's Documents.
type emitted struct {
	res *scanners.Result
	i   int
}

func newRun(ctx context.Context, fsys fs.FS, opts *options, files []string) *run {
	r := &run{
		ctx:      ctx,
		fsys:     fsys,
		opts:     opts,
		results:  make(map[string]*scanners.Result, len(files)),
		parsed:   map[string]*parsedFile{},
		dirs:     map[string]*moduleDir{},
		reached:  map[string]bool{},
		reported: map[*scanners.Result]map[string]bool{},
		analyses: map[hclsyntax.Expression]*exprInfo{},
		lim:      &limiter{},
	}
	for _, f := range files {
		r.results[f] = &scanners.Result{Path: f, Format: "terraform"}
	}
	if opts.fetcher != nil {
		r.mounts = &scanners.MountFS{Base: fsys}
		r.fsys = r.mounts
		r.fetches = map[string]*fetchedCall{}
	}
	return r
}

// scan loads the scanned directories and what they call, then evaluates the
// root modules.
func (r *run) scan(files []string) {
	byDir := map[string][]string{}
	var order []string
	for _, f := range files {
		d := path.Dir(f)
		if _, ok := byDir[d]; !ok {
			order = append(order, d)
		}
		byDir[d] = append(byDir[d], f)
	}
	r.parseAll(files)
	for _, d := range order {
		r.loadScanned(d, byDir[d])
	}
	called := r.loadCalled(order)
	var roots []string
	for _, d := range order {
		if !called[d] {
			roots = append(roots, d)
		}
	}
	// A directory called only from a module never evaluated (a cycle of
	// calls) is evaluated on its own, where the cycle is reported.
	for _, d := range order {
		if called[d] {
			roots = append(roots, d)
		}
	}
	for _, d := range roots {
		if r.reached[d] {
			continue
		}
		m := r.dirs[d]
		if err := r.ctx.Err(); err != nil {
			r.report(r.results[m.carrier], &scanners.FileError{Path: m.carrier, Err: fmt.Errorf("terraform evaluation stopped: %w", err)})
			continue
		}
		r.lim.startRoot()
		r.newRoot(m).run()
		r.viewConfiguration()
	}
}

// configurationView names, for the few resource types whose rules judge a
// configuration as a whole, the types of the resources their documents see
// as input.configuration: every resource of those types in the same
// configuration (the root module and the modules it calls), whether or not
// it refers to the document's resource. A CIS metric filter and its alarm
// are tied to a log group by names, not references; a trail's data events
// cover every bucket of the account.
var configurationView = map[string][]string{
	"aws_cloudwatch_log_group": {"aws_cloudwatch_log_metric_filter", "aws_cloudwatch_metric_alarm"},
	"aws_s3_bucket":            {"aws_cloudtrail"},
	// Group and user policies and memberships name groups and users by
	// literal names as often as by reference.
	"aws_iam_group": {"aws_iam_group_policy", "aws_iam_group_policy_attachment", "aws_iam_policy_attachment", "aws_iam_policy"},
	"aws_iam_user":  {"aws_iam_user_group_membership", "aws_iam_group_membership"},
}

// viewConfiguration gives the documents of the configuration just
// evaluated their configurationView, and forgets them. A configuration
// with a module call that could not be read gets no view.
func (r *run) viewConfiguration() {
	docs, partial := r.emitted, r.partial
	r.emitted, r.partial = nil, false
	if partial {
		// A module that was not read may hold the metric filter or the
		// trail a rule would miss: without the whole configuration there
		// is no view, and no rule concludes from one.
		return
	}
	var bodies map[string][]map[string]any
	for _, e := range docs {
		d := &e.res.Documents[e.i]
		types := configurationView[d.Type]
		if len(types) == 0 {
			continue
		}
		if bodies == nil {
			bodies = r.configurationBodies(docs)
		}
		view := make(map[string][]map[string]any, len(types))
		for _, t := range types {
			view[t] = bodies[t]
		}
		d.Configuration = view
	}
}

// configurationBodies collects the bodies of docs whose type some view
// names.
func (r *run) configurationBodies(docs []emitted) map[string][]map[string]any {
	wanted := map[string]bool{}
	for _, types := range configurationView {
		for _, t := range types {
			wanted[t] = true
		}
	}
	bodies := map[string][]map[string]any{}
	for _, e := range docs {
		d := &e.res.Documents[e.i]
		if wanted[d.Type] {
			bodies[d.Type] = append(bodies[d.Type], d.Resource)
		}
	}
	return bodies
}

// report adds e to res once.
func (r *run) report(res *scanners.Result, e *scanners.FileError) {
	seen := r.reported[res]
	if seen == nil {
		seen = map[string]bool{}
		r.reported[res] = seen
	}
	key := fmt.Sprintf("%s:%d:%v", e.Path, e.Line, e.Err)
	if seen[key] {
		return
	}
	seen[key] = true
	res.Errors = append(res.Errors, e)
}

// scanned reports whether file is one of the files given to Scan.
func (r *run) scanned(file string) bool {
	_, ok := r.results[file]
	return ok
}

// sortedKeys returns the keys of m in lexical order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
