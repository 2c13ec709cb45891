package yamlpos

import "github.com/tollgate/tollgate/scanners"

// Remap rewrites every position in v, of its maps and of their attributes,
// through lineOf: from the lines of a text that was decoded to those of the
// file it came from (a rendered Helm template, a kustomize build). An end
// line is never put before its start line.
func Remap(v any, lineOf func(int) int) {
	switch x := v.(type) {
	case map[string]any:
		if loc, ok := x[scanners.LocKey].(map[string]any); ok {
			remapRange(loc, lineOf)
			attrs, _ := loc["attrs"].(map[string]any)
			for _, a := range attrs {
				if r, ok := a.(map[string]any); ok {
					remapRange(r, lineOf)
				}
			}
		}
		for k, c := range x {
			if k != scanners.LocKey {
				Remap(c, lineOf)
			}
		}
	case []any:
		for _, c := range x {
			Remap(c, lineOf)
		}
	}
}

func remapRange(r map[string]any, lineOf func(int) int) {
	start, _ := r["start_line"].(int)
	end, _ := r["end_line"].(int)
	s := lineOf(start)
	r["start_line"], r["end_line"] = s, max(s, lineOf(end))
}
