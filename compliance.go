package tollgate

import (
	"strings"

	"github.com/tollgate/tollgate/internal/names"
	"github.com/tollgate/tollgate/policies"
	"github.com/tollgate/tollgate/report"
)

// complianceRules checks the frameworks asked for (Options.Compliance)
// against the engine's rules and returns them (trimmed, each once, in the
// order given) with the rules the scan evaluates, which the compliance view
// is built from. A framework no rule maps to is a usage error naming the
// close ones, as is one that only unselected rules map to: a compliance
// view without controls would read as a clean bill.
func complianceRules(names []string, rules []policies.Rule, selected func(id string) bool, sel Selection) ([]string, []report.Rule, error) {
	var frameworks []string
	seen := map[string]bool{}
	for _, n := range names {
		if n = strings.TrimSpace(n); n != "" && !seen[n] {
			seen[n] = true
			frameworks = append(frameworks, n)
		}
	}
	if len(frameworks) == 0 {
		return nil, nil, nil
	}
	known := map[string]bool{}
	for _, r := range rules {
		for fw := range r.Frameworks {
			known[fw] = true
		}
	}
	var evaluated []report.Rule
	applied := map[string]bool{}
	for _, r := range rules {
		if !selected(r.ID) {
			continue
		}
		evaluated = append(evaluated, report.Rule{ID: r.ID, Frameworks: r.Frameworks})
		for fw := range r.Frameworks {
			applied[fw] = true
		}
	}
	for _, fw := range frameworks {
		if !known[fw] {
			hint := ""
			if near := closeNames(fw, sortedSet(known)); len(near) > 0 {
				hint = "; did you mean " + strings.Join(near, " or ") + "?"
			}
			return nil, nil, usagef("--compliance %s: no rule maps to it%s (frameworks: %s)", fw, hint, strings.Join(sortedSet(known), ", "))
		}
		if !applied[fw] {
			return nil, nil, usagef("--compliance %s: none of the rules the selection (%s) applies maps to it", fw, sel)
		}
	}
	return frameworks, evaluated, nil
}

// closeNames are the names among known that name looks like a misspelling
// or a shortening of: case aside, at most two edits away, a prefix
// (pci-dss for pci-dss-4.0), or another version of the same framework
// (cis-aws-1.5 for cis-aws-2.0).
func closeNames(name string, known []string) []string {
	name = strings.ToLower(name)
	var out []string
	for _, k := range known {
		lk := strings.ToLower(k)
		if names.Distance(name, lk) <= 2 || strings.HasPrefix(lk, name) ||
			frameworkFamily(name) != "" && frameworkFamily(name) == frameworkFamily(lk) {
			out = append(out, k)
		}
	}
	return out
}

// frameworkFamily is a framework name without its trailing version
// (cis-aws for cis-aws-2.0); "" when it has none.
func frameworkFamily(name string) string {
	i := strings.LastIndexByte(name, '-')
	if i <= 0 || strings.Trim(name[i+1:], "0123456789.") != "" || i == len(name)-1 {
		return ""
	}
	return name[:i]
}
