package policies

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
)

// denied builtins: policies run offline and never see the process
// environment or the network.
var deniedBuiltins = map[string]bool{
	"http.send":          true,
	"net.lookup_ip_addr": true,
	"opa.runtime":        true,
	"trace":              true,
}

// Result is one deny result of one document.
type Result struct {
	// RuleID is the custom.id of the rule's metadata. For user rules that
	// deny with a bare message it is the package path.
	RuleID  string
	Message string
	// Location is the position object the rule returned ({path, start_line,
	// end_line} or {image, digest}); nil when the rule gave none.
	Location map[string]any
	Package  string
}

// Engine holds the compiled policies and, for each input type, the query
// its documents are evaluated with. It is safe for concurrent use.
type Engine struct {
	compiler *ast.Compiler
	store    storage.Store
	rules    map[string]Rule
	packages []denyPackage
	workers  int
	// queries are the prepared queries by input type (typeQueries).
	queries typeQueries
	// skipped are the built-in packages left out of the compilation
	// (WithOnlyKinds): a document they apply to is an error.
	skipped map[string]bool
	// warnings are the problems lint found in the user's policies.
	warnings []Warning
	// lazy, for an engine made from its catalog, compiles the library the
	// first time a document is evaluated (see WithCatalog).
	lazy *lazyBuild
}

// Option configures Load.
type Option func(*options) error

type options struct {
	params   map[string]any
	bundles  []bundle
	userDirs []string
	builtins bool
	workers  int
	// catalogDir and catalogKey: see WithCatalog.
	catalogDir, catalogKey string
	// kinds, when set, are the only kinds of documents evaluated
	// (WithOnlyKinds).
	kinds []Kind
	// background: see WithBackgroundCompile.
	background bool
}

// WithPolicyDir adds the .rego files under dir (tests excluded) as user
// policies. Their packages deny with findings built by data.tollgate.lib,
// or with plain messages. A dir of the form oci://REF@sha256:... is a
// policy bundle, pulled with default options (see WithPolicyBundle).
func WithPolicyDir(dir string) Option {
	return func(o *options) error {
		if strings.HasPrefix(dir, BundleScheme) {
			o.bundles = append(o.bundles, bundle{ref: dir})
			return nil
		}
		o.userDirs = append(o.userDirs, dir)
		return nil
	}
}

type bundle struct {
	ref  string
	opts BundleOptions
}

// WithPolicyBundle adds the policies of an OCI policy bundle,
// oci://REGISTRY/REPO@sha256:..., pinned by digest (see PullBundle).
func WithPolicyBundle(ref string, o BundleOptions) Option {
	return func(opts *options) error {
		opts.bundles = append(opts.bundles, bundle{ref: ref, opts: o})
		return nil
	}
}

// WithParams overrides rule parameters (data.config.params, read by
// lib.param); unset ones keep the defaults of policies/lib/params.rego.
func WithParams(params map[string]any) Option {
	return func(o *options) error {
		o.params = params
		return nil
	}
}

// Kind is the format and type of the documents a scan will evaluate.
type Kind struct{ Format, Type string }

// WithOnlyKinds compiles, of the built-in library, only the packages whose
// rules can fire on documents of these kinds (and those they refer to):
// a scan of images alone need not compile the Terraform and Kubernetes
// rules, most of the library. The rules' metadata is still every rule's;
// evaluating a document of another kind that a left-out package applies
// to is an error, never a silent pass. The user's policies are always
// compiled.
func WithOnlyKinds(kinds ...Kind) Option {
	return func(o *options) error {
		o.kinds = append([]Kind{}, kinds...)
		return nil
	}
}

// WithoutBuiltins leaves out the embedded library (its helpers stay).
func WithoutBuiltins() Option {
	return func(o *options) error { o.builtins = false; return nil }
}

// WithWorkers sets how many documents are evaluated at once; the default is
// GOMAXPROCS.
func WithWorkers(n int) Option {
	return func(o *options) error {
		if n < 1 {
			return fmt.Errorf("workers must be at least 1, got %d", n)
		}
		o.workers = n
		return nil
	}
}

// Capabilities are the builtins policies may call: OPA's own, less those
// that reach the network or the process environment.
func Capabilities() *ast.Capabilities {
	caps := ast.CapabilitiesForThisVersion()
	kept := caps.Builtins[:0]
	for _, b := range caps.Builtins {
		if !deniedBuiltins[b.Name] {
			kept = append(kept, b)
		}
	}
	caps.Builtins = kept
	return caps
}

// Load parses and compiles the built-in library and the user's policies
// once, and prepares the single query every document is evaluated with.
func Load(ctx context.Context, opts ...Option) (*Engine, error) {
	o := options{builtins: true, workers: runtime.GOMAXPROCS(0)}
	for _, opt := range opts {
		if err := opt(&o); err != nil {
			return nil, err
		}
	}
	if e := fromCatalog(o); e != nil {
		return e, nil
	}
	e, compiled, err := parseLibrary(ctx, o)
	if err != nil {
		return nil, err
	}
	finish := func(ctx context.Context) error {
		if err := e.compile(ctx, o, compiled); err != nil {
			return err
		}
		saveCatalog(o, e)
		return nil
	}
	if o.background {
		e.lazy = newLazyBuild(finish)
		e.lazy.start(ctx)
		return e, nil
	}
	if err := finish(ctx); err != nil {
		return nil, err
	}
	return e, nil
}

// WithBackgroundCompile makes Load return once the policies are parsed,
// with every rule's metadata, while they are compiled on another goroutine
// (about 1.4 s for the built-in library): a scan reads its files
// meanwhile. Evaluating waits for the compile, and Wait returns its error
// (a user policy that does not compile, a parameter the library does not
// define).
func WithBackgroundCompile() Option {
	return func(o *options) error {
		o.background = true
		return nil
	}
}

// build parses and compiles the library and prepares its query.
func build(ctx context.Context, o options) (*Engine, error) {
	e, compiled, err := parseLibrary(ctx, o)
	if err != nil {
		return nil, err
	}
	if err := e.compile(ctx, o, compiled); err != nil {
		return nil, err
	}
	return e, nil
}

// parseLibrary parses the library and the user's policies: the engine it
// returns knows every rule and package but cannot evaluate until compile
// has compiled the modules it returns.
func parseLibrary(ctx context.Context, o options) (*Engine, map[string]*ast.Module, error) {
	caps := Capabilities()
	modules := map[string]*ast.Module{}
	builtinFiles := map[string]bool{}
	err := fs.WalkDir(FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !isPolicyFile(p) {
			return err
		}
		if !o.builtins && !strings.HasPrefix(p, "lib/") {
			return nil
		}
		src, err := fs.ReadFile(FS, p)
		if err != nil {
			return err
		}
		name := "policies/" + p
		m, err := parse(name, src, caps)
		if err != nil {
			return err
		}
		modules[name] = m
		builtinFiles[name] = true
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("load built-in policies: %w", err)
	}
	var checks []Check
	if o.builtins {
		if checks, err = builtinChecks(modules, builtinFiles, caps); err != nil {
			return nil, nil, fmt.Errorf("load built-in checks: %w", err)
		}
	}
	for _, dir := range o.userDirs {
		if err := loadDir(dir, dir, modules, caps); err != nil {
			return nil, nil, err
		}
	}
	for _, b := range o.bundles {
		if err := loadBundle(ctx, b, modules, caps); err != nil {
			return nil, nil, err
		}
	}

	pkgs := denyPackages(modules)
	// Linted as parsed, before the compiler rewrites them.
	warnings := lint(modules, func(name string) bool { return !builtinFiles[name] })

	// The rules' metadata is every module's, whatever is compiled.
	annotations, aerrs := ast.BuildAnnotationSet(moduleList(modules))
	if len(aerrs) > 0 {
		return nil, nil, fmt.Errorf("policy metadata: %w", aerrs)
	}
	compiled, skipped := compiledModules(modules, pkgs, builtinFiles, o.kinds)
	rules, err := collectRules(annotations, builtinFiles)
	if err != nil {
		return nil, nil, err
	}
	for _, ch := range checks {
		// A check is documented where it is written, not in its generated module.
		if r, ok := rules[ch.ID]; ok {
			r.File, r.Line, r.References = "policies/"+ch.File, ch.Line, ch.References
			rules[ch.ID] = r
		}
	}
	e := &Engine{rules: rules, packages: pkgs, workers: o.workers, warnings: warnings, skipped: skipped}
	return e, compiled, nil
}

// compile compiles the modules parseLibrary returned, checks the params
// against the library's and prepares the commonest query.
func (e *Engine) compile(ctx context.Context, o options, modules map[string]*ast.Module) error {
	c := ast.NewCompiler().WithCapabilities(Capabilities()).WithDefaultRegoVersion(ast.RegoV1).WithEnablePrintStatements(false)
	c.Compile(modules)
	if c.Failed() {
		return fmt.Errorf("compile policies: %w", c.Errors)
	}
	params := o.params
	if params == nil {
		params = map[string]any{}
	}
	if err := checkParams(ctx, c, params); err != nil {
		return err
	}
	e.compiler = c
	e.store = inmem.NewFromObject(map[string]any{"config": map[string]any{"params": params}})
	// The query of the commonest case, a document whose type no rule
	// names, is prepared now: a policy set that cannot be queried fails
	// the load, not the first document.
	if _, err := e.queries.get(ctx, e, "", ""); err != nil {
		return err
	}
	return nil
}

// checkParams refuses parameters the library does not define (a typo would
// silently keep the default) and values of another kind than the default
// (a string where a number is expected would silently turn a rule off).
// Parameters of the user's own policies start with x_.
func checkParams(ctx context.Context, c *ast.Compiler, params map[string]any) error {
	rs, err := rego.New(rego.Query("data.tollgate.params.defaults"), rego.Compiler(c)).Eval(ctx)
	if err != nil || len(rs) == 0 {
		return fmt.Errorf("read parameter defaults: %v", err)
	}
	defaults, _ := rs[0].Expressions[0].Value.(map[string]any)
	var errs []error
	for name, v := range params {
		if strings.HasPrefix(name, "x_") {
			continue
		}
		def, ok := defaults[name]
		if !ok {
			known := make([]string, 0, len(defaults))
			for k := range defaults {
				known = append(known, k)
			}
			sort.Strings(known)
			errs = append(errs, fmt.Errorf("params: unknown parameter %q (known: %s; your own start with x_)", name, strings.Join(known, ", ")))
			continue
		}
		if kindOf(def) != kindOf(v) {
			errs = append(errs, fmt.Errorf("params: %s must be a %s like its default %v, not a %s", name, kindOf(def), def, kindOf(v)))
		}
	}
	sort.Slice(errs, func(i, j int) bool { return errs[i].Error() < errs[j].Error() })
	return errors.Join(errs...)
}

// kindOf names the JSON kind of a value.
func kindOf(v any) string {
	switch v.(type) {
	case string:
		return "string"
	case bool:
		return "boolean"
	case []any:
		return "list"
	case map[string]any:
		return "map"
	case nil:
		return "null"
	}
	return "number"
}

func isPolicyFile(p string) bool {
	return strings.HasSuffix(p, ".rego") && !strings.HasSuffix(p, "_test.rego")
}

func parse(name string, src []byte, caps *ast.Capabilities) (*ast.Module, error) {
	m, err := ast.ParseModuleWithOpts(name, string(src), ast.ParserOptions{
		ProcessAnnotation: true,
		RegoVersion:       ast.RegoV1,
		Capabilities:      caps,
	})
	if err != nil {
		return nil, fmt.Errorf("parse %s: %w", name, err)
	}
	return m, nil
}

// loadBundle pulls a bundle into a temporary directory and loads it; its
// modules are named after the bundle reference, not the temporary path.
func loadBundle(ctx context.Context, b bundle, modules map[string]*ast.Module, caps *ast.Capabilities) error {
	tmp, err := os.MkdirTemp("", "tollgate-bundle-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	if err := PullBundle(ctx, b.ref, tmp, b.opts); err != nil {
		return err
	}
	return loadDir(tmp, b.ref, modules, caps)
}

// loadDir loads the policies under dir, naming each module display/REL.
func loadDir(dir, display string, modules map[string]*ast.Module, caps *ast.Capabilities) error {
	st, err := os.Stat(dir)
	if err != nil {
		return fmt.Errorf("policy dir: %w", err)
	}
	if !st.IsDir() {
		return fmt.Errorf("policy dir %s: not a directory", dir)
	}
	// Read confined to dir: a link in a policy directory never leads the
	// parser (whose errors quote the source) to a file outside it.
	root, err := os.OpenRoot(dir)
	if err != nil {
		return fmt.Errorf("policy dir: %w", err)
	}
	defer root.Close()
	fsys := root.FS()
	found := 0
	err = fs.WalkDir(fsys, ".", func(rel string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !isPolicyFile(rel) {
			return err
		}
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if !d.Type().IsRegular() && d.Type()&fs.ModeSymlink == 0 {
			return fmt.Errorf("%s: not a regular file", p)
		}
		src, err := fs.ReadFile(fsys, rel)
		if err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		name := filepath.ToSlash(p)
		if display != dir {
			name = strings.TrimSuffix(display, "/") + "/" + rel
		}
		m, err := parse(name, src, caps)
		if err != nil {
			return err
		}
		if strings.HasPrefix(m.Package.Path.String(), "data.tollgate.") && !strings.HasPrefix(m.Package.Path.String(), "data.tollgate.custom.") {
			return fmt.Errorf("%s: package %s: the data.tollgate namespace is reserved for built-in policies (use data.tollgate.custom.* or your own)", name, m.Package.Path)
		}
		modules[name] = m
		found++
		return nil
	})
	if err != nil {
		return err
	}
	if found == 0 {
		return fmt.Errorf("policy dir %s: no .rego files", dir)
	}
	return nil
}

// denyPackage is a package that defines deny, with the input types its
// deny rules are guarded by; nil types means some rule has no such guard.
type denyPackage struct {
	path  string
	types []string
	// formats are the input formats the deny rules without a type guard
	// are guarded by (`input.format == "kubernetes"`): the package is
	// evaluated for a document of one of its types or formats. Both nil
	// means some rule has neither guard: it is evaluated for every
	// document.
	formats []string
	// multi is true when every deny rule of the package is a multi-value
	// rule (deny contains x): deny is then always defined.
	multi bool
}

// denyPackages lists, sorted, the packages that define a rule named deny.
func denyPackages(modules map[string]*ast.Module) []denyPackage {
	types, formats := map[string]map[string]bool{}, map[string]map[string]bool{}
	unguarded, single := map[string]bool{}, map[string]bool{}
	for _, m := range modules {
		pkg := m.Package.Path.String()
		for _, r := range m.Rules {
			if r.Head.Name.String() != "deny" && (len(r.Head.Reference) == 0 || r.Head.Reference[0].Value.Compare(ast.Var("deny")) != 0) {
				continue
			}
			if types[pkg] == nil {
				types[pkg], formats[pkg] = map[string]bool{}, map[string]bool{}
			}
			if r.Head.RuleKind() != ast.MultiValue || len(r.Head.Ref()) != 1 {
				single[pkg] = true
			}
			if guard := refGuard(r.Body, inputTypeRef); guard != nil {
				for _, t := range guard {
					types[pkg][t] = true
				}
			} else if guard := refGuard(r.Body, inputFormatRef); guard != nil {
				for _, f := range guard {
					formats[pkg][f] = true
				}
			} else {
				unguarded[pkg] = true
			}
		}
	}
	out := make([]denyPackage, 0, len(types))
	for pkg := range types {
		p := denyPackage{path: pkg, multi: !single[pkg]}
		if !unguarded[pkg] {
			if len(types[pkg]) > 0 {
				p.types = sortedKeys(types[pkg])
			}
			if len(formats[pkg]) > 0 {
				p.formats = sortedKeys(formats[pkg])
			}
		}
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].path < out[j].path })
	return out
}

var (
	inputTypeRef   = ast.MustParseRef("input.type")
	inputFormatRef = ast.MustParseRef("input.format")
)

// refGuard returns the values a rule body requires of ref (input.type or
// input.format) with a top-level `ref == "V"` or `ref in {"V", ...}`, or
// nil when it has no such expression.
func refGuard(body ast.Body, ref ast.Ref) []string {
	for _, e := range body {
		if e.Negated || len(e.With) > 0 {
			continue
		}
		terms, ok := e.Terms.([]*ast.Term)
		if !ok || len(terms) != 3 {
			continue
		}
		op := e.Operator().String()
		if op != "equal" && op != "eq" && op != "internal.member_2" {
			continue
		}
		lhs, rhs := terms[1], terms[2]
		if op != "internal.member_2" {
			if r, ok := rhs.Value.(ast.Ref); ok && r.Equal(ref) {
				lhs, rhs = rhs, lhs
			}
		}
		if r, ok := lhs.Value.(ast.Ref); !ok || !r.Equal(ref) {
			continue
		}
		switch v := rhs.Value.(type) {
		case ast.String:
			if op != "internal.member_2" {
				return []string{string(v)}
			}
		case ast.Set:
			var out []string
			ok := true
			v.Foreach(func(t *ast.Term) {
				if s, isStr := t.Value.(ast.String); isStr {
					out = append(out, string(s))
				} else {
					ok = false
				}
			})
			if ok && op == "internal.member_2" && len(out) > 0 {
				return out
			}
		}
	}
	return nil
}

// typeQueries are the prepared queries of an engine, one per input format
// and type, each made the first time a document of its kind is evaluated.
// The query of a kind reads the deny set of each package whose deny rules
// can fire on it (denyPackage.applies: each rule guarded by one of the
// types, or by the format) and of each package with an unguarded rule: a
// document is evaluated against the rules that can fire on it, and nothing
// else is even looked up. One query over a module gathering every
// package's results (what the engine did first) cost 40% more: OPA built
// that module's set of all results, hashing each finding once more, and
// indexed its thousands of rules for every document.
type typeQueries struct {
	m sync.Map // input type -> *typeQuery
}

// typeQuery is the prepared query of one input type: binding i of its
// result is the deny set (or, for a deny that is not a multi-value rule,
// the list of its values) of package pkgs[i].
type typeQuery struct {
	once sync.Once
	pq   rego.PreparedEvalQuery
	pkgs []string
	err  error
}

func (q *typeQueries) get(ctx context.Context, e *Engine, format, typ string) (*typeQuery, error) {
	key := format + "\x00" + typ
	v, ok := q.m.Load(key)
	if !ok {
		v, _ = q.m.LoadOrStore(key, &typeQuery{})
	}
	tq := v.(*typeQuery)
	tq.once.Do(func() { tq.err = tq.prepare(ctx, e, format, typ) })
	return tq, tq.err
}

// applies reports whether a deny rule of p can fire on a document of the
// format and type.
func (p denyPackage) applies(format, typ string) bool {
	if len(p.types) == 0 && len(p.formats) == 0 {
		return true
	}
	return typ != "" && slices.Contains(p.types, typ) || format != "" && slices.Contains(p.formats, format)
}

func (tq *typeQuery) prepare(ctx context.Context, e *Engine, format, typ string) error {
	var body []string
	for _, p := range e.packages {
		if !p.applies(format, typ) {
			continue
		}
		if e.skipped[p.path] {
			return fmt.Errorf("policies for format %q, type %q were not compiled: the scan declared only other kinds of documents (%s applies to them)", format, typ, p.path)
		}
		v := fmt.Sprintf("x%d", len(tq.pkgs))
		if p.multi {
			body = append(body, fmt.Sprintf("%s := %s.deny", v, p.path))
		} else {
			// A complete or object deny may be undefined, which would
			// make the whole query undefined: its values are gathered.
			body = append(body, fmt.Sprintf("%s := [r | some r in %s.deny]", v, p.path))
		}
		tq.pkgs = append(tq.pkgs, p.path)
	}
	q := "true"
	if len(body) > 0 {
		q = strings.Join(body, "; ")
	}
	// Preparing compiles the query against the shared compiler: one
	// type at a time.
	prepareMu.Lock()
	defer prepareMu.Unlock()
	pq, err := rego.New(
		rego.Query(q),
		rego.Compiler(e.compiler),
		rego.Store(e.store),
		rego.Capabilities(Capabilities()),
		rego.StrictBuiltinErrors(true),
	).PrepareForEval(ctx)
	if err != nil {
		return fmt.Errorf("prepare policy query for format %q, type %q: %w", format, typ, err)
	}
	tq.pq = pq
	return nil
}

var prepareMu sync.Mutex

// Warnings are the problems found in the user's policies that do not stop
// them from loading (a deny rule without an id, a Conftest rule tollgate
// never evaluates, an unknown METADATA key), sorted by file and line.
func (e *Engine) Warnings() []Warning { return e.warnings }

// Rules returns the documentation of every rule with an id, sorted by id.
func (e *Engine) Rules() []Rule {
	out := make([]Rule, 0, len(e.rules))
	for _, r := range e.rules {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Rule returns the documentation of one rule.
func (e *Engine) Rule(id string) (Rule, bool) {
	r, ok := e.rules[id]
	return r, ok
}

// Packages lists the policy packages that define deny rules.
func (e *Engine) Packages() []string {
	out := make([]string, len(e.packages))
	for i, p := range e.packages {
		out[i] = p.path
	}
	return out
}

// EvalError is a document whose evaluation failed.
type EvalError struct {
	Index int
	Err   error
}

func (e *EvalError) Error() string { return e.Err.Error() }
func (e *EvalError) Unwrap() error { return e.Err }

// Evaluate runs every policy over every input, in parallel, and returns the
// results of input i at index i. Inputs must be built of map[string]any,
// []any, string, bool, int and float64 only. A failed evaluation is returned
// as an *EvalError for that input; the others are still evaluated.
func (e *Engine) Evaluate(ctx context.Context, inputs []map[string]any) ([][]Result, []error) {
	if err := e.ready(ctx); err != nil {
		return make([][]Result, len(inputs)), []error{err}
	}
	results := make([][]Result, len(inputs))
	errs := make([]error, len(inputs))
	next := make(chan int)
	var wg sync.WaitGroup
	workers := min(e.workers, len(inputs))
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				res, err := e.evalOne(ctx, inputs[i])
				if err != nil {
					errs[i] = &EvalError{Index: i, Err: err}
					continue
				}
				results[i] = res
			}
		}()
	}
	for i := range inputs {
		if ctx.Err() != nil {
			errs[i] = &EvalError{Index: i, Err: ctx.Err()}
			continue
		}
		next <- i
	}
	close(next)
	wg.Wait()
	var out []error
	for _, err := range errs {
		if err != nil {
			out = append(out, err)
		}
	}
	return results, out
}

// EvaluateOne runs every policy over one input on the calling goroutine;
// it is safe to call from several goroutines at once.
func (e *Engine) EvaluateOne(ctx context.Context, input map[string]any) ([]Result, error) {
	if err := e.ready(ctx); err != nil {
		return nil, err
	}
	return e.evalOne(ctx, input)
}

func (e *Engine) evalOne(ctx context.Context, input map[string]any) ([]Result, error) {
	format, _ := input["format"].(string)
	typ, _ := input["type"].(string)
	tq, err := e.queries.get(ctx, e, format, typ)
	if err != nil {
		return nil, err
	}
	if len(tq.pkgs) == 0 {
		return nil, nil
	}
	v, err := ast.InterfaceToValue(input)
	if err != nil {
		return nil, fmt.Errorf("convert input: %w", err)
	}
	rs, err := tq.pq.Eval(ctx, rego.EvalParsedInput(v))
	if err != nil {
		return nil, fmt.Errorf("evaluate policies: %w", err)
	}
	if len(rs) != 1 {
		// Every binding is a set or a list: the query is always
		// defined, once.
		return nil, fmt.Errorf("evaluate policies: %d results, want 1", len(rs))
	}
	var out []Result
	for i, pkg := range tq.pkgs {
		set, ok := rs[0].Bindings[fmt.Sprintf("x%d", i)].([]any)
		if !ok {
			return nil, fmt.Errorf("evaluate policies: %s.deny is %T, not a set", pkg, rs[0].Bindings[fmt.Sprintf("x%d", i)])
		}
		for _, item := range set {
			r, err := toResult(pkg, item)
			if err != nil {
				return nil, err
			}
			out = append(out, r)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].RuleID != out[j].RuleID {
			return out[i].RuleID < out[j].RuleID
		}
		return out[i].Message < out[j].Message
	})
	return out, nil
}

func toResult(pkg string, v any) (Result, error) {
	switch x := v.(type) {
	case string:
		// conftest style: deny contains msg.
		return Result{RuleID: strings.TrimPrefix(pkg, "data."), Message: x, Package: pkg}, nil
	case map[string]any:
		r := Result{Package: pkg, Message: str(x["message"]), RuleID: str(x["rule_id"])}
		if r.Message == "" {
			r.Message = str(x["msg"])
		}
		if r.RuleID == "" {
			r.RuleID = strings.TrimPrefix(pkg, "data.")
		}
		r.Location, _ = x["location"].(map[string]any)
		return r, nil
	}
	return Result{}, fmt.Errorf("%s.deny: a result must be a message or an object built by data.tollgate.lib.finding, got %T", pkg, v)
}

func moduleList(modules map[string]*ast.Module) []*ast.Module {
	names := make([]string, 0, len(modules))
	for n := range modules {
		names = append(names, n)
	}
	sort.Strings(names)
	out := make([]*ast.Module, len(names))
	for i, n := range names {
		out[i] = modules[n]
	}
	return out
}

// compiledModules are the modules to compile for documents of kinds: all
// of them when kinds is nil; else all but the built-in modules of deny
// packages none of whose rules apply to a kind, unless a kept module
// refers to their package. It returns the packages left out.
func compiledModules(modules map[string]*ast.Module, pkgs []denyPackage, builtinFiles map[string]bool, kinds []Kind) (map[string]*ast.Module, map[string]bool) {
	if kinds == nil {
		return modules, nil
	}
	drop := map[string]bool{}
	for _, p := range pkgs {
		if !slices.ContainsFunc(kinds, func(k Kind) bool { return p.applies(k.Format, k.Type) }) {
			drop[p.path] = true
		}
	}
	// A package kept, or any module not dropped, may use a dropped
	// package's rules: keep what is referred to, until nothing changes.
	for changed := true; changed; {
		changed = false
		for name, m := range modules {
			pkg := m.Package.Path.String()
			if drop[pkg] && builtinFiles[name] {
				continue
			}
			ast.WalkRefs(m, func(r ast.Ref) bool {
				for i := len(r); i >= 2; i-- {
					if d := r[:i].String(); drop[d] {
						delete(drop, d)
						changed = true
					}
				}
				return false
			})
		}
	}
	out := map[string]*ast.Module{}
	skipped := map[string]bool{}
	for name, m := range modules {
		if pkg := m.Package.Path.String(); drop[pkg] && builtinFiles[name] {
			skipped[pkg] = true
			continue
		}
		out[name] = m
	}
	return out, skipped
}
