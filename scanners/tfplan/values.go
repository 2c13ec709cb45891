package tfplan

import (
	"maps"
	"slices"

	"github.com/tollgate/tollgate/scanners"
)

// Masked stands for a sensitive value in documents.
const Masked = "(sensitive value)"

// converter turns planned values into a document body: unknown values left
// out and marked, sensitive ones masked and collected.
type converter struct {
	secrets []string
}

// object converts a planned object. unknown and sensitive are the matching
// parts of after_unknown and after_sensitive: true for the whole value,
// else an object or list of the same shape, else false or absent.
func (c *converter) object(src map[string]any, unknown, sensitive any) map[string]any {
	out := map[string]any{scanners.LocKey: positionOf(src)}
	for _, key := range memberKeys(src, unknown) {
		u, s := member(unknown, key), member(sensitive, key)
		start, end := memberLines(src, key)
		setLines := func() {
			if start > 0 {
				scanners.SetAttrLoc(out, key, start, end)
			}
		}
		if u == true {
			setLines()
			scanners.MarkUnknown(out, key)
			continue
		}
		val := src[key]
		if val == nil {
			continue // null: not set
		}
		if s == true {
			c.secrets = append(c.secrets, leafStrings(val)...)
			out[key] = Masked
			setLines()
			scanners.SetAttrFlag(out, key, "sensitive")
			continue
		}
		switch x := val.(type) {
		case map[string]any:
			out[key] = c.object(x, u, s)
		case []any:
			out[key] = c.list(x, u, s)
			setLines()
		default:
			out[key] = x
			setLines()
		}
	}
	return out
}

// list converts a planned list; unknown items are left out.
func (c *converter) list(src []any, unknown, sensitive any) []any {
	out := make([]any, 0, len(src))
	for i, item := range src {
		u, s := element(unknown, i), element(sensitive, i)
		switch {
		case u == true:
			continue
		case s == true && item != nil:
			c.secrets = append(c.secrets, leafStrings(item)...)
			out = append(out, Masked)
			continue
		}
		switch x := item.(type) {
		case map[string]any:
			out = append(out, c.object(x, u, s))
		case []any:
			out = append(out, c.list(x, u, s))
		default:
			out = append(out, x)
		}
	}
	return out
}

// memberKeys lists, sorted, the keys of src and the keys unknown marks as
// wholly unknown (planned values leave those out).
func memberKeys(src map[string]any, unknown any) []string {
	set := map[string]bool{}
	for k := range src {
		if k != scanners.LocKey {
			set[k] = true
		}
	}
	if um, ok := unknown.(map[string]any); ok {
		for k, v := range um {
			if k != scanners.LocKey && v == true {
				set[k] = true
			}
		}
	}
	return slices.Sorted(maps.Keys(set))
}

// member is the part of an unknown or sensitive marker for key.
func member(marker any, key string) any {
	switch m := marker.(type) {
	case bool:
		return m
	case map[string]any:
		return m[key]
	}
	return nil
}

// element is the part of an unknown or sensitive marker for item i.
func element(marker any, i int) any {
	switch m := marker.(type) {
	case bool:
		return m
	case []any:
		if i < len(m) {
			return m[i]
		}
	}
	return nil
}

// positionOf copies the position of a decoded JSON object, without its
// attrs (rebuilt by the converter).
func positionOf(m map[string]any) map[string]any {
	loc, _ := m[scanners.LocKey].(map[string]any)
	start, _ := loc["start_line"].(int)
	end, _ := loc["end_line"].(int)
	return scanners.Loc(str(loc["path"]), start, end)
}

// memberLines returns the lines of src's member key in the plan file; 0
// when key is not written there.
func memberLines(src map[string]any, key string) (int, int) {
	if child, ok := src[key].(map[string]any); ok {
		loc, _ := child[scanners.LocKey].(map[string]any)
		start, _ := loc["start_line"].(int)
		end, _ := loc["end_line"].(int)
		return start, end
	}
	loc, _ := src[scanners.LocKey].(map[string]any)
	attrs, _ := loc["attrs"].(map[string]any)
	a, _ := attrs[key].(map[string]any)
	start, _ := a["start_line"].(int)
	end, _ := a["end_line"].(int)
	return start, end
}

// leafStrings lists the non-empty strings in v.
func leafStrings(v any) []string {
	var out []string
	switch x := v.(type) {
	case string:
		if x != "" {
			out = append(out, x)
		}
	case map[string]any:
		for k, child := range x {
			if k != scanners.LocKey {
				out = append(out, leafStrings(child)...)
			}
		}
	case []any:
		for _, child := range x {
			out = append(out, leafStrings(child)...)
		}
	}
	return out
}
