package yamlpos_test

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/tollgate/tollgate/scanners"
	"github.com/tollgate/tollgate/scanners/yamlpos"
)

// positions lists every position Decode recorded, one line each, sorted:
//
//	#0 1-4        document 0 spans lines 1-4
//	#0{} 1-4      the mapping at #0 carries __loc lines 1-4
//	#0.a 2-3      attribute a of that mapping has attrs lines 2-3
//	#0.b[1]{} 5-6 the mapping that is item 1 of the list b
//
// It also checks that every __loc names the decoded path and a valid range.
func positions(t *testing.T, path string, docs []yamlpos.Document) []string {
	t.Helper()
	var out []string
	var walk func(p string, v any)
	walk = func(p string, v any) {
		switch x := v.(type) {
		case map[string]any:
			loc, ok := x[scanners.LocKey].(map[string]any)
			if !ok {
				t.Errorf("%s: mapping without %s", p, scanners.LocKey)
				return
			}
			l := scanners.Location{Path: fmt.Sprint(loc["path"])}
			l.StartLine, _ = loc["start_line"].(int)
			l.EndLine, _ = loc["end_line"].(int)
			if l.Path != path || !l.Valid() {
				t.Errorf("%s: invalid location %+v", p, loc)
			}
			out = append(out, fmt.Sprintf("%s{} %d-%d", p, l.StartLine, l.EndLine))
			if attrs, ok := loc["attrs"].(map[string]any); ok {
				for k, a := range attrs {
					a := a.(map[string]any)
					s, e := a["start_line"].(int), a["end_line"].(int)
					if s <= 0 || e < s {
						t.Errorf("%s.%s: invalid attr lines %v", p, k, a)
					}
					out = append(out, fmt.Sprintf("%s.%s %d-%d", p, k, s, e))
				}
			}
			for k, c := range x {
				if k != scanners.LocKey {
					walk(p+"."+k, c)
				}
			}
		case []any:
			for i, c := range x {
				walk(fmt.Sprintf("%s[%d]", p, i), c)
			}
		}
	}
	for i, d := range docs {
		out = append(out, fmt.Sprintf("#%d %d-%d", i, d.StartLine, d.EndLine))
		walk(fmt.Sprintf("#%d", i), d.Value)
	}
	sort.Strings(out)
	return out
}

// plain drops every __loc, leaving the values.
func plain(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, c := range x {
			if k != scanners.LocKey {
				out[k] = plain(c)
			}
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, c := range x {
			out[i] = plain(c)
		}
		return out
	}
	return v
}

func decode(t *testing.T, src string) []yamlpos.Document {
	t.Helper()
	docs, err := yamlpos.Decode("in.yaml", []byte(src))
	if err != nil {
		t.Fatalf("Decode: %v", err)
	}
	return docs
}

func sameLines(t *testing.T, got, want []string) {
	t.Helper()
	in := func(list []string) map[string]bool {
		m := map[string]bool{}
		for _, s := range list {
			m[s] = true
		}
		return m
	}
	g, w := in(got), in(want)
	for _, s := range got {
		if !w[s] {
			t.Errorf("unexpected position %s", s)
		}
	}
	for _, s := range want {
		if !g[s] {
			t.Errorf("missing position %s", s)
		}
	}
}

func TestDecodeLines(t *testing.T) {
	for _, tc := range []struct {
		name string
		src  string
		want []string
	}{{
		name: "multi-document stream: lines are absolute",
		src: `# leading comment
a: 1
---
b:
  c: 2
---

d: 3
`,
		want: []string{
			"#0 2-2", "#0{} 2-2", "#0.a 2-2",
			"#1 4-5", "#1{} 4-5", "#1.b{} 4-5", "#1.b.c 5-5",
			"#2 8-8", "#2{} 8-8", "#2.d 8-8",
		},
	}, {
		name: "nested mapping starts at its key and ends at its last descendant",
		src: `spec:
  template:
    metadata:
      name: x

    replicas: 2
other: y
`,
		want: []string{
			"#0 1-7", "#0{} 1-7", "#0.other 7-7",
			"#0.spec{} 1-6",
			"#0.spec.template{} 2-6", "#0.spec.template.replicas 6-6",
			"#0.spec.template.metadata{} 3-4", "#0.spec.template.metadata.name 4-4",
		},
	}, {
		name: "sequence items: mappings start at their dash, scalar lists are attributes",
		src: `containers:
  - name: a
    image: nginx
  - name: b
    args:
      - --x
      - --y
ports: [80, 443]
`,
		want: []string{
			"#0 1-8", "#0{} 1-8", "#0.containers 1-7", "#0.ports 8-8",
			"#0.containers[0]{} 2-3", "#0.containers[0].name 2-2", "#0.containers[0].image 3-3",
			"#0.containers[1]{} 4-7", "#0.containers[1].name 4-4", "#0.containers[1].args 5-7",
		},
	}, {
		name: "block scalars end on their last line of text",
		src: `literal: |
  one
  two

  four
folded: >
  one
  two

  four
strip: |-
  x
keep: |+
  y

empty: |
indented: |2
     a
   b
after: 1
`,
		want: []string{
			"#0 1-20", "#0{} 1-20",
			"#0.literal 1-5", "#0.folded 6-10", "#0.strip 11-12", "#0.keep 13-14",
			"#0.empty 16-16", "#0.indented 17-19", "#0.after 20-20",
		},
	}, {
		name: "quoted and plain scalars over several lines",
		src: `escaped: "one\ntwo\nthree"
double: "one
  two \" # not a comment
  three"
single: 'it''s
  two'
plain: one
  two
  three
anchored: &p one
  two
end: 1
`,
		want: []string{
			"#0 1-12", "#0{} 1-12",
			"#0.escaped 1-1", "#0.double 2-4", "#0.single 5-6", "#0.plain 7-9",
			"#0.anchored 10-11", "#0.end 12-12",
		},
	}, {
		name: "columns count characters, not bytes",
		src: `ünïcödé: {k: "ä
  b", l: 'x'}
plain_ü: ä ö
  ü
"ключ": "a
  b"
`,
		want: []string{
			"#0 1-6", "#0{} 1-6", "#0.plain_ü 3-4", "#0.ключ 5-6",
			"#0.ünïcödé{} 1-2", "#0.ünïcödé.k 1-2", "#0.ünïcödé.l 2-2",
		},
	}, {
		name: "flow mappings and sequences",
		src: `selector: {matchLabels: {app: web,
  tier: front}}
list: [a,
  b]
x: 1
`,
		want: []string{
			"#0 1-5", "#0{} 1-5", "#0.list 3-4", "#0.x 5-5",
			"#0.selector{} 1-2", "#0.selector.matchLabels{} 1-2",
			"#0.selector.matchLabels.app 1-1", "#0.selector.matchLabels.tier 2-2",
		},
	}, {
		name: "an aliased mapping is placed where it is used",
		src: `base: &b
  a: 1
  b: 2
x:
  y: *b
`,
		want: []string{
			"#0 1-5", "#0{} 1-5",
			"#0.base{} 1-3", "#0.base.a 2-2", "#0.base.b 3-3",
			"#0.x{} 4-5",
			"#0.x.y{} 5-5", "#0.x.y.a 2-2", "#0.x.y.b 3-3",
		},
	}, {
		name: "empty values",
		src: `a:
  b:

c: ""
`,
		want: []string{"#0 1-4", "#0{} 1-4", "#0.a{} 1-2", "#0.a.b 2-2", "#0.c 4-4"},
	}, {
		name: "CRLF line ends",
		src:  "a: |\r\n  x\r\n  y\r\nb: \"p\r\n  q\"\r\nc: 1\r\n",
		want: []string{"#0 1-6", "#0{} 1-6", "#0.a 1-3", "#0.b 4-5", "#0.c 6-6"},
	}, {
		name: "top-level sequence",
		src: `- a: 1
- b
`,
		want: []string{"#0 1-2", "#0[0]{} 1-1", "#0[0].a 1-1"},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			sameLines(t, positions(t, "in.yaml", decode(t, tc.src)), tc.want)
		})
	}
}

func TestDecodeValues(t *testing.T) {
	for _, tc := range []struct {
		name string
		src  string
		want any
	}{{
		name: "scalar types",
		src: `int: 42
neg: -7
hex: 0x1F
octal: 0o17
huge: 12345678901234567890
float: 1.5
exp: 1e3
inf: .inf
yes: true
no: false
on: on
null1: null
null2: ~
null3:
quoted_int: "42"
str_tag: !!str 7
version: 1.20
date: 2024-01-02
1: int key
`,
		want: map[string]any{
			"int": 42, "neg": -7, "hex": 31, "octal": 15,
			"huge":  1.2345678901234567e19,
			"float": 1.5, "exp": 1000.0, "inf": math.Inf(1),
			"yes": true, "no": false, "on": "on",
			"null1": nil, "null2": nil, "null3": nil,
			"quoted_int": "42", "str_tag": "7", "version": 1.2, "date": "2024-01-02",
			"1": "int key",
		},
	}, {
		name: "block scalar text",
		src: `literal: |
  a
   b

  c
folded: >
  a
  b

  c
strip: |-
  x
`,
		want: map[string]any{"literal": "a\n b\n\nc\n", "folded": "a b\nc\n", "strip": "x"},
	}, {
		name: "aliases are expanded into copies",
		src: `base: &b {x: 1, l: [a, b]}
copy: *b
name: &n web
label: *n
`,
		want: map[string]any{
			"base":  map[string]any{"x": 1, "l": []any{"a", "b"}},
			"copy":  map[string]any{"x": 1, "l": []any{"a", "b"}},
			"name":  "web",
			"label": "web",
		},
	}, {
		name: "merge keys: explicit keys win whichever order they come in",
		src: `defaults: &d
  image: nginx
  replicas: 1
  labels: {app: web}
before:
  replicas: 3
  <<: *d
after:
  <<: *d
  replicas: 5
  name: after
`,
		want: map[string]any{
			"defaults": map[string]any{"image": "nginx", "replicas": 1, "labels": map[string]any{"app": "web"}},
			"before":   map[string]any{"image": "nginx", "replicas": 3, "labels": map[string]any{"app": "web"}},
			"after":    map[string]any{"image": "nginx", "replicas": 5, "labels": map[string]any{"app": "web"}, "name": "after"},
		},
	}, {
		name: "merge of a list of mappings: the first one wins",
		src: `a: &a {k: a, only_a: 1}
b: &b {k: b, only_b: 2}
m:
  <<: [*a, *b]
  own: 3
`,
		want: map[string]any{
			"a": map[string]any{"k": "a", "only_a": 1},
			"b": map[string]any{"k": "b", "only_b": 2},
			"m": map[string]any{"k": "a", "only_a": 1, "only_b": 2, "own": 3},
		},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			docs := decode(t, tc.src)
			if len(docs) != 1 {
				t.Fatalf("%d documents, want 1", len(docs))
			}
			if got := plain(docs[0].Value); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("value:\n got: %#v\nwant: %#v", got, tc.want)
			}
		})
	}
}

// Ints must be Go ints: Rego and the policies compare them with numbers
// decoded from JSON, and the report code switches on int.
func TestDecodeIntsAreInt(t *testing.T) {
	m := decode(t, "replicas: 3\nport: 0x50\n")[0].Value.(map[string]any)
	for _, k := range []string{"replicas", "port"} {
		if _, ok := m[k].(int); !ok {
			t.Errorf("%s is %T, want int", k, m[k])
		}
	}
}

func TestDecodeAliasesAreCopies(t *testing.T) {
	m := decode(t, "base: &b {x: 1}\ncopy: *b\n")[0].Value.(map[string]any)
	m["copy"].(map[string]any)["x"] = 2
	if got := m["base"].(map[string]any)["x"]; got != 1 {
		t.Errorf("changing the alias changed the anchor: base.x = %v", got)
	}
}

func TestDecodeMergedKeysHaveNoAttrLines(t *testing.T) {
	// A merged scalar has no line of its own in the mapping it is merged
	// into: policies fall back to the mapping's lines (lib.attr_loc).
	src := `d: &d {image: nginx}
svc:
  <<: *d
  replicas: 3
`
	got := positions(t, "in.yaml", decode(t, src))
	sameLines(t, got, []string{
		"#0 1-4", "#0{} 1-4", "#0.d{} 1-1", "#0.d.image 1-1",
		"#0.svc{} 2-4", "#0.svc.replicas 4-4",
	})
}

func TestDecodeSkipsEmptyDocuments(t *testing.T) {
	for _, tc := range []struct {
		name  string
		src   string
		lines []int // start line of each document kept
	}{
		{"empty input", "", nil},
		{"only white space", "\n\n  \n", nil},
		{"only comments", "# one\n# two\n", nil},
		{"empty documents between separators", "---\n---\n# comment only\n---\n", nil},
		{"explicit null document", "--- null\n", nil},
		{"kept around empty ones", "---\n---\na: 1\n---\n# nothing\n---\nb: 2\n...\n", []int{3, 7}},
		{"a scalar document is kept", "--- hello\n", []int{1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []int
			for _, d := range decode(t, tc.src) {
				got = append(got, d.StartLine)
			}
			if !reflect.DeepEqual(got, tc.lines) {
				t.Errorf("document start lines %v, want %v", got, tc.lines)
			}
		})
	}
}

func TestDecodeErrors(t *testing.T) {
	for _, tc := range []struct {
		name     string
		src      string
		line     int
		msg      string
		keptDocs int // documents decoded before the error
	}{
		// Scanner errors: yaml.v3 reports their line as is.
		{"mapping value in a plain scalar", "a: 1\nb: 2\nc: d: e\n", 3, "mapping values are not allowed", 0},
		{"unclosed quote", "a: 1\n\n\nb:\n  - x\n  - 'y\n  - z\n", 6, "unexpected end of stream", 0},
		{"tab indentation", "a: 1\n\tb: 2\n", 2, "tab character", 0},
		// Parser errors: yaml.v3 reports them one line early; Decode corrects.
		{"unclosed flow sequence: at the end of the stream", "a: 1\nb: [\n", 3, "did not find expected node content", 0},
		{"bad flow sequence", "a: 1\nb: 2\nc: [b}\n", 3, "did not find expected ',' or ']'", 0},
		{"bad flow sequence on the first line", "a: [b}\n", 1, "did not find expected ',' or ']'", 0},
		{"bad indentation", "a:\n  b: 1\n c: 2\n", 3, "did not find expected key", 0},
		{"sequence item in a mapping", "a: 1\nb: 2\n- c\n", 3, "did not find expected key", 0},
		{"undefined tag handle", "a: 1\nb: !x!y 1\n", 2, "undefined tag handle", 0},
		{"error in a later document", "a: 1\n---\nb: 1\n---\nc: [x}\n", 5, "did not find expected ',' or ']'", 2},
		// Decode's own errors.
		{"merge of a scalar", "a: 1\nb:\n  <<: 3\n", 3, "merge key << needs a mapping", 0},
		// yaml.v3 gives no line for these: Line 0, "not tied to a line".
		{"scanner error on the first line", "a: b: c\n", 0, "mapping values are not allowed", 0},
		{"unknown anchor", "a: 1\nb: *nope\n", 0, "unknown anchor 'nope'", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			docs, err := yamlpos.Decode("in.yaml", []byte(tc.src))
			var ye *yamlpos.Error
			if !errors.As(err, &ye) {
				t.Fatalf("error %v (%T), want *yamlpos.Error", err, err)
			}
			if ye.Line != tc.line || !strings.Contains(ye.Msg, tc.msg) || ye.Error() != ye.Msg {
				t.Errorf("error line %d %q, want line %d containing %q", ye.Line, ye.Msg, tc.line, tc.msg)
			}
			if len(docs) != tc.keptDocs {
				t.Errorf("%d documents before the error, want %d", len(docs), tc.keptDocs)
			}
		})
	}
}

// billionLaughs is the classic alias bomb: levels of lists of ten aliases
// of the level below, 10^levels strings once expanded, from a few hundred
// bytes.
func billionLaughs(levels int, leaf string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "l0: &l0 %s\n", leaf)
	for i := 1; i <= levels; i++ {
		fmt.Fprintf(&b, "l%d: &l%d [", i, i)
		for j := 0; j < 10; j++ {
			if j > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "*l%d", i-1)
		}
		b.WriteString("]\n")
	}
	return b.String()
}

func TestDecodeAliasBomb(t *testing.T) {
	for _, tc := range []struct {
		name string
		src  string
	}{
		{"strings, 10 levels", billionLaughs(10, "lol")},
		{"sequences, 9 levels", billionLaughs(9, "[lol, lol]")},
		{"in a later document", "a: 1\n---\n" + billionLaughs(10, "lol")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			_, err := yamlpos.Decode("bomb.yaml", []byte(tc.src))
			var ye *yamlpos.Error
			if !errors.As(err, &ye) {
				t.Fatalf("error %v, want *yamlpos.Error", err)
			}
			if !strings.Contains(ye.Msg, "alias bomb") || ye.Line <= 0 {
				t.Errorf("error line %d %q, want a line and an alias bomb message", ye.Line, ye.Msg)
			}
			if d := time.Since(start); d > 30*time.Second {
				t.Errorf("took %v", d)
			}
		})
	}
	// Below the bound, aliases expand.
	docs := decode(t, billionLaughs(3, "lol"))
	l3 := docs[0].Value.(map[string]any)["l3"].([]any)
	if len(l3) != 10 || len(l3[9].([]any)) != 10 || l3[9].([]any)[9].([]any)[9] != "lol" {
		t.Errorf("l3 not expanded: %v", l3)
	}
}

func TestDecodeRecordsPath(t *testing.T) {
	docs, err := yamlpos.Decode("deploy/app.yaml", []byte("a:\n  b: 1\n"))
	if err != nil {
		t.Fatal(err)
	}
	positions(t, "deploy/app.yaml", docs) // checks the path of every __loc
}

// The expansion budget is the stream's: many documents each under the
// bound add up (a 10 MiB file of small bombs would otherwise expand to
// 10^11 nodes).
func TestDecodeAliasBudgetSpansDocuments(t *testing.T) {
	doc := billionLaughs(5, "lol") // about 250,000 nodes through aliases
	src := strings.Repeat(doc+"---\n", 12)
	_, err := yamlpos.Decode("bomb.yaml", []byte(src))
	if !errors.Is(err, yamlpos.ErrLimit) {
		t.Fatalf("error %v, want ErrLimit", err)
	}
	// Four of them fit.
	if _, err := yamlpos.Decode("ok.yaml", []byte(strings.Repeat(doc+"---\n", 4))); err != nil {
		t.Fatalf("4 documents under the bound: %v", err)
	}
}

// Merge keys copy their mappings as aliases do: a merge bomb expands
// nothing in the result (the keys repeat) but would take exponential time.
func TestDecodeMergeBomb(t *testing.T) {
	var b strings.Builder
	b.WriteString("m0: &m0 {a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8, i: 9, j: 10}\n")
	for i := 1; i <= 12; i++ {
		fmt.Fprintf(&b, "m%d: &m%d\n  <<: [", i, i)
		for j := 0; j < 10; j++ {
			if j > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "*m%d", i-1)
		}
		b.WriteString("]\n")
	}
	start := time.Now()
	_, err := yamlpos.Decode("merge.yaml", []byte(b.String()))
	if !errors.Is(err, yamlpos.ErrLimit) {
		t.Fatalf("error %v, want ErrLimit", err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("took %v", d)
	}
}

// An alias nests its anchor's structure where it is used: the nesting of
// the document can exceed what the text shows; Decode stops at MaxDepth
// instead of recursing without bound.
func TestDecodeAliasDepth(t *testing.T) {
	inner := strings.Repeat("[", 20) + "x" + strings.Repeat("]", 20)
	outer := yamlpos.MaxDepth - 10
	src := "a: &a " + inner + "\nb: " + strings.Repeat("[", outer) + "*a" + strings.Repeat("]", outer) + "\n"
	_, err := yamlpos.Decode("deep.yaml", []byte(src))
	var ye *yamlpos.Error
	if !errors.As(err, &ye) || !errors.Is(err, yamlpos.ErrLimit) || ye.Line <= 0 || !strings.Contains(ye.Msg, "deeper") {
		t.Fatalf("error %v, want an ErrLimit *yamlpos.Error about nesting, with a line", err)
	}
	// The same nesting without the alias's levels decodes.
	src = "b: " + strings.Repeat("[", outer) + "x" + strings.Repeat("]", outer) + "\n"
	if _, err := yamlpos.Decode("deep.yaml", []byte(src)); err != nil {
		t.Fatal(err)
	}
}

// A long line of many scalars (minified JSON, a flow sequence) decodes in
// linear time: finding where each scalar ends once counted the line's
// characters from its start, which made a 4 MiB line take hours.
func TestDecodeLongLine(t *testing.T) {
	for _, item := range []string{`"é"`, `'x'`, `a b`, `! 1`} {
		src := "k: [" + strings.Repeat(item+", ", 200_000) + "z]\n"
		start := time.Now()
		for _, s := range []yamlpos.Schema{yamlpos.YAML12, yamlpos.GoYAML11} {
			if _, err := yamlpos.Decode("long.yaml", []byte(src), yamlpos.WithSchema(s)); err != nil {
				t.Fatal(err)
			}
		}
		if d := time.Since(start); d > 20*time.Second {
			t.Errorf("%s: took %v", item, d)
		}
	}
	src := []byte("[" + strings.Repeat(`"a\/b", `, 200_000) + "1]")
	start := time.Now()
	if _, err := yamlpos.DecodeJSON("long.json", src); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 20*time.Second {
		t.Errorf("minified JSON: took %v", d)
	}
}

// A document cannot forge the positions findings report: a key named like
// the key positions are kept under is an error at its line.
func TestReservedPositionKey(t *testing.T) {
	_, err := yamlpos.Decode("f.yaml", []byte("kind: Pod\nmetadata:\n  __loc: {path: other.yaml, start_line: 9, end_line: 9}\n"))
	var ye *yamlpos.Error
	if !errors.As(err, &ye) || ye.Line != 3 || !strings.Contains(ye.Msg, "reserved") {
		t.Errorf("error %v, want the reserved key at line 3", err)
	}
}
