// Package yamlpos decodes YAML streams into plain values whose maps carry
// their source lines under scanners.LocKey.
package yamlpos

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/tollgate/tollgate/scanners"
)

// MaxNodes bounds the nodes that aliases and merge keys may add to a
// stream (all its documents together: each use of an alias counts the
// nodes it copies), so that a "billion laughs" file fails instead of
// exhausting memory or time. Nodes written out in the file are not counted:
// the file size bounds them.
const MaxNodes = 1_000_000

// MaxDepth bounds how deep mappings and sequences nest, through aliases
// included (yaml.v3 bounds the nesting written in the file to 10,000 flow
// and 10,000 block levels; an alias chain could go deeper).
const MaxDepth = 10_000

// ErrLimit is wrapped by the *Error of a stream that exceeds MaxNodes or
// MaxDepth.
var ErrLimit = errors.New("yaml: expansion limit")

// Document is one document of a YAML stream.
type Document struct {
	// Value is the decoded document: maps (with LocKey), []any, string,
	// int, float64, bool or nil.
	Value     any
	StartLine int
	EndLine   int
}

// Error is a YAML error with the line it was reported at. Its message never
// holds the text of a scalar (that may be a credential).
type Error struct {
	Line  int
	Msg   string
	cause error
}

func (e *Error) Error() string { return e.Msg }

// Unwrap returns ErrLimit for a stream over a limit.
func (e *Error) Unwrap() error { return e.cause }

// Option configures Decode.
type Option func(*config)

type config struct {
	schema Schema
	tags   TagFunc
}

// WithSchema resolves plain scalars with s (YAML12 by default).
func WithSchema(s Schema) Option { return func(c *config) { c.schema = s } }

// WithTags applies fn to every node carrying a local tag (see
// DecodeWithTags).
func WithTags(fn TagFunc) Option { return func(c *config) { c.tags = fn } }

// Decode decodes every document of src. path is recorded in every position.
// Empty documents are skipped.
func Decode(path string, src []byte, opts ...Option) ([]Document, error) {
	var cfg config
	for _, o := range opts {
		o(&cfg)
	}
	return decode(path, src, cfg)
}

func decode(path string, src []byte, cfg config) ([]Document, error) {
	dec := yaml.NewDecoder(bytes.NewReader(src))
	// One converter for the stream: the expansion budget is the stream's.
	c := &converter{path: path, lines: strings.Split(string(src), "\n"), tags: cfg.tags, schema: cfg.schema}
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
	// expanded counts the nodes copied through aliases and merge keys in
	// the stream; aliased is the number of aliases being expanded.
	expanded int
	aliased  int
	depth    int
	// ends memoizes endLine: aliases may repeat a node many times.
	ends map[*yaml.Node]int
	// runeOffsets are the byte offsets of the characters of the non-ASCII
	// lines looked at (nil for an ASCII line).
	runeOffsets map[int][]int
	// tags rewrites the values of nodes with local tags; nil keeps them.
	tags   TagFunc
	schema Schema
}

func (c *converter) limit(n *yaml.Node, format string, args ...any) error {
	return &Error{Line: n.Line, Msg: fmt.Sprintf(format, args...), cause: ErrLimit}
}

// value converts n; start is the line the value's range begins on (the line
// of its key for a mapping value).
func (c *converter) value(n *yaml.Node, start int) (any, error) {
	if c.aliased > 0 {
		c.expanded++
		if c.expanded > MaxNodes {
			return nil, c.limit(n, "yaml: aliases expand to more than %d nodes (alias bomb?)", MaxNodes)
		}
	}
	if c.tags != nil && localTag(n.Tag) {
		return c.tagged(n, start)
	}
	switch n.Kind {
	case yaml.AliasNode:
		if n.Alias == nil {
			return nil, &Error{Line: n.Line, Msg: "yaml: alias without an anchor"}
		}
		c.aliased++
		defer func() { c.aliased-- }()
		return c.value(n.Alias, start)
	case yaml.MappingNode:
		if err := c.enter(n); err != nil {
			return nil, err
		}
		defer c.leave()
		// max: an alias's mapping ends above the line it is used on.
		m := map[string]any{scanners.LocKey: scanners.Loc(c.path, start, max(start, c.endLine(n)))}
		if err := c.mapping(n, m); err != nil {
			return nil, err
		}
		return m, nil
	case yaml.SequenceNode:
		if err := c.enter(n); err != nil {
			return nil, err
		}
		defer c.leave()
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
		return c.scalar(n)
	}
	return nil, &Error{Line: n.Line, Msg: fmt.Sprintf("yaml: unexpected node kind %d", n.Kind)}
}

func (c *converter) enter(n *yaml.Node) error {
	c.depth++
	if c.depth > MaxDepth {
		return c.limit(n, "yaml: mappings and sequences nest deeper than %d levels", MaxDepth)
	}
	return nil
}

func (c *converter) leave() { c.depth-- }

// scalar resolves a scalar with the converter's schema.
func (c *converter) scalar(n *yaml.Node) (any, error) {
	switch c.schema {
	case GoYAML11:
		return c.goYAML11(n)
	case PyYAML11:
		return c.pyYAML11(n)
	}
	return scalar12(n)
}

// key is the map key of the key node k: its text, or under a YAML 1.1
// schema the string its reader makes of the value (`on:` is "true").
func (c *converter) key(k *yaml.Node) (string, error) {
	for k.Kind == yaml.AliasNode && k.Alias != nil {
		k = k.Alias
	}
	if k.Kind != yaml.ScalarNode {
		return k.Value, nil
	}
	switch c.schema {
	case GoYAML11:
		return c.goYAML11Key(k)
	case PyYAML11:
		return c.pyYAML11Key(k)
	}
	return k.Value, nil
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
		key, err := c.key(k)
		if err != nil {
			return err
		}
		if key == scanners.LocKey {
			// The key positions are kept under: a document writing it
			// would forge the positions policies report.
			return &Error{Line: k.Line, Msg: fmt.Sprintf("yaml: the key %q is reserved by tollgate for source positions", key)}
		}
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
		aliased := 0
		for s.Kind == yaml.AliasNode && s.Alias != nil {
			s = s.Alias
			aliased++
		}
		if s.Kind != yaml.MappingNode {
			return &Error{Line: v.Line, Msg: "yaml: merge key << needs a mapping"}
		}
		// The merged mapping is converted again at every use: its nodes
		// count against MaxNodes as an alias's do.
		c.aliased += aliased
		tmp := map[string]any{scanners.LocKey: scanners.Loc(c.path, s.Line, c.endLine(s))}
		err := c.enter(s)
		if err == nil {
			err = c.mapping(s, tmp)
			c.leave()
		}
		c.aliased -= aliased
		if err != nil {
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

// endLine is the last line of n: that of its last descendant, or of the
// last line of a scalar's text.
func (c *converter) endLine(n *yaml.Node) int {
	switch n.Kind {
	case yaml.MappingNode, yaml.SequenceNode, yaml.DocumentNode:
		if len(n.Content) == 0 {
			return n.Line
		}
		if end, ok := c.ends[n]; ok {
			return end
		}
		end := max(n.Line, c.endLine(n.Content[len(n.Content)-1]))
		c.memo(n, end)
		return end
	case yaml.ScalarNode:
		return c.scalarEnd(n)
	}
	return n.Line
}

func (c *converter) memo(n *yaml.Node, end int) {
	if c.ends == nil {
		c.ends = map[*yaml.Node]int{}
	}
	c.ends[n] = end
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
			col := c.byteOffset(li, n.Column-1)
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
	c.memo(n, end)
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
	off := c.byteOffset(li, n.Column-1)
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

// byteOffset is the byte offset of the col-th (0-based) character of line
// index li; yaml.v3 counts columns in characters. A line of ASCII, the
// usual case, needs no count; the character offsets of other lines are
// computed once, so that a long line of many scalars costs linear time.
func (c *converter) byteOffset(li, col int) int {
	line := c.lines[li]
	if c.runeOffsets == nil {
		c.runeOffsets = map[int][]int{}
	}
	offs, ok := c.runeOffsets[li]
	if !ok {
		if isASCII(line) {
			offs = nil
		} else {
			offs = make([]int, 0, len(line))
			for i := range line {
				offs = append(offs, i)
			}
		}
		c.runeOffsets[li] = offs
	}
	if offs == nil {
		return max(0, min(col, len(line)))
	}
	if col < 0 {
		return 0
	}
	if col >= len(offs) {
		return len(line)
	}
	return offs[col]
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
