package tollgate

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

// --rules, --category and --framework narrow the findings and the rules
// counted as evaluated; a selector that matches nothing is a usage error,
// never a scan that silently checks nothing.
func TestRuleSelection(t *testing.T) {
	target := filepath.Join("testdata", "terraform", "fail")
	all := scan(t, Options{Targets: []string{target}, FailOn: "none"}).Report
	count := func(sel Selection) (map[string]bool, int) {
		t.Helper()
		rep := scan(t, Options{Targets: []string{target}, FailOn: "none", Select: sel}).Report
		ids := map[string]bool{}
		for _, f := range rep.Findings {
			ids[f.RuleID+" "+f.Category] = true
		}
		return ids, rep.Summary.RulesEvaluated
	}
	if len(all.Findings) == 0 {
		t.Fatal("the failing sample has no findings: the test checks nothing")
	}
	got, n := count(Selection{Categories: []string{"encryption"}})
	if len(got) == 0 || n >= all.Summary.RulesEvaluated {
		t.Errorf("encryption: findings %v, %d of %d rules", got, n, all.Summary.RulesEvaluated)
	}
	for k := range got {
		if !strings.HasSuffix(k, " encryption") {
			t.Errorf("--category encryption let %s through", k)
		}
	}
	got, n = count(Selection{Rules: []string{"TG-AWS-001"}})
	if len(got) != 1 || !got["TG-AWS-001 access"] || n != 1 {
		t.Errorf("--rules TG-AWS-001: findings %v, %d rules", got, n)
	}
	got, _ = count(Selection{Rules: []string{"TG-AWS-0*"}, Categories: []string{"audit"}})
	for k := range got {
		if !strings.HasPrefix(k, "TG-AWS-0") || !strings.HasSuffix(k, " audit") {
			t.Errorf("--rules TG-AWS-0* --category audit let %s through", k)
		}
	}
	for _, bad := range []Selection{
		{Rules: []string{"TG-AWS-9999"}},
		{Categories: []string{"encrypton"}},
		{Frameworks: []string{"nist-800-5"}},
		{Rules: []string{"TG-K8S-001"}, Categories: []string{"backup"}},
	} {
		_, err := Scan(t.Context(), Options{Targets: []string{target}, Select: bad})
		var ue *UsageError
		if !errors.As(err, &ue) {
			t.Errorf("%s: error %v, want a usage error", bad, err)
		}
	}
}
