package compose

import (
	"strings"

	"github.com/compose-spec/compose-go/v2/template"
	"github.com/compose-spec/compose-go/v2/types"
	"gopkg.in/yaml.v3"

	"github.com/tollgate/tollgate/scanners"
)

// joiner puts the lines of the file as written on the values compose-go
// resolved: the two are walked together, key by key and item by item.
type joiner struct {
	path string
	env  map[string]string
}

// value converts the canonical value v of the attribute key. raw is what
// the file holds at the same place (nil where compose-go added v), n its
// YAML node, and start and end the lines v is reported at. known is false
// when v depends on a variable that is set nowhere.
func (j *joiner) value(key string, v, raw any, n *yaml.Node, start, end int) (out any, known bool) {
	if s, ok := raw.(string); ok && j.unknown(s) {
		return nil, false
	}
	switch x := v.(type) {
	case map[string]any:
		obj := map[string]any{scanners.LocKey: scanners.Loc(j.path, start, end)}
		switch r := raw.(type) {
		case map[string]any:
			j.fromMap(obj, x, r, n)
		case []any:
			j.fromList(obj, x, r, n, envLike[key])
		default:
			j.fromNothing(obj, x)
		}
		return obj, true
	case []any:
		return j.list(key, x, raw, n, start, end)
	}
	return v, true
}

// fromMap fills obj from the canonical map x, written as the mapping raw.
func (j *joiner) fromMap(obj, x, raw map[string]any, n *yaml.Node) {
	for k, cv := range x {
		rc, written := raw[k]
		cs, ce := startOf(obj), endOf(obj)
		a, isAttr := attrOf(raw, k)
		if m, ok := rc.(map[string]any); ok {
			cs, ce = startOf(m), endOf(m)
		} else if isAttr {
			cs, ce = a[0], a[1]
		}
		out, known := j.value(k, cv, rc, mapValue(n, k), cs, ce)
		if _, isMap := out.(map[string]any); isAttr && !isMap {
			scanners.SetAttrLoc(obj, k, cs, ce)
		}
		if !known {
			scanners.MarkUnknown(obj, k)
			continue
		}
		obj[k] = out
		if written && j.interpolated(rc) {
			scanners.SetAttrFlag(obj, k, "interpolated")
		}
	}
}

// envLike are the maps whose list syntax may hold a bare KEY, whose value
// then comes from the environment.
var envLike = map[string]bool{"environment": true, "args": true}

// fromList fills obj from the canonical map x, written in list syntax
// (environment: ["KEY=VALUE", "KEY"], depends_on: [db]): each key gets the
// line of its item. In an envLike map a bare KEY is interpolated.
func (j *joiner) fromList(obj, x map[string]any, raw []any, n *yaml.Node, env bool) {
	items := seqItems(n)
	for k, cv := range x {
		i := findItem(raw, k)
		if i < 0 {
			out, _ := j.value(k, cv, nil, nil, startOf(obj), endOf(obj))
			obj[k] = out
			continue
		}
		line := startOf(obj)
		if i < len(items) {
			line = items[i].Line
		}
		out, _ := j.value(k, cv, nil, nil, line, line)
		if _, isMap := out.(map[string]any); !isMap {
			scanners.SetAttrLoc(obj, k, line, line)
		}
		s := raw[i].(string)
		if j.unknown(s) {
			scanners.MarkUnknown(obj, k)
			continue
		}
		obj[k] = out
		if (env && !strings.Contains(s, "=")) || j.interpolated(s) {
			scanners.SetAttrFlag(obj, k, "interpolated")
		}
	}
}

// fromNothing fills obj from the canonical map x, which the file does not
// hold as a map (compose-go added it, or expanded a short syntax): every
// value takes the object's lines.
func (j *joiner) fromNothing(obj, x map[string]any) {
	for k, cv := range x {
		out, _ := j.value(k, cv, nil, nil, startOf(obj), endOf(obj))
		obj[k] = out
	}
}

// list converts the canonical list x of the attribute key. Item i of the
// file is the source of the elements it expands to (one, or one per port of
// a port range) and gives them its lines; when the file's items cannot be
// matched so (a scalar made a list), every element gets the lines of the
// whole list.
func (j *joiner) list(key string, x []any, raw any, n *yaml.Node, start, end int) (any, bool) {
	r, _ := raw.([]any)
	items := seqItems(n)
	out := []any{}
	if src, ok := sources(key, r, len(x)); ok {
		known := true
		for e, cv := range x {
			i := src[e]
			is, ie := start, end
			var in *yaml.Node
			if i < len(items) {
				in = items[i]
				is, ie = in.Line, in.Line
			}
			if m, ok := r[i].(map[string]any); ok {
				is, ie = startOf(m), endOf(m)
			}
			ov, k := j.value(key, cv, r[i], in, is, ie)
			if !k {
				known = false // left out, as Terraform's unknown elements are
				continue
			}
			out = append(out, ov)
		}
		return out, known
	}
	for _, ri := range r {
		if s, ok := ri.(string); ok && j.unknown(s) {
			return nil, false
		}
	}
	for _, cv := range x {
		ov, _ := j.value(key, cv, nil, nil, start, end)
		out = append(out, ov)
	}
	return out, true
}

// sources maps each of the n canonical elements of the list key to the
// index of the item of raw it comes from; ok is false when they cannot be
// matched.
func sources(key string, raw []any, n int) ([]int, bool) {
	src := make([]int, 0, n)
	for i, it := range raw {
		count := 1
		if s, isStr := it.(string); isStr && key == "ports" {
			ports, err := types.ParsePortConfig(s)
			if err != nil {
				return nil, false
			}
			count = len(ports)
		}
		for range count {
			src = append(src, i)
		}
	}
	return src, len(raw) > 0 && len(src) == n
}

// unknown reports whether s refers to a variable that is set nowhere and
// has no default: its value cannot be known statically.
func (j *joiner) unknown(s string) bool {
	for _, v := range template.ExtractVariables(map[string]any{"v": s}, template.DefaultPattern) {
		if _, set := j.env[v.Name]; !set && v.DefaultValue == "" {
			return true
		}
	}
	return false
}

// interpolated reports whether the written value raw refers to a variable.
func (j *joiner) interpolated(raw any) bool {
	s, ok := raw.(string)
	return ok && len(template.ExtractVariables(map[string]any{"v": s}, template.DefaultPattern)) > 0
}

// findItem is the index of the "KEY=VALUE" or "KEY" item of raw, -1 when
// there is none.
func findItem(raw []any, key string) int {
	for i, it := range raw {
		s, ok := it.(string)
		if !ok {
			continue
		}
		if k, _, _ := strings.Cut(s, "="); k == key {
			return i
		}
	}
	return -1
}

// seqItems are the item nodes of the sequence node n, nil when n is not one.
func seqItems(n *yaml.Node) []*yaml.Node {
	n = deref(n)
	if n == nil || n.Kind != yaml.SequenceNode {
		return nil
	}
	return n.Content
}
