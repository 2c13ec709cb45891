package terraform

import (
	"sort"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// exprInfo is what an expression refers to, computed once per expression.
type exprInfo struct {
	names []string // root names of its references, sorted
	roots map[string]*rootUse
	links []link
}

// rootUse is what an expression uses of a root name (var, local, module,
// a resource type, each...).
type rootUse struct {
	whole   bool // the root itself is used as a value
	members map[string]*memberUse
}

// memberUse is what an expression uses of root.member: for a resource, the
// attributes of its instances; for a module call, its outputs.
type memberUse struct {
	whole bool // an instance (or the member) is used as a value
	attrs map[string]bool
}

func (ru *rootUse) member(name string) *memberUse {
	mu := ru.members[name]
	if mu == nil {
		mu = &memberUse{attrs: map[string]bool{}}
		ru.members[name] = mu
	}
	return mu
}

// link is one reference to root.name (a resource, or each.value), with the
// instance it designates when that can be told.
type link struct {
	root, name string
	key        cty.Value            // a literal instance key, or cty.NilVal
	keyExpr    hclsyntax.Expression // a computed instance key, or nil
	all        bool                 // a splat: every instance
}

// follower is what the enclosing expression does with a two-step traversal
// (aws_s3_bucket.b): index it with a computed key, splat it, then read an
// attribute.
type follower struct {
	keyExpr hclsyntax.Expression
	all     bool
	attr    string
}

// analyze computes, once per expression, the references it makes.
func (r *run) analyze(expr hclsyntax.Expression) *exprInfo {
	if info, ok := r.analyses[expr]; ok {
		return info
	}
	info := &exprInfo{roots: map[string]*rootUse{}}
	// Variables leaves out the symbols of for expressions.
	for _, t := range expr.Variables() {
		root := t.RootName()
		if _, ok := info.roots[root]; !ok {
			info.roots[root] = &rootUse{members: map[string]*memberUse{}}
			info.names = append(info.names, root)
		}
	}
	sort.Strings(info.names)
	follow := map[*hclsyntax.ScopeTraversalExpr]*follower{}
	followerOf := func(st *hclsyntax.ScopeTraversalExpr) *follower {
		f := follow[st]
		if f == nil {
			f = &follower{}
			follow[st] = f
		}
		return f
	}
	// VisitAll visits a node before its children: what follows a traversal
	// is recorded before the traversal is met.
	hclsyntax.VisitAll(expr, func(n hclsyntax.Node) hcl.Diagnostics {
		switch e := n.(type) {
		case *hclsyntax.RelativeTraversalExpr:
			if ie, ok := e.Source.(*hclsyntax.IndexExpr); ok {
				if st, ok := ie.Collection.(*hclsyntax.ScopeTraversalExpr); ok {
					followerOf(st).attr = traversalAttr(e.Traversal, 0)
				}
			}
		case *hclsyntax.IndexExpr:
			if st, ok := e.Collection.(*hclsyntax.ScopeTraversalExpr); ok {
				followerOf(st).keyExpr = e.Key
			}
		case *hclsyntax.SplatExpr:
			if st, ok := e.Source.(*hclsyntax.ScopeTraversalExpr); ok {
				f := followerOf(st)
				f.all = true
				if rt, ok := e.Each.(*hclsyntax.RelativeTraversalExpr); ok {
					if _, anon := rt.Source.(*hclsyntax.AnonSymbolExpr); anon {
						f.attr = traversalAttr(rt.Traversal, 0)
					}
				}
			}
		case *hclsyntax.ScopeTraversalExpr:
			info.traversal(e.Traversal, follow[e])
		}
		return nil
	})
	r.analyses[expr] = info
	return info
}

// traversal records one reference.
func (info *exprInfo) traversal(t hcl.Traversal, f *follower) {
	ru := info.roots[t.RootName()]
	if ru == nil {
		return // a for expression's symbol
	}
	name := traversalAttr(t, 1)
	if name == "" {
		ru.whole = true
		return
	}
	mu := ru.member(name)
	l := link{root: t.RootName(), name: name, key: cty.NilVal}
	attr := ""
	if len(t) == 2 {
		if f != nil {
			l.keyExpr, l.all, attr = f.keyExpr, f.all, f.attr
		}
	} else {
		rest := t[2:]
		if ix, ok := rest[0].(hcl.TraverseIndex); ok {
			l.key = ix.Key
			rest = rest[1:]
		}
		attr = traversalAttr(rest, 0)
	}
	if attr != "" {
		mu.attrs[attr] = true
	} else {
		mu.whole = true
	}
	info.links = append(info.links, l)
}

// traversalAttr is the name of step i of t when it is an attribute (or the
// root, for i == 0 of an absolute traversal), else "".
func traversalAttr(t hcl.Traversal, i int) string {
	if i >= len(t) {
		return ""
	}
	switch s := t[i].(type) {
	case hcl.TraverseAttr:
		return s.Name
	case hcl.TraverseRoot:
		return s.Name
	}
	return ""
}

// relate fills the Related of each resource instance of the module
// instance: the bodies of the other instances whose configuration refers to
// it.
func (in *instance) relate(insts []*resInst) {
	for _, s := range insts {
		seen := map[*resInst]bool{}
		in.linksOf(s.rs.res.block.Body, s.sc, true, func(l link, sc *scope) {
			for _, t := range in.resolveThrough(l, sc, 0, map[followed]bool{}) {
				if t == s || seen[t] {
					continue
				}
				seen[t] = true
				if t.related == nil {
					t.related = map[string][]map[string]any{}
				}
				typ := s.rs.res.docType()
				t.related[typ] = append(t.related[typ], s.body)
			}
		})
	}
}

// linksOf calls visit with every reference made in a block body, with the
// scope it is made in (dynamic block iterators bound, to unknown values).
// Top-level meta-arguments (count, for_each, depends_on) and the lifecycle
// block (replace_triggered_by) are not configuration of the resource and
// are skipped.
func (in *instance) linksOf(b *hclsyntax.Body, sc *scope, top bool, visit func(link, *scope)) {
	for _, n := range sortedKeys(b.Attributes) {
		if top && metaArgs[n] {
			continue
		}
		for _, l := range in.r.analyze(b.Attributes[n].Expr).links {
			visit(l, sc)
		}
	}
	for _, nb := range b.Blocks {
		if top && nb.Type == "lifecycle" {
			continue
		}
		if nb.Type != "dynamic" || len(nb.Labels) != 1 {
			in.linksOf(nb.Body, sc, false, visit)
			continue
		}
		iterator := nb.Labels[0]
		if a := nb.Body.Attributes["iterator"]; a != nil {
			if kw := hcl.ExprAsKeyword(a.Expr); kw != "" {
				iterator = kw
			}
		}
		inner := sc.withIterator(iterator, cty.DynamicVal)
		for _, cb := range nb.Body.Blocks {
			if cb.Type == "content" {
				in.linksOf(cb.Body, inner, false, visit)
			}
		}
		if a := nb.Body.Attributes["for_each"]; a != nil {
			for _, l := range in.r.analyze(a.Expr).links {
				visit(l, sc)
			}
		}
	}
}

// maxRelateDepth bounds how many local values and module variables
// resolveThrough follows from one reference.
const maxRelateDepth = 16

// resolveThrough is resolve, also following local values and, in a called
// module, its variables to what the caller passed: an association in a
// module that receives a subnet's id as var.subnet_id refers to the
// caller's subnet, so the subnet's document sees it in input.related.
func (in *instance) resolveThrough(l link, sc *scope, depth int, seen map[followed]bool) []*resInst {
	if depth > maxRelateDepth {
		return nil
	}
	var expr hclsyntax.Expression
	var from *instance
	var fromScope *scope
	switch l.root {
	case "local":
		if a := in.mod.locals[l.name]; a != nil {
			expr, from = a.Expr, in
		}
	case "var":
		if in.call != nil && in.parent != nil {
			if a := in.call.args[l.name]; a != nil {
				expr, from, fromScope = a.Expr, in.parent, in.callScope
			}
		}
	default:
		return in.resolve(l, sc)
	}
	if expr == nil || seen[followed{from, expr}] {
		return nil // each expression is followed once per reference
	}
	seen[followed{from, expr}] = true
	var out []*resInst
	for _, l2 := range in.r.analyze(expr).links {
		out = append(out, from.resolveThrough(l2, fromScope, depth+1, seen)...)
	}
	return out
}

// followed is an expression resolveThrough followed, in its instance.
type followed struct {
	in   *instance
	expr hclsyntax.Expression
}

// resolve returns the resource instances a reference designates in scope
// sc: the indexed instance when the index can be known, else all of them.
func (in *instance) resolve(l link, sc *scope) []*resInst {
	if sc != nil {
		if _, ok := sc.iters[l.root]; ok {
			return nil
		}
	}
	if l.root == "each" {
		if l.name == "value" && sc != nil && sc.alias != nil {
			return []*resInst{sc.alias}
		}
		return nil
	}
	res := in.mod.byAddr[l.root+"."+l.name]
	if res == nil {
		return nil
	}
	rs := in.resState(res)
	key := l.key
	if key == cty.NilVal && l.keyExpr != nil && !l.all {
		k, _ := in.eval(l.keyExpr, sc).UnmarkDeep()
		if k.IsWhollyKnown() && !k.IsNull() {
			key = k
		}
	}
	// Without a known index, or when the instances are not known (the
	// single instance then stands for them all), every instance.
	if key == cty.NilVal || l.all || rs.mode == expandUnknown {
		return rs.insts
	}
	if ri := rs.instanceByKey(key); ri != nil {
		return []*resInst{ri}
	}
	return nil
}
