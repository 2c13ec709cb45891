package report

import (
	"fmt"
	"sort"
	"strings"
)

// NewCompliance builds the compliance view of frameworks, in the order
// given (a repeated name once): for each, every control that one of the
// evaluated rules maps to (Rule.Frameworks), with the rules that check it
// and how they fared on findings. A rule fails a control when one of its
// findings counts towards the gate (Finding.Gated); suppressed and
// baselined findings are counted apart and never fail it. A framework no
// evaluated rule maps to has no controls.
//
// rules must be the rules the scan evaluated, not only those that produced
// findings (Report.Rules): a rule that found nothing is what makes a
// control pass.
func NewCompliance(frameworks []string, rules []Rule, findings []Finding) []Compliance {
	type tally struct{ gated, suppressed, baselined int }
	byRule := make(map[string]*tally)
	for _, f := range findings {
		t := byRule[f.RuleID]
		if t == nil {
			t = &tally{}
			byRule[f.RuleID] = t
		}
		switch findingStatus(f) {
		case findingSuppressed:
			t.suppressed++
		case findingBaselined:
			t.baselined++
		default:
			t.gated++
		}
	}
	var out []Compliance
	done := make(map[string]bool)
	for _, fw := range frameworks {
		if done[fw] {
			continue
		}
		done[fw] = true
		controls := make(map[string]*ComplianceControl)
		seen := make(map[string]bool) // control + rule, once
		for _, r := range rules {
			for _, id := range r.Frameworks[fw] {
				if seen[id+"\x00"+r.ID] {
					continue
				}
				seen[id+"\x00"+r.ID] = true
				c := controls[id]
				if c == nil {
					c = &ComplianceControl{ID: id, Rules: []string{}}
					controls[id] = c
				}
				c.Rules = append(c.Rules, r.ID)
				t := byRule[r.ID]
				if t == nil {
					t = &tally{}
				}
				if t.gated > 0 {
					c.Failed++
					c.FailedRules = append(c.FailedRules, r.ID)
				} else {
					c.Passed++
				}
				c.Findings += t.gated
				c.Suppressed += t.suppressed
				c.Baselined += t.baselined
			}
		}
		view := Compliance{Framework: fw, Controls: make([]ComplianceControl, 0, len(controls))}
		for _, c := range controls {
			sort.Strings(c.Rules)
			sort.Strings(c.FailedRules)
			c.Status = ControlPass
			if c.Failed > 0 {
				c.Status = ControlFail
				view.Failed++
			} else {
				view.Passed++
			}
			view.Controls = append(view.Controls, *c)
		}
		sort.Slice(view.Controls, func(i, j int) bool { return naturalLess(view.Controls[i].ID, view.Controls[j].ID) })
		out = append(out, view)
	}
	return out
}

// compliancePrepared is a copy of views whose controls and their rules are
// arrays, never null, as the schema has them.
func compliancePrepared(views []Compliance) []Compliance {
	out := make([]Compliance, len(views))
	for i, v := range views {
		controls := make([]ComplianceControl, len(v.Controls))
		for j, c := range v.Controls {
			if c.Rules == nil {
				c.Rules = []string{}
			}
			controls[j] = c
		}
		v.Controls = controls
		out[i] = v
	}
	return out
}

// complianceLine sums up a framework: "3 of 5 controls passed, 2 failed."
func complianceLine(v Compliance) string {
	if len(v.Controls) == 0 {
		return "No evaluated rule maps to this framework."
	}
	return fmt.Sprintf("%d of %s passed, %d failed.", v.Passed, plural(len(v.Controls), "control"), v.Failed)
}

// controlFindings is the gated findings of a control, with those that do
// not count in parentheses: "2 (1 suppressed, 1 in baseline)".
func controlFindings(c ComplianceControl) string {
	n := fmt.Sprint(c.Findings)
	if parts := notGatedParts(Summary{Suppressed: c.Suppressed, Baselined: c.Baselined}); len(parts) > 0 {
		n += " (" + strings.Join(parts, ", ") + ")"
	}
	return n
}

// failedRulesText lists at most limit rule ids, then how many more there
// are.
func failedRulesText(ids []string, limit int) string {
	if len(ids) <= limit {
		return strings.Join(ids, ", ")
	}
	return strings.Join(ids[:limit], ", ") + fmt.Sprintf(" and %d more", len(ids)-limit)
}

// naturalLess orders control ids as people number them: runs of digits
// compare as numbers, so 1.2 comes before 1.10 and AC-6(1) before AC-6(10)
// and AC-17; other runs compare as text. Ids equal that way (01 and 1)
// fall back to plain text order, so the order is total.
func naturalLess(a, b string) bool {
	x, y := a, b
	for x != "" && y != "" {
		xd, yd := isDigit(x[0]), isDigit(y[0])
		if xd != yd {
			return x < y
		}
		nx, ny := runLength(x, xd), runLength(y, yd)
		cx, cy := x[:nx], y[:ny]
		x, y = x[nx:], y[ny:]
		if xd {
			cx, cy = strings.TrimLeft(cx, "0"), strings.TrimLeft(cy, "0")
			if len(cx) != len(cy) {
				return len(cx) < len(cy)
			}
		}
		if cx != cy {
			return cx < cy
		}
	}
	if x != y {
		return x == "" // a prefix comes first
	}
	return a < b
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// runLength is the length of the run of digits (or of non-digits) that s
// starts with.
func runLength(s string, digits bool) int {
	n := 0
	for n < len(s) && isDigit(s[n]) == digits {
		n++
	}
	return n
}
