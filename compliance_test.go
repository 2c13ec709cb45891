package tollgate

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/tollgate/tollgate/internal/testtools"
	"github.com/tollgate/tollgate/report"
)

// complianceRuleIDs pins the rules of the compliance fixture, so that rules
// added later cannot change its counts.
var complianceRuleIDs = []string{"TG-AWS-001", "TG-AWS-002", "TG-AWS-010", "TG-AWS-011", "TG-AWS-020"}

func complianceScan(t *testing.T, o Options) *report.Report {
	t.Helper()
	o.Targets = []string{filepath.Join("testdata", "compliance")}
	o.Select = Selection{Rules: complianceRuleIDs}
	o.FailOn = "none"
	return scan(t, o).Report
}

// controls reduces a framework's view to "ID STATUS passed/failed
// findings+suppressed+baselined failing-rules" per control, for exact
// comparison.
func controls(v report.Compliance) []string {
	var out []string
	for _, c := range v.Controls {
		out = append(out, strings.Join([]string{c.ID, c.Status,
			itoa(c.Passed) + "/" + itoa(c.Failed), itoa(c.Findings) + "+" + itoa(c.Suppressed) + "+" + itoa(c.Baselined),
			strings.Join(c.FailedRules, ",")}, " "))
	}
	return out
}

func itoa(n int) string { return strconv.Itoa(n) }

// The compliance view of a real scan: every control of the frameworks asked
// for that an evaluated rule maps to, including the rules that found
// nothing (TG-AWS-011, TG-AWS-020), with exact counts; a suppressed finding
// (TG-AWS-001) is counted but fails no control.
func TestComplianceView(t *testing.T) {
	rep := complianceScan(t, Options{Compliance: []string{"soc2", " cis-aws-2.0", "soc2", ""}})
	if len(rep.Compliance) != 2 || rep.Compliance[0].Framework != "soc2" || rep.Compliance[1].Framework != "cis-aws-2.0" {
		t.Fatalf("frameworks %+v, want soc2 then cis-aws-2.0, once each", rep.Compliance)
	}
	soc2, cis := rep.Compliance[0], rep.Compliance[1]
	equal(t, controls(soc2), []string{
		"A1.2 PASS 1/0 0+0+0 ",
		"CC6.1 FAIL 2/1 1+1+0 TG-AWS-010",
		"CC6.6 FAIL 0/1 2+0+0 TG-AWS-002",
	})
	if soc2.Passed != 1 || soc2.Failed != 2 {
		t.Errorf("soc2 totals %d passed, %d failed; want 1 and 2", soc2.Passed, soc2.Failed)
	}
	if got := soc2.Controls[1].Rules; !reflect.DeepEqual(got, []string{"TG-AWS-001", "TG-AWS-010", "TG-AWS-011"}) {
		t.Errorf("CC6.1 rules %v", got)
	}
	equal(t, controls(cis), []string{
		"2.2.1 PASS 1/0 0+0+0 ",
		"2.3.1 FAIL 0/1 1+0+0 TG-AWS-010",
		"5.2 FAIL 0/1 2+0+0 TG-AWS-002",
		"5.3 FAIL 0/1 2+0+0 TG-AWS-002",
	})
	if cis.Passed != 1 || cis.Failed != 3 {
		t.Errorf("cis-aws-2.0 totals %d passed, %d failed; want 1 and 3", cis.Passed, cis.Failed)
	}

	// The JSON report of the real scan holds the view, valid against the
	// published schema.
	var buf bytes.Buffer
	if err := report.WriteJSON(&buf, rep); err != nil {
		t.Fatal(err)
	}
	sch, err := testtools.Schema(filepath.Join("report", "schema", "report.schema.json"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := testtools.Validate(sch, buf.Bytes()); err != nil {
		t.Errorf("JSON report with a compliance view: %v", err)
	}
	if !bytes.Contains(buf.Bytes(), []byte(`"framework": "cis-aws-2.0"`)) {
		t.Errorf("JSON report lacks the compliance view")
	}

	if rep := complianceScan(t, Options{}); rep.Compliance != nil {
		t.Errorf("a compliance view nobody asked for: %+v", rep.Compliance)
	}
}

// A control whose only finding is suppressed passes, counting it; the same
// finding unsuppressed fails it; findings in the baseline fail nothing.
func TestComplianceSuppressedAndBaselined(t *testing.T) {
	rep := complianceScan(t, Options{Compliance: []string{"nist-800-53", "soc2"}})
	// Sorted naturally: AC-3 before AC-17, SC-7 before SC-28.
	equal(t, controls(rep.Compliance[0]), []string{
		"AC-3 PASS 1/0 0+1+0 ",
		"AC-17 FAIL 0/1 2+0+0 TG-AWS-002",
		"CP-9 PASS 1/0 0+0+0 ",
		"SC-7 FAIL 0/1 2+0+0 TG-AWS-002",
		"SC-28 FAIL 1/1 1+0+0 TG-AWS-010",
	})

	rep = complianceScan(t, Options{Compliance: []string{"nist-800-53", "soc2"}, NoInlineExceptions: true})
	equal(t, controls(rep.Compliance[0])[:1], []string{"AC-3 FAIL 0/1 1+0+0 TG-AWS-001"})
	equal(t, controls(rep.Compliance[1])[1:2], []string{"CC6.1 FAIL 1/2 2+0+0 TG-AWS-001,TG-AWS-010"})

	baseline := filepath.Join(t.TempDir(), "baseline.json")
	var buf bytes.Buffer
	if err := report.WriteJSON(&buf, rep); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(baseline, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	rep = complianceScan(t, Options{Compliance: []string{"soc2"}, Baseline: baseline})
	equal(t, controls(rep.Compliance[0]), []string{
		"A1.2 PASS 1/0 0+0+0 ",
		"CC6.1 PASS 3/0 0+1+1 ",
		"CC6.6 PASS 1/0 0+0+2 ",
	})
	if rep.Compliance[0].Passed != 3 || rep.Compliance[0].Failed != 0 {
		t.Errorf("soc2 with every finding known: %+v", rep.Compliance[0])
	}
}

// A framework no rule maps to is a usage error naming the close names, as
// is one that no selected rule maps to: never a compliance view without
// controls.
func TestComplianceUnknownFramework(t *testing.T) {
	target := filepath.Join("testdata", "compliance")
	for _, tc := range []struct {
		o    Options
		want string
	}{
		{Options{Compliance: []string{"cis-aws-1.5"}}, "--compliance cis-aws-1.5: no rule maps to it; did you mean cis-aws-2.0? (frameworks: cis-aws-2.0, "},
		{Options{Compliance: []string{"soc2", "SOC-2"}}, "--compliance SOC-2: no rule maps to it; did you mean soc2?"},
		{Options{Compliance: []string{"pci-dss"}}, "did you mean pci-dss-4.0?"},
		{Options{Compliance: []string{"iso-27001"}}, "--compliance iso-27001: no rule maps to it (frameworks: "},
		{Options{Compliance: []string{"cis-aws-2.0"}, Select: Selection{Rules: []string{"TG-AWS-001"}}},
			"--compliance cis-aws-2.0: none of the rules the selection (--rules TG-AWS-001) applies maps to it"},
	} {
		tc.o.Root, tc.o.Targets = "testdata", []string{target}
		_, err := Scan(t.Context(), tc.o)
		var ue *UsageError
		if !errors.As(err, &ue) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: error %v, want a usage error containing %q", tc.o.Compliance, err, tc.want)
		}
	}
}

func TestCloseNames(t *testing.T) {
	known := []string{"cis-aws-2.0", "cis-azure-2.0", "cis-kubernetes-1.8", "nist-800-53", "pci-dss-4.0", "soc2"}
	for name, want := range map[string]string{
		"cis-aws-1.5":        "cis-aws-2.0",
		"CIS-AWS-2.0":        "cis-aws-2.0",
		"cis-kubernetes-1.6": "cis-kubernetes-1.8",
		"nist-800-52":        "nist-800-53",
		"nist":               "nist-800-53",
		"soc":                "soc2",
		"hipaa":              "",
	} {
		if got := strings.Join(closeNames(name, known), " "); got != want {
			t.Errorf("closeNames(%q) = %q, want %q", name, got, want)
		}
	}
}
