package policies

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"gopkg.in/yaml.v3"
)

// A value check is a rule written as data: "attribute PATH of resource type
// TYPE must satisfy EXPECT; when unset it has the provider's DEFAULT".
// Hundreds of the library's rules are of that form; policies/checks/*.yaml
// holds them, each entry a rule of its own with its id, metadata, default
// and tests. At load time each file becomes one generated Rego module whose
// rules call data.tollgate.lib.checks.hits, so value checks are indexed,
// evaluated, listed and documented exactly as hand-written rules are.

// Check is one entry of a checks file.
type Check struct {
	ID          string              `yaml:"id" json:"id"`
	Title       string              `yaml:"title" json:"title"`
	Description string              `yaml:"description" json:"description,omitempty"`
	Severity    string              `yaml:"severity" json:"severity"`
	Category    string              `yaml:"category" json:"category"`
	Provider    string              `yaml:"provider" json:"provider"`
	Remediation string              `yaml:"remediation" json:"remediation,omitempty"`
	References  []string            `yaml:"references" json:"references,omitempty"`
	Frameworks  map[string][]string `yaml:"frameworks" json:"frameworks,omitempty"`
	// Resource is the input.type (or types) the check applies to.
	Resource stringList `yaml:"resource" json:"resource"`
	// Path is the attribute's path: "a.b.c" or a list of keys. A key
	// written "key?" is an optional block: when it is absent there is
	// nothing to check, whatever the default.
	Path     stringList `yaml:"path" json:"path"`
	optional []bool
	// Expect is {OP: VALUE} with OP one of checkOps.
	Expect map[string]any `yaml:"expect" json:"expect"`
	// Default is the value of an unset attribute (the provider's default);
	// HasDefault tells a null default from none.
	Default    any  `yaml:"default" json:"default,omitempty"`
	HasDefault bool `yaml:"-" json:"-"`
	// Message is the finding's message; {name} and {value} are filled in.
	Message string      `yaml:"message" json:"message"`
	Tests   []CheckTest `yaml:"tests" json:"tests"`

	File string `yaml:"-" json:"file"`
	Line int    `yaml:"-" json:"line"`
}

// CheckTest is an input in the resource's own format (HCL, YAML) on which
// the check must fire (Fail, at Line when given) or stay silent (Pass).
type CheckTest struct {
	Fail string `yaml:"fail,omitempty" json:"fail,omitempty"`
	Pass string `yaml:"pass,omitempty" json:"pass,omitempty"`
	// Line is the first line the finding must point at (Fail only).
	Line int `yaml:"line,omitempty" json:"line,omitempty"`
}

// stringList reads a YAML string or list of strings; a string path is split
// on dots.
type stringList []string

func (l *stringList) UnmarshalYAML(n *yaml.Node) error {
	switch n.Kind {
	case yaml.ScalarNode:
		*l = stringList{n.Value}
		return nil
	case yaml.SequenceNode:
		var s []string
		if err := n.Decode(&s); err != nil {
			return err
		}
		*l = s
		return nil
	}
	return fmt.Errorf("line %d: want a string or a list of strings", n.Line)
}

var checkOps = map[string]bool{
	"equals": true, "not_equals": true, "one_of": true, "not_one_of": true, "is_true": true, "is_false": true,
	"at_least": true, "at_most": true, "present": true, "matches": true,
}

var checkIDRE = regexp.MustCompile(`^TG-[A-Z0-9]+-[0-9]{3,}$`)

// maxCheckPath is the deepest attribute path lib.checks walks.
const maxCheckPath = 5

// LoadChecks reads and validates every checks file of fsys under dir.
func LoadChecks(fsys fs.FS, dir string) ([]Check, error) {
	files, err := fs.Glob(fsys, path.Join(dir, "*.yaml"))
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	var out []Check
	seen := map[string]string{}
	for _, f := range files {
		src, err := fs.ReadFile(fsys, f)
		if err != nil {
			return nil, err
		}
		checks, err := parseChecks(f, src)
		if err != nil {
			return nil, err
		}
		for _, c := range checks {
			if prev, dup := seen[c.ID]; dup {
				return nil, fmt.Errorf("%s:%d: check id %s already used at %s", c.File, c.Line, c.ID, prev)
			}
			seen[c.ID] = fmt.Sprintf("%s:%d", c.File, c.Line)
		}
		out = append(out, checks...)
	}
	return out, nil
}

func parseChecks(file string, src []byte) ([]Check, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	if len(doc.Content) == 0 {
		return nil, nil
	}
	list := doc.Content[0]
	if list.Kind != yaml.SequenceNode {
		return nil, fmt.Errorf("%s: a checks file is a list of checks", file)
	}
	out := make([]Check, 0, len(list.Content))
	for _, n := range list.Content {
		var c Check
		dec := yaml.NewDecoder(bytes.NewReader(mustMarshalNode(n)))
		dec.KnownFields(true)
		if err := dec.Decode(&c); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", file, n.Line, err)
		}
		c.File, c.Line = file, n.Line
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == "default" {
				c.HasDefault = true
			}
		}
		if len(c.Path) == 1 && strings.Contains(c.Path[0], ".") {
			c.Path = strings.Split(c.Path[0], ".")
		}
		c.optional = make([]bool, len(c.Path))
		for i, k := range c.Path {
			if strings.HasSuffix(k, "?") {
				c.Path[i], c.optional[i] = strings.TrimSuffix(k, "?"), true
			}
		}
		if err := c.validate(); err != nil {
			return nil, fmt.Errorf("%s:%d: check %s: %w", file, n.Line, c.ID, err)
		}
		out = append(out, c)
	}
	return out, nil
}

func mustMarshalNode(n *yaml.Node) []byte {
	b, err := yaml.Marshal(n)
	if err != nil {
		panic(err) // a node just decoded always encodes
	}
	return b
}

func (c *Check) validate() error {
	switch {
	case !checkIDRE.MatchString(c.ID):
		return fmt.Errorf("id %q is not TG-PROVIDER-NNN", c.ID)
	case c.Title == "" || c.Message == "" || c.Remediation == "":
		return fmt.Errorf("title, message and remediation are required")
	case !validSeverity(c.Severity):
		return fmt.Errorf("severity %q: want critical, high, medium, low or info", c.Severity)
	case c.Category == "" || c.Provider == "":
		return fmt.Errorf("category and provider are required")
	case len(c.Resource) == 0:
		return fmt.Errorf("resource is required")
	case len(c.Path) == 0 || len(c.Path) > maxCheckPath:
		return fmt.Errorf("path must have 1 to %d keys", maxCheckPath)
	case len(c.Expect) != 1:
		return fmt.Errorf("expect must be one {op: value}")
	}
	op, v := c.op()
	if !checkOps[op] {
		return fmt.Errorf("expect: unknown op %q", op)
	}
	switch op {
	case "one_of", "not_one_of":
		if _, ok := v.([]any); !ok {
			return fmt.Errorf("expect: %s takes a list", op)
		}
	case "at_least", "at_most":
		if _, ok := v.(int); !ok {
			if _, ok := v.(float64); !ok {
				return fmt.Errorf("expect: %s takes a number", op)
			}
		}
	case "matches":
		s, ok := v.(string)
		if !ok {
			return fmt.Errorf("expect: matches takes a regular expression")
		}
		if _, err := regexp.Compile(s); err != nil {
			return fmt.Errorf("expect: %w", err)
		}
	}
	fails, passes := 0, 0
	for _, t := range c.Tests {
		switch {
		case t.Fail != "" && t.Pass == "":
			fails++
		case t.Pass != "" && t.Fail == "":
			passes++
		default:
			return fmt.Errorf("each test is either fail: or pass:")
		}
	}
	if fails == 0 || passes == 0 {
		return fmt.Errorf("tests need at least one fail: and one pass: input")
	}
	return nil
}

func (c *Check) op() (string, any) {
	for k, v := range c.Expect {
		return k, v
	}
	return "", nil
}

// Rule is the check's documentation as a Rule.
func (c *Check) Rule() Rule {
	return Rule{
		ID: c.ID, Title: c.Title, Description: strings.TrimSpace(c.Description), Severity: c.Severity,
		Category: c.Category, Remediation: strings.TrimSpace(c.Remediation), References: c.References,
		Provider: c.Provider, Frameworks: c.Frameworks, File: c.File, Line: c.Line, Builtin: true,
	}
}

// checksModule generates the Rego module of one checks file: one deny rule
// per check, with its METADATA (as a one-line YAML flow mapping) and a type
// guard OPA indexes.
func checksModule(pkg string, checks []Check) (string, error) {
	var b strings.Builder
	fmt.Fprintf(&b, "package %s\n\nimport data.tollgate.lib\nimport data.tollgate.lib.checks\nimport rego.v1\n\n", pkg)
	for _, c := range checks {
		custom := map[string]any{"id": c.ID, "severity": c.Severity, "category": c.Category, "provider": c.Provider, "remediation": strings.TrimSpace(c.Remediation)}
		if len(c.Frameworks) > 0 {
			custom["frameworks"] = c.Frameworks
		}
		meta := map[string]any{"title": c.Title, "custom": custom}
		if d := strings.TrimSpace(c.Description); d != "" {
			meta["description"] = d
		}
		if len(c.References) > 0 {
			meta["related_resources"] = c.References
		}
		op, v := c.op()
		spec := map[string]any{"path": []string(c.Path), "optional": c.optional, "expect": map[string]any{"op": op, "value": v}}
		if c.HasDefault {
			spec["default"] = c.Default
		}
		metaJSON, err := json.Marshal(meta)
		if err != nil {
			return "", fmt.Errorf("check %s: %w", c.ID, err)
		}
		specJSON, err := json.Marshal(spec)
		if err != nil {
			return "", fmt.Errorf("check %s: %w", c.ID, err)
		}
		msgJSON, _ := json.Marshal(c.Message)
		types := make([]string, len(c.Resource))
		for i, t := range c.Resource {
			q, _ := json.Marshal(t)
			types[i] = string(q)
		}
		fmt.Fprintf(&b, "# METADATA\n# %s\ndeny contains finding if {\n", metaJSON)
		if len(types) == 1 {
			fmt.Fprintf(&b, "\tinput.type == %s\n", types[0])
		} else {
			fmt.Fprintf(&b, "\tinput.type in {%s}\n", strings.Join(types, ", "))
		}
		fmt.Fprintf(&b, "\tsome hit in checks.hits(input.resource, %s)\n", specJSON)
		fmt.Fprintf(&b, "\tfinding := lib.finding(rego.metadata.rule(), hit.location, checks.message(%s, input.name, hit.value))\n}\n\n", msgJSON)
	}
	return b.String(), nil
}

// builtinChecks loads the embedded checks files and adds their generated
// modules to modules.
func builtinChecks(modules map[string]*ast.Module, builtinFiles map[string]bool, caps *ast.Capabilities) ([]Check, error) {
	checks, err := LoadChecks(FS, "checks")
	if err != nil {
		return nil, err
	}
	byFile := map[string][]Check{}
	var files []string
	for _, c := range checks {
		if byFile[c.File] == nil {
			files = append(files, c.File)
		}
		byFile[c.File] = append(byFile[c.File], c)
	}
	for _, f := range files {
		src, err := checksModule(checksPackage(f), byFile[f])
		if err != nil {
			return nil, err
		}
		name := "policies/" + f
		m, err := parse(name, []byte(src), caps)
		if err != nil {
			return nil, err
		}
		modules[name] = m
		builtinFiles[name] = true
	}
	return checks, nil
}

// checksPackage is the Rego package of the checks file f: checks/aws.yaml
// is tollgate.checks.aws.
func checksPackage(f string) string {
	stem := strings.TrimSuffix(path.Base(f), path.Ext(f))
	stem = regexp.MustCompile(`[^a-z0-9_]`).ReplaceAllString(strings.ToLower(stem), "_")
	return "tollgate.checks." + stem
}
