package terraform

import (
	"errors"
	"fmt"
	"math/big"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/tollgate/tollgate/scanners"
)

// Evaluation limits. A few lines of HCL can ask for an enormous amount of
// work: nested for expressions over range(1000) make a billion values,
// count on a module multiplies the count of its resources, repeated strings
// and format widths make gigabytes. Each limit below is an error of the
// file, at the line of the expression, block or function call that crossed
// it (the scan then fails closed), and the rest of that root module is not
// evaluated: the documents made before stay, and nothing is guessed.
const (
	// maxInstances bounds the instances one count or for_each may create.
	maxInstances = 10_000

	// maxRootInstances bounds the instances of resources and module calls
	// of one root module, the modules it calls included: count = 100 on a
	// module whose resource has count = 100 makes 100 module instances and
	// 10,000 resource instances.
	maxRootInstances = 10_000

	// maxValueElements bounds the elements of any value an expression
	// yields (a for expression, a function call, a list or object
	// constructor, a conditional, a splat, an attribute or local): every
	// element of every nested list, set, tuple, map or object, counted each
	// time it occurs.
	maxValueElements = 100_000

	// maxValueBytes bounds the strings of any value an expression yields,
	// all of them together, counted each time they occur: enough for the
	// base64 of the largest file a scanner reads (scanners.MaxFileSize).
	maxValueBytes = 16 << 20

	// maxNumberDigits bounds the numbers of a configuration: a number whose
	// decimal form would have more digits (1e2000) is an error. Turning such
	// a number into a string takes time and memory in proportion.
	maxNumberDigits = 1000

	// maxReferenceDepth bounds how deeply values may refer to values still
	// being computed (local.a refers to local.b, which refers to local.c...):
	// each level takes a piece of the goroutine stack.
	maxReferenceDepth = 1000

	// maxEvalSteps bounds the work of one root module's evaluation, all
	// its modules together: the elements of every value checked against
	// maxValueElements, plus iterationSteps for each iteration of a for
	// expression. It is a few seconds of work.
	maxEvalSteps = 10_000_000

	// iterationSteps is what one iteration of a for expression costs of
	// maxEvalSteps: evaluating its body takes about as long as measuring
	// ten elements.
	iterationSteps = 10

	// maxEvalBytes bounds the string bytes of every value checked against
	// maxValueBytes in one root module, all its modules together.
	maxEvalBytes = 256 << 20
)

// errLimit marks the errors of the limits above (errors.Is).
var errLimit = errors.New("over the scanner's limit")

// limiter is the evaluation budget of one scan, and the errors its
// evaluation found that are the file's errors (limits crossed, files that
// could not be read). Evaluation is sequential: one goroutine uses it.
type limiter struct {
	steps, bytes int
	// exhausted: the root module's budget is spent; nothing more of it is
	// evaluated.
	exhausted bool
	// stopped: the root module being evaluated crossed a limit; the rest
	// of it is not evaluated.
	stopped bool
	// tripped: the error of the limit that stopped the root module is
	// recorded; what the stop makes fail after it is not an error of its
	// own.
	tripped bool
	// pending are the errors found since the last take.
	pending []*pendingError
}

// pendingError is an error found while an expression is evaluated. A
// function does not know where it is called: rng is nil for the error of a
// function call, which take locates.
type pendingError struct {
	rng *hcl.Range
	fn  string
	err error
}

func (l *limiter) halted() bool { return l.exhausted || l.stopped }

// startRoot readies the limiter for the evaluation of a root module: the
// work budget is per root module (with the modules it calls), so that a
// repository of many modules is never refused for its size.
func (l *limiter) startRoot() {
	l.stopped, l.tripped = false, false
	l.steps, l.bytes, l.exhausted = 0, 0, false
}

// trip records that a limit was crossed at rng, and stops the evaluation
// of the root module. Only the first limit crossed is reported.
func (l *limiter) trip(rng hcl.Range, err error) {
	l.stopped = true
	if !l.tripped {
		l.tripped = true
		l.pending = append(l.pending, &pendingError{rng: &rng, err: err})
	}
}

// callError records the error of a call of function fn; stop also stops
// the root module (a limit, not a file that could not be read).
func (l *limiter) callError(fn string, err error, stop bool) {
	if stop {
		l.stopped = true
		if l.tripped {
			return
		}
		l.tripped = true
	}
	l.pending = append(l.pending, &pendingError{fn: fn, err: err})
}

// take returns the errors recorded while expr was evaluated, located: at
// their own range, else at the call of their function (found through the
// diagnostics of the evaluation, else in expr), else at expr. expr is nil
// when every error has its range.
func (l *limiter) take(expr hcl.Expression, diags hcl.Diagnostics) []*scanners.FileError {
	if len(l.pending) == 0 {
		return nil
	}
	out := make([]*scanners.FileError, 0, len(l.pending))
	for _, p := range l.pending {
		rng := p.rng
		if rng == nil {
			rng = callRange(expr, diags, p)
		}
		out = append(out, &scanners.FileError{Path: rng.Filename, Line: rng.Start.Line, Err: p.err})
	}
	l.pending = l.pending[:0]
	return out
}

// callRange finds where the call that made p was.
func callRange(expr hcl.Expression, diags hcl.Diagnostics, p *pendingError) *hcl.Range {
	for _, d := range diags {
		if x, ok := hcl.DiagnosticExtra[hclsyntax.FunctionCallDiagExtra](d); ok && d.Subject != nil {
			if errors.Is(x.FunctionCallError(), p.err) {
				return d.Subject
			}
		}
	}
	var found *hcl.Range
	if sx, ok := expr.(hclsyntax.Expression); ok {
		hclsyntax.VisitAll(sx, func(n hclsyntax.Node) hcl.Diagnostics {
			if c, ok := n.(*hclsyntax.FunctionCallExpr); ok && c.Name == p.fn && found == nil {
				r := c.Range()
				found = &r
			}
			return nil
		})
	}
	if found == nil && expr != nil {
		r := expr.Range()
		found = &r
	}
	if found == nil {
		found = &hcl.Range{}
	}
	return found
}

// staticValue evaluates an expression that refers to nothing (a
// variable's default, a value of a variables file, a module source), as
// Terraform does, with no variables and no functions, within the limits.
// errs are the limits it crossed; the value is then unknown.
func (l *limiter) staticValue(expr hcl.Expression) (cty.Value, hcl.Diagnostics, []*scanners.FileError) {
	saved, savedTripped := l.stopped, l.tripped
	l.stopped, l.tripped = false, false
	defer func() { l.stopped, l.tripped = saved, savedTripped }()
	v, diags := expr.Value(nil)
	errs := l.take(expr, diags)
	if len(errs) == 0 && !diags.HasErrors() {
		if err := l.check(v); err != nil {
			rng := expr.Range()
			errs = append(errs, &scanners.FileError{Path: rng.Filename, Line: rng.Start.Line, Err: err})
		}
	}
	if len(errs) > 0 {
		v = cty.DynamicVal
	}
	return v, diags, errs
}

// check measures a value an expression yielded against maxValueElements,
// maxValueBytes and maxNumberDigits, and spends its size from the scan's
// budget. The walk stops as soon as a limit is crossed, so it costs no more
// than the limits.
func (l *limiter) check(v cty.Value) error {
	elems, bytes, err := measure(v, maxValueElements, maxValueBytes)
	l.steps += elems
	l.bytes += bytes
	if err != nil {
		return err
	}
	return l.budget()
}

// spend charges n steps of work (iterations).
func (l *limiter) spend(n int) error {
	l.steps += n
	return l.budget()
}

func (l *limiter) budget() error {
	if l.steps > maxEvalSteps || l.bytes > maxEvalBytes {
		l.exhausted = true
		return fmt.Errorf("%w: evaluating the configuration takes more than %d steps or %d MiB of strings (root module total)", errLimit, maxEvalSteps, maxEvalBytes>>20)
	}
	return nil
}

// measure counts the elements and string bytes of v, stopping once over
// maxElems or maxBytes (err then says which), or at a number over
// maxNumberDigits.
func measure(v cty.Value, maxElems, maxBytes int) (elems, bytes int, err error) {
	stack := []cty.Value{v}
	for len(stack) > 0 {
		v := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		v, _ = v.Unmark()
		elems++
		if elems > maxElems {
			return elems, bytes, fmt.Errorf("%w: a value of more than %d elements (nested collections counted in full)", errLimit, maxElems)
		}
		if !v.IsKnown() || v.IsNull() {
			continue
		}
		t := v.Type()
		switch {
		case t == cty.String:
			bytes += len(v.AsString())
		case t == cty.Number:
			if err := checkNumber(v); err != nil {
				return elems, bytes, err
			}
		case t.IsListType() || t.IsSetType() || t.IsTupleType() || t.IsMapType() || t.IsObjectType():
			if n := v.LengthInt(); elems+len(stack)+n > maxElems {
				// each element left counts at least one: no need to walk them
				return elems + len(stack) + n, bytes, fmt.Errorf("%w: a value of more than %d elements (nested collections counted in full)", errLimit, maxElems)
			}
			keyed := t.IsMapType() || t.IsObjectType()
			for it := v.ElementIterator(); it.Next(); {
				k, e := it.Element()
				if keyed {
					bytes += len(k.AsString())
				}
				stack = append(stack, e)
			}
		}
		if bytes > maxBytes {
			return elems, bytes, fmt.Errorf("%w: a value of more than %d MiB of strings", errLimit, maxBytes>>20)
		}
	}
	return elems, bytes, nil
}

// checkNumber refuses a number whose decimal form has more than
// maxNumberDigits digits.
func checkNumber(v cty.Value) error {
	if numberDigits(v.AsBigFloat()) > maxNumberDigits {
		return fmt.Errorf("%w: a number of more than %d digits", errLimit, maxNumberDigits)
	}
	return nil
}

// numberDigits estimates the length of the decimal form of f, from its
// binary exponent.
func numberDigits(f *big.Float) int {
	if f.IsInf() || f.Sign() == 0 {
		return 1
	}
	exp := f.MantExp(nil)
	if exp < 0 {
		exp = -exp
	}
	// log10(2) = 0.30103; a mantissa of 512 bits is at most 155 digits.
	return exp/3 + 160
}

// The expression nodes below wrap HCL's to bound what their evaluation
// may cost; rewrite puts them in place. A wrapper embeds a
// ParenthesesExpr around the node it bounds, so that walks (Variables,
// VisitAll) still see that node, and only its Value differs.

// sized checks the value of its expression (a constructor, a for
// expression, a splat, a conditional, an operation) against the limits.
type sized struct {
	*hclsyntax.ParenthesesExpr
	lim *limiter
}

func (s *sized) Value(ctx *hcl.EvalContext) (cty.Value, hcl.Diagnostics) {
	if s.lim.halted() {
		return cty.DynamicVal, nil
	}
	v, diags := s.Expression.Value(ctx)
	if s.lim.halted() {
		return cty.DynamicVal, nil
	}
	if err := s.lim.check(v); err != nil {
		s.lim.trip(s.SrcRange, err)
		return cty.DynamicVal, nil
	}
	return v, diags
}

// iter is the collection of a for expression: its iterations are spent
// from the scan's budget before they are made, and once the evaluation has
// stopped the for expression makes nothing.
type iter struct {
	*hclsyntax.ParenthesesExpr
	lim  *limiter
	loop hcl.Range // the for expression
}

func (it *iter) Value(ctx *hcl.EvalContext) (cty.Value, hcl.Diagnostics) {
	if it.lim.halted() {
		return cty.DynamicVal, nil
	}
	v, diags := it.Expression.Value(ctx)
	u, _ := v.Unmark()
	if u.IsKnown() && !u.IsNull() && u.CanIterateElements() {
		if err := it.lim.spend(u.LengthInt() * iterationSteps); err != nil {
			it.lim.trip(it.loop, err)
			return cty.DynamicVal, nil
		}
	}
	return v, diags
}

// unknownCall is a call of a function that is not reproduced: its value is
// unknown, as it would be were it evaluated, without the cost of HCL's
// "did you mean" search over a name of any length.
type unknownCall struct {
	*hclsyntax.ParenthesesExpr
}

func (u *unknownCall) Value(ctx *hcl.EvalContext) (cty.Value, hcl.Diagnostics) {
	for c := ctx; c != nil; c = c.Parent() {
		if c.Functions != nil {
			return cty.DynamicVal, nil
		}
	}
	// Where no function may be called, HCL's own error (it searches no
	// names then).
	return u.Expression.Value(ctx)
}

// rewriter puts the bounding nodes in place in parsed expressions.
type rewriter struct {
	lim *limiter
	// funcs are the names of the functions that can be called; a call of
	// any other is unknown.
	funcs map[string]bool
	// errs are number literals over maxNumberDigits.
	errs []*scanners.FileError
}

func wrapSized(e hclsyntax.Expression, lim *limiter) hclsyntax.Expression {
	return &sized{ParenthesesExpr: &hclsyntax.ParenthesesExpr{Expression: e, SrcRange: e.Range()}, lim: lim}
}

// body rewrites the attribute expressions of a body and its blocks, but
// the type constraints of variables, which are read as types.
func (rw *rewriter) body(b *hclsyntax.Body, inVariable bool) {
	for name, a := range b.Attributes {
		if inVariable && name == "type" {
			continue
		}
		a.Expr = rw.expr(a.Expr)
	}
	for _, nb := range b.Blocks {
		rw.body(nb.Body, nb.Type == "variable")
	}
}

// expr rewrites e, returning what takes its place. Its recursion follows
// the expression tree, whose depth checkSource has bounded.
func (rw *rewriter) expr(e hclsyntax.Expression) hclsyntax.Expression {
	switch x := e.(type) {
	case *hclsyntax.LiteralValueExpr:
		if x.Val.Type() == cty.Number && !x.Val.IsNull() && x.Val.IsKnown() {
			if err := checkNumber(x.Val); err != nil {
				rw.errs = append(rw.errs, &scanners.FileError{Path: x.SrcRange.Filename, Line: x.SrcRange.Start.Line, Err: err})
				x.Val = cty.UnknownVal(cty.Number)
			}
		}
	case *hclsyntax.RelativeTraversalExpr:
		x.Source = rw.expr(x.Source)
	case *hclsyntax.FunctionCallExpr:
		for i := range x.Args {
			x.Args[i] = rw.expr(x.Args[i])
		}
		if !rw.funcs[x.Name] {
			return &unknownCall{&hclsyntax.ParenthesesExpr{Expression: x, SrcRange: x.Range()}}
		}
	case *hclsyntax.ConditionalExpr:
		x.Condition = rw.expr(x.Condition)
		x.TrueResult = rw.expr(x.TrueResult)
		x.FalseResult = rw.expr(x.FalseResult)
		return wrapSized(x, rw.lim)
	case *hclsyntax.IndexExpr:
		x.Collection = rw.expr(x.Collection)
		x.Key = rw.expr(x.Key)
	case *hclsyntax.TupleConsExpr:
		for i := range x.Exprs {
			x.Exprs[i] = rw.expr(x.Exprs[i])
		}
		return wrapSized(x, rw.lim)
	case *hclsyntax.ObjectConsExpr:
		for i := range x.Items {
			x.Items[i].KeyExpr = rw.expr(x.Items[i].KeyExpr)
			x.Items[i].ValueExpr = rw.expr(x.Items[i].ValueExpr)
		}
		return wrapSized(x, rw.lim)
	case *hclsyntax.ObjectConsKeyExpr:
		if _, traversal := x.Wrapped.(*hclsyntax.ScopeTraversalExpr); !traversal {
			x.Wrapped = rw.expr(x.Wrapped)
		}
	case *hclsyntax.ForExpr:
		coll := rw.expr(x.CollExpr)
		x.CollExpr = &iter{ParenthesesExpr: &hclsyntax.ParenthesesExpr{Expression: coll, SrcRange: coll.Range()}, lim: rw.lim, loop: x.SrcRange}
		if x.KeyExpr != nil {
			x.KeyExpr = rw.expr(x.KeyExpr)
		}
		x.ValExpr = rw.expr(x.ValExpr)
		if x.CondExpr != nil {
			x.CondExpr = rw.expr(x.CondExpr)
		}
		return wrapSized(x, rw.lim)
	case *hclsyntax.SplatExpr:
		x.Source = rw.expr(x.Source)
		x.Each = rw.expr(x.Each)
		return wrapSized(x, rw.lim)
	case *hclsyntax.BinaryOpExpr:
		x.LHS = rw.expr(x.LHS)
		x.RHS = rw.expr(x.RHS)
		if x.Op == hclsyntax.OpEqual || x.Op == hclsyntax.OpNotEqual {
			// comparing walks both operands whole
			x.LHS, x.RHS = wrapSized(x.LHS, rw.lim), wrapSized(x.RHS, rw.lim)
		}
		return wrapSized(x, rw.lim)
	case *hclsyntax.UnaryOpExpr:
		x.Val = rw.expr(x.Val)
	case *hclsyntax.TemplateExpr:
		for i := range x.Parts {
			x.Parts[i] = rw.expr(x.Parts[i])
		}
		if !x.IsStringLiteral() {
			return &boundedTemplate{TemplateExpr: x, lim: rw.lim}
		}
	case *hclsyntax.TemplateJoinExpr:
		x.Tuple = rw.expr(x.Tuple)
		return wrapSized(x, rw.lim)
	case *hclsyntax.TemplateWrapExpr:
		x.Wrapped = rw.expr(x.Wrapped)
	case *hclsyntax.ParenthesesExpr:
		x.Expression = rw.expr(x.Expression)
	}
	return e
}
