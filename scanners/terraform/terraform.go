// Package terraform reads Terraform HCL modules into one document per
// resource, with attribute values evaluated as Terraform would and the
// lines of every block and attribute.
package terraform

import (
	"context"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"tollgate/scanners"
)

// Scanner reads Terraform configurations.
type Scanner struct{}

// New returns a Terraform scanner.
func New() *Scanner { return &Scanner{} }

// Name implements scanners.FileScanner.
func (*Scanner) Name() string { return "terraform" }

// Match takes .tf files and the .tfvars files that feed them.
func (*Scanner) Match(p string, _ []byte) bool {
	return strings.HasSuffix(p, ".tf") || strings.HasSuffix(p, ".tfvars")
}

// Scan reads files module by module: the files of one directory are one
// module, whose variables and locals every resource of the module sees.
func (*Scanner) Scan(ctx context.Context, fsys fs.FS, files []string) []scanners.Result {
	byDir := map[string][]string{}
	var dirs []string
	for _, f := range files {
		d := path.Dir(f)
		if _, ok := byDir[d]; !ok {
			dirs = append(dirs, d)
		}
		byDir[d] = append(byDir[d], f)
	}
	results := map[string]scanners.Result{}
	for _, d := range dirs {
		m := &module{fsys: fsys, dir: d, results: map[string]*scanners.Result{}}
		m.load(byDir[d])
		for f, r := range m.results {
			results[f] = *r
		}
	}
	out := make([]scanners.Result, 0, len(files))
	for _, f := range files {
		out = append(out, results[f])
	}
	return out
}

// module is one directory's configuration being read.
type module struct {
	fsys    fs.FS
	dir     string
	results map[string]*scanners.Result
	files   []*parsedFile
	eval    *hcl.EvalContext
}

type parsedFile struct {
	path string
	body *hclsyntax.Body
}

func (m *module) result(file string) *scanners.Result {
	r, ok := m.results[file]
	if !ok {
		r = &scanners.Result{Path: file, Format: "terraform"}
		m.results[file] = r
	}
	return r
}

func (m *module) fail(file string, diags hcl.Diagnostics) {
	r := m.result(file)
	for _, d := range diags {
		if d.Severity != hcl.DiagError {
			continue
		}
		fe := &scanners.FileError{Path: file, Err: fmt.Errorf("%s", diagText(d))}
		if d.Subject != nil {
			fe.Line = d.Subject.Start.Line
		}
		r.Errors = append(r.Errors, fe)
	}
}

func diagText(d *hcl.Diagnostic) string {
	if d.Detail != "" {
		return d.Summary + ": " + d.Detail
	}
	return d.Summary
}

// parse reads one file; nil when it could not be read or parsed.
func (m *module) parse(file string) *hclsyntax.Body {
	m.result(file)
	src, err := scanners.ReadFile(m.fsys, file)
	if err != nil {
		r := m.result(file)
		r.Errors = append(r.Errors, &scanners.FileError{Path: file, Err: err})
		return nil
	}
	f, diags := hclsyntax.ParseConfig(src, file, hcl.InitialPos)
	if diags.HasErrors() {
		m.fail(file, diags)
		return nil
	}
	return f.Body.(*hclsyntax.Body)
}

func (m *module) load(files []string) {
	var tfvars []string
	for _, f := range files {
		if strings.HasSuffix(f, ".tfvars") {
			tfvars = append(tfvars, f)
			continue
		}
		if body := m.parse(f); body != nil {
			m.files = append(m.files, &parsedFile{path: f, body: body})
		}
	}
	// Terraform's order: terraform.tfvars, then *.auto.tfvars in lexical
	// order, then -var-file in the order given.
	sort.SliceStable(tfvars, func(i, j int) bool {
		return varFileRank(tfvars[i]) < varFileRank(tfvars[j]) ||
			(varFileRank(tfvars[i]) == varFileRank(tfvars[j]) && tfvars[i] < tfvars[j])
	})
	var valueFiles []*hclsyntax.Body
	for _, f := range tfvars {
		if varFileRank(f) == 2 {
			// Terraform reads other .tfvars only when named by -var-file:
			// parse for errors, apply nothing.
			m.parse(f)
			continue
		}
		if body := m.parse(f); body != nil {
			valueFiles = append(valueFiles, body)
		}
	}
	m.eval = m.buildEvalContext(valueFiles)
	for _, pf := range m.files {
		r := m.result(pf.path)
		for _, b := range pf.body.Blocks {
			if b.Type != "resource" || len(b.Labels) != 2 {
				continue
			}
			r.Documents = append(r.Documents, m.resource(pf.path, b))
		}
	}
}

func varFileRank(f string) int {
	base := path.Base(f)
	switch {
	case base == "terraform.tfvars":
		return 0
	case strings.HasSuffix(base, ".auto.tfvars"):
		return 1
	}
	return 2
}

func (m *module) resource(file string, b *hclsyntax.Block) scanners.Document {
	typ, name := b.Labels[0], b.Labels[1]
	return scanners.Document{
		Format:   "terraform",
		Type:     typ,
		Name:     name,
		Address:  modulePrefix(m.dir) + typ + "." + name,
		Path:     file,
		Resource: m.body(file, b.Body, b.Range()),
	}
}

// modulePrefix keeps addresses of resources in different directories apart.
func modulePrefix(dir string) string {
	if dir == "." || dir == "" {
		return ""
	}
	return dir + ":"
}

// body converts a block body: attributes evaluated, nested blocks as lists
// of objects (as `terraform show -json` has them).
func (m *module) body(file string, b *hclsyntax.Body, rng hcl.Range) map[string]any {
	obj := map[string]any{scanners.LocKey: scanners.Loc(file, rng.Start.Line, rng.End.Line)}
	names := make([]string, 0, len(b.Attributes))
	for n := range b.Attributes {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		a := b.Attributes[n]
		start, end := a.SrcRange.Start.Line, a.SrcRange.End.Line
		scanners.SetAttrLoc(obj, n, start, end)
		v := m.value(a.Expr)
		goVal, known := toGo(v, file, start, end)
		if !known && goVal == nil {
			scanners.MarkUnknown(obj, n)
			continue
		}
		obj[n] = goVal
	}
	for _, nb := range b.Blocks {
		typ := nb.Type
		if typ == "dynamic" {
			// Generated blocks are expanded by a later version; until then
			// the block type is unknown, so no rule fires on its absence.
			if len(nb.Labels) == 1 {
				scanners.MarkUnknown(obj, nb.Labels[0])
			}
			continue
		}
		list, _ := obj[typ].([]any)
		obj[typ] = append(list, m.body(file, nb.Body, nb.Range()))
	}
	return obj
}

// value evaluates expr; references the module cannot resolve (other
// resources, data sources, module outputs) evaluate to unknown.
func (m *module) value(expr hclsyntax.Expression) cty.Value {
	ctx := m.eval
	var missing map[string]cty.Value
	for _, t := range expr.Variables() {
		root := t.RootName()
		if _, ok := ctx.Variables[root]; !ok {
			if missing == nil {
				missing = map[string]cty.Value{}
			}
			missing[root] = cty.DynamicVal
		}
	}
	if missing != nil {
		ctx = ctx.NewChild()
		ctx.Variables = missing
	}
	v, diags := expr.Value(ctx)
	if diags.HasErrors() {
		return cty.DynamicVal
	}
	return v
}
