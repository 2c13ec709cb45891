package terraform

import (
	"math/big"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/tryfunc"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"

	"tollgate/scanners"
)

// functions are the Terraform functions whose meaning cty's standard
// library reproduces exactly. A call to any other function makes its value
// unknown, so no rule fires on a guess.
var functions = map[string]function.Function{
	"abs":        stdlib.AbsoluteFunc,
	"can":        tryfunc.CanFunc,
	"ceil":       stdlib.CeilFunc,
	"chomp":      stdlib.ChompFunc,
	"coalesce":   stdlib.CoalesceFunc,
	"compact":    stdlib.CompactFunc,
	"concat":     stdlib.ConcatFunc,
	"contains":   stdlib.ContainsFunc,
	"distinct":   stdlib.DistinctFunc,
	"element":    stdlib.ElementFunc,
	"flatten":    stdlib.FlattenFunc,
	"floor":      stdlib.FloorFunc,
	"format":     stdlib.FormatFunc,
	"formatlist": stdlib.FormatListFunc,
	"indent":     stdlib.IndentFunc,
	"join":       stdlib.JoinFunc,
	"jsondecode": stdlib.JSONDecodeFunc,
	"jsonencode": stdlib.JSONEncodeFunc,
	"keys":       stdlib.KeysFunc,
	"length":     stdlib.LengthFunc,
	"lookup":     stdlib.LookupFunc,
	"lower":      stdlib.LowerFunc,
	"max":        stdlib.MaxFunc,
	"merge":      stdlib.MergeFunc,
	"min":        stdlib.MinFunc,
	"range":      stdlib.RangeFunc,
	"regex":      stdlib.RegexFunc,
	"regexall":   stdlib.RegexAllFunc,
	"replace":    stdlib.ReplaceFunc,
	"reverse":    stdlib.ReverseListFunc,
	"setunion":   stdlib.SetUnionFunc,
	"slice":      stdlib.SliceFunc,
	"sort":       stdlib.SortFunc,
	"split":      stdlib.SplitFunc,
	"strrev":     stdlib.ReverseFunc,
	"substr":     stdlib.SubstrFunc,
	"title":      stdlib.TitleFunc,
	"trim":       stdlib.TrimFunc,
	"trimprefix": stdlib.TrimPrefixFunc,
	"trimspace":  stdlib.TrimSpaceFunc,
	"trimsuffix": stdlib.TrimSuffixFunc,
	"try":        tryfunc.TryFunc,
	"upper":      stdlib.UpperFunc,
	"values":     stdlib.ValuesFunc,
	"zipmap":     stdlib.ZipmapFunc,
}

// buildEvalContext gathers var.* (variable defaults overridden by the
// values files, in order) and local.* (evaluated in passes, as locals refer
// to one another).
func (m *module) buildEvalContext(valueFiles []*hclsyntax.Body) *hcl.EvalContext {
	base := &hcl.EvalContext{Functions: functions, Variables: map[string]cty.Value{}}
	vars := map[string]cty.Value{}
	for _, pf := range m.files {
		for _, b := range pf.body.Blocks {
			if b.Type != "variable" || len(b.Labels) != 1 {
				continue
			}
			vars[b.Labels[0]] = cty.DynamicVal // no default: unknown until set
			if a, ok := b.Body.Attributes["default"]; ok {
				if v, diags := a.Expr.Value(base); !diags.HasErrors() {
					vars[b.Labels[0]] = v
				}
			}
		}
	}
	for _, body := range valueFiles {
		for name, a := range body.Attributes {
			if _, declared := vars[name]; !declared {
				continue
			}
			if v, diags := a.Expr.Value(base); !diags.HasErrors() {
				vars[name] = v
			}
		}
	}
	base.Variables["var"] = cty.ObjectVal(vars)

	pending := map[string]hclsyntax.Expression{}
	for _, pf := range m.files {
		for _, b := range pf.body.Blocks {
			if b.Type != "locals" {
				continue
			}
			for name, a := range b.Body.Attributes {
				pending[name] = a.Expr
			}
		}
	}
	locals := map[string]cty.Value{}
	base.Variables["local"] = cty.ObjectVal(locals)
	built := 0 // len(locals) when local.* was last built
	for len(pending) > 0 {
		progressed := false
		for name, expr := range pending {
			if refersTo(expr, pending) {
				continue
			}
			// local.* must hold every value evaluated so far, also those
			// of this pass: expr may refer to one.
			if built != len(locals) && usesLocals(expr) {
				base.Variables["local"] = cty.ObjectVal(locals)
				built = len(locals)
			}
			locals[name] = m.valueIn(base, expr)
			delete(pending, name)
			progressed = true
		}
		if !progressed { // a cycle: Terraform refuses it; we call it unknown
			for name := range pending {
				locals[name] = cty.DynamicVal
			}
			break
		}
	}
	base.Variables["local"] = cty.ObjectVal(locals)
	return base
}

// refersTo reports whether expr uses a local still pending.
func refersTo(expr hclsyntax.Expression, pending map[string]hclsyntax.Expression) bool {
	for _, t := range expr.Variables() {
		if t.RootName() != "local" || len(t) < 2 {
			continue
		}
		if a, ok := t[1].(hcl.TraverseAttr); ok {
			if _, p := pending[a.Name]; p {
				return true
			}
		}
	}
	return false
}

// usesLocals reports whether expr refers to any local.
func usesLocals(expr hclsyntax.Expression) bool {
	for _, t := range expr.Variables() {
		if t.RootName() == "local" {
			return true
		}
	}
	return false
}

func (m *module) valueIn(ctx *hcl.EvalContext, expr hclsyntax.Expression) cty.Value {
	saved := m.eval
	m.eval = ctx
	defer func() { m.eval = saved }()
	return m.value(expr)
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
		for it := v.ElementIterator(); it.Next(); {
			kv, ev := it.Element()
			key := kv.AsString()
			g, k := toGo(ev, file, start, end)
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
