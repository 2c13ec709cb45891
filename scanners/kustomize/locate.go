package kustomize

import (
	"regexp"
	"strings"

	"github.com/tollgate/tollgate/scanners"
	"github.com/tollgate/tollgate/scanners/yamlpos"
)

// Kustomize re-serializes what it builds, so its output has no lines of
// its own. Each built object is located in the files it was made from:
//
//   - the origin file (from kustomize's origin annotation) holds the object
//     as written, found by kind and name (the built name may carry a
//     namePrefix or nameSuffix);
//   - the strategic merge patches of the kustomizations read hold the
//     fields they add or change.
//
// A mapping of the built object is located where it is written: in the
// origin file when it is there, else in the patch of highest precedence
// that writes it. A scalar field keeps its own lines when that file writes
// it and no patch changes its value, else it takes the first line of its
// mapping (a position names one file, so a patched value of a mapping
// written in the origin cannot point into the patch). What no file writes
// (a label added by a label transformer, a namespace set by the namespace
// transformer) is located on the first line of the object in its origin
// file. A generated ConfigMap or Secret is located on its generator entry.

// fallback is where what no file writes is located.
type fallback struct {
	path       string
	start, end int
}

// relocate replaces every position in the built object v (a mapping decoded
// from kustomize's output) with its position in srcs (the origin first,
// then patches by precedence; nil where a source lacks the mapping).
func relocate(v map[string]any, srcs []map[string]any, fb fallback, top bool) {
	var owner map[string]any
	ownerIdx := -1
	for i, s := range srcs {
		if s != nil {
			owner, ownerIdx = s, i
			break
		}
	}
	loc := scanners.Loc(fb.path, fb.start, fb.start)
	if top {
		loc = scanners.Loc(fb.path, fb.start, fb.end)
	}
	var ownAttrs map[string]any
	if owner != nil {
		ol, _ := owner[scanners.LocKey].(map[string]any)
		loc = scanners.Loc(ol["path"].(string), ol["start_line"].(int), ol["end_line"].(int))
		ownAttrs, _ = ol["attrs"].(map[string]any)
	}
	v[scanners.LocKey] = loc
	for k, val := range v {
		if k == scanners.LocKey {
			continue
		}
		children := make([]map[string]any, len(srcs))
		lists := make([][]any, len(srcs))
		for i, s := range srcs {
			children[i], _ = s[k].(map[string]any)
			lists[i], _ = s[k].([]any)
		}
		switch x := val.(type) {
		case map[string]any:
			relocate(x, children, fb, false)
			continue
		case []any:
			relocateList(x, lists, fb)
		default:
			if ownerIdx == 0 {
				if p := patchSetting(srcs[1:], k, owner); p != nil {
					// The origin writes the mapping, a patch the value:
					// the attribute is located in the patch's file.
					pl, _ := p[scanners.LocKey].(map[string]any)
					start, end := pl["start_line"].(int), pl["start_line"].(int)
					if pa, _ := pl["attrs"].(map[string]any); pa != nil {
						if a, ok := pa[k].(map[string]any); ok {
							start, end = a["start_line"].(int), a["end_line"].(int)
						}
					}
					scanners.SetAttrLocIn(v, k, pl["path"].(string), start, end)
					continue
				}
			}
		}
		if a, ok := ownAttrs[k].(map[string]any); ok {
			scanners.SetAttrLoc(v, k, a["start_line"].(int), a["end_line"].(int))
		} else {
			scanners.SetAttrLoc(v, k, loc["start_line"].(int), loc["start_line"].(int))
		}
	}
}

// patchSetting returns the version of a mapping, among the patches' (by
// precedence), that sets the scalar key when the origin's does not say the
// same: absent from the origin, or another value there. The value built is
// then the patch's, and the patch's line is where it is written. (A patch
// repeats the kind and name of its target: those are no change.)
func patchSetting(patches []map[string]any, key string, origin map[string]any) map[string]any {
	ov, inOrigin := origin[key]
	for _, p := range patches {
		v, ok := p[key]
		if !ok {
			continue
		}
		if !inOrigin || !sameScalar(v, ov) {
			return p
		}
	}
	return nil
}

// sameScalar reports whether a and b are the same scalar value; mappings
// and lists are never the same scalar.
func sameScalar(a, b any) bool {
	switch a.(type) {
	case map[string]any, []any:
		return false
	}
	switch b.(type) {
	case map[string]any, []any:
		return false
	}
	return a == b
}

// relocateList relocates the mappings of a list: an item is matched to the
// sources' items by its "name" (the merge key of containers, env, volumes,
// ports...), else by position.
func relocateList(list []any, srcs [][]any, fb fallback) {
	for i, item := range list {
		switch x := item.(type) {
		case map[string]any:
			children := make([]map[string]any, len(srcs))
			name, named := x["name"].(string)
			for j, s := range srcs {
				if named {
					children[j] = itemNamed(s, name)
					if children[j] == nil && i < len(s) {
						// An item a JSON 6902 patch writes by index
						// (/containers/0) carries no name of its own.
						if m, ok := s[i].(map[string]any); ok && m["name"] == nil {
							children[j] = m
						}
					}
				} else if i < len(s) {
					children[j], _ = s[i].(map[string]any)
				}
			}
			relocate(x, children, fb, false)
		case []any:
			sub := make([][]any, len(srcs))
			for j, s := range srcs {
				if i < len(s) {
					sub[j], _ = s[i].([]any)
				}
			}
			relocateList(x, sub, fb)
		}
	}
}

func itemNamed(list []any, name string) map[string]any {
	for _, it := range list {
		if m, ok := it.(map[string]any); ok && m["name"] == name {
			return m
		}
	}
	return nil
}

// findObject returns the document of docs that is the object of kind whose
// built name is name: the one named exactly so, else the one whose name
// the built name contains (namePrefix, nameSuffix) the most of, else the
// only object of that kind.
func findObject(docs []yamlpos.Document, kind, name string) (map[string]any, int, int) {
	var best map[string]any
	bestStart, bestEnd, bestLen, ofKind := 0, 0, -1, 0
	var only map[string]any
	onlyStart, onlyEnd := 0, 0
	for _, d := range docs {
		m, ok := d.Value.(map[string]any)
		if !ok || m["kind"] != kind {
			continue
		}
		ofKind++
		only, onlyStart, onlyEnd = m, d.StartLine, d.EndLine
		n := objectName(m)
		if n != "" && strings.Contains(name, n) && len(n) > bestLen {
			best, bestStart, bestEnd, bestLen = m, d.StartLine, d.EndLine, len(n)
		}
	}
	if best != nil {
		return best, bestStart, bestEnd
	}
	if ofKind == 1 {
		return only, onlyStart, onlyEnd
	}
	return nil, 0, 0
}

func objectName(m map[string]any) string {
	meta, _ := m["metadata"].(map[string]any)
	n, _ := meta["name"].(string)
	return n
}

// applies reports whether patch p targets the object of kind whose name is
// originName as written and builtName once built.
func (p patchDoc) applies(kind, originName, builtName string) bool {
	if p.target.kind != "" && p.target.kind != kind {
		return false
	}
	if p.target.name == "" {
		return p.byTarget
	}
	if p.byTarget {
		re, err := regexp.Compile("^(?:" + p.target.name + ")$")
		return err == nil && (re.MatchString(originName) || re.MatchString(builtName))
	}
	return p.target.name == originName || strings.Contains(builtName, p.target.name)
}
