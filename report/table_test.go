package report

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestWriteTableGolden(t *testing.T) {
	golden(t, "golden.txt", render(t, WriteTable, testReport()))
}

// The summary line carries the verdict's numbers: the gate's counts by
// severity, then the suppressed and baselined findings, adding up to the
// total; accepted rows are marked, and only stale exceptions are listed.
func TestWriteTableNotGated(t *testing.T) {
	got := string(render(t, WriteTable, testReport()))
	lines := strings.Split(got, "\n")
	want := "4 findings (critical: 1, high: 1, medium: 0, low: 0; 1 suppressed, 1 in baseline) · 1 error · 1 warning · result: error"
	if last := lines[len(lines)-2]; last != want {
		t.Errorf("summary line:\n%s\nwant:\n%s", last, want)
	}
	for _, want := range []string{
		"\nMEDIUM (suppressed)  TG-K8S-002",
		"  container \"api\" does not set securityContext.allowPrivilegeEscalation to false [exception k8s/deployment.yaml:20: batch job needs setuid binary]\n",
		"\nLOW (baseline)  TG-IMG-002",
		"\nEXCEPTIONS\nSTATUS   RULE        SOURCE             REASON\n" +
			"expired  TG-AWS-001  .tollgate.yaml:9   public log viewer, reviewed by secteam (owner web, expired 2025-01-31, matched 1)\n" +
			"unused   TG-AWS-020  .tollgate.yaml:14  legacy database, retired in Q3\n\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("table lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "\nused ") {
		t.Errorf("a used exception is not stale and is not listed:\n%s", got)
	}
}

// Filtered for display, the table still prints the gate's numbers, and says
// how many findings it shows.
func TestWriteTableFiltered(t *testing.T) {
	r := FilterSeverity(testReport(), []string{SeverityCritical, SeverityLow})
	got := string(render(t, WriteTable, r))
	want := "\n4 findings (critical: 1, high: 1, medium: 0, low: 0; 1 suppressed, 1 in baseline) (showing 2 of 4)" +
		" · 1 error · 1 warning · result: error\n"
	if !strings.HasSuffix(got, want) {
		t.Errorf("summary line of a filtered table:\n%s\nwant it to end with:%s", got, want)
	}
	if strings.Contains(got, "TG-AWS-001  terraform") || strings.Contains(got, "TG-K8S-002") {
		t.Errorf("filtered rows are shown:\n%s", got)
	}
	// Unfiltered, nothing is said about showing.
	if all := string(render(t, WriteTable, FilterSeverity(testReport(), nil))); strings.Contains(all, "showing") {
		t.Errorf("an unfiltered table says it shows part of the findings:\n%s", all)
	}
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
	if !strings.Contains(got, "  a.tf:2\n") {
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

var ansiSequence = regexp.MustCompile("\x1b\\[[0-9;]*m")

func TestWriteTableColor(t *testing.T) {
	var colored, plain bytes.Buffer
	if err := WriteTableColor(&colored, testReport(), true); err != nil {
		t.Fatal(err)
	}
	if err := WriteTableColor(&plain, testReport(), false); err != nil {
		t.Fatal(err)
	}
	got := colored.String()
	for _, want := range []string{
		"\x1b[1;35mCRITICAL\x1b[0m  \x1b[1mTG-IMG-001\x1b[0m",
		"\x1b[31mHIGH\x1b[0m  \x1b[1mTG-AWS-001\x1b[0m",
		// Accepted findings are dimmed, not coloured as an alarm.
		"\x1b[2mMEDIUM (suppressed)\x1b[0m  \x1b[1mTG-K8S-002\x1b[0m",
		"\x1b[2mLOW (baseline)\x1b[0m  \x1b[1mTG-IMG-002\x1b[0m",
		"\x1b[1;31mERRORS\x1b[0m\n",
		"\x1b[1mEXCEPTIONS\x1b[0m\n\x1b[2mSTATUS   RULE        SOURCE             REASON\x1b[0m\n",
		"· result: \x1b[1;31merror\x1b[0m\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("coloured table lacks %q:\n%s", want, got)
		}
	}
	// Colour changes nothing else, alignment included.
	if stripped := ansiSequence.ReplaceAllString(got, ""); stripped != plain.String() {
		t.Errorf("coloured table without its escape sequences differs from the plain one:\n%s",
			firstDiff(plain.String(), stripped))
	}
	if strings.Contains(plain.String(), "\x1b") {
		t.Errorf("color=false wrote escape sequences")
	}
}

func TestWriteTableColorLowInfo(t *testing.T) {
	r := emptyReport()
	r.Findings = []Finding{
		{RuleID: "TG-1", Severity: SeverityLow, Message: "m", Location: Location{Path: "a.tf", StartLine: 1}},
		{RuleID: "TG-2", Severity: SeverityInfo, Message: "m", Location: Location{Path: "a.tf", StartLine: 2}},
		{RuleID: "TG-3", Severity: "odd", Message: "m", Location: Location{Path: "a.tf", StartLine: 3}},
	}
	var buf bytes.Buffer
	if err := WriteTableColor(&buf, r, true); err != nil {
		t.Fatal(err)
	}
	got := buf.String()
	for _, want := range []string{"\n\x1b[34mLOW\x1b[0m  \x1b[1mTG-1", "\n\x1b[36mINFO\x1b[0m  \x1b[1mTG-2", "\nODD  \x1b[1mTG-3", "result: \x1b[32mpassed\x1b[0m"} {
		if !strings.Contains(got, want) {
			t.Errorf("coloured table lacks %q:\n%s", want, got)
		}
	}
}

// WriteTable colours only a terminal: never a buffer, a regular file or a
// character device that is not a terminal.
func TestWriteTableDetectsTerminal(t *testing.T) {
	t.Setenv("NO_COLOR", "")
	t.Setenv("TERM", "xterm-256color")
	var buf bytes.Buffer
	if err := WriteTable(&buf, testReport()); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), "\x1b") {
		t.Errorf("WriteTable to a buffer wrote escape sequences")
	}
	file, err := os.Create(filepath.Join(t.TempDir(), "table.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	if err := WriteTable(file, testReport()); err != nil {
		t.Fatal(err)
	}
	if data, err := os.ReadFile(file.Name()); err != nil || bytes.Contains(data, []byte("\x1b")) {
		t.Errorf("WriteTable to a file wrote escape sequences (err %v)", err)
	}
	null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer null.Close()
	for name, w := range map[string]io.Writer{"buffer": &buf, "file": file, "/dev/null": null, "nil file": (*os.File)(nil)} {
		if terminalColor(w, os.LookupEnv) {
			t.Errorf("terminalColor(%s) = true", name)
		}
	}
}

func TestColorAllowed(t *testing.T) {
	for _, c := range []struct {
		env  map[string]string
		want bool
	}{
		{map[string]string{}, true},
		{map[string]string{"TERM": "xterm-256color"}, true},
		{map[string]string{"NO_COLOR": ""}, true}, // no-color.org: an empty value does not count
		{map[string]string{"NO_COLOR": "1"}, false},
		{map[string]string{"NO_COLOR": "false"}, false}, // any value
		{map[string]string{"TERM": "dumb"}, false},
	} {
		lookup := func(k string) (string, bool) { v, ok := c.env[k]; return v, ok }
		if got := colorAllowed(lookup); got != c.want {
			t.Errorf("colorAllowed(%v) = %v, want %v", c.env, got, c.want)
		}
	}
}

// The source lines a finding carries are printed under it, numbered and
// aligned, with control characters escaped.
func TestWriteTableCode(t *testing.T) {
	r := emptyReport()
	r.Findings = []Finding{{RuleID: "TG-1", Severity: SeverityHigh, Message: "m", Location: Location{Path: "a.tf", StartLine: 9, EndLine: 10},
		Code: []CodeLine{{Number: 9, Text: `resource "x" "y" {`}, {Number: 10, Text: "  acl = \"public-read\"\x1b[2J"}}}}
	got := string(render(t, WriteTable, r))
	want := "  m\n     9 | resource \"x\" \"y\" {\n    10 |   acl = \"public-read\"\\x1b[2J\n"
	if !strings.Contains(got, want) {
		t.Errorf("table lacks the code lines %q:\n%s", want, got)
	}
}
