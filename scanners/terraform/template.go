package terraform

import (
	"bytes"
	"fmt"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

// boundedTemplate is a string template whose result may not exceed
// maxValueBytes: HCL's own would concatenate its parts first ("${local.s}"
// repeated a million times), so this one stops at the limit. Otherwise it
// is HCL's TemplateExpr.Value: unknown parts make the result unknown (with
// the known prefix), null parts and parts that are not strings are errors.
type boundedTemplate struct {
	*hclsyntax.TemplateExpr
	lim *limiter
}

// maxPrefix is the longest known prefix an unknown template keeps, as in
// HCL.
const maxPrefix = 128

func (e *boundedTemplate) Value(ctx *hcl.EvalContext) (cty.Value, hcl.Diagnostics) {
	if e.lim.halted() {
		return cty.UnknownVal(cty.String).RefineNotNull(), nil
	}
	buf := &bytes.Buffer{}
	var diags hcl.Diagnostics
	isKnown := true
	marks := make(cty.ValueMarks)
	for _, part := range e.Parts {
		partVal, partDiags := part.Value(ctx)
		diags = append(diags, partDiags...)
		if e.lim.halted() {
			return cty.UnknownVal(cty.String).RefineNotNull(), nil
		}
		if partVal.IsNull() {
			diags = append(diags, &hcl.Diagnostic{
				Severity:    hcl.DiagError,
				Summary:     "Invalid template interpolation value",
				Detail:      "The expression result is null. Cannot include a null value in a string template.",
				Subject:     part.Range().Ptr(),
				Context:     &e.SrcRange,
				Expression:  part,
				EvalContext: ctx,
			})
			continue
		}
		unmarked, partMarks := partVal.Unmark()
		for k, v := range partMarks {
			marks[k] = v
		}
		if !partVal.IsKnown() {
			isKnown = false
			continue
		}
		if unmarked.Type() == cty.Number {
			if err := checkNumber(unmarked); err != nil {
				e.lim.trip(part.Range(), err)
				return cty.UnknownVal(cty.String).RefineNotNull(), nil
			}
		}
		strVal, err := convert.Convert(unmarked, cty.String)
		if err != nil {
			diags = append(diags, &hcl.Diagnostic{
				Severity:    hcl.DiagError,
				Summary:     "Invalid template interpolation value",
				Detail:      fmt.Sprintf("Cannot include the given value in a string template: %s.", err.Error()),
				Subject:     part.Range().Ptr(),
				Context:     &e.SrcRange,
				Expression:  part,
				EvalContext: ctx,
			})
			continue
		}
		if !isKnown || diags.HasErrors() {
			continue
		}
		s := strVal.AsString()
		if buf.Len()+len(s) > maxValueBytes {
			e.lim.trip(e.SrcRange, fmt.Errorf("%w: a string of more than %d MiB", errLimit, maxValueBytes>>20))
			return cty.UnknownVal(cty.String).RefineNotNull(), nil
		}
		buf.WriteString(s)
	}
	var ret cty.Value
	if !isKnown {
		ret = cty.UnknownVal(cty.String)
		if !diags.HasErrors() {
			if prefix := buf.String(); prefix != "" {
				ret = ret.Refine().StringPrefix(prefix[:min(len(prefix), maxPrefix)]).NewValue()
			}
		}
	} else {
		ret = cty.StringVal(buf.String())
		if err := e.lim.check(ret); err != nil {
			e.lim.trip(e.SrcRange, err)
			return cty.UnknownVal(cty.String).RefineNotNull(), nil
		}
	}
	return ret.RefineNotNull().WithMarks(marks), diags
}
