package terraform

import (
	"errors"
	"fmt"
	"io/fs"
	"path"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/typeexpr"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"

	"github.com/tollgate/tollgate/scanners"
)

// variable is a variable block.
type variable struct {
	name     string
	typ      cty.Type // cty.DynamicPseudoType without a type constraint
	defaults *typeexpr.Defaults
	// literal: a -var value is taken as a string (no type, or a primitive
	// type), else parsed as an HCL expression.
	literal    bool
	def        cty.Value
	hasDefault bool
	nullable   bool
	// block and file are the declaration, for an override file to merge
	// into.
	block *hclsyntax.Block
	file  string
}

// declareVariable reads a variable block: its type constraint, and its
// default converted to that type, as Terraform does.
func (r *run) declareVariable(m *moduleDir, file string, b *hclsyntax.Block) *variable {
	v := &variable{name: b.Labels[0], typ: cty.DynamicPseudoType, literal: true, nullable: true}
	if a := b.Body.Attributes["type"]; a != nil {
		typ, defaults, literal, diags := decodeType(a.Expr)
		for _, e := range diagErrors(file, diags) {
			r.staticErr(m, e)
		}
		if kw, ok := quotedType(a.Expr); ok {
			r.warn(m, &scanners.FileError{Path: file, Line: a.SrcRange.Start.Line,
				Err: fmt.Errorf("quoted type constraint %q of variable %q is Terraform 0.11 syntax (removed in Terraform 0.15): read as %s", kw, v.name, kw)})
		}
		v.typ, v.defaults, v.literal = typ, defaults, literal
	}
	if a := b.Body.Attributes["nullable"]; a != nil {
		n, diags, errs := r.lim.staticValue(a.Expr)
		for _, e := range errs {
			r.staticErr(m, e)
		}
		if !diags.HasErrors() && n.Type() == cty.Bool && n.IsKnown() && !n.IsNull() {
			v.nullable = n.True()
		}
	}
	if a := b.Body.Attributes["default"]; a != nil {
		v.hasDefault = true
		d, diags, errs := r.lim.staticValue(a.Expr)
		for _, e := range errs {
			r.staticErr(m, e)
		}
		if diags.HasErrors() || len(errs) > 0 {
			for _, e := range diagErrors(file, diags) {
				r.staticErr(m, e)
			}
			v.def = cty.DynamicVal
			return v
		}
		if d.IsNull() {
			v.def = cty.NullVal(v.typ)
			return v
		}
		conv, err := v.convert(d)
		if err != nil {
			r.staticErr(m, &scanners.FileError{Path: file, Line: a.SrcRange.Start.Line,
				Err: fmt.Errorf("invalid default value for variable %q: %w", v.name, err)})
			conv = cty.DynamicVal
		}
		v.def = conv
	}
	return v
}

// decodeType reads a type constraint as Terraform does, with its list and
// map shorthands.
func decodeType(expr hcl.Expression) (cty.Type, *typeexpr.Defaults, bool, hcl.Diagnostics) {
	kw := hcl.ExprAsKeyword(expr)
	if q, ok := quotedType(expr); ok {
		kw = q // Terraform 0.12-0.14 still read "string", "list" and "map"
	}
	switch kw {
	case "string":
		return cty.String, nil, true, nil
	case "list":
		return cty.List(cty.DynamicPseudoType), nil, false, nil
	case "map":
		return cty.Map(cty.DynamicPseudoType), nil, false, nil
	}
	typ, defaults, diags := typeexpr.TypeConstraintWithDefaults(expr)
	if diags.HasErrors() {
		return cty.DynamicPseudoType, nil, false, diags
	}
	return typ, defaults, typ.IsPrimitiveType(), nil
}

// convert applies the type constraint (and its optional attribute defaults)
// to a value.
func (v *variable) convert(val cty.Value) (cty.Value, error) {
	if v.defaults != nil && !val.IsNull() {
		val = v.defaults.Apply(val)
	}
	return convert.Convert(val, v.typ)
}

// assign is the value a variable takes when given val: val converted, or
// the default for a null given to a non-nullable variable.
func (v *variable) assign(val cty.Value) (cty.Value, error) {
	if val.IsNull() && !v.nullable {
		if v.hasDefault {
			return v.def, nil
		}
		return cty.DynamicVal, fmt.Errorf("variable %q is not nullable", v.name)
	}
	return v.convert(val)
}

// rootVariables are the variable values of a root module: defaults, then
// the module's own values files, then the -var-file files, then the -var
// values. Errors go to the root's results.
func (in *instance) rootVariables() map[string]cty.Value {
	m := in.mod
	vals := make(map[string]cty.Value, len(m.variables))
	for name, v := range m.variables {
		vals[name] = cty.DynamicVal // no default: unknown until set
		if v.hasDefault {
			vals[name] = v.def
		}
	}
	for _, pf := range m.valueFiles {
		in.assignFile(vals, pf)
	}
	for _, pf := range in.r.loadVarFiles(in) {
		in.assignFile(vals, pf)
	}
	for _, name := range sortedKeys(in.r.opts.vars) {
		v := m.variables[name]
		if v == nil {
			continue
		}
		val, err := v.parseRaw(in.r.opts.vars[name], in.r.lim)
		if err == nil {
			val, err = v.assign(val)
		}
		if err != nil {
			in.report(&scanners.FileError{Path: "-var " + name, Err: fmt.Errorf("invalid value for variable %q: %w", name, err)})
			val = cty.DynamicVal
		}
		vals[name] = val
	}
	return vals
}

// assignFile applies the values of a .tfvars file. As in Terraform, values
// are literals (no references, no function calls), and values for variables
// the module does not declare are ignored.
func (in *instance) assignFile(vals map[string]cty.Value, pf *parsedFile) {
	for _, name := range sortedKeys(pf.body.Attributes) {
		v := in.mod.variables[name]
		if v == nil {
			continue
		}
		a := pf.body.Attributes[name]
		val, diags, errs := in.r.lim.staticValue(a.Expr)
		for _, e := range errs {
			in.report(e)
		}
		if diags.HasErrors() || len(errs) > 0 {
			for _, e := range diagErrors(pf.path, diags) {
				in.report(e)
			}
			vals[name] = cty.DynamicVal
			continue
		}
		conv, err := v.assign(val)
		if err != nil {
			in.report(&scanners.FileError{Path: pf.path, Line: a.SrcRange.Start.Line,
				Err: fmt.Errorf("invalid value for variable %q: %w", name, err)})
			conv = cty.DynamicVal
		}
		vals[name] = conv
	}
}

// parseRaw reads a -var value as Terraform does.
func (v *variable) parseRaw(raw string, lim *limiter) (cty.Value, error) {
	if v.literal {
		return cty.StringVal(raw), nil
	}
	file := "-var " + v.name
	if err := checkSource([]byte(raw), exprMode, file, hcl.InitialPos, 0, true); err != nil {
		return cty.DynamicVal, err
	}
	expr, diags := hclsyntax.ParseExpression([]byte(raw), file, hcl.InitialPos)
	if diags.HasErrors() {
		return cty.DynamicVal, firstError(diags)
	}
	expr = (&rewriter{lim: lim, funcs: knownFunctions}).expr(expr)
	val, diags, errs := lim.staticValue(expr)
	if len(errs) > 0 {
		return cty.DynamicVal, errs[0].Err
	}
	if diags.HasErrors() {
		return cty.DynamicVal, firstError(diags)
	}
	return val, nil
}

// firstError is the first error of diags, without its source range.
func firstError(diags hcl.Diagnostics) error {
	for _, d := range diags {
		if d.Severity == hcl.DiagError {
			return errors.New(diagText(d))
		}
	}
	return diags
}

// loadVarFiles parses the -var-file files once. Errors of files that are not
// themselves scanned are reported once, on the first root module.
func (r *run) loadVarFiles(in *instance) []*parsedFile {
	if r.loaded {
		return r.varFiles
	}
	r.loaded = true
	for _, p := range r.opts.varFiles {
		clean := path.Clean(p)
		if !fs.ValidPath(clean) {
			in.report(&scanners.FileError{Path: p, Err: fmt.Errorf("var file is not in the scanned tree")})
			continue
		}
		pf := r.parse(clean)
		if !r.scanned(clean) {
			for _, e := range pf.errs {
				in.report(e)
			}
		}
		if pf.body != nil {
			r.varFiles = append(r.varFiles, pf)
		}
	}
	return r.varFiles
}

// quotedType returns the keyword of a quoted type constraint, the
// Terraform 0.11 form (type = "string", "list" or "map") that Terraform
// 0.12 to 0.14 still accept with a deprecation warning.
func quotedType(expr hcl.Expression) (string, bool) {
	t, ok := expr.(*hclsyntax.TemplateExpr)
	if !ok || !t.IsStringLiteral() {
		return "", false
	}
	v, diags := t.Value(nil)
	if diags.HasErrors() || v.Type() != cty.String || v.IsNull() {
		return "", false
	}
	switch s := v.AsString(); s {
	case "string", "list", "map":
		return s, true
	}
	return "", false
}
