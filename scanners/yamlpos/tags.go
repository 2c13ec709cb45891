package yamlpos

import (
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/tollgate/tollgate/scanners"
)

// TagFunc rewrites the decoded value v of a node carrying the local tag tag
// (`!Ref`, `!Sub`, `!vault`...): v is what the node decodes to without its
// tag (a string for a scalar, []any for a sequence, a map for a mapping).
// The result replaces v. A map in the result that has no scanners.LocKey
// is given the node's lines, and so are its scalar entries.
type TagFunc func(tag string, v any) any

// DecodeWithTags is Decode with fn applied to every node carrying a local
// tag, innermost first. Standard tags (`!!str`, `!!int`...) and the
// non-specific tag `!` are not local tags.
func DecodeWithTags(path string, src []byte, fn TagFunc, opts ...Option) ([]Document, error) {
	return Decode(path, src, append(opts, WithTags(fn))...)
}

func localTag(tag string) bool {
	return strings.HasPrefix(tag, "!") && !strings.HasPrefix(tag, "!!") && tag != "!"
}

// tagged converts n as if it had no tag, then hands the value to c.tags.
func (c *converter) tagged(n *yaml.Node, start int) (any, error) {
	plain := *n
	plain.Tag = ""
	v, err := c.value(&plain, start)
	if err != nil {
		return nil, err
	}
	out := c.tags(n.Tag, v)
	c.locate(out, start, max(start, c.endLine(n)))
	return out, nil
}

// locate gives the maps of v that have no position the range start-end:
// a value built by a TagFunc spans the tagged node's lines.
func (c *converter) locate(v any, start, end int) {
	switch x := v.(type) {
	case map[string]any:
		if _, ok := x[scanners.LocKey]; ok {
			return
		}
		x[scanners.LocKey] = scanners.Loc(c.path, start, end)
		for k, child := range x {
			if k == scanners.LocKey {
				continue
			}
			if _, isMap := child.(map[string]any); isMap {
				c.locate(child, start, end)
				continue
			}
			scanners.SetAttrLoc(x, k, start, end)
			c.locate(child, start, end)
		}
	case []any:
		for _, item := range x {
			c.locate(item, start, end)
		}
	}
}
