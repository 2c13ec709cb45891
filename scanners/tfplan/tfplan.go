package tfplan

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/tollgate/tollgate/scanners"
	"github.com/tollgate/tollgate/scanners/yamlpos"
)

// Scanner reads Terraform plans in JSON.
type Scanner struct{}

// New returns a Terraform plan scanner.
func New() *Scanner { return &Scanner{} }

// Name implements scanners.FileScanner.
func (*Scanner) Name() string { return "terraform-plan" }

// Match takes JSON objects with a format_version and planned_values or
// resource_changes (or, when a large variables section pushes those out of
// the first bytes, terraform_version and variables), whatever the file is
// named.
func (*Scanner) Match(_ string, head []byte) bool {
	h := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xEF\xBB\xBF")), " \t\r\n")
	if !bytes.HasPrefix(h, []byte("{")) || !bytes.Contains(h, []byte(`"format_version"`)) {
		return false
	}
	has := func(key string) bool { return bytes.Contains(h, []byte(`"`+key+`"`)) }
	return has("planned_values") || has("resource_changes") || (has("terraform_version") && has("variables"))
}

// Scan implements scanners.FileScanner: each plan is read on its own, with
// the configuration beside it.
// Units implements scanners.Partitioner: each file is read on its own.
func (*Scanner) Units(_ fs.FS, files []string) [][]string { return scanners.FileUnits(files) }

func (s *Scanner) Scan(ctx context.Context, fsys fs.FS, files []string) []scanners.Result {
	return scanners.EachFile(ctx, s.Name(), files, func(f string) scanners.Result { return scanFile(fsys, f) })
}

func scanFile(fsys fs.FS, file string) scanners.Result {
	res := scanners.Result{Path: file, Format: "terraform-plan"}
	fail := func(line int, err error) {
		res.Errors = append(res.Errors, &scanners.FileError{Path: file, Line: line, Err: err})
	}
	src, err := scanners.ReadFile(fsys, file)
	if err != nil {
		fail(0, err)
		return res
	}
	if line, err := checkShape(src); err != nil {
		fail(line, err)
		return res
	}
	doc, err := yamlpos.DecodeJSON(file, src)
	if err != nil {
		var ye *yamlpos.Error
		if errors.As(err, &ye) {
			fail(ye.Line, errors.New(ye.Msg))
		} else {
			fail(0, err)
		}
		return res
	}
	root, ok := doc.Value.(map[string]any)
	if !ok {
		fail(doc.StartLine, errors.New("not a Terraform plan: not a JSON object"))
		return res
	}
	if err := checkVersion(root); err != nil {
		fail(scanners.AttrLine(root, "format_version"), err)
		return res
	}
	_, planned := root["planned_values"].(map[string]any)
	_, changes := root["resource_changes"].([]any)
	if !planned && !changes {
		fail(doc.StartLine, errors.New("not a Terraform plan: no planned_values or resource_changes (a state file?)"))
		return res
	}
	if root["errored"] == true {
		fail(scanners.AttrLine(root, "errored"), errors.New(`the plan is "errored": terraform plan failed, so resources may be missing from it`))
	}
	p := &plan{fsys: fsys, file: file, dir: path.Dir(file), root: root, hcl: map[string]*hclIndex{}}
	res.Documents = p.documents()
	return res
}

// maxNesting bounds the nesting of a plan's JSON (objects and arrays).
// Plans nest a few levels per module and per nested block: a dozen is
// usual. The decoder's cost grows with the square of the nesting (350 KB
// of brackets nested 9,000 deep took 16 s and 3.6 GB), so a deeper plan is
// an error at the line where the limit is crossed, and is not decoded.
const maxNesting = 128

// maxContainers bounds the objects and arrays of a plan: each costs the
// decoder about 2 KB and 7 µs, so that 10 MB of "{}," would take gigabytes.
// A plan of 10 MB holds about 200,000.
const maxContainers = 500_000

// checkShape refuses, before it is decoded, JSON nested deeper than
// maxNesting or holding more than maxContainers objects and arrays, with
// the line where the limit is crossed. Strings are skipped; the decoder
// reports any other syntax error.
func checkShape(src []byte) (int, error) {
	depth, containers, line := 0, 0, 1
	for i := 0; i < len(src); i++ {
		switch src[i] {
		case '\n':
			line++
		case '"':
			for i++; i < len(src) && src[i] != '"' && src[i] != '\n'; i++ {
				if src[i] == '\\' {
					i++
				}
			}
			if i < len(src) && src[i] == '\n' {
				line++
			}
		case '[', '{':
			depth++
			containers++
			switch {
			case depth > maxNesting:
				return line, fmt.Errorf("json: nested deeper than %d levels", maxNesting)
			case containers > maxContainers:
				return line, fmt.Errorf("json: more than %d objects and arrays: too large to read", maxContainers)
			}
		case ']', '}':
			depth--
		}
	}
	return 0, nil
}

// checkVersion accepts format_version 1.x, as the format's compatibility
// promise asks.
func checkVersion(root map[string]any) error {
	v, ok := root["format_version"].(string)
	if !ok {
		return errors.New("not a Terraform plan: format_version is not a string")
	}
	if major, _, _ := strings.Cut(v, "."); major != "1" {
		return fmt.Errorf("unsupported plan format_version %q: tollgate reads 1.x", v)
	}
	return nil
}

// plan is one plan file being read.
type plan struct {
	fsys fs.FS
	file string
	dir  string
	root map[string]any
	// hcl caches the resource blocks of each configuration directory.
	hcl map[string]*hclIndex
}

// instance is one resource instance of the plan.
type instance struct {
	address, typ, name string
	module             []string
	values             map[string]any
	unknown, sensitive any
}

func (p *plan) documents() []scanners.Document {
	shared := p.sensitiveVariables()
	var docs []scanners.Document
	for _, in := range p.instances() {
		c := &converter{}
		obj := c.object(in.values, in.unknown, in.sensitive)
		if file, block, ok := p.block(in); ok {
			relocateBlock(obj, file, block.Body, block.Range())
		}
		docs = append(docs, scanners.Document{
			Format:   "terraform",
			Type:     in.typ,
			Name:     in.name,
			Address:  in.address,
			Path:     locPath(obj, p.file),
			Resource: obj,
			// The plan's values name no references: which resources
			// refer to this one (its versioning, its backup selection)
			// is unknown, not absent.
			RelatedUnknown: true,
			Secrets:        unique(append(c.secrets, shared...)),
		})
	}
	return docs
}

// instances lists the managed resource instances of the plan: those of
// resource_changes (with what is unknown and sensitive in them), then those
// only planned_values holds.
func (p *plan) instances() []instance {
	var out []instance
	seen := map[string]bool{}
	changes, _ := p.root["resource_changes"].([]any)
	for _, c := range changes {
		rc, _ := c.(map[string]any)
		change, _ := rc["change"].(map[string]any)
		after, hasAfter := change["after"].(map[string]any)
		addr, _ := rc["address"].(string)
		if rc["mode"] != "managed" || rc["deposed"] != nil || !hasAfter || addr == "" {
			continue // a data source, a deposed object, a deletion
		}
		seen[addr] = true
		modAddr, _ := rc["module_address"].(string)
		out = append(out, instance{
			address: addr, typ: str(rc["type"]), name: str(rc["name"]), module: modulePath(modAddr),
			values: after, unknown: change["after_unknown"], sensitive: change["after_sensitive"],
		})
	}
	planned, _ := p.root["planned_values"].(map[string]any)
	rootModule, _ := planned["root_module"].(map[string]any)
	p.plannedModule(rootModule, seen, &out)
	return out
}

func (p *plan) plannedModule(m map[string]any, seen map[string]bool, out *[]instance) {
	if m == nil {
		return
	}
	modAddr, _ := m["address"].(string)
	resources, _ := m["resources"].([]any)
	for _, r := range resources {
		rm, _ := r.(map[string]any)
		addr, _ := rm["address"].(string)
		values, ok := rm["values"].(map[string]any)
		if rm["mode"] != "managed" || !ok || addr == "" || seen[addr] {
			continue
		}
		seen[addr] = true
		*out = append(*out, instance{
			address: addr, typ: str(rm["type"]), name: str(rm["name"]), module: modulePath(modAddr),
			values: values, sensitive: rm["sensitive_values"],
		})
	}
	children, _ := m["child_modules"].([]any)
	for _, c := range children {
		cm, _ := c.(map[string]any)
		p.plannedModule(cm, seen, out)
	}
}

// sensitiveVariables returns the string values of the input variables the
// configuration declares sensitive.
func (p *plan) sensitiveVariables() []string {
	vars, _ := p.root["variables"].(map[string]any)
	config, _ := p.root["configuration"].(map[string]any)
	rootModule, _ := config["root_module"].(map[string]any)
	decls, _ := rootModule["variables"].(map[string]any)
	var out []string
	for name, d := range decls {
		decl, _ := d.(map[string]any)
		v, _ := vars[name].(map[string]any)
		if decl["sensitive"] == true && v != nil {
			out = append(out, leafStrings(v["value"])...)
		}
	}
	return out
}

// modulePath turns "module.a[0].module.b" into ["a", "b"].
func modulePath(addr string) []string {
	var out []string
	for rest := addr; strings.HasPrefix(rest, "module."); {
		rest = rest[len("module."):]
		end := strings.IndexAny(rest, ".[")
		if end < 0 {
			out = append(out, rest)
			break
		}
		out = append(out, rest[:end])
		rest = rest[end:]
		if strings.HasPrefix(rest, "[") {
			rest = rest[indexEnd(rest):]
		}
		rest = strings.TrimPrefix(rest, ".")
	}
	return out
}

// indexEnd returns the offset just past the instance key opening s
// (`[0]`, `["a.b"]`).
func indexEnd(s string) int {
	inString := false
	for i := 1; i < len(s); i++ {
		switch {
		case inString && s[i] == '\\':
			i++
		case s[i] == '"':
			inString = !inString
		case !inString && s[i] == ']':
			return i + 1
		}
	}
	return len(s)
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

// locPath is the file obj is located in.
func locPath(obj map[string]any, fallback string) string {
	loc, _ := obj[scanners.LocKey].(map[string]any)
	if p, ok := loc["path"].(string); ok && p != "" {
		return p
	}
	return fallback
}

// unique sorts secrets and drops repeats.
func unique(secrets []string) []string {
	sort.Strings(secrets)
	return slices.Compact(secrets)
}
