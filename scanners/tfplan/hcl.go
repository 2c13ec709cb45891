package tfplan

import (
	"fmt"
	"io/fs"
	"maps"
	"path"
	"reflect"
	"slices"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/tollgate/tollgate/scanners"
	"github.com/tollgate/tollgate/scanners/terraform"
)

// hclIndex holds the resource blocks of one configuration directory.
type hclIndex struct {
	blocks map[string]hclBlock // by "TYPE.NAME"
}

type hclBlock struct {
	file  string
	block *hclsyntax.Block
}

// block finds the resource block of in in the configuration beside the
// plan.
func (p *plan) block(in instance) (string, *hclsyntax.Block, bool) {
	dir, ok := p.moduleDir(in.module)
	if !ok {
		return "", nil, false
	}
	idx := p.index(dir)
	b, ok := idx.blocks[in.typ+"."+in.name]
	if !ok {
		return "", nil, false
	}
	return b.file, b.block, true
}

// moduleDir is the directory of the module at modPath: the plan's own for
// the root module, else the local source of each module call in turn, as
// the plan's configuration section records them.
func (p *plan) moduleDir(modPath []string) (string, bool) {
	dir := p.dir
	config, _ := p.root["configuration"].(map[string]any)
	mod, _ := config["root_module"].(map[string]any)
	for _, name := range modPath {
		calls, _ := mod["module_calls"].(map[string]any)
		call, _ := calls[name].(map[string]any)
		source, _ := call["source"].(string)
		if !strings.HasPrefix(source, "./") && !strings.HasPrefix(source, "../") {
			return "", false // a registry or remote module: not beside the plan
		}
		dir = path.Join(dir, source)
		if !fs.ValidPath(dir) {
			return "", false
		}
		mod, _ = call["module"].(map[string]any)
	}
	return dir, true
}

// index parses the configuration files (.tf, .tf.json) of dir, once, as
// the Terraform scanner does (within its nesting and size limits). Files
// that do not parse are skipped: the Terraform scanner reports them.
func (p *plan) index(dir string) *hclIndex {
	if idx, ok := p.hcl[dir]; ok {
		return idx
	}
	idx := &hclIndex{blocks: map[string]hclBlock{}}
	p.hcl[dir] = idx
	entries, err := fs.ReadDir(p.fsys, dir)
	if err != nil {
		return idx
	}
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".tf") && !strings.HasSuffix(e.Name(), ".tf.json") {
			continue
		}
		file := path.Join(dir, e.Name())
		src, err := scanners.ReadFile(p.fsys, file)
		if err != nil {
			continue
		}
		body, errs := terraform.ParseFile(src, file)
		if len(errs) > 0 {
			continue
		}
		for _, b := range body.Blocks {
			if b.Type == "resource" && len(b.Labels) == 2 {
				idx.blocks[b.Labels[0]+"."+b.Labels[1]] = hclBlock{file: file, block: b}
			}
		}
	}
	return idx
}

// relocateBlock moves the positions of obj, and of everything in it, from
// the plan file to the block body (spanning rng) it was configured by.
func relocateBlock(obj map[string]any, file string, body *hclsyntax.Body, rng hcl.Range) {
	flags := resetPosition(obj, file, rng.Start.Line, rng.End.Line)
	for _, key := range objectKeys(obj, flags) {
		val := obj[key]
		if a, ok := body.Attributes[key]; ok {
			scanners.SetAttrLoc(obj, key, a.SrcRange.Start.Line, a.SrcRange.End.Line)
			relocateExpr(val, file, a.Expr, a.SrcRange)
			continue
		}
		blocks, dynamic := nestedBlocks(body, key)
		if len(blocks) == 0 && dynamic == nil {
			relocateFlat(val, file, rng.Start.Line, rng.End.Line)
			continue
		}
		relocateNested(obj, key, file, blocks, dynamic, rng)
	}
	restoreFlags(obj, flags)
}

// relocateNested locates the items of a nested block type on the blocks
// that configured them.
func relocateNested(obj map[string]any, key, file string, blocks []*hclsyntax.Block, dynamic *hclsyntax.Block, parent hcl.Range) {
	first, last := spanOf(blocks, dynamic)
	switch v := obj[key].(type) {
	case map[string]any: // a single nested block
		b := blocks
		if len(b) == 0 {
			b = []*hclsyntax.Block{dynamic}
		}
		relocateBlock(v, file, contentBody(b[0]), b[0].Range())
		return
	case []any:
		scanners.SetAttrLoc(obj, key, first, last)
		for i, b := range matchBlocks(v, blocks, dynamic) {
			item, ok := v[i].(map[string]any)
			switch {
			case !ok:
			case b != nil:
				relocateBlock(item, file, contentBody(b), b.Range())
			default:
				relocateFlat(item, file, parent.Start.Line, parent.End.Line)
			}
		}
	}
}

// nestedBlocks returns the blocks of type typ in body, and the first
// dynamic "typ" block.
func nestedBlocks(body *hclsyntax.Body, typ string) ([]*hclsyntax.Block, *hclsyntax.Block) {
	var blocks []*hclsyntax.Block
	var dynamic *hclsyntax.Block
	for _, b := range body.Blocks {
		switch {
		case b.Type == typ:
			blocks = append(blocks, b)
		case b.Type == "dynamic" && len(b.Labels) == 1 && b.Labels[0] == typ && dynamic == nil:
			dynamic = b
		}
	}
	return blocks, dynamic
}

// contentBody is the body attributes come from: a dynamic block's content.
func contentBody(b *hclsyntax.Block) *hclsyntax.Body {
	if b.Type == "dynamic" {
		for _, c := range b.Body.Blocks {
			if c.Type == "content" {
				return c.Body
			}
		}
	}
	return b.Body
}

func spanOf(blocks []*hclsyntax.Block, dynamic *hclsyntax.Block) (int, int) {
	all := append([]*hclsyntax.Block(nil), blocks...)
	if dynamic != nil {
		all = append(all, dynamic)
	}
	first, last := all[0].Range().Start.Line, all[0].Range().End.Line
	for _, b := range all[1:] {
		first = min(first, b.Range().Start.Line)
		last = max(last, b.Range().End.Line)
	}
	return first, last
}

// matchBlocks pairs each planned item with the block that configured it:
// the unused static block whose literal attributes all equal the item's
// values, with the most of them (nested blocks of set type come in another
// order than written); else the dynamic block; else nil.
func matchBlocks(items []any, blocks []*hclsyntax.Block, dynamic *hclsyntax.Block) []*hclsyntax.Block {
	out := make([]*hclsyntax.Block, len(items))
	used := make([]bool, len(blocks))
	for i, it := range items {
		item, _ := it.(map[string]any)
		best, bestScore := -1, -1
		for j, b := range blocks {
			if used[j] {
				continue
			}
			if score, ok := literalMatch(item, b.Body); ok && score > bestScore {
				best, bestScore = j, score
			}
		}
		switch {
		case best >= 0:
			used[best] = true
			out[i] = blocks[best]
		case dynamic != nil:
			out[i] = dynamic
		}
	}
	return out
}

// literalMatch counts the attributes of body whose value is a literal equal
// to the item's; ok is false when one differs.
func literalMatch(item map[string]any, body *hclsyntax.Body) (int, bool) {
	score := 0
	for name, a := range body.Attributes {
		if !literal(a.Expr) {
			continue // refers to something, or computes: not a literal
		}
		v, diags := a.Expr.Value(nil)
		if diags.HasErrors() || !v.IsWhollyKnown() {
			continue // refers to something: not a literal
		}
		if !sameValue(ctyToGo(v), item[name]) {
			return 0, false
		}
		score++
	}
	return score, true
}

// relocateExpr locates a map or list value on the expression that set it:
// an object constructor's items on their own lines, anything else on the
// whole expression.
func relocateExpr(v any, file string, expr hclsyntax.Expression, rng hcl.Range) {
	switch x := v.(type) {
	case map[string]any:
		flags := resetPosition(x, file, rng.Start.Line, rng.End.Line)
		items := map[string]hclsyntax.ObjectConsItem{}
		if oc, ok := expr.(*hclsyntax.ObjectConsExpr); ok {
			for _, it := range oc.Items {
				if k, ok := objectKey(it.KeyExpr); ok {
					items[k] = it
				}
			}
		}
		for _, key := range objectKeys(x, flags) {
			it, ok := items[key]
			if !ok {
				relocateFlat(x[key], file, rng.Start.Line, rng.End.Line)
				continue
			}
			itemRng := hcl.RangeBetween(it.KeyExpr.Range(), it.ValueExpr.Range())
			scanners.SetAttrLoc(x, key, itemRng.Start.Line, itemRng.End.Line)
			relocateExpr(x[key], file, it.ValueExpr, itemRng)
		}
		restoreFlags(x, flags)
	case []any:
		tc, _ := expr.(*hclsyntax.TupleConsExpr)
		for i, item := range x {
			if tc != nil && len(tc.Exprs) == len(x) {
				relocateExpr(item, file, tc.Exprs[i], tc.Exprs[i].Range())
			} else {
				relocateFlat(item, file, rng.Start.Line, rng.End.Line)
			}
		}
	}
}

// objectKey is the name an object constructor item sets: a bare word or a
// literal string.
func objectKey(expr hclsyntax.Expression) (string, bool) {
	if k := hcl.ExprAsKeyword(expr); k != "" {
		return k, true
	}
	if !literal(expr) {
		return "", false
	}
	v, diags := expr.Value(nil)
	if diags.HasErrors() || !v.IsKnown() || v.IsNull() || v.Type() != cty.String {
		return "", false
	}
	return v.AsString(), true
}

// literal reports whether expr is written as a literal value: a constant,
// a string without interpolation, lists and objects of literals. Only
// those are evaluated: anything else refers to what a plan file does not
// hold, or could compute without bound (nested for expressions over
// literal lists).
func literal(expr hclsyntax.Expression) bool {
	switch e := expr.(type) {
	case *hclsyntax.LiteralValueExpr:
		return true
	case *hclsyntax.TemplateExpr:
		return e.IsStringLiteral()
	case *hclsyntax.TemplateWrapExpr:
		return literal(e.Wrapped)
	case *hclsyntax.ParenthesesExpr:
		return literal(e.Expression)
	case *hclsyntax.UnaryOpExpr:
		return literal(e.Val)
	case *hclsyntax.TupleConsExpr:
		for _, x := range e.Exprs {
			if !literal(x) {
				return false
			}
		}
		return true
	case *hclsyntax.ObjectConsExpr:
		for _, it := range e.Items {
			if !literal(it.KeyExpr) || !literal(it.ValueExpr) {
				return false
			}
		}
		return true
	case *hclsyntax.ObjectConsKeyExpr:
		return hcl.ExprAsKeyword(e.Wrapped) != "" || literal(e.Wrapped)
	}
	return false
}

// relocateFlat locates v, and everything in it, on the lines start-end:
// the configuration does not say where its parts come from.
func relocateFlat(v any, file string, start, end int) {
	switch x := v.(type) {
	case map[string]any:
		flags := resetPosition(x, file, start, end)
		for _, key := range objectKeys(x, flags) {
			relocateFlat(x[key], file, start, end)
		}
		restoreFlags(x, flags)
	case []any:
		for _, item := range x {
			relocateFlat(item, file, start, end)
		}
	}
}

// resetPosition replaces obj's position by file start-end and returns the
// unknown and sensitive flags of its attributes, to restore once the
// attribute lines are set.
func resetPosition(obj map[string]any, file string, start, end int) map[string]map[string]any {
	old, _ := obj[scanners.LocKey].(map[string]any)
	attrs, _ := old["attrs"].(map[string]any)
	flags := map[string]map[string]any{}
	for k, a := range attrs {
		am, _ := a.(map[string]any)
		f := map[string]any{}
		for _, flag := range []string{"unknown", "sensitive"} {
			if am[flag] == true {
				f[flag] = true
			}
		}
		if len(f) > 0 {
			flags[k] = f
		}
	}
	obj[scanners.LocKey] = scanners.Loc(file, start, end)
	return flags
}

// restoreFlags sets the flags resetPosition returned on obj's new position.
func restoreFlags(obj map[string]any, flags map[string]map[string]any) {
	for k, f := range flags {
		for flag := range f {
			scanners.SetAttrFlag(obj, k, flag)
		}
	}
}

// objectKeys lists, sorted, the members of obj and the attributes only
// flagged (unknown ones are not members).
func objectKeys(obj map[string]any, flags map[string]map[string]any) []string {
	set := map[string]bool{}
	for k := range obj {
		if k != scanners.LocKey {
			set[k] = true
		}
	}
	for k := range flags {
		set[k] = true
	}
	return slices.Sorted(maps.Keys(set))
}

// ctyToGo converts a known cty value into the plain values of decoded JSON
// (numbers as float64), for comparison.
func ctyToGo(v cty.Value) any {
	v, _ = v.UnmarkDeep()
	if v.IsNull() {
		return nil
	}
	t := v.Type()
	switch {
	case t == cty.String:
		return v.AsString()
	case t == cty.Bool:
		return v.True()
	case t == cty.Number:
		f, _ := v.AsBigFloat().Float64()
		return f
	case t.IsListType() || t.IsSetType() || t.IsTupleType():
		out := []any{}
		for it := v.ElementIterator(); it.Next(); {
			_, ev := it.Element()
			out = append(out, ctyToGo(ev))
		}
		return out
	case t.IsMapType() || t.IsObjectType():
		out := map[string]any{}
		for it := v.ElementIterator(); it.Next(); {
			k, ev := it.Element()
			out[k.AsString()] = ctyToGo(ev)
		}
		return out
	}
	return nil
}

// sameValue compares a configured literal with a planned value, numbers
// by value and lists in any order (sets).
func sameValue(literal, planned any) bool {
	return reflect.DeepEqual(normalize(literal), normalize(planned))
}

func normalize(v any) any {
	switch x := v.(type) {
	case int:
		return float64(x)
	case []any:
		out := make([]any, len(x))
		for i, item := range x {
			out[i] = normalize(item)
		}
		sort.Slice(out, func(i, j int) bool { return fmt.Sprint(out[i]) < fmt.Sprint(out[j]) })
		return out
	case map[string]any:
		out := map[string]any{}
		for k, item := range x {
			if k != scanners.LocKey {
				out[k] = normalize(item)
			}
		}
		return out
	}
	return v
}
