package report

import (
	"fmt"
	"strings"
	"testing"
)

func TestWriteMarkdownGolden(t *testing.T) {
	got := string(render(t, WriteMarkdown, testReport()))
	golden(t, "golden.md", []byte(got))
	if !strings.HasPrefix(got, "## tollgate: ERROR\n") {
		t.Errorf("want the verdict in the heading, got:\n%.60s", got)
	}
	for _, want := range []string{
		"4 findings · 1 error · fail on high",
		// The gate's counts: the suppressed medium and the baselined low
		// are counted apart.
		"| critical | 1 | fails |\n| high | 1 | fails |\n| medium | 0 |  |\n| low | 0 |  |\n| info | 0 |  |\n\n" +
			"1 suppressed, 1 in baseline (not gated).\n\n",
		"| high |  | TG-AWS-001 S3 bucket is publicly readable | `terraform/main.tf#L19` | " +
			`bucket ACL "public-read" lets anyone list \& read objects \(\<anonymous\>\) |`,
		`| medium | suppressed: batch job needs setuid binary \(k8s/deployment.yaml:20\) | ` +
			"TG-K8S-002 Container allows privilege escalation | `k8s/deployment.yaml#L21-L23` |",
		"| low | in baseline | TG-IMG-002 Image exposes SSH | `ghcr.io/acme/api:1.4.2@" + testDigest + "` |",
		"- `k8s/broken.yaml:7`: yaml: line 7: mapping values are not allowed in this context\n",
		"### Exceptions\n\n| Status | Rule | Matched | Source | Reason | Owner | Expires |\n|---|---|---:|---|---|---|---|\n" +
			"| used | TG-K8S-002 | 1 | `k8s/deployment.yaml:20` | batch job needs setuid binary | platform | 2027-03-31 |\n" +
			"| expired | TG-AWS-001 | 1 | `.tollgate.yaml:9` | public log viewer, reviewed by secteam | web | 2025-01-31 |\n" +
			"| unused | TG-AWS-020 | 0 | `.tollgate.yaml:14` | legacy database, retired in Q3 |  |  |\n\n",
		"### Signing\n\nNot signed: the scan did not pass.\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("markdown lacks %q:\n%s", want, got)
		}
	}
	// Most severe first.
	crit, high, med := strings.Index(got, "| critical |  | TG-IMG-001"), strings.Index(got, "| high |  | TG-AWS-001"),
		strings.Index(got, "| medium | suppressed")
	if crit < 0 || !(crit < high && high < med) {
		t.Errorf("findings not ordered by severity (critical %d, high %d, medium %d)", crit, high, med)
	}
}

func TestWriteMarkdownEmpty(t *testing.T) {
	got := string(render(t, WriteMarkdown, emptyReport()))
	for _, want := range []string{"## tollgate: PASSED\n", "\nNo findings.\n", "Signing was not requested.\n"} {
		if !strings.Contains(got, want) {
			t.Errorf("empty report lacks %q:\n%s", want, got)
		}
	}
	for _, bad := range []string{"### Findings", "### Errors", "### Exceptions", "not gated"} {
		if strings.Contains(got, bad) {
			t.Errorf("empty report has %q:\n%s", bad, got)
		}
	}
}

// cells splits a Markdown table row on its unescaped pipes.
func cells(row string) []string {
	var out []string
	var cur strings.Builder
	for i := 0; i < len(row); i++ {
		switch {
		case row[i] == '\\' && i+1 < len(row):
			cur.WriteByte(row[i])
			cur.WriteByte(row[i+1])
			i++
		case row[i] == '|':
			out = append(out, cur.String())
			cur.Reset()
		default:
			cur.WriteByte(row[i])
		}
	}
	return append(out, cur.String())
}

// A message is data: it cannot add cells, rows, HTML or emphasis.
func TestWriteMarkdownEscapes(t *testing.T) {
	r := emptyReport()
	r.Findings = []Finding{{
		RuleID: "TG-1", Title: "a | b", Severity: SeverityLow,
		Message:  "x | y\nnew row <script>alert(1)</script> *bold* [link](javascript:x) &amp; `tick`",
		Location: Location{Path: "dir|`odd`.tf", StartLine: 2, EndLine: 2},
	}}
	r.Errors = []Error{{Message: "1. not a list"}, {Message: "- nor this"}}
	got := string(render(t, WriteMarkdown, r))
	var row string
	for _, line := range strings.Split(got, "\n") {
		if strings.HasPrefix(line, "| low |") {
			row = line
		}
	}
	if row == "" {
		t.Fatalf("no finding row:\n%s", got)
	}
	if c := cells(row); len(c) != 7 {
		t.Errorf("row has %d cells, want 5 between the outer pipes: %q", len(c)-2, row)
	}
	for _, want := range []string{
		`TG-1 a \| b`,
		"``dir\\|`odd`.tf#L2``",
		`x \| y new row \<script\>alert\(1\)\</script\> \*bold\* \[link\]\(javascript:x\) \&amp; \` + "`tick\\`",
		"- 1\\. not a list\n",
		"- \\- nor this\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}
}

func TestWriteMarkdownCapsFindings(t *testing.T) {
	r := emptyReport()
	for i := 0; i < MarkdownMaxFindings+5; i++ {
		sev := SeverityLow
		if i == MarkdownMaxFindings+4 {
			sev = SeverityCritical // last by location, first by severity
		}
		r.Findings = append(r.Findings, Finding{RuleID: "TG-1", Severity: sev, Message: "m",
			Location: Location{Path: fmt.Sprintf("f%03d.tf", i), StartLine: 1}})
	}
	got := string(render(t, WriteMarkdown, r))
	if n := strings.Count(got, "\n| low |  | TG-1 ") + strings.Count(got, "\n| critical |  | TG-1 "); n != MarkdownMaxFindings {
		t.Errorf("%d finding rows, want %d", n, MarkdownMaxFindings)
	}
	if !strings.Contains(got, "\n… and 5 more (see the full report).\n") {
		t.Errorf("want the rows left out counted:\n%s", got[len(got)-300:])
	}
	if !strings.Contains(got, "|---|---|---|---|---|\n| critical |  | TG-1 | `f204.tf#L1` |") {
		t.Errorf("the critical finding should open the table")
	}
}

func TestWriteMarkdownSigned(t *testing.T) {
	r := emptyReport()
	r.Signing = &Signature{Signed: []SignedImage{{Reference: "localhost:5000/app:1.0", Digest: testDigest}}}
	got := string(render(t, WriteMarkdown, r))
	if !strings.Contains(got, "Signed: localhost:5000/app:1.0@"+testDigest+".\n") {
		t.Errorf("want the signed image and digest:\n%s", got)
	}
}

// A report filtered for display keeps the gate's counts, says how many
// findings it shows, and a suppression's reason cannot inject markup.
func TestWriteMarkdownFiltered(t *testing.T) {
	r := testReport()
	r.Findings[1].Suppression.Reason = "see | <b>this</b>"
	got := string(render(t, WriteMarkdown, FilterSeverity(r, []string{SeverityMedium})))
	for _, want := range []string{
		`4 findings \(1 shown\) · 1 error`,
		"| critical | 1 | fails |\n| high | 1 | fails |\n| medium | 0 |  |\n",
		"1 suppressed, 1 in baseline (not gated).\n",
		`| medium | suppressed: see \| \<b\>this\</b\> \(k8s/deployment.yaml:20\) | TG-K8S-002 `,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("filtered markdown lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "TG-AWS-001 S3") {
		t.Errorf("the high finding was filtered out of the display:\n%s", got)
	}
}
