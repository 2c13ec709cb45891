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

	"github.com/tollgate/tollgate/scanners"
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
	return decode(path, src, nil)
}

func decode(path string, src []byte, tags TagFunc) ([]Document, error) {
	dec := yaml.NewDecoder(bytes.NewReader(src))
	lines := strings.Split(string(src), "\n")
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
		c := &converter{path: path, lines: lines, tags: tags}
		root := n.Content[0]
		v, err := c.value(root, root.Line)
		if err != nil {
			return out, err
		}
		if v == nil && root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
			continue // a document holding only comments
		}
		out = append(out, Document{Value: v, StartLine: root.Line, EndLine: c.endLine(root)})
	}
	return out, nil
}

var lineRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// parserProblems are the syntax errors of yaml.v3's parser (as opposed to
// its scanner). yaml.v3 reports their line 0-based, so one line early, and
// leaves it out on the first line (go-yaml/yaml#205).
var parserProblems = map[string]bool{
	"did not find expected <stream-start>":   true,
	"did not find expected <document start>": true,
	"found undefined tag handle":             true,
	"did not find expected node content":     true,
	"did not find expected '-' indicator":    true,
	"did not find expected key":              true,
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"found duplicate %YAML directive":        true,
	"found incompatible YAML document":       true,
	"found duplicate %TAG directive":         true,
}

// yamlError extracts the line from yaml.v3's "yaml: line N: msg".
func yamlError(err error) error {
	msg := err.Error()
	if m := lineRE.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		if parserProblems[m[2]] {
			line++
		}
		return &Error{Line: line, Msg: "yaml: " + m[2]}
	}
	if parserProblems[strings.TrimPrefix(msg, "yaml: ")] {
		return &Error{Line: 1, Msg: msg}
	}
	return &Error{Msg: msg}
}

type converter struct {
	path  string
	lines []string // the source, where scalars' last lines are found
	nodes int
	// ends memoizes scalarEnd: aliases may repeat a node many times.
	ends map[*yaml.Node]int
	// tags rewrites the values of nodes with local tags; nil keeps them.
	tags TagFunc
}

// value converts n; start is the line the value's range begins on (the line
// of its key for a mapping value).
func (c *converter) value(n *yaml.Node, start int) (any, error) {
	c.nodes++
	if c.nodes > MaxNodes {
		return nil, &Error{Line: n.Line, Msg: fmt.Sprintf("yaml: document expands to more than %d nodes (alias bomb?)", MaxNodes)}
	}
	if c.tags != nil && localTag(n.Tag) {
		return c.tagged(n, start)
	}
	switch n.Kind {
	case yaml.AliasNode:
		return c.value(n.Alias, start)
	case yaml.MappingNode:
		// max: an alias's mapping ends above the line it is used on.
		m := map[string]any{scanners.LocKey: scanners.Loc(c.path, start, max(start, c.endLine(n)))}
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
			scanners.SetAttrLoc(m, key, k.Line, max(k.Line, c.endLine(v)))
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
		tmp := map[string]any{scanners.LocKey: scanners.Loc(c.path, s.Line, c.endLine(s))}
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
// last line of a scalar's text.
func (c *converter) endLine(n *yaml.Node) int {
	switch n.Kind {
	case yaml.MappingNode, yaml.SequenceNode, yaml.DocumentNode:
		if len(n.Content) == 0 {
			return n.Line
		}
		return max(n.Line, c.endLine(n.Content[len(n.Content)-1]))
	case yaml.ScalarNode:
		return c.scalarEnd(n)
	}
	return n.Line
}

// scalarEnd is the last line of a scalar's text. yaml.v3 records only where
// a node starts, and a folded, quoted or multi-line plain value no longer
// says how many lines it spanned, so the end is found in the source.
func (c *converter) scalarEnd(n *yaml.Node) int {
	if end, ok := c.ends[n]; ok {
		return end
	}
	end := n.Line
	switch {
	case n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0:
		// The text starts on the line after the indicator. A literal
		// scalar has one line of text per line of source; a folded one
		// joined some, so this is where it ends at the earliest.
		if text := strings.TrimRight(n.Value, "\n"); text != "" {
			end = n.Line + strings.Count(text, "\n") + 1
		}
		if n.Style&yaml.FoldedStyle != 0 {
			end = max(end, c.wordsEnd(n.Value, n.Line, 0))
		}
	case n.Style&yaml.DoubleQuotedStyle != 0:
		end = max(end, c.quoteEnd(n, '"'))
	case n.Style&yaml.SingleQuotedStyle != 0:
		end = max(end, c.quoteEnd(n, '\''))
	case strings.ContainsAny(n.Value, " \t\n"):
		// A plain scalar may continue on the next lines.
		if li, words := n.Line-1, fields(n.Value); li >= 0 && li < len(c.lines) && len(words) > 0 {
			// The first word may follow an anchor or a tag on its line.
			line := c.lines[li]
			col := byteOffset(line, n.Column-1)
			for off := col; off < len(line); off++ {
				i := strings.Index(line[off:], words[0])
				if i < 0 {
					break
				}
				off += i
				if off > col && !blank(line[off-1]) {
					continue
				}
				if e := c.wordsEnd(n.Value, li, off); e > 0 {
					end = max(end, e)
					break
				}
			}
		}
	}
	if c.ends == nil {
		c.ends = map[*yaml.Node]int{}
	}
	c.ends[n] = end
	return end
}

// fields splits s at YAML white space (space, tab, line breaks).
func fields(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '\r' })
}

// wordsEnd finds the words of text in order in the source, starting at
// line index li, byte off, with only white space and line breaks between
// them (as in plain and folded scalars), and returns the 1-based line of
// the last word; 0 when the source does not hold them so.
func (c *converter) wordsEnd(text string, li, off int) int {
	end := 0
	for _, w := range fields(text) {
		for {
			if li >= len(c.lines) {
				return 0
			}
			line := c.lines[li]
			for off < len(line) && blank(line[off]) {
				off++
			}
			if off < len(line) {
				break
			}
			li, off = li+1, 0
		}
		line := c.lines[li]
		if !strings.HasPrefix(line[off:], w) {
			return 0
		}
		off += len(w)
		if off < len(line) && !blank(line[off]) && !strings.ContainsRune(",]}", rune(line[off])) {
			return 0 // w is only the start of a longer word
		}
		end = li + 1
	}
	return end
}

func blank(b byte) bool { return b == ' ' || b == '\t' || b == '\r' }

// quoteEnd returns the 1-based line of the quote closing the scalar n,
// which opens at or after n's position; 0 when there is none.
func (c *converter) quoteEnd(n *yaml.Node, q byte) int {
	li := n.Line - 1
	if li < 0 || li >= len(c.lines) {
		return 0
	}
	off := byteOffset(c.lines[li], n.Column-1)
	i := strings.IndexByte(c.lines[li][off:], q)
	if i < 0 {
		return 0
	}
	for off += i + 1; li < len(c.lines); li, off = li+1, 0 {
		line := c.lines[li]
		for ; off < len(line); off++ {
			switch {
			case q == '"' && line[off] == '\\':
				off++ // the escaped character; at the end of a line, the break
			case line[off] == q && q == '\'' && off+1 < len(line) && line[off+1] == '\'':
				off++ // '' is a quote inside single quotes
			case line[off] == q:
				return li + 1
			}
		}
	}
	return 0
}

// byteOffset is the byte offset of the col-th (0-based) character of line;
// yaml.v3 counts columns in characters.
func byteOffset(line string, col int) int {
	for i := range line {
		if col <= 0 {
			return i
		}
		col--
	}
	return len(line)
}
