package terraform

import (
	"errors"
	"fmt"
	"math/big"
	"sort"

	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

// expansion is how count or for_each made instances of a block.
type expansion int

const (
	// expandUnknown: count or for_each could not be known (or was
	// invalid). There is one instance, whose count.index or each.* are
	// unknown.
	expandUnknown expansion = iota
	// expandSingle: neither count nor for_each.
	expandSingle
	// expandCount: instances keyed 0..count-1.
	expandCount
	// expandForEach: instances keyed by the for_each keys, in lexical order.
	expandForEach
)

// instances are the keys and scopes of the instances of a block.
type instances struct {
	mode   expansion
	keys   []cty.Value // cty.NilVal for the single or unknown instance
	scopes []*scope
}

// resState is a resource of a module instance, expanded.
type resState struct {
	res   *resource
	mode  expansion
	insts []*resInst
}

// resInst is one instance of a resource.
type resInst struct {
	rs      *resState
	key     cty.Value
	sc      *scope
	attrs   map[string]*lazy
	body    map[string]any
	related map[string][]map[string]any
	// doc is where the instance's document was emitted (nil before).
	doc *emitted
}

// callState is a module call of a module instance, expanded.
type callState struct {
	call  *moduleCall
	mode  expansion
	keys  []cty.Value
	insts []*instance
	// followed: the call's module was evaluated (a local source that could
	// be read, not in a cycle).
	followed bool
}

// resState expands res once. An expansion that needs itself (count
// referring to the resource) is unknown.
func (in *instance) resState(res *resource) *resState {
	if rs, ok := in.resStates[res]; ok {
		if rs == nil {
			return &resState{res: res, mode: expandUnknown}
		}
		return rs
	}
	in.resStates[res] = nil // expanding
	exp := in.expand(res.count, res.forEach)
	if !in.admit(len(exp.keys), res.count, res.forEach, res.block) {
		rs := &resState{res: res, mode: expandUnknown}
		in.resStates[res] = rs
		return rs
	}
	rs := &resState{res: res, mode: exp.mode}
	for i, key := range exp.keys {
		rs.insts = append(rs.insts, &resInst{rs: rs, key: key, sc: exp.scopes[i], attrs: map[string]*lazy{}})
	}
	in.resStates[res] = rs
	return rs
}

// value is the resource as a reference sees it: the instance, a tuple of
// instances (count), an object of instances by key (for_each), unknown when
// the expansion is.
func (rs *resState) value(inst func(*resInst) cty.Value) cty.Value {
	return expandedValue(rs.mode, len(rs.insts), func(i int) (cty.Value, cty.Value) {
		return rs.insts[i].key, inst(rs.insts[i])
	})
}

// expandedValue builds the value of an expanded block from its instances.
func expandedValue(mode expansion, n int, get func(int) (key, v cty.Value)) cty.Value {
	switch mode {
	case expandSingle:
		_, v := get(0)
		return v
	case expandCount:
		if n == 0 {
			return cty.EmptyTupleVal
		}
		vals := make([]cty.Value, n)
		for i := range vals {
			_, vals[i] = get(i)
		}
		return cty.TupleVal(vals)
	case expandForEach:
		obj := make(map[string]cty.Value, n)
		for i := 0; i < n; i++ {
			k, v := get(i)
			obj[k.AsString()] = v
		}
		return cty.ObjectVal(obj)
	}
	return cty.DynamicVal
}

// instanceByKey finds the instance of rs with the given key.
func (rs *resState) instanceByKey(key cty.Value) *resInst {
	switch rs.mode {
	case expandCount:
		k, err := convert.Convert(key, cty.Number)
		if err != nil || k.IsNull() {
			return nil
		}
		for _, ri := range rs.insts {
			if ri.key.Equals(k).True() {
				return ri
			}
		}
	case expandForEach:
		k, err := convert.Convert(key, cty.String)
		if err != nil || k.IsNull() {
			return nil
		}
		for _, ri := range rs.insts {
			if ri.key.AsString() == k.AsString() {
				return ri
			}
		}
	}
	return nil
}

// callState expands the module call c once, creating its instances.
func (in *instance) callState(c *moduleCall) *callState {
	if cs, ok := in.calls[c]; ok {
		if cs == nil {
			return &callState{call: c, mode: expandUnknown}
		}
		return cs
	}
	in.calls[c] = nil // expanding
	cs := &callState{call: c, mode: expandUnknown}
	if c.dir != "" {
		in.r.reached[c.dir] = true
		if err := in.cycle(c); err != nil {
			in.errorAt(c.block.DefRange(), err)
		} else if exp := in.expand(c.count, c.forEach); in.admit(len(exp.keys), c.count, c.forEach, c.block) {
			cs.mode, cs.keys, cs.followed = exp.mode, exp.keys, true
			for i, key := range exp.keys {
				cs.insts = append(cs.insts, in.newChild(c, key, exp.scopes[i]))
			}
		}
	}
	in.calls[c] = cs
	return cs
}

// admit counts n more instances of the block b in its root module. Past
// maxRootInstances it reports the error at the block's count or for_each
// (else its header), stops the evaluation of the root module and refuses
// them.
func (in *instance) admit(n int, count, forEach *hclsyntax.Attribute, b *hclsyntax.Block) bool {
	if in.r.lim.halted() {
		return false
	}
	*in.instances += n
	if *in.instances <= maxRootInstances {
		return true
	}
	rng := b.DefRange()
	switch {
	case count != nil:
		rng = count.SrcRange
	case forEach != nil:
		rng = forEach.SrcRange
	}
	in.r.lim.trip(rng, fmt.Errorf("%w: the root module %s would have more than %d resource and module instances, modules included",
		errLimit, rootName(in.rootDir), maxRootInstances))
	for _, e := range in.r.lim.take(nil, nil) {
		in.report(e)
	}
	return false
}

// rootName names a root module directory in messages.
func rootName(dir string) string {
	if dir == "." {
		return "of the scanned directory"
	}
	return fmt.Sprintf("%q", dir)
}

// cycle reports a call that would instantiate a module inside itself.
func (in *instance) cycle(c *moduleCall) error {
	if in.depth >= maxModuleDepth {
		return fmt.Errorf("module %q: module calls nested deeper than %d", c.name, maxModuleDepth)
	}
	for p := in; p != nil; p = p.parent {
		if p.mod.dir == c.dir {
			return fmt.Errorf("module %q: a cycle of module calls: %s is already being evaluated", c.name, c.dir)
		}
	}
	return nil
}

// value is module.NAME: the outputs of the instance, a tuple of them
// (count), an object of them by key (for_each); unknown when the call was
// not followed or its expansion is unknown.
func (cs *callState) value(outputs func(*instance) cty.Value) cty.Value {
	if !cs.followed {
		return cty.DynamicVal
	}
	return expandedValue(cs.mode, len(cs.insts), func(i int) (cty.Value, cty.Value) {
		return cs.keys[i], outputs(cs.insts[i])
	})
}

// expand evaluates count or for_each (in the module's scope) into the
// instances of a block. Invalid values, which Terraform refuses, are
// reported and give the unknown expansion.
func (in *instance) expand(count, forEach *hclsyntax.Attribute) instances {
	unknown := func(sc *scope) instances {
		return instances{mode: expandUnknown, keys: []cty.Value{cty.NilVal}, scopes: []*scope{sc}}
	}
	switch {
	case count != nil && forEach != nil:
		in.errorAt(count.SrcRange, errors.New(`invalid combination of "count" and "for_each": only one may be set`))
		return unknown(nil)
	case count != nil:
		n, known, err := countOf(in.eval(count.Expr, nil))
		if err != nil {
			in.errorAt(count.SrcRange, fmt.Errorf("invalid count argument: %w", err))
		}
		if err != nil || !known {
			return unknown(&scope{count: cty.UnknownVal(cty.Number), eachKey: cty.NilVal, eachValue: cty.NilVal})
		}
		exp := instances{mode: expandCount}
		for i := 0; i < n; i++ {
			exp.keys = append(exp.keys, cty.NumberIntVal(int64(i)))
			exp.scopes = append(exp.scopes, &scope{count: cty.NumberIntVal(int64(i)), eachKey: cty.NilVal, eachValue: cty.NilVal})
		}
		return exp
	case forEach != nil:
		keys, elems, known, err := forEachOf(in.eval(forEach.Expr, nil))
		if err != nil {
			in.errorAt(forEach.SrcRange, fmt.Errorf("invalid for_each argument: %w", err))
		}
		if err != nil || !known {
			return unknown(&scope{count: cty.NilVal, eachKey: cty.UnknownVal(cty.String), eachValue: cty.DynamicVal})
		}
		alias := in.forEachAlias(forEach.Expr)
		exp := instances{mode: expandForEach}
		for i, k := range keys {
			key := cty.StringVal(k)
			sc := &scope{count: cty.NilVal, eachKey: key, eachValue: elems[i]}
			if alias != nil {
				sc.alias = alias.instanceByKey(key)
			}
			exp.keys = append(exp.keys, key)
			exp.scopes = append(exp.scopes, sc)
		}
		return exp
	}
	return instances{mode: expandSingle, keys: []cty.Value{cty.NilVal}, scopes: []*scope{nil}}
}

// forEachAlias is the resource a for_each iterates over when it is a whole
// resource with for_each (for_each = aws_s3_bucket.b): each.value is then
// that resource's instance of the same key.
func (in *instance) forEachAlias(expr hclsyntax.Expression) *resState {
	st, ok := expr.(*hclsyntax.ScopeTraversalExpr)
	if !ok || len(st.Traversal) != 2 {
		return nil
	}
	res := in.mod.byAddr[st.Traversal.RootName()+"."+traversalAttr(st.Traversal, 1)]
	if res == nil {
		return nil
	}
	if rs := in.resState(res); rs.mode == expandForEach {
		return rs
	}
	return nil
}

// countOf reads a count value as Terraform does: a whole, non-negative
// number (a numeric string converts).
func countOf(v cty.Value) (n int, known bool, err error) {
	v, _ = v.UnmarkDeep()
	if !v.IsKnown() {
		return 0, false, nil
	}
	if v.IsNull() {
		return 0, false, errors.New("count must not be null")
	}
	num, cerr := convert.Convert(v, cty.Number)
	if cerr != nil {
		return 0, false, fmt.Errorf("count must be a whole number: %w", cerr)
	}
	if !num.IsKnown() {
		return 0, false, nil
	}
	bf := num.AsBigFloat()
	if !bf.IsInt() {
		return 0, false, fmt.Errorf("count must be a whole number, not %s", bf.Text('g', 10))
	}
	i, acc := bf.Int64()
	switch {
	case acc != big.Exact || i > maxInstances:
		return 0, false, fmt.Errorf("%w: count of %s makes more than %d instances", errLimit, bf.Text('g', 10), maxInstances)
	case i < 0:
		return 0, false, fmt.Errorf("count must not be negative, got %d", i)
	}
	return int(i), true, nil
}

// forEachOf reads a for_each value as Terraform does: a map or object (keys
// and values), or a set of strings (each element both key and value).
func forEachOf(v cty.Value) (keys []string, elems []cty.Value, known bool, err error) {
	v, _ = v.UnmarkDeep()
	if !v.IsKnown() {
		return nil, nil, false, nil
	}
	if v.IsNull() {
		return nil, nil, false, errors.New("for_each must not be null")
	}
	t := v.Type()
	byKey := map[string]cty.Value{}
	switch {
	case t.IsMapType() || t.IsObjectType():
		for it := v.ElementIterator(); it.Next(); {
			k, e := it.Element()
			byKey[k.AsString()] = e
		}
	case t.IsSetType():
		if !v.IsWhollyKnown() {
			return nil, nil, false, nil
		}
		if v.LengthInt() > 0 && !t.ElementType().Equals(cty.String) {
			return nil, nil, false, fmt.Errorf("for_each must be a map, or set of strings, and you have provided a set of %s", t.ElementType().FriendlyName())
		}
		for it := v.ElementIterator(); it.Next(); {
			_, e := it.Element()
			if e.IsNull() {
				return nil, nil, false, errors.New("for_each sets must not contain null values")
			}
			byKey[e.AsString()] = e
		}
	default:
		return nil, nil, false, fmt.Errorf("for_each must be a map, or set of strings, and you have provided a value of type %s", t.FriendlyName())
	}
	if len(byKey) > maxInstances {
		return nil, nil, false, fmt.Errorf("%w: for_each of %d instances makes more than %d", errLimit, len(byKey), maxInstances)
	}
	keys = make([]string, 0, len(byKey))
	for k := range byKey {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	elems = make([]cty.Value, len(keys))
	for i, k := range keys {
		elems[i] = byKey[k]
	}
	return keys, elems, true, nil
}
