package terraform

import (
	"errors"
	"fmt"
	"math/big"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/tollgate/tollgate/scanners"
)

// resourceBody is the document body of a resource instance: attributes
// evaluated in the instance's scope, nested blocks as lists of objects (as
// `terraform show -json` has them), meta-arguments left out.
func (in *instance) resourceBody(ri *resInst) map[string]any {
	res := ri.rs.res
	obj := in.body(res.file, res.block.Body, res.block.Range(), ri.sc, func(name string) (cty.Value, bool) {
		if metaArgs[name] {
			return cty.NilVal, false
		}
		return in.attr(ri, name), true
	})
	if in.call != nil {
		rng := in.call.block.Range()
		obj[ModuleCallKey] = map[string]any{"path": in.call.file, "start_line": rng.Start.Line, "end_line": rng.End.Line}
	}
	return obj
}

// errReservedName refuses an attribute or block named as the key positions
// are kept under: it would forge the positions policies report.
var errReservedName = errors.New(`the name "` + scanners.LocKey + `" is reserved by tollgate for source positions`)

// body converts a block body. attr, when set, gives the values of the
// top-level attributes (false: leave the attribute out).
func (in *instance) body(file string, b *hclsyntax.Body, rng hcl.Range, sc *scope, attr func(string) (cty.Value, bool)) map[string]any {
	obj := map[string]any{scanners.LocKey: scanners.Loc(file, rng.Start.Line, rng.End.Line)}
	for _, n := range sortedKeys(b.Attributes) {
		a := b.Attributes[n]
		if n == scanners.LocKey {
			in.errorAt(a.SrcRange, errReservedName)
			continue
		}
		var v cty.Value
		if attr != nil {
			val, keep := attr(n)
			if !keep {
				continue
			}
			v = val
		} else {
			v = in.eval(a.Expr, sc)
		}
		start, end := a.SrcRange.Start.Line, a.SrcRange.End.Line
		afile := file
		if f := a.SrcRange.Filename; f != "" && f != file {
			// Set by an override file merged into the block.
			afile = f
			scanners.SetAttrLocIn(obj, n, f, start, end)
		} else {
			scanners.SetAttrLoc(obj, n, start, end)
		}
		goVal, known := toGo(v, afile, start, end)
		if !known && goVal == nil {
			scanners.MarkUnknown(obj, n)
			if ref := traversalRef(a.Expr); ref != "" {
				scanners.SetAttrRef(obj, n, ref)
			}
			continue
		}
		if _, isList := goVal.([]any); !known && isList {
			// A list with unknown elements keeps its known ones (a rule may
			// still see "0.0.0.0/0" in it) but is marked unknown, so no
			// rule concludes from what it lacks.
			scanners.MarkUnknown(obj, n)
		}
		obj[n] = goVal
	}
	for _, nb := range b.Blocks {
		if nb.Type == scanners.LocKey || (nb.Type == "dynamic" && len(nb.Labels) == 1 && nb.Labels[0] == scanners.LocKey) {
			in.errorAt(nb.DefRange(), errReservedName)
			continue
		}
		if nb.Type == "dynamic" {
			dfile := file
			if f := nb.Range().Filename; f != "" {
				dfile = f
			}
			in.dynamic(dfile, obj, nb, sc)
			continue
		}
		list, _ := obj[nb.Type].([]any)
		bfile := file
		if f := nb.Range().Filename; f != "" {
			bfile = f // a nested block of an override file is located there
		}
		obj[nb.Type] = append(list, in.body(bfile, nb.Body, nb.Range(), sc, nil))
	}
	return obj
}

// dynamic expands a dynamic block into nested blocks of its label's type,
// each located at the content block. When its for_each cannot be known,
// the block type is marked unknown, so that no rule fires on its absence.
func (in *instance) dynamic(file string, obj map[string]any, nb *hclsyntax.Block, sc *scope) {
	if len(nb.Labels) != 1 {
		return
	}
	label := nb.Labels[0]
	markUnknown := func() {
		rng := nb.Range()
		scanners.SetAttrLoc(obj, label, rng.Start.Line, rng.End.Line)
		scanners.MarkUnknown(obj, label)
	}
	forEach := nb.Body.Attributes["for_each"]
	var content *hclsyntax.Block
	for _, cb := range nb.Body.Blocks {
		if cb.Type == "content" {
			content = cb
			break
		}
	}
	if forEach == nil || content == nil {
		in.errorAt(nb.DefRange(), errors.New(`dynamic block needs a "for_each" argument and a "content" block`))
		markUnknown()
		return
	}
	iterator := label
	if a := nb.Body.Attributes["iterator"]; a != nil {
		if kw := hcl.ExprAsKeyword(a.Expr); kw != "" {
			iterator = kw
		}
	}
	coll, _ := in.eval(forEach.Expr, sc).UnmarkDeep()
	switch {
	case !coll.IsKnown() || (coll.Type().IsSetType() && !coll.IsWhollyKnown()):
		markUnknown()
		return
	case coll.IsNull() || !coll.CanIterateElements():
		in.errorAt(forEach.SrcRange, errors.New("invalid dynamic for_each value: a collection is required"))
		markUnknown()
		return
	}
	list, _ := obj[label].([]any)
	if list == nil {
		list = []any{}
	}
	for it := coll.ElementIterator(); it.Next(); {
		k, v := it.Element()
		if coll.Type().IsSetType() {
			k = v
		}
		iter := cty.ObjectVal(map[string]cty.Value{"key": k, "value": v})
		list = append(list, in.body(file, content.Body, content.Range(), sc.withIterator(iterator, iter), nil))
	}
	obj[label] = list
}

// toGo converts a cty value into the plain values policies see. Unknown
// parts are left out; known reports whether v was wholly known. Maps get the
// lines of the attribute they came from.
func toGo(v cty.Value, file string, start, end int) (out any, known bool) {
	v, _ = v.UnmarkDeep()
	if !v.IsKnown() {
		return nil, false
	}
	if v.IsNull() {
		return nil, true
	}
	t := v.Type()
	switch {
	case t == cty.String:
		return v.AsString(), true
	case t == cty.Bool:
		return v.True(), true
	case t == cty.Number:
		bf := v.AsBigFloat()
		if i, acc := bf.Int64(); acc == big.Exact {
			return int(i), true
		}
		f, _ := bf.Float64()
		return f, true
	case t.IsListType() || t.IsSetType() || t.IsTupleType():
		list := []any{}
		known = true
		for it := v.ElementIterator(); it.Next(); {
			_, ev := it.Element()
			g, k := toGo(ev, file, start, end)
			known = known && k
			if g != nil || k {
				list = append(list, g)
			}
		}
		return list, known
	case t.IsMapType() || t.IsObjectType():
		obj := map[string]any{scanners.LocKey: scanners.Loc(file, start, end)}
		known = true
		keys := make([]string, 0, v.LengthInt())
		vals := map[string]cty.Value{}
		for it := v.ElementIterator(); it.Next(); {
			kv, ev := it.Element()
			keys = append(keys, kv.AsString())
			vals[kv.AsString()] = ev
		}
		sort.Strings(keys)
		for _, key := range keys {
			if key == scanners.LocKey {
				continue // never a setting a rule reads; kept out so it cannot forge positions
			}
			g, k := toGo(vals[key], file, start, end)
			if !k && g == nil {
				scanners.MarkUnknown(obj, key)
				known = false
				continue
			}
			known = known && k
			obj[key] = g
		}
		return obj, known
	}
	return nil, false
}

// traversalRef is the reference an expression is made of alone
// (aws_iam_role.exec.arn, "${aws_iam_role.exec.arn}", data.x.y.id,
// module.m.out[0]), written as in the configuration; "" for any other
// expression.
func traversalRef(expr hclsyntax.Expression) string {
	if w, ok := expr.(*hclsyntax.TemplateWrapExpr); ok {
		expr = w.Wrapped
	}
	st, ok := expr.(*hclsyntax.ScopeTraversalExpr)
	if !ok {
		return ""
	}
	var b strings.Builder
	for _, step := range st.Traversal {
		switch s := step.(type) {
		case hcl.TraverseRoot:
			b.WriteString(s.Name)
		case hcl.TraverseAttr:
			b.WriteString("." + s.Name)
		case hcl.TraverseIndex:
			k, _ := s.Key.UnmarkDeep()
			switch {
			case k.Type() == cty.String && k.IsKnown() && !k.IsNull():
				b.WriteString(fmt.Sprintf("[%q]", k.AsString()))
			case k.Type() == cty.Number && k.IsKnown() && !k.IsNull():
				b.WriteString("[" + k.AsBigFloat().Text('f', -1) + "]")
			default:
				return ""
			}
		default:
			return ""
		}
	}
	return b.String()
}
