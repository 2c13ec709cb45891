package policies

import (
	"bytes"
	"fmt"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"gopkg.in/yaml.v3"

	"github.com/tollgate/tollgate/internal/names"
)

// Warning is a problem in a user policy that does not stop it from loading
// but makes it behave otherwise than its author meant: a rule tollgate
// never evaluates, findings without a stable rule id, a METADATA key that
// OPA or tollgate ignores.
type Warning struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Message string `json:"message"`
}

func (w Warning) String() string { return fmt.Sprintf("%s:%d: %s", w.File, w.Line, w.Message) }

// opaKeys are the top-level METADATA keys OPA reads; it silently drops
// any other.
var opaKeys = []string{"scope", "title", "description", "related_resources", "authors", "organizations",
	"schemas", "entrypoint", "compile", "custom", "labels"}

// customKeys are the METADATA custom keys tollgate reads (collectRules).
var customKeys = []string{"id", "severity", "category", "provider", "remediation", "frameworks"}

// referenceKeys are what authors write for OPA's related_resources.
var referenceKeys = map[string]bool{"references": true, "reference": true, "links": true, "link": true,
	"urls": true, "url": true, "related": true, "see_also": true, "related_resource": true}

// inputKeys are the top-level fields of every document a policy sees
// (scanners.Document.Input, described in policies/INPUT.md).
var inputKeys = []string{"format", "type", "name", "address", "path", "resource", "related", "related_unknown", "configuration"}

// metadataExample is the block a deny rule needs for its findings to carry
// a rule id, a title and a severity.
const metadataExample = `    # METADATA
    # title: What the rule checks
    # custom:
    #   id: ACME-001
    #   severity: medium
    #   category: audit`

const findingHint = "lib.finding(rego.metadata.rule(), lib.loc(input.resource), msg)"

// lint returns the warnings of the modules user selects, sorted by file
// and line. modules are the parsed (not compiled) modules: rules still
// carry their METADATA and the calls they were written with.
func lint(modules map[string]*ast.Module, user func(name string) bool) []Warning {
	var out []Warning
	names := make([]string, 0, len(modules))
	for name := range modules {
		if user(name) {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	for _, name := range names {
		out = append(out, lintModule(name, modules[name])...)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].File != out[j].File {
			return out[i].File < out[j].File
		}
		return out[i].Line < out[j].Line
	})
	return out
}

func lintModule(name string, m *ast.Module) []Warning {
	var out []Warning
	warn := func(line int, format string, args ...any) {
		out = append(out, Warning{File: name, Line: line, Message: fmt.Sprintf(format, args...)})
	}
	pkg := strings.TrimPrefix(m.Package.Path.String(), "data.")
	conftest := false
	for _, r := range m.Rules {
		if len(r.Head.Args) > 0 {
			continue // a function, not a rule Conftest or tollgate evaluates
		}
		rule := ruleName(r)
		if rule == "deny" {
			conftest = true
			lintDeny(r, pkg, warn)
			continue
		}
		if msg := unevaluated(rule, r.Head.RuleKind() == ast.MultiValue); msg != "" {
			conftest = true
			warn(r.Location.Row, "%s", msg)
		}
	}
	if pkg == "main" && conftest {
		warn(m.Package.Location.Row, "package main is Conftest's convention: tollgate evaluates it as any package, but reports the findings "+
			"of its deny rules that have no METADATA custom.id as one rule \"main\"; name the package after what it checks (package acme.tags)")
	}
	for _, b := range metadataBlocks(m.Comments) {
		lintMetadata(b, warn)
	}
	lintInput(m, warn)
	return out
}

// ruleName is the first part of a rule's name: deny for deny and
// deny contains ..., violation for violation[msg].
func ruleName(r *ast.Rule) string {
	if ref := r.Head.Ref(); len(ref) > 0 {
		if v, ok := ref[0].Value.(ast.Var); ok {
			return string(v)
		}
	}
	return r.Head.Name.String()
}

// unevaluated explains why a rule named like a Conftest rule is never
// evaluated, or returns "" for other names. Only sets (deny_x contains
// msg) are taken for Conftest's prefixed rules: a constant may well be
// called warn_threshold.
func unevaluated(rule string, set bool) string {
	switch rule {
	case "violation":
		return `rule "violation" is never evaluated: tollgate reads only rules named deny (Conftest's violation is not supported); rename it deny`
	case "warn":
		return `rule "warn" is never evaluated: tollgate reads only rules named deny (Conftest's warn is not supported); rename it deny ` +
			`and give it custom.severity low or info, below the gate's --fail-on threshold, to report without failing`
	}
	for _, p := range []string{"deny_", "violation_", "warn_"} {
		if set && strings.HasPrefix(rule, p) {
			return fmt.Sprintf("rule %q is never evaluated: tollgate reads only rules named deny (Conftest's %s prefix is not supported); "+
				"rename it deny: a package may have several deny rules", rule, p)
		}
	}
	return ""
}

// lintDeny checks that a deny rule's findings will carry its id.
func lintDeny(r *ast.Rule, pkg string, warn func(int, string, ...any)) {
	line := r.Location.Row
	asPkg := fmt.Sprintf("rule %q (title %q, severity high, category custom)", pkg, pkg)
	var own, other *ast.Annotations
	for _, a := range r.Annotations {
		if _, ok := a.Custom["id"]; !ok {
			continue
		}
		if a.Scope == "rule" {
			own = a
		} else if other == nil {
			other = a
		}
	}
	usesMeta := buildsFinding(r) || literalID(r) != ""
	fix := ""
	if !usesMeta {
		fix = "\nand add each result with " + findingHint
	}
	switch {
	case own == nil && other != nil:
		warn(line, "deny rule: the custom.id of the METADATA at line %d (scope %s) is not read: tollgate reads a rule's id from "+
			"the METADATA right above the rule (scope rule, the default), so its findings are reported as %s", other.Location.Row, other.Scope, asPkg)
	case own == nil && literalID(r) != "":
		id := literalID(r)
		warn(line, "deny rule has no METADATA: its findings carry the id %s written in the rule, but no title, and are reported "+
			"with severity high and category custom; put a block right above the rule:\n%s\nand add each result with %s", id, metadataExample, findingHint)
	case own == nil:
		warn(line, "deny rule has no METADATA with custom.id, so its findings are reported as %s; "+
			"to give them an id, a title and a severity, put a block right above the rule:\n%s%s", asPkg, metadataExample, fix)
	default:
		id, ok := own.Custom["id"].(string)
		if !ok {
			warn(own.Location.Row, "custom.id %v is a %s, not a string, so tollgate ignores this METADATA and reports the rule's findings as %s; quote it (id: \"%v\")",
				own.Custom["id"], kindOf(own.Custom["id"]), asPkg, own.Custom["id"])
			return
		}
		if !usesMeta {
			warn(line, "deny rule %s adds results that do not carry its id (a plain message, or an object with no rule_id), so they are reported as %s, not %s; "+
				"build each result with %s", id, asPkg, id, findingHint)
		}
		if c, ok := own.Custom["category"].(string); !ok || c == "" {
			warn(own.Location.Row, "rule %s has no custom.category: its findings have none, so a per-category threshold (--fail-on audit=low) never gates them; "+
				"set access, encryption, backup, audit or a category of your own", id)
		}
	}
}

// buildsFinding reports whether a rule passes its METADATA to its results
// (rego.metadata.rule(), as lib.finding takes it) or writes a rule_id.
func buildsFinding(r *ast.Rule) bool {
	meta := ast.MustParseRef("rego.metadata.rule")
	chain := ast.MustParseRef("rego.metadata.chain")
	found := false
	ast.WalkTerms(r, func(t *ast.Term) bool {
		switch v := t.Value.(type) {
		case ast.Ref:
			if v.Equal(meta) || v.Equal(chain) {
				found = true
			}
		case ast.Object:
			if v.Get(ast.StringTerm("rule_id")) != nil {
				found = true
			}
		}
		return found
	})
	return found
}

// literalID is the rule id a rule writes itself in its results
// ({"rule_id": ID} or lib.finding({"custom": {"id": ID}}, ...)), or "".
func literalID(r *ast.Rule) string {
	str := func(obj ast.Object, key string) string {
		if t := obj.Get(ast.StringTerm(key)); t != nil {
			if v, ok := t.Value.(ast.String); ok {
				return string(v)
			}
		}
		return ""
	}
	id := ""
	ast.WalkTerms(r, func(t *ast.Term) bool {
		obj, ok := t.Value.(ast.Object)
		if id != "" || !ok {
			return id != ""
		}
		if id = str(obj, "rule_id"); id == "" {
			if c := obj.Get(ast.StringTerm("custom")); c != nil {
				if custom, ok := c.Value.(ast.Object); ok {
					id = str(custom, "id")
				}
			}
		}
		return id != ""
	})
	return id
}

// metadataBlock is one # METADATA comment block: its YAML and the source
// row of each YAML line.
type metadataBlock struct {
	yaml []byte
	rows []int
}

// metadataBlocks splits comments into METADATA blocks the way OPA's parser
// does (ast.parseAnnotations): a "# METADATA" comment in column 1, then the
// comments on the following lines.
func metadataBlocks(comments []*ast.Comment) []metadataBlock {
	var out []metadataBlock
	for i := 0; i < len(comments); i++ {
		if !ast.IsMetadataComment(comments[i]) {
			continue
		}
		var b metadataBlock
		var buf bytes.Buffer
		for i++; i < len(comments); i++ {
			c, prev := comments[i], comments[i-1]
			if c.Location.Col != 1 || c.Location.Row-1 != prev.Location.Row || ast.IsMetadataComment(c) {
				break
			}
			buf.Write(bytes.TrimPrefix(c.Text, []byte(" ")))
			buf.WriteByte('\n')
			b.rows = append(b.rows, c.Location.Row)
		}
		i--
		b.yaml = buf.Bytes()
		out = append(out, b)
	}
	return out
}

// lintMetadata warns about the keys of a METADATA block that OPA or
// tollgate ignore.
func lintMetadata(b metadataBlock, warn func(int, string, ...any)) {
	var doc yaml.Node
	if yaml.Unmarshal(b.yaml, &doc) != nil || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return // OPA has reported it
	}
	row := func(n *yaml.Node) int {
		if n.Line >= 1 && n.Line <= len(b.rows) {
			return b.rows[n.Line-1]
		}
		return b.rows[0]
	}
	top := doc.Content[0]
	for i := 0; i+1 < len(top.Content); i += 2 {
		k, v := top.Content[i], top.Content[i+1]
		key := k.Value
		switch {
		case contains(opaKeys, key):
			if key == "custom" && v.Kind == yaml.MappingNode {
				lintCustom(v, row, warn)
			}
		case contains(customKeys, key):
			warn(row(k), "METADATA key %q is ignored at the top level: tollgate reads it under custom: (custom.%s)", key, key)
		case referenceKeys[strings.ToLower(key)]:
			warn(row(k), "METADATA key %q is ignored: did you mean related_resources? (a list of URLs, or of {ref, description})", key)
		default:
			if s := closest(key, append(append([]string{}, opaKeys...), customKeys...)); s != "" {
				if contains(customKeys, s) {
					s = "custom." + s
				}
				warn(row(k), "METADATA key %q is ignored: did you mean %s?", key, s)
			} else {
				warn(row(k), "METADATA key %q is ignored: OPA reads only %s, and tollgate's own keys (%s) go under custom:",
					key, strings.Join(opaKeys, ", "), strings.Join(customKeys, ", "))
			}
		}
	}
}

// lintCustom warns about misspelt or misplaced custom keys; other custom
// keys are the author's own and left alone.
func lintCustom(custom *yaml.Node, row func(*yaml.Node) int, warn func(int, string, ...any)) {
	for i := 0; i+1 < len(custom.Content); i += 2 {
		k, v := custom.Content[i], custom.Content[i+1]
		key := k.Value
		switch {
		case key == "frameworks":
			if v.Kind != yaml.MappingNode {
				warn(row(k), "custom.frameworks is ignored: it maps each framework to its controls (frameworks: {cis-aws-2.0: [\"2.1.1\"]})")
			}
		case contains(customKeys, key):
			if v.Kind != yaml.ScalarNode && key != "id" { // a non-string id is reported with its rule
				warn(row(k), "custom.%s is ignored: it must be a string", key)
			}
		case referenceKeys[strings.ToLower(key)]:
			warn(row(k), "custom.%s is not read by tollgate: did you mean related_resources? (a top-level METADATA key: a list of URLs, or of {ref, description})", key)
		case contains(opaKeys, key):
			warn(row(k), "custom.%s is not read by tollgate: %s is a top-level METADATA key", key, key)
		default:
			if s := closest(key, customKeys); s != "" {
				warn(row(k), "custom.%s is not read by tollgate: did you mean custom.%s?", key, s)
			}
		}
	}
}

// lintInput warns about reads of input fields no document has, the mark of
// a policy written for Conftest's raw-file input.
func lintInput(m *ast.Module, warn func(int, string, ...any)) {
	seen := map[string]bool{}
	for _, r := range m.Rules {
		ast.WalkRefs(r, func(ref ast.Ref) bool {
			if len(ref) < 2 || !ref[0].Equal(ast.InputRootDocument) {
				return false
			}
			key, ok := ref[1].Value.(ast.String)
			if !ok || contains(inputKeys, string(key)) || seen[string(key)] {
				return false
			}
			seen[string(key)] = true
			row := r.Location.Row
			if ref[0].Location != nil {
				row = ref[0].Location.Row
			}
			warn(row, "input.%s is always undefined: tollgate's input is one resource (input.type, input.name, input.resource...; "+
				"see policies/INPUT.md), not the raw file Conftest gives: a Kubernetes kind is input.type, the object itself input.resource", string(key))
			return false
		})
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// closest returns the word of known that s is most likely a misspelling
// of (at most two edits away, fewer for short words), or "".
func closest(s string, known []string) string {
	best, bestD := "", 3
	for _, k := range known {
		d := names.Distance(strings.ToLower(s), k)
		if d < bestD && d <= len(k)/3+1 {
			best, bestD = k, d
		}
	}
	return best
}
