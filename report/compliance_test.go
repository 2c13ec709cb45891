package report

import (
	"encoding/json"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/tollgate/tollgate/internal/testtools"
)

// complianceRules are the rules a scan evaluated, for testReport's
// findings: TG-AWS-001 and TG-IMG-001 have gated findings, TG-K8S-002 a
// suppressed one, TG-IMG-002 one in the baseline, TG-AWS-010 and
// TG-AWS-020 none.
func complianceRules() []Rule {
	return []Rule{
		{ID: "TG-AWS-001", Frameworks: map[string][]string{"cis-aws-2.0": {"2.1.4"}, "nist-800-53": {"AC-3", "AC-6"}}},
		{ID: "TG-IMG-001", Frameworks: map[string][]string{"nist-800-53": {"AC-6", "CM-6"}}},
		{ID: "TG-K8S-002", Frameworks: map[string][]string{"nist-800-53": {"AC-6"}, "cis-kubernetes-1.8": {"5.2.5"}}},
		{ID: "TG-IMG-002", Frameworks: map[string][]string{"nist-800-53": {"CM-7"}}},
		// Mapped twice to one control: counted once.
		{ID: "TG-AWS-010", Frameworks: map[string][]string{"cis-aws-2.0": {"2.3.1", "1.10", "2.3.1"}}},
		{ID: "TG-AWS-020", Frameworks: map[string][]string{"cis-aws-2.0": {"1.2"}, "soc2": {"A1.2"}}},
	}
}

// complianceReport is testReport with the compliance view of two
// frameworks.
func complianceReport() *Report {
	r := testReport()
	r.Compliance = NewCompliance([]string{"nist-800-53", "cis-aws-2.0"}, complianceRules(), r.Findings)
	return r
}

func TestNewCompliance(t *testing.T) {
	got := NewCompliance([]string{"nist-800-53", "cis-aws-2.0", "nist-800-53", "cis-gcp-2.0"}, complianceRules(), testReport().Findings)
	want := []Compliance{
		{Framework: "nist-800-53", Passed: 1, Failed: 3, Controls: []ComplianceControl{
			{ID: "AC-3", Status: ControlFail, Rules: []string{"TG-AWS-001"}, FailedRules: []string{"TG-AWS-001"}, Failed: 1, Findings: 1},
			// Two gated findings of two rules, and a suppressed one.
			{ID: "AC-6", Status: ControlFail, Rules: []string{"TG-AWS-001", "TG-IMG-001", "TG-K8S-002"},
				FailedRules: []string{"TG-AWS-001", "TG-IMG-001"}, Passed: 1, Failed: 2, Findings: 2, Suppressed: 1},
			{ID: "CM-6", Status: ControlFail, Rules: []string{"TG-IMG-001"}, FailedRules: []string{"TG-IMG-001"}, Failed: 1, Findings: 1},
			// A finding in the baseline fails nothing.
			{ID: "CM-7", Status: ControlPass, Rules: []string{"TG-IMG-002"}, Passed: 1, Baselined: 1},
		}},
		{Framework: "cis-aws-2.0", Passed: 3, Failed: 1, Controls: []ComplianceControl{
			{ID: "1.2", Status: ControlPass, Rules: []string{"TG-AWS-020"}, Passed: 1},
			{ID: "1.10", Status: ControlPass, Rules: []string{"TG-AWS-010"}, Passed: 1},
			{ID: "2.1.4", Status: ControlFail, Rules: []string{"TG-AWS-001"}, FailedRules: []string{"TG-AWS-001"}, Failed: 1, Findings: 1},
			{ID: "2.3.1", Status: ControlPass, Rules: []string{"TG-AWS-010"}, Passed: 1},
		}},
		// No evaluated rule maps to it: no controls, an array all the same.
		{Framework: "cis-gcp-2.0", Controls: []ComplianceControl{}},
	}
	if !reflect.DeepEqual(got, want) {
		g, _ := json.MarshalIndent(got, "", " ")
		t.Errorf("compliance view:\n%s", g)
	}
	if NewCompliance(nil, complianceRules(), nil) != nil {
		t.Errorf("a view of no framework")
	}
}

func TestNaturalLess(t *testing.T) {
	ids := []string{"1.10", "AC-17", "5.1", "1.2", "AC-6(10)", "10.1", "1.2.10", "AC-6", "CC6.1", "AC-6(1)", "1.2.9", "01.2", "A1.2", "1.2a", "AC-3"}
	sort.Slice(ids, func(i, j int) bool { return naturalLess(ids[i], ids[j]) })
	want := "01.2 1.2 1.2.9 1.2.10 1.2a 1.10 5.1 10.1 A1.2 AC-3 AC-6 AC-6(1) AC-6(10) AC-17 CC6.1"
	if got := strings.Join(ids, " "); got != want {
		t.Errorf("natural order\n got: %s\nwant: %s", got, want)
	}
	for _, p := range [][2]string{{"1.2", "1.2"}, {"", ""}} {
		if naturalLess(p[0], p[1]) {
			t.Errorf("naturalLess(%q, %q) is true", p[0], p[1])
		}
	}
}

// The JSON report carries the view, documented by the schema (the closed
// copy rejects any field it does not list); without one there is no key.
func TestWriteJSONCompliance(t *testing.T) {
	got := render(t, WriteJSON, complianceReport())
	validate(t, compileSchema(t, reportSchemaFile, nil), "report with compliance", got)
	validate(t, compileSchema(t, reportSchemaFile, testtools.CloseObjects), "report with compliance (closed schema)", got)
	var doc struct {
		Compliance []map[string]any `json:"compliance"`
	}
	if err := json.Unmarshal(got, &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Compliance) != 2 || doc.Compliance[0]["framework"] != "nist-800-53" || doc.Compliance[0]["failed"] != 3.0 {
		t.Errorf("compliance in JSON: %v", doc.Compliance)
	}
	// A view built by hand with nil slices still gives arrays.
	r := emptyReport()
	r.Compliance = []Compliance{{Framework: "soc2", Controls: []ComplianceControl{{ID: "CC6.1", Status: ControlPass}}}, {Framework: "x"}}
	got = render(t, WriteJSON, r)
	validate(t, compileSchema(t, reportSchemaFile, testtools.CloseObjects), "hand-built compliance", got)
	if !strings.Contains(string(got), `"rules": []`) || !strings.Contains(string(got), `"controls": []`) {
		t.Errorf("nil slices of the view are not arrays:\n%s", got)
	}
	if strings.Contains(string(render(t, WriteJSON, testReport())), `"compliance"`) {
		t.Errorf("a report without a compliance view has a compliance key")
	}
	// The schema rejects a status other than PASS or FAIL.
	bad := strings.Replace(string(render(t, WriteJSON, complianceReport())), `"status": "PASS"`, `"status": "ok"`, 1)
	if testtools.Validate(compileSchema(t, reportSchemaFile, nil), []byte(bad)) == nil {
		t.Errorf("the schema accepts a control status \"ok\"")
	}
}

func TestWriteMarkdownCompliance(t *testing.T) {
	s := string(render(t, WriteMarkdown, complianceReport()))
	want := `### Compliance

#### nist-800-53

1 of 4 controls passed, 3 failed.

| Control | Status | Rules passed | Rules failed | Findings | Failing rules |
|---|---|---:|---:|---:|---|
| AC-3 | FAIL | 0 | 1 | 1 | TG-AWS-001 |
| AC-6 | FAIL | 1 | 2 | 2 \(1 suppressed\) | TG-AWS-001, TG-IMG-001 |
| CM-6 | FAIL | 0 | 1 | 1 | TG-IMG-001 |
| CM-7 | PASS | 1 | 0 | 0 \(1 in baseline\) |  |

#### cis-aws-2.0

3 of 4 controls passed, 1 failed.

| Control | Status | Rules passed | Rules failed | Findings | Failing rules |
|---|---|---:|---:|---:|---|
| 1.2 | PASS | 1 | 0 | 0 |  |
| 1.10 | PASS | 1 | 0 | 0 |  |
| 2.1.4 | FAIL | 0 | 1 | 1 | TG-AWS-001 |
| 2.3.1 | PASS | 1 | 0 | 0 |  |

### Signing
`
	if !strings.Contains(s, want) {
		t.Errorf("markdown compliance section: want\n%s\ngot\n%s", want, s)
	}
	if strings.Contains(string(render(t, WriteMarkdown, testReport())), "Compliance") {
		t.Errorf("a compliance section without a compliance view")
	}

	// Names from user policies' metadata are text; long lists are capped.
	r := emptyReport()
	failed := []string{"R1", "R2", "R3", "R4", "R5", "R6", "R7"}
	r.Compliance = []Compliance{
		{Framework: "<b>x</b>", Failed: 1, Controls: []ComplianceControl{{ID: "1|2", Status: ControlFail, Rules: failed, FailedRules: failed, Failed: 7, Findings: 7}}},
		{Framework: "none", Controls: []ComplianceControl{}},
	}
	s = string(render(t, WriteMarkdown, r))
	for _, want := range []string{
		`#### \<b\>x\</b\>`,
		`| 1\|2 | FAIL | 0 | 7 | 7 | R1, R2, R3, R4, R5 and 2 more |`,
		"#### none\n\nNo evaluated rule maps to this framework.\n\n### Signing",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("markdown lacks %q:\n%s", want, s)
		}
	}
	for _, line := range strings.Split(s, "\n") {
		if strings.HasPrefix(line, "| 1") && len(cells(line)) != 8 { // 6 cells between 7 pipes
			t.Errorf("a control name broke the table: %q", line)
		}
	}
}

func TestWriteHTMLCompliance(t *testing.T) {
	s := string(render(t, WriteHTML, complianceReport()))
	for _, want := range []string{
		`<section id="compliance">`,
		`<article class="rule" id="compliance-nist-800-53">`,
		`<p class="sub">1 of 4 controls passed, 3 failed.</p>`,
		// Documented rules link to the Rules section; TG-IMG-001 is documented too.
		`<tr class="control-failed"><td class="loc">AC-6</td><td><span class="verdict failed">FAIL</span></td><td class="num">1</td><td class="num">2</td>` +
			`<td class="num">2 (1 suppressed)</td><td><a href="#rule-TG-AWS-001">TG-AWS-001</a>, <a href="#rule-TG-IMG-001">TG-IMG-001</a></td></tr>`,
		`<tr class="control-passed"><td class="loc">CM-7</td><td><span class="verdict passed">PASS</span></td><td class="num">1</td><td class="num">0</td>` +
			`<td class="num">0 (1 in baseline)</td><td></td></tr>`,
		`<p class="sub">3 of 4 controls passed, 1 failed.</p>`,
	} {
		if !strings.Contains(s, want) {
			t.Errorf("html lacks %q", want)
		}
	}
	// Sorted naturally, before the rules.
	if i, j, k := strings.Index(s, `<td class="loc">1.2</td>`), strings.Index(s, `<td class="loc">1.10</td>`), strings.Index(s, `<section id="rules">`); i < 0 || j < i || k < j {
		t.Errorf("controls 1.2 (%d), 1.10 (%d) and the rules section (%d) out of order", i, j, k)
	}
	if strings.Contains(string(render(t, WriteHTML, testReport())), `id="compliance"`) {
		t.Errorf("a compliance section without a compliance view")
	}

	// Names from user policies' metadata stay text; a rule the report does
	// not document is not linked.
	r := emptyReport()
	r.Compliance = []Compliance{{Framework: `"><script>alert(1)</script>`, Failed: 1, Controls: []ComplianceControl{
		{ID: "<img src=x onerror=alert(2)>", Status: ControlFail, Rules: []string{"TG-<i>"}, FailedRules: []string{"TG-<i>"}, Failed: 1, Findings: 1}}}}
	s = string(render(t, WriteHTML, r))
	for _, bad := range []string{"<script>alert", "<img", "<i>", `href="#rule-`} {
		if strings.Contains(s, bad) {
			t.Errorf("html contains %q", bad)
		}
	}
	if !strings.Contains(s, `<td class="loc">&lt;img src=x onerror=alert(2)&gt;</td>`) || strings.Count(s, "<script>") != 1 {
		t.Errorf("hostile compliance names not escaped:\n%s", s[strings.Index(s, `<section id="compliance">`):])
	}
}
