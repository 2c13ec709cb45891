package cloudformation

import (
	"strings"

	"github.com/tollgate/tollgate/scanners"
)

// samPrefix starts the types of the resources of the AWS SAM transform
// (AWS::Serverless-2016-10-31), the only ones Globals applies to.
const samPrefix = "AWS::Serverless::"

// applyGlobals merges into a SAM resource the properties that the template's
// Globals section sets for its type (Globals.Function for an
// AWS::Serverless::Function, Globals.Api for an AWS::Serverless::Api...), as
// the SAM translator does before anything else reads the resource:
//
//   - a property the resource sets itself wins, whatever Globals says;
//   - when both are maps, they are merged key by key with the same rules;
//   - when both are lists, the result is Globals' items followed by the
//     resource's (SAM concatenates them, duplicates included);
//   - an intrinsic function call ({"Ref": ...}, {"Fn::If": ...}) is a
//     single value, never merged with a map;
//   - the resource attribute IgnoreGlobals ("*", or a list of property
//     names) leaves out all, or the named, properties of Globals.
//
// It runs before intrinsics are evaluated, on the template as written, so a
// parameter referred to in Globals resolves as it would in the resource. A
// property taken from Globals keeps its own lines: a finding about it
// points at Globals, where it is written.
func applyGlobals(entry map[string]any, typ string, globals map[string]any) {
	if !strings.HasPrefix(typ, samPrefix) || globals == nil {
		return
	}
	section, ok := globals[strings.TrimPrefix(typ, samPrefix)].(map[string]any)
	if !ok {
		return
	}
	section = withoutIgnored(section, entry["IgnoreGlobals"])
	if len(sortedKeys(section)) == 0 {
		return
	}
	props, present := entry["Properties"]
	local, isMap := props.(map[string]any)
	switch {
	case isMap:
		if _, _, call := intrinsic(local); call {
			// Properties: !If [...]: one value, the resource's, as SAM
			// merges an intrinsic.
			return
		}
	case !present || props == nil:
		// No Properties (or `Properties:` with nothing): the resource takes
		// Globals as they are, in the map ensureProperties gives it.
		ensureProperties(entry)
		if local, isMap = entry["Properties"].(map[string]any); !isMap {
			return
		}
	default:
		// Properties written as an intrinsic function or a scalar: SAM
		// keeps the resource's value.
		return
	}
	mergeMap(section, local)
}

// withoutIgnored returns the Globals section without the properties the
// resource's IgnoreGlobals names: all of them for "*". A value of another
// form, which SAM refuses, ignores nothing.
func withoutIgnored(section map[string]any, ignore any) map[string]any {
	switch x := ignore.(type) {
	case string:
		if x == "*" {
			return map[string]any{}
		}
	case []any:
		out := make(map[string]any, len(section))
		for k, v := range section {
			out[k] = v
		}
		for _, item := range x {
			if name, ok := item.(string); ok && name != scanners.LocKey {
				delete(out, name)
			}
		}
		return out
	}
	return section
}

// valueKind is how SAM's merge treats a value.
type valueKind int

const (
	primitiveKind valueKind = iota // scalars and intrinsic function calls
	mapKind
	listKind
)

func kindOf(v any) valueKind {
	switch x := v.(type) {
	case map[string]any:
		if _, _, ok := intrinsic(x); ok {
			return primitiveKind
		}
		return mapKind
	case []any:
		return listKind
	}
	return primitiveKind
}

// mergeMap merges the map global into local, in place: local's own keys
// win (merged further when both sides are maps or lists), global's other
// keys are copied with their positions.
func mergeMap(global, local map[string]any) {
	for _, k := range sortedKeys(global) {
		gv := global[k]
		lv, ok := local[k]
		if !ok {
			local[k] = deepCopy(gv)
			copyAttr(global, local, k)
			continue
		}
		gk, lk := kindOf(gv), kindOf(lv)
		switch {
		case gk != lk || gk == primitiveKind:
			// The resource's value wins.
		case gk == mapKind:
			mergeMap(gv.(map[string]any), lv.(map[string]any))
		case gk == listKind:
			// Globals' items first; the list keeps the resource's lines.
			local[k] = append(deepCopy(gv).([]any), lv.([]any)...)
		}
	}
}

// copyAttr copies the position entry of attribute key from one map's
// attrs to another's. The entry names the file only when the source's does.
func copyAttr(from, to map[string]any, key string) {
	floc, _ := from[scanners.LocKey].(map[string]any)
	fattrs, _ := floc["attrs"].(map[string]any)
	a, _ := fattrs[key].(map[string]any)
	if a == nil {
		return
	}
	tloc, _ := to[scanners.LocKey].(map[string]any)
	if tloc == nil {
		return
	}
	tattrs, _ := tloc["attrs"].(map[string]any)
	if tattrs == nil {
		tattrs = map[string]any{}
		tloc["attrs"] = tattrs
	}
	tattrs[key] = deepCopy(a)
}

// deepCopy copies maps and lists, positions included, so that each
// resource evaluates and changes its own copy of what Globals gives it.
func deepCopy(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, child := range x {
			out[k] = deepCopy(child)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, item := range x {
			out[i] = deepCopy(item)
		}
		return out
	}
	return v
}
