package policies

import (
	"bytes"
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/tester"
	"github.com/open-policy-agent/opa/v1/topdown"
)

// maxShown bounds what an explanation quotes: results listed, characters
// of a value.
const (
	maxResults = 5
	maxValue   = 160
)

// explainFailures runs the failed tests of results again, with OPA's
// tracer, and fills in their Explanation (the expression that failed, its
// variables, and what deny gave for the test's input) and Trace.
// Passing tests are not traced: tracing is slow and its output large.
func explainFailures(ctx context.Context, mods map[string]*ast.Module, results []TestResult) error {
	var names []string
	byName := map[string]*TestResult{}
	for i := range results {
		r := &results[i]
		if r.Passed || r.Error != nil {
			continue
		}
		full := r.Package + "." + r.Name
		names = append(names, regexp.QuoteMeta(full))
		byName[full] = r
	}
	if len(names) == 0 {
		return nil
	}
	ch, err := tester.NewRunner().SetModules(mods).RaiseBuiltinErrors(true).EnableTracing(true).
		Filter("^("+strings.Join(names, "|")+")$").SetTimeout(30*time.Second).RunTests(ctx, nil)
	if err != nil {
		return err
	}
	for tr := range ch {
		r := byName[tr.Package+"."+tr.Name]
		if r == nil || tr.Pass() {
			continue
		}
		r.Explanation = explain(tr.Trace)
		var b bytes.Buffer
		topdown.PrettyTraceWithLocation(&b, tr.Trace)
		r.Trace = b.String()
	}
	return nil
}

// denyEval is one evaluation of a package's deny rules within a test.
type denyEval struct {
	ref     string
	matched string                       // the index's "(matched N rules)"
	input   *ast.Term                    // the input it was evaluated with
	results []string                     // what the rules added, rendered
	entered []*ast.Rule                  // rules whose body was tried
	bodies  map[uint64]*ast.Rule         // body query id -> rule
	stopped map[*ast.Rule]*topdown.Event // the furthest expression each failed at
}

// explain turns the trace of a failed test into a few lines: where it
// failed, the values there, and what deny gave for the input. It reads the
// trace as `opa test --var-values` does: the failing expression is the
// last Fail event of a query.
func explain(trace []*topdown.Event) []string {
	failAt := -1
	for i := len(trace) - 1; i >= 0; i-- {
		e := trace[i]
		if e.Op != topdown.FailOp || e.Location == nil || e.QueryID == 0 {
			continue
		}
		if x, ok := e.Node.(*ast.Expr); ok {
			if _, every := x.Terms.(*ast.Every); every {
				continue
			}
		}
		failAt = i
		break
	}
	if failAt < 0 {
		return nil
	}
	fail := trace[failAt]
	out := []string{fmt.Sprintf("failed at %s:%d: %s", fail.Location.File, fail.Location.Row, clip(firstLine(string(fail.Location.Text))))}
	for _, v := range exprValues(fail) {
		out = append(out, "  "+v)
	}

	// The last evaluation of each package's deny before the failure.
	last := map[string]*denyEval{}
	var order []string
	var current []*denyEval
	for _, e := range trace[:failAt] {
		switch e.Op {
		case topdown.IndexOp:
			if e.Ref == nil || len(*e.Ref) == 0 || !(*e.Ref)[len(*e.Ref)-1].Equal(ast.StringTerm("deny")) {
				continue
			}
			ref := e.Ref.String()
			d := &denyEval{ref: ref, input: e.Input(), bodies: map[uint64]*ast.Rule{}, stopped: map[*ast.Rule]*topdown.Event{}}
			if _, seen := last[ref]; !seen {
				order = append(order, ref)
			}
			last[ref] = d
			current = append(current, d)
		case topdown.EnterOp:
			if r, ok := e.Node.(*ast.Rule); ok {
				if d := evalOf(current, r); d != nil {
					d.entered = append(d.entered, r)
					d.bodies[e.QueryID] = r
				}
			}
		case topdown.ExitOp:
			if r, ok := e.Node.(*ast.Rule); ok {
				if d := evalOf(current, r); d != nil && r.Head.Key != nil {
					d.results = append(d.results, renderResult(plug(r.Head.Key, e.Locals)))
				}
			}
		case topdown.FailOp:
			x, ok := e.Node.(*ast.Expr)
			if !ok {
				continue
			}
			for _, d := range current {
				if r := d.bodies[e.QueryID]; r != nil {
					if prev := d.stopped[r]; prev == nil || prev.Node.(*ast.Expr).Index <= x.Index {
						d.stopped[r] = e
					}
				}
			}
		}
	}
	for _, ref := range order {
		d := last[ref]
		name := strings.TrimPrefix(ref, "data.")
		switch n := len(d.results); {
		case n > 0:
			out = append(out, fmt.Sprintf("%s gave %s for that input:", name, plural(n, "result")))
			for i, r := range d.results {
				if i == maxResults {
					out = append(out, fmt.Sprintf("  ... and %d more", n-maxResults))
					break
				}
				out = append(out, "  "+r)
			}
		case len(d.entered) == 0:
			out = append(out, fmt.Sprintf("%s gave nothing for that input: none of its rules applies to it (OPA's index matched none%s)", name, inputType(d.input)))
		default:
			out = append(out, fmt.Sprintf("%s gave nothing for that input:", name))
			for _, r := range d.entered {
				if s := d.stopped[r]; s != nil {
					out = append(out, fmt.Sprintf("  the rule at %s:%d stopped at line %d: %s", r.Location.File, r.Location.Row, s.Location.Row, firstLine(string(s.Location.Text))))
				}
			}
		}
	}
	return out
}

// evalOf is the deny evaluation rule r belongs to, if any.
func evalOf(current []*denyEval, r *ast.Rule) *denyEval {
	if r.Module == nil || ruleName(r) != "deny" {
		return nil
	}
	ref := r.Module.Package.Path.String() + ".deny"
	for i := len(current) - 1; i >= 0; i-- {
		if current[i].ref == ref {
			return current[i]
		}
	}
	return nil
}

// exprValues lists the values of the variables, and of the references
// into them, an expression was evaluated with, under the names the test
// gave them (the compiler's generated ones are left out).
func exprValues(e *topdown.Event) []string {
	x, ok := e.Node.(*ast.Expr)
	if !ok || e.Locals == nil {
		return nil
	}
	var out []string
	seen := map[string]bool{}
	add := func(label string, v ast.Value) {
		if v == nil || seen[label] {
			return
		}
		seen[label] = true
		out = append(out, label+" = "+clip(v.String()))
	}
	ast.WalkTerms(x, func(t *ast.Term) bool {
		switch v := t.Value.(type) {
		case ast.Ref:
			head, ok := v[0].Value.(ast.Var)
			meta, known := e.LocalMetadata[head]
			if !ok || !known || meta.Name.IsGenerated() || !v[1:].IsGround() {
				return false
			}
			if base := e.Locals.Get(head); base != nil {
				if val, err := base.Find(v[1:]); err == nil {
					add(ast.Ref{ast.VarTerm(string(meta.Name))}.Concat(v[1:]).String(), val)
				}
			}
			return true
		case ast.Var:
			if meta, ok := e.LocalMetadata[v]; ok && !meta.Name.IsGenerated() {
				add(string(meta.Name), e.Locals.Get(v))
			}
		case *ast.ArrayComprehension, *ast.SetComprehension, *ast.ObjectComprehension:
			return true
		}
		return false
	})
	return out
}

// plug replaces the variables of t by their values in locals.
func plug(t *ast.Term, locals *ast.ValueMap) *ast.Term {
	if locals == nil {
		return t
	}
	out, err := ast.TransformVars(t.Copy().Value, func(v ast.Var) (ast.Value, error) {
		if x := locals.Get(v); x != nil {
			return x, nil
		}
		return v, nil
	})
	if v, ok := out.(ast.Value); ok && err == nil {
		return ast.NewTerm(v)
	}
	return t
}

// renderResult shows one deny result: a finding as "ID at FILE:LINES:
// message", anything else as Rego.
func renderResult(t *ast.Term) string {
	obj, ok := t.Value.(ast.Object)
	if !ok {
		return clip(t.String())
	}
	get := func(o ast.Object, k string) string {
		if v := o.Get(ast.StringTerm(k)); v != nil {
			if s, ok := v.Value.(ast.String); ok {
				return string(s)
			}
			return v.String()
		}
		return ""
	}
	msg := get(obj, "message")
	if msg == "" {
		msg = get(obj, "msg")
	}
	if msg == "" {
		return clip(t.String())
	}
	id := get(obj, "rule_id")
	if id == "" {
		id = "(no rule_id)"
	}
	at := ""
	if l := obj.Get(ast.StringTerm("location")); l != nil {
		if lo, ok := l.Value.(ast.Object); ok {
			at = " at " + get(lo, "path")
			if s, e := get(lo, "start_line"), get(lo, "end_line"); s != "" {
				at += ":" + s
				if e != "" && e != s {
					at += "-" + e
				}
			}
			if img := get(lo, "image"); img != "" && get(lo, "path") == "" {
				at = " at " + img
			}
		}
	}
	return clip(fmt.Sprintf("%s%s: %s", id, at, msg))
}

// inputType says which input.type a document had, when it has one.
func inputType(input *ast.Term) string {
	if input == nil {
		return ""
	}
	if obj, ok := input.Value.(ast.Object); ok {
		if t := obj.Get(ast.StringTerm("type")); t != nil {
			return fmt.Sprintf(" for input.type %v", t)
		}
	}
	return "; the input has no type"
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return strings.TrimSpace(s[:i]) + " ..."
	}
	return s
}

func clip(s string) string {
	if r := []rune(s); len(r) > maxValue {
		return string(r[:maxValue]) + "..."
	}
	return s
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// lintTests returns, by test (package.name), the expressions of the tests
// in mods that hold whatever deny gives: `p.deny with input as x` is true
// even when deny is empty, as every set is, so such a test cannot fail.
func lintTests(mods map[string]*ast.Module) map[string][]string {
	out := map[string][]string{}
	for _, m := range mods {
		for _, r := range m.Rules {
			name := ruleName(r)
			if !strings.HasPrefix(name, "test_") {
				continue
			}
			for _, x := range r.Body {
				t, ok := x.Terms.(*ast.Term)
				if !ok || x.Negated {
					continue
				}
				ref, ok := t.Value.(ast.Ref)
				if !ok || len(ref) < 2 || !ref[len(ref)-1].Equal(ast.StringTerm("deny")) {
					continue
				}
				key := m.Package.Path.String() + "." + name
				out[key] = append(out[key], fmt.Sprintf("warning: %s:%d: %s holds even when deny gives nothing (a set is true, even empty), so this test cannot fail; "+
					"write count(%s) > 0, or some f in %s and check f", x.Location.File, x.Location.Row, clip(firstLine(string(x.Location.Text))), ref, ref))
			}
		}
	}
	return out
}
