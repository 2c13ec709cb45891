package tollgate

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/tollgate/tollgate/policies"
)

// Selection narrows the rules a scan applies: rule ids (a trailing * is a
// prefix: TG-K8S-*), categories (access, encryption, backup, audit,
// custom) and compliance frameworks (nist-800-53, cis-kubernetes-1.8...).
// Within one kind any entry selects a rule; across kinds every kind must.
// An entry that selects nothing is a usage error: a misspelt id or
// category must not silently turn the gate into one that checks nothing.
type Selection struct {
	Rules      []string
	Categories []string
	Frameworks []string
}

func (s Selection) empty() bool {
	return len(s.Rules) == 0 && len(s.Categories) == 0 && len(s.Frameworks) == 0
}

// customCategory is the category of findings from user rules without
// metadata (conftest-style deny messages).
const customCategory = "custom"

// compile checks s against the engine's rules and returns whether a rule id
// is selected, and how many of the rules are.
func (s Selection) compile(rules []policies.Rule) (func(id string) bool, int, error) {
	if s.empty() {
		return func(string) bool { return true }, len(rules), nil
	}
	norm := func(list []string) []string {
		var out []string
		for _, v := range list {
			if v = strings.TrimSpace(v); v != "" {
				out = append(out, v)
			}
		}
		return out
	}
	ids, cats, fws := norm(s.Rules), norm(s.Categories), norm(s.Frameworks)
	knownCats := map[string]bool{customCategory: true}
	knownFws := map[string]bool{}
	for _, r := range rules {
		knownCats[r.Category] = true
		for fw := range r.Frameworks {
			knownFws[fw] = true
		}
	}
	for _, c := range cats {
		if !knownCats[c] {
			return nil, 0, usagef("--category %s: no such category (want one of %s)", c, strings.Join(sortedSet(knownCats), ", "))
		}
	}
	for _, f := range fws {
		if !knownFws[f] {
			return nil, 0, usagef("--framework %s: no rule maps to it (frameworks: %s)", f, strings.Join(sortedSet(knownFws), ", "))
		}
	}
	idMatch := func(pattern, id string) bool {
		if strings.HasSuffix(pattern, "*") {
			return strings.HasPrefix(id, strings.TrimSuffix(pattern, "*"))
		}
		ok, _ := path.Match(pattern, id)
		return ok || pattern == id
	}
	for _, p := range ids {
		n := 0
		for _, r := range rules {
			if idMatch(p, r.ID) {
				n++
			}
		}
		if n == 0 {
			return nil, 0, usagef("--rules %s: no such rule (tollgate policy list shows them)", p)
		}
	}
	byID := make(map[string]policies.Rule, len(rules))
	for _, r := range rules {
		byID[r.ID] = r
	}
	selected := func(id string) bool {
		r, ok := byID[id]
		if !ok {
			r = policies.Rule{ID: id, Category: customCategory}
		}
		if len(ids) > 0 && !anyOf(ids, func(p string) bool { return idMatch(p, id) }) {
			return false
		}
		if len(cats) > 0 && !anyOf(cats, func(c string) bool { return c == r.Category }) {
			return false
		}
		if len(fws) > 0 && !anyOf(fws, func(f string) bool { _, ok := r.Frameworks[f]; return ok }) {
			return false
		}
		return true
	}
	n := 0
	for _, r := range rules {
		if selected(r.ID) {
			n++
		}
	}
	if n == 0 {
		return nil, 0, usagef("the rule selection (%s) selects no rule", s)
	}
	return selected, n, nil
}

func (s Selection) String() string {
	var parts []string
	for _, kv := range []struct {
		flag string
		v    []string
	}{{"--rules", s.Rules}, {"--category", s.Categories}, {"--framework", s.Frameworks}} {
		if len(kv.v) > 0 {
			parts = append(parts, fmt.Sprintf("%s %s", kv.flag, strings.Join(kv.v, ",")))
		}
	}
	return strings.Join(parts, " ")
}

func anyOf(list []string, f func(string) bool) bool {
	for _, v := range list {
		if f(v) {
			return true
		}
	}
	return false
}

func sortedSet(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
