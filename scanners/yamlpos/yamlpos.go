// Package yamlpos decodes YAML streams into plain values whose maps carry
// their source lines under scanners.LocKey.
package yamlpos

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"tollgate/scanners"
)

// MaxNodes bounds the nodes one document may expand to through aliases, so
// that a "billion laughs" file fails instead of exhausting memory.
const MaxNodes = 1_000_000

// Document is one document of a YAML stream.
type Document struct {
	// Value is the decoded document: maps (with LocKey), []any, string,
	// int, float64, bool or nil.
	Value     any
	StartLine int
	EndLine   int
}

// Error is a YAML error with the line it was reported at.
type Error struct {
	Line int
	Msg  string
}

func (e *Error) Error() string { return e.Msg }

// Decode decodes every document of src. path is recorded in every position.
// Empty documents are skipped.
func Decode(path string, src []byte) ([]Document, error) {
	dec := yaml.NewDecoder(bytes.NewReader(src))
	var out []Document
	for {
		var n yaml.Node
		err := dec.Decode(&n)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return out, yamlError(err)
		}
		if n.Kind != yaml.DocumentNode || len(n.Content) == 0 {
			continue
		}
		c := &converter{path: path}
		root := n.Content[0]
		v, err := c.value(root, root.Line)
		if err != nil {
			return out, err
		}
		if v == nil && root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
			continue // a document holding only comments
		}
		out = append(out, Document{Value: v, StartLine: root.Line, EndLine: endLine(root)})
	}
	return out, nil
}

var lineRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// yamlError extracts the line from yaml.v3's "yaml: line N: msg".
func yamlError(err error) error {
	msg := err.Error()
	if m := lineRE.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		return &Error{Line: line, Msg: "yaml: " + m[2]}
	}
	return &Error{Msg: msg}
}

type converter struct {
	path  string
	nodes int
}

// value converts n; start is the line the value's range begins on (the line
// of its key for a mapping value).
func (c *converter) value(n *yaml.Node, start int) (any, error) {
	c.nodes++
	if c.nodes > MaxNodes {
		return nil, &Error{Line: n.Line, Msg: fmt.Sprintf("yaml: document expands to more than %d nodes (alias bomb?)", MaxNodes)}
	}
	switch n.Kind {
	case yaml.AliasNode:
		return c.value(n.Alias, start)
	case yaml.MappingNode:
		m := map[string]any{scanners.LocKey: scanners.Loc(c.path, start, endLine(n))}
		if err := c.mapping(n, m); err != nil {
			return nil, err
		}
		return m, nil
	case yaml.SequenceNode:
		out := make([]any, 0, len(n.Content))
		for _, item := range n.Content {
			v, err := c.value(item, item.Line)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	case yaml.ScalarNode:
		return scalar(n)
	}
	return nil, &Error{Line: n.Line, Msg: fmt.Sprintf("yaml: unexpected node kind %d", n.Kind)}
}

func (c *converter) mapping(n *yaml.Node, m map[string]any) error {
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Tag == "!!merge" {
			if err := c.merge(v, m); err != nil {
				return err
			}
			continue
		}
		key := k.Value
		val, err := c.value(v, k.Line)
		if err != nil {
			return err
		}
		m[key] = val
		if _, isMap := val.(map[string]any); !isMap {
			scanners.SetAttrLoc(m, key, k.Line, max(k.Line, endLine(v)))
		}
	}
	return nil
}

// merge applies a `<<: *anchor` (or a list of anchors); explicit keys of
// the mapping win, whichever order they appear in.
func (c *converter) merge(v *yaml.Node, into map[string]any) error {
	srcs := []*yaml.Node{v}
	if v.Kind == yaml.SequenceNode {
		srcs = v.Content
	}
	for _, s := range srcs {
		for s.Kind == yaml.AliasNode {
			s = s.Alias
		}
		if s.Kind != yaml.MappingNode {
			return &Error{Line: v.Line, Msg: "yaml: merge key << needs a mapping"}
		}
		tmp := map[string]any{scanners.LocKey: scanners.Loc(c.path, s.Line, endLine(s))}
		if err := c.mapping(s, tmp); err != nil {
			return err
		}
		for k, val := range tmp {
			if k == scanners.LocKey {
				continue
			}
			if _, exists := into[k]; !exists {
				into[k] = val
			}
		}
	}
	return nil
}

func scalar(n *yaml.Node) (any, error) {
	switch n.Tag {
	case "!!null":
		return nil, nil
	case "!!bool":
		var b bool
		if err := n.Decode(&b); err != nil {
			return nil, &Error{Line: n.Line, Msg: "yaml: " + err.Error()}
		}
		return b, nil
	case "!!int":
		var i int64
		if err := n.Decode(&i); err != nil {
			var f float64
			if err2 := n.Decode(&f); err2 != nil {
				return n.Value, nil
			}
			return f, nil
		}
		if i >= math.MinInt && i <= math.MaxInt {
			return int(i), nil
		}
		return float64(i), nil
	case "!!float":
		var f float64
		if err := n.Decode(&f); err != nil {
			return n.Value, nil
		}
		return f, nil
	}
	return n.Value, nil
}

// endLine is the last line of n: that of its last descendant, or of the
// last line of a block scalar's text.
func endLine(n *yaml.Node) int {
	switch n.Kind {
	case yaml.MappingNode, yaml.SequenceNode, yaml.DocumentNode:
		if len(n.Content) == 0 {
			return n.Line
		}
		return max(n.Line, endLine(n.Content[len(n.Content)-1]))
	case yaml.ScalarNode:
		if n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
			lines := strings.Count(strings.TrimRight(n.Value, "\n"), "\n") + 1
			return n.Line + lines
		}
		if n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 {
			return n.Line + strings.Count(n.Value, "\n")
		}
	}
	return n.Line
}
