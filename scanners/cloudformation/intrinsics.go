package cloudformation

import (
	"encoding/base64"
	"regexp"
	"strconv"
	"strings"

	"github.com/tollgate/tollgate/scanners"
)

// longForm is the yamlpos.TagFunc turning a short-form intrinsic tag into
// its long form: `!Ref X` → {"Ref": "X"}, `!GetAtt A.B` → {"Fn::GetAtt":
// ["A", "B"]}, `!Sub s` → {"Fn::Sub": s}.
func longForm(tag string, v any) any {
	name := strings.TrimPrefix(tag, "!")
	switch name {
	case "Ref", "Condition":
		return map[string]any{name: v}
	case "GetAtt":
		if s, ok := v.(string); ok {
			if res, attr, found := strings.Cut(s, "."); found {
				return map[string]any{"Fn::GetAtt": []any{res, attr}}
			}
		}
	}
	return map[string]any{"Fn::" + name: v}
}

// state says what became of a value once its intrinsic functions were
// evaluated.
type state int

const (
	// known: the value is fully known.
	known state = iota
	// partial: a map or list some of whose members were unknown and left
	// out. Usable as a property value, not as a function argument.
	partial
	// unknown: the template alone does not decide the value.
	unknown
	// absent: Ref AWS::NoValue; the property does not exist.
	absent
)

// param is a template parameter.
type param struct {
	def        any
	hasDefault bool
}

// template is what intrinsic functions may read.
type template struct {
	file     string
	params   map[string]param
	mappings map[string]any
}

// intrinsic returns the function name and argument of a long-form call: a
// map with a single key that is Ref, Condition or Fn::*.
func intrinsic(m map[string]any) (string, any, bool) {
	if len(m) != 2 {
		return "", nil, false
	}
	for k, v := range m {
		if k == scanners.LocKey {
			continue
		}
		if k == "Ref" || k == "Condition" || strings.HasPrefix(k, "Fn::") {
			return k, v, true
		}
	}
	return "", nil, false
}

// resolve evaluates the intrinsic functions in v. Maps and lists are
// changed in place; a call is replaced by its value.
func (t *template) resolve(v any) (any, state) {
	switch x := v.(type) {
	case map[string]any:
		if fn, arg, ok := intrinsic(x); ok {
			return t.call(fn, arg, x)
		}
		return x, t.resolveMap(x)
	case []any:
		return t.resolveList(x)
	}
	return v, known
}

func (t *template) resolveMap(m map[string]any) state {
	st := known
	for k, child := range m {
		if k == scanners.LocKey {
			continue
		}
		val, cst := t.resolve(child)
		call, isCall := child.(map[string]any)
		if isCall {
			if _, _, ok := intrinsic(call); !ok {
				isCall = false
			}
		}
		switch cst {
		case unknown:
			delete(m, k)
			copyAttrLoc(m, k, child)
			scanners.MarkUnknown(m, k)
			st = partial
			continue
		case absent:
			delete(m, k)
			copyAttrLoc(m, k, child)
			continue
		case partial:
			st = partial
		}
		m[k] = val
		if list, isList := val.([]any); isList && cst == partial && lostItems(child, list) {
			// Known items are kept, but the list is marked unknown: no rule
			// may conclude from what it lacks.
			scanners.MarkUnknown(m, k)
		}
		if isCall {
			if _, isMap := val.(map[string]any); !isMap {
				copyAttrLoc(m, k, child)
			}
		}
	}
	return st
}

// lostItems reports whether resolving the list child dropped items (unknown
// ones), rather than only leaving out unknown members inside its items.
func lostItems(child any, resolved []any) bool {
	orig, ok := child.([]any)
	return ok && len(orig) != len(resolved)
}

func (t *template) resolveList(list []any) ([]any, state) {
	st := known
	out := list[:0]
	for _, item := range list {
		val, ist := t.resolve(item)
		switch ist {
		case unknown:
			st = partial
			continue
		case absent:
			continue
		case partial:
			st = partial
		}
		out = append(out, val)
	}
	return out, st
}

// copyAttrLoc records in parent's attrs the lines of the call that stood
// under key.
func copyAttrLoc(parent map[string]any, key string, call any) {
	m, _ := call.(map[string]any)
	loc, _ := m[scanners.LocKey].(map[string]any)
	start, _ := loc["start_line"].(int)
	end, _ := loc["end_line"].(int)
	if start > 0 {
		scanners.SetAttrLoc(parent, key, start, end)
	}
}

// call evaluates the intrinsic fn(arg); site is the call's own map, whose
// lines a computed map or list takes.
func (t *template) call(fn string, arg any, site map[string]any) (any, state) {
	switch fn {
	case "Ref":
		return t.ref(arg, site)
	case "Fn::Sub", "Fn::Join", "Fn::Select", "Fn::Split", "Fn::FindInMap", "Fn::Base64":
	default:
		// Fn::If (Conditions are not evaluated), Fn::GetAtt, Fn::ImportValue,
		// Fn::GetAZs, Fn::Cidr, Condition, Fn::Transform...
		return nil, unknown
	}
	args, st := t.resolve(arg)
	if st != known {
		return nil, unknown
	}
	var v any
	var ok bool
	switch fn {
	case "Fn::Sub":
		v, ok = t.sub(args)
	case "Fn::Join":
		v, ok = join(args)
	case "Fn::Select":
		v, ok = selectItem(args)
	case "Fn::Split":
		v, ok = split(args)
	case "Fn::FindInMap":
		v, ok = t.findInMap(args)
	case "Fn::Base64":
		var s string
		if s, ok = scalarString(args); ok {
			v = base64.StdEncoding.EncodeToString([]byte(s))
		}
	}
	if !ok {
		return nil, unknown
	}
	return t.relocate(v, site), known
}

// ref evaluates Ref: a parameter's default, or AWS::NoValue.
func (t *template) ref(arg any, site map[string]any) (any, state) {
	name, ok := arg.(string)
	if !ok {
		return nil, unknown
	}
	if name == "AWS::NoValue" {
		return nil, absent
	}
	p, ok := t.params[name]
	if !ok || !p.hasDefault {
		return nil, unknown
	}
	return t.relocate(p.def, site), known
}

var subVarRE = regexp.MustCompile(`\$\{([^}]*)\}`)

// sub evaluates Fn::Sub: "text ${Var}" or ["text ${Var}", {Var: value}].
func (t *template) sub(args any) (any, bool) {
	text, vars := "", map[string]any{}
	switch x := args.(type) {
	case string:
		text = x
	case []any:
		if len(x) != 2 {
			return nil, false
		}
		s, ok := x[0].(string)
		m, ok2 := x[1].(map[string]any)
		if !ok || !ok2 {
			return nil, false
		}
		text, vars = s, m
	default:
		return nil, false
	}
	ok := true
	out := subVarRE.ReplaceAllStringFunc(text, func(match string) string {
		name := match[2 : len(match)-1]
		if strings.HasPrefix(name, "!") {
			return "${" + name[1:] + "}" // ${!Literal}
		}
		name = strings.TrimSpace(name)
		v, found := vars[name]
		if !found {
			p, isParam := t.params[name]
			if !isParam || !p.hasDefault {
				ok = false // a resource, a GetAtt or a pseudo parameter
				return match
			}
			v = p.def
		}
		s, isScalar := scalarString(v)
		if !isScalar {
			ok = false
		}
		return s
	})
	return out, ok
}

func join(args any) (any, bool) {
	a, ok := args.([]any)
	if !ok || len(a) != 2 {
		return nil, false
	}
	delim, ok := a[0].(string)
	items, ok2 := a[1].([]any)
	if !ok || !ok2 {
		return nil, false
	}
	parts := make([]string, len(items))
	for i, it := range items {
		if parts[i], ok = scalarString(it); !ok {
			return nil, false
		}
	}
	return strings.Join(parts, delim), true
}

func selectItem(args any) (any, bool) {
	a, ok := args.([]any)
	if !ok || len(a) != 2 {
		return nil, false
	}
	s, ok := scalarString(a[0])
	if !ok {
		return nil, false
	}
	i, err := strconv.Atoi(s)
	items, ok := a[1].([]any)
	if err != nil || !ok || i < 0 || i >= len(items) {
		return nil, false
	}
	return items[i], true
}

func split(args any) (any, bool) {
	a, ok := args.([]any)
	if !ok || len(a) != 2 {
		return nil, false
	}
	delim, ok := a[0].(string)
	s, ok2 := a[1].(string)
	if !ok || !ok2 || delim == "" {
		return nil, false
	}
	parts := strings.Split(s, delim)
	out := make([]any, len(parts))
	for i, p := range parts {
		out[i] = p
	}
	return out, true
}

func (t *template) findInMap(args any) (any, bool) {
	a, ok := args.([]any)
	if !ok || len(a) < 3 {
		return nil, false
	}
	var v any = t.mappings
	for _, k := range a[:3] {
		key, ok := scalarString(k)
		m, isMap := v.(map[string]any)
		if !ok || !isMap || key == scanners.LocKey {
			return nil, false
		}
		if v, ok = m[key]; !ok {
			return nil, false
		}
	}
	return v, true
}

// scalarString formats a string, number or boolean as CloudFormation
// passes it to a function taking strings.
func scalarString(v any) (string, bool) {
	switch x := v.(type) {
	case string:
		return x, true
	case int:
		return strconv.Itoa(x), true
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64), true
	case bool:
		return strconv.FormatBool(x), true
	}
	return "", false
}

// relocate copies a computed value (a parameter default, a mapping entry)
// so that it, and every map in it, spans the lines of the call site: the
// value is used there, whatever lines it was written on.
func (t *template) relocate(v any, site map[string]any) any {
	loc, _ := site[scanners.LocKey].(map[string]any)
	start, _ := loc["start_line"].(int)
	end, _ := loc["end_line"].(int)
	return relocateAt(v, t.file, start, end)
}

func relocateAt(v any, file string, start, end int) any {
	switch x := v.(type) {
	case map[string]any:
		out := map[string]any{scanners.LocKey: scanners.Loc(file, start, end)}
		for k, child := range x {
			if k == scanners.LocKey {
				continue
			}
			out[k] = relocateAt(child, file, start, end)
			if _, isMap := child.(map[string]any); !isMap {
				scanners.SetAttrLoc(out, k, start, end)
			}
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, item := range x {
			out[i] = relocateAt(item, file, start, end)
		}
		return out
	}
	return v
}

// paramDefault is the value Ref yields for a parameter's Default: list
// parameters split their comma-separated default.
func paramDefault(typ string, def any) any {
	s, ok := def.(string)
	if !ok || (typ != "CommaDelimitedList" && !strings.HasPrefix(typ, "List<")) {
		return def
	}
	parts := strings.Split(s, ",")
	out := make([]any, len(parts))
	for i, p := range parts {
		out[i] = strings.TrimSpace(p)
	}
	return out
}
