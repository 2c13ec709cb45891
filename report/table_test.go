package report

import (
	"strings"
	"testing"
)

func TestWriteTableGolden(t *testing.T) {
	golden(t, "golden.txt", render(t, WriteTable, testReport()))
}

func TestWriteTableEmpty(t *testing.T) {
	got := string(render(t, WriteTable, emptyReport()))
	want := "No findings.\n\n0 findings (critical: 0, high: 0, medium: 0, low: 0) · 0 errors · result: passed\n"
	if got != want {
		t.Errorf("empty report:\n%s\nwant:\n%s", got, want)
	}
}

func TestWriteTableErrorsOnly(t *testing.T) {
	r := emptyReport()
	r.Summary.Result = ResultError
	r.Errors = []Error{{Path: "main.tf", Message: "permission denied"}, {Message: "policy bundle: no rules"}}
	got := string(render(t, WriteTable, r))
	want := "No findings.\n\nERRORS\npolicy bundle: no rules\nmain.tf: permission denied\n\n" +
		"0 findings (critical: 0, high: 0, medium: 0, low: 0) · 2 errors · result: error\n"
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

func TestWriteTableInfoCount(t *testing.T) {
	r := emptyReport()
	r.Findings = []Finding{{RuleID: "TG-1", Severity: SeverityInfo, Message: "m", Location: Location{Path: "a.tf", StartLine: 2}}}
	got := string(render(t, WriteTable, r))
	if !strings.Contains(got, "1 finding (critical: 0, high: 0, medium: 0, low: 0, info: 1) · 0 errors") {
		t.Errorf("summary line should count info findings when there are some:\n%s", got)
	}
	if !strings.Contains(got, "a.tf:2 ") {
		t.Errorf("single-line location should read path:line:\n%s", got)
	}
}

// Text from scanned files must not reach the terminal as control sequences
// or break the table's rows.
func TestWriteTableEscapesControlCharacters(t *testing.T) {
	r := emptyReport()
	r.Findings = []Finding{{
		RuleID: "TG-1", Severity: SeverityLow,
		Message:  "evil\x1b[2J\x07 name\nsecond line\u202etxt.exe",
		Location: Location{Path: "a\x1b]0;pwned\x07.tf", StartLine: 1},
	}}
	got := string(render(t, WriteTable, r))
	for _, bad := range []string{"\x1b", "\x07", "\u202e", "line\nsecond"} {
		if strings.Contains(got, bad) {
			t.Errorf("output contains %q:\n%s", bad, got)
		}
	}
	for _, want := range []string{`evil\x1b[2J\x07 name second line\u202etxt.exe`, `a\x1b]0;pwned\x07.tf:1`} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}
}
