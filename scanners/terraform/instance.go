package terraform

import (
	"fmt"
	"path"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"

	"github.com/tollgate/tollgate/scanners"
)

// instance is one evaluation of a module directory: a root module, or one
// instance of a module call. Its values are computed lazily, each once.
type instance struct {
	r      *run
	mod    *moduleDir
	parent *instance
	// call and callScope: the module block that created this instance and
	// the count/each values of this instance in the caller.
	call      *moduleCall
	callScope *scope
	prefix    string // of document addresses: "dir:module.a[0]."
	carrier   string // scanned file receiving what has no scanned file of its own
	rootDir   string // the root module's directory (Terraform's working directory)
	depth     int
	// instances counts the resource and module instances of the root
	// module, shared by all its module instances (maxRootInstances).
	instances *int
	funcs     map[string]function.Function

	rootVals  map[string]cty.Value // of a root module
	vars      map[string]*lazy     // of a called module
	locals    map[string]*lazy
	outputs   map[string]*lazy
	resStates map[*resource]*resState
	calls     map[*moduleCall]*callState
}

// lazy is a value computed on first use; a value asked for while it is
// being computed (a cycle, which Terraform refuses) is unknown.
type lazy struct {
	busy, done bool
	v          cty.Value
}

func (l *lazy) get(compute func() cty.Value) cty.Value {
	switch {
	case l.done:
		return l.v
	case l.busy:
		return cty.DynamicVal
	}
	l.busy = true
	l.v, l.done, l.busy = compute(), true, false
	return l.v
}

// lazyIn returns the lazy value of name in m, creating it.
func lazyIn(m map[string]*lazy, name string) *lazy {
	l := m[name]
	if l == nil {
		l = &lazy{}
		m[name] = l
	}
	return l
}

// scope is what count.index, each.key, each.value and dynamic block
// iterators are where an expression is evaluated. A nil scope has none.
type scope struct {
	count     cty.Value // cty.NilVal outside a counted block
	eachKey   cty.Value // cty.NilVal outside a for_each block
	eachValue cty.Value
	// alias: each.value is this instance of another resource (for_each over
	// a whole resource), so that each.value.ATTR resolves as the reference.
	alias *resInst
	iters map[string]cty.Value
}

// withIterator returns a copy of sc in which name is bound to v.
func (sc *scope) withIterator(name string, v cty.Value) *scope {
	out := &scope{count: cty.NilVal, eachKey: cty.NilVal, eachValue: cty.NilVal}
	if sc != nil {
		*out = *sc
	}
	out.iters = make(map[string]cty.Value, len(out.iters)+1)
	if sc != nil {
		for k, iv := range sc.iters {
			out.iters[k] = iv
		}
	}
	out.iters[name] = v
	return out
}

func newInstance(r *run, m *moduleDir) *instance {
	return &instance{
		r:         r,
		mod:       m,
		vars:      map[string]*lazy{},
		locals:    map[string]*lazy{},
		outputs:   map[string]*lazy{},
		resStates: map[*resource]*resState{},
		calls:     map[*moduleCall]*callState{},
	}
}

// newRoot makes the root module instance of m.
func (r *run) newRoot(m *moduleDir) *instance {
	in := newInstance(r, m)
	in.prefix = modulePrefix(m.dir)
	in.carrier = m.carrier
	in.rootDir = m.dir
	in.instances = new(int)
	in.funcs = functions(r.fsys, m.dir, r.lim)
	in.rootVals = in.rootVariables()
	return in
}

// modulePrefix keeps addresses of resources of different root modules apart.
func modulePrefix(dir string) string {
	if dir == "." || dir == "" {
		return ""
	}
	return dir + ":"
}

// newChild makes the instance of call c with instance key key.
func (in *instance) newChild(c *moduleCall, key cty.Value, sc *scope) *instance {
	child := newInstance(in.r, in.r.dirs[c.dir])
	child.parent, child.call, child.callScope = in, c, sc
	child.prefix = in.prefix + "module." + c.name + keySuffix(key) + "."
	child.carrier = in.carrier
	if in.r.scanned(c.file) {
		child.carrier = c.file
	}
	child.rootDir, child.funcs, child.depth, child.instances = in.rootDir, in.funcs, in.depth+1, in.instances
	return child
}

// keySuffix is the instance key as Terraform writes it in addresses.
func keySuffix(key cty.Value) string {
	switch {
	case key == cty.NilVal:
		return ""
	case key.Type() == cty.Number:
		i, _ := key.AsBigFloat().Int64()
		return fmt.Sprintf("[%d]", i)
	}
	return fmt.Sprintf("[%q]", key.AsString())
}

// report records an error of this instance: on its file when that is
// scanned, else on the instance's carrier.
func (in *instance) report(e *scanners.FileError) {
	if res := in.r.results[e.Path]; res != nil {
		in.r.report(res, e)
		return
	}
	in.r.report(in.r.results[in.carrier], e)
}

// errorAt reports an error at the first line of rng.
func (in *instance) errorAt(rng hcl.Range, err error) {
	in.report(&scanners.FileError{Path: rng.Filename, Line: rng.Start.Line, Err: err})
}

// run evaluates the instance: its resources become documents, then its
// module calls are evaluated, in order.
func (in *instance) run() {
	in.r.reached[in.mod.dir] = true
	if in.r.lim.halted() {
		return
	}
	var insts []*resInst
	for _, res := range in.mod.resources {
		for _, ri := range in.resState(res).insts {
			ri.body = in.resourceBody(ri)
			insts = append(insts, ri)
		}
	}
	for _, ri := range insts {
		// A resource of a called module may still refer to it, through
		// the variable it is passed in: the document keeps this map.
		ri.related = map[string][]map[string]any{}
	}
	in.relate(insts)
	for _, ri := range insts {
		in.emit(ri)
	}
	in.passedToUnread()
	for _, c := range in.mod.calls {
		if c.dir == "" {
			in.r.partial = true // a module whose resources are not known
		}
		if err := in.r.ctx.Err(); err != nil {
			in.errorAt(c.block.DefRange(), fmt.Errorf("terraform evaluation stopped: %w", err))
			return
		}
		for _, child := range in.callState(c).insts {
			if in.r.lim.halted() {
				return
			}
			child.run()
		}
	}
}

// emit adds the document of a resource instance to the result of its file,
// or, for a file not scanned, to the carrier's.
func (in *instance) emit(ri *resInst) {
	res := ri.rs.res
	sink := in.r.results[res.file]
	if sink == nil {
		sink = in.r.results[in.carrier]
	}
	sink.Documents = append(sink.Documents, scanners.Document{
		Format:   "terraform",
		Type:     res.docType(),
		Name:     res.name,
		Address:  in.prefix + res.address() + keySuffix(ri.key),
		Path:     res.file,
		Resource: ri.body,
		Related:  ri.related,
		Secrets:  scanners.SecretValues(ri.body),
	})
	e := emitted{sink, len(sink.Documents) - 1}
	in.r.emitted = append(in.r.emitted, e)
	ri.doc = &e
}

// passedToUnread marks the resources passed to a module call that could
// not be read (a remote module neither installed nor downloaded) as having
// unknown related resources: that module may create the versioning,
// association or policy a rule would find missing. Resources passed
// through the variables of called modules are found too.
func (in *instance) passedToUnread() {
	for _, c := range in.mod.calls {
		if c.dir != "" {
			continue
		}
		for _, n := range sortedKeys(c.args) {
			seen := map[followed]bool{}
			for _, l := range in.r.analyze(c.args[n].Expr).links {
				for _, t := range in.resolveThrough(l, nil, 0, seen) {
					if t.doc != nil {
						t.doc.res.Documents[t.doc.i].RelatedUnknown = true
					}
				}
			}
		}
	}
}

// eval evaluates expr in this instance, in scope sc. A reference the
// instance cannot resolve (data sources, unconfigured attributes of other
// resources, remote module outputs, undeclared names) is unknown, and so is
// an expression whose evaluation fails. A limit crossed, or a file a
// function could not read, is an error of the file at the line of the
// expression or call (see limits.go), and its value is unknown.
func (in *instance) eval(expr hclsyntax.Expression, sc *scope) cty.Value {
	lim := in.r.lim
	if lim.halted() {
		return cty.DynamicVal
	}
	in.r.depth++
	defer func() { in.r.depth-- }()
	if in.r.depth > maxReferenceDepth {
		lim.trip(expr.Range(), fmt.Errorf("%w: references nested deeper than %d levels", errLimit, maxReferenceDepth))
		in.flush(expr, nil)
		return cty.DynamicVal
	}
	info := in.r.analyze(expr)
	vars := make(map[string]cty.Value, len(info.names))
	for _, name := range info.names {
		vars[name] = in.rootValue(name, info.roots[name], sc)
	}
	v, diags := expr.Value(&hcl.EvalContext{Variables: vars, Functions: in.funcs})
	if !diags.HasErrors() && !lim.halted() {
		if err := lim.check(v); err != nil {
			lim.trip(expr.Range(), err)
		}
	}
	if in.flush(expr, diags) || diags.HasErrors() || lim.halted() {
		return cty.DynamicVal
	}
	return v
}

// flush reports the errors the evaluation of expr recorded, and tells
// whether there were any.
func (in *instance) flush(expr hclsyntax.Expression, diags hcl.Diagnostics) bool {
	errs := in.r.lim.take(expr, diags)
	for _, e := range errs {
		in.report(e)
	}
	return len(errs) > 0
}

// rootValue is the value of the root name of references, holding what the
// expression uses of it.
func (in *instance) rootValue(name string, use *rootUse, sc *scope) cty.Value {
	if sc != nil {
		if v, ok := sc.iters[name]; ok {
			return v
		}
	}
	switch name {
	case "var":
		return members(use, in.mod.variables, func(n string, _ *memberUse) cty.Value { return in.variable(n) })
	case "local":
		return members(use, in.mod.locals, func(n string, _ *memberUse) cty.Value { return in.local(n) })
	case "module":
		return members(use, in.mod.callByName, in.moduleValue)
	case "count":
		if sc == nil || sc.count == cty.NilVal {
			return cty.DynamicVal
		}
		return cty.ObjectVal(map[string]cty.Value{"index": sc.count})
	case "each":
		return in.eachValue(use, sc)
	case "path":
		return cty.ObjectVal(map[string]cty.Value{
			"module": cty.StringVal(relPath(in.rootDir, in.mod.dir)),
			"root":   cty.StringVal("."),
			"cwd":    cty.DynamicVal, // an absolute path of the machine running Terraform
		})
	case "terraform":
		return cty.ObjectVal(map[string]cty.Value{"workspace": cty.StringVal("default")})
	case "data", "self":
		return cty.DynamicVal
	}
	byName := in.mod.types[name]
	if byName == nil {
		return cty.DynamicVal
	}
	return members(use, byName, func(n string, mu *memberUse) cty.Value {
		return in.resourceValue(byName[n], mu)
	})
}

// members builds the object of a namespace (var, local, module, a resource
// type) holding the members the expression uses, or all of them when it
// uses the namespace as a whole. Undeclared members are unknown.
func members[V any](use *rootUse, declared map[string]V, get func(string, *memberUse) cty.Value) cty.Value {
	if use.whole {
		obj := make(map[string]cty.Value, len(declared))
		for n := range declared {
			obj[n] = get(n, &memberUse{whole: true})
		}
		return cty.ObjectVal(obj)
	}
	obj := make(map[string]cty.Value, len(use.members))
	for n, mu := range use.members {
		if _, ok := declared[n]; !ok {
			obj[n] = cty.DynamicVal
			continue
		}
		obj[n] = get(n, mu)
	}
	return cty.ObjectVal(obj)
}

// eachValue is each.key and each.value in sc.
func (in *instance) eachValue(use *rootUse, sc *scope) cty.Value {
	if sc == nil || sc.eachKey == cty.NilVal {
		return cty.DynamicVal
	}
	value := sc.eachValue
	if mu := use.members["value"]; sc.alias != nil && mu != nil && !mu.whole && !use.whole {
		value = in.instObject(sc.alias, mu)
	}
	return cty.ObjectVal(map[string]cty.Value{"key": sc.eachKey, "value": value})
}

// relPath is the path of dir relative to base, both slash-separated and
// clean, as Terraform writes path.module.
func relPath(base, dir string) string {
	if base == dir {
		return "."
	}
	b, d := splitPath(base), splitPath(dir)
	i := 0
	for i < len(b) && i < len(d) && b[i] == d[i] {
		i++
	}
	parts := make([]string, 0, len(b)-i+len(d)-i)
	for range b[i:] {
		parts = append(parts, "..")
	}
	parts = append(parts, d[i:]...)
	return path.Join(parts...)
}

func splitPath(p string) []string {
	if p == "." || p == "" {
		return nil
	}
	return strings.Split(p, "/")
}

// variable is the value of var.name.
func (in *instance) variable(name string) cty.Value {
	if in.call == nil {
		if v, ok := in.rootVals[name]; ok {
			return v
		}
		return cty.DynamicVal
	}
	v := in.mod.variables[name]
	if v == nil {
		return cty.DynamicVal
	}
	return lazyIn(in.vars, name).get(func() cty.Value {
		a := in.call.args[name]
		if a == nil {
			if v.hasDefault {
				return v.def
			}
			return cty.DynamicVal // reported by checkArgs
		}
		val, err := v.assign(in.parent.eval(a.Expr, in.callScope))
		if err != nil {
			in.parent.errorAt(a.SrcRange, fmt.Errorf("module %q: invalid value for variable %q: %w", in.call.name, name, err))
			return cty.DynamicVal
		}
		return val
	})
}

// local is the value of local.name.
func (in *instance) local(name string) cty.Value {
	a := in.mod.locals[name]
	if a == nil {
		return cty.DynamicVal
	}
	return lazyIn(in.locals, name).get(func() cty.Value { return in.eval(a.Expr, nil) })
}

// output is the value of output name of this module instance.
func (in *instance) output(name string) cty.Value {
	a := in.mod.outputs[name]
	if a == nil {
		return cty.DynamicVal
	}
	return lazyIn(in.outputs, name).get(func() cty.Value { return in.eval(a.Expr, nil) })
}

// moduleValue is module.name: the outputs the expression uses, of each
// instance of the call.
func (in *instance) moduleValue(name string, mu *memberUse) cty.Value {
	cs := in.callState(in.mod.callByName[name])
	outputs := func(child *instance) cty.Value {
		names := sortedKeys(child.mod.outputs)
		if !mu.whole {
			names = sortedKeys(mu.attrs)
		}
		obj := make(map[string]cty.Value, len(names))
		for _, n := range names {
			obj[n] = child.output(n)
		}
		return cty.ObjectVal(obj)
	}
	return cs.value(outputs)
}

// resourceValue is type.name: the attributes the expression uses, of each
// instance of the resource.
func (in *instance) resourceValue(res *resource, mu *memberUse) cty.Value {
	rs := in.resState(res)
	return rs.value(func(ri *resInst) cty.Value { return in.instObject(ri, mu) })
}

// instObject is a resource instance as a reference sees it: the configured
// value of each attribute used, unknown for the others (computed by the
// provider: id, arn...). An instance used as a whole is unknown.
func (in *instance) instObject(ri *resInst, mu *memberUse) cty.Value {
	if mu.whole || len(mu.attrs) == 0 {
		return cty.DynamicVal
	}
	obj := make(map[string]cty.Value, len(mu.attrs))
	for a := range mu.attrs {
		obj[a] = in.attr(ri, a)
	}
	return cty.ObjectVal(obj)
}

// attr is the configured value of a top-level attribute of a resource
// instance, or of its nested blocks of that type (a list of objects, as
// Terraform has them: metric_transformation[0].name); unknown when not
// configured.
func (in *instance) attr(ri *resInst, name string) cty.Value {
	if metaArgs[name] {
		return cty.DynamicVal
	}
	body := ri.rs.res.block.Body
	if a := body.Attributes[name]; a != nil {
		return lazyIn(ri.attrs, name).get(func() cty.Value { return in.eval(a.Expr, ri.sc) })
	}
	return lazyIn(ri.attrs, name).get(func() cty.Value { return in.blocksValue(body, name, ri.sc, 0) })
}

// blocksValue is the value of the nested blocks of type name of body: a
// tuple of objects of their attributes and blocks. It is unknown when there
// is none (the provider may compute it), when a dynamic block makes some,
// or below maxBlockValueDepth.
func (in *instance) blocksValue(body *hclsyntax.Body, name string, sc *scope, depth int) cty.Value {
	if name == "lifecycle" || depth >= maxBlockValueDepth {
		return cty.DynamicVal
	}
	var elems []cty.Value
	for _, b := range body.Blocks {
		if nestedType(b) != name {
			continue
		}
		if b.Type == "dynamic" {
			return cty.DynamicVal
		}
		obj := make(map[string]cty.Value, len(b.Body.Attributes)+len(b.Body.Blocks))
		for n, a := range b.Body.Attributes {
			obj[n] = in.eval(a.Expr, sc)
		}
		for _, nb := range b.Body.Blocks {
			t := nestedType(nb)
			if _, done := obj[t]; !done {
				obj[t] = in.blocksValue(b.Body, t, sc, depth+1)
			}
		}
		elems = append(elems, cty.ObjectVal(obj))
	}
	if len(elems) == 0 {
		return cty.DynamicVal
	}
	return cty.TupleVal(elems)
}

// maxBlockValueDepth bounds how deep blocksValue reads nested blocks (the
// parser's nesting limit already bounds the work; this keeps a reference
// from building more than it could use).
const maxBlockValueDepth = 16
