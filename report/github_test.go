package report

import (
	"fmt"
	"strings"
	"testing"
)

func TestWriteGitHubGolden(t *testing.T) {
	got := string(render(t, WriteGitHub, testReport()))
	golden(t, "golden.github.txt", []byte(got))
	want := "::error file=k8s/broken.yaml,line=7,title=tollgate error::yaml: line 7: mapping values are not allowed in this context\n" +
		"::warning file=infra/vars.tf,line=2,title=tollgate warning::quoted type constraint \"string\" of variable \"name\" is Terraform 0.11 syntax (removed in Terraform 0.15): read as string\n" +
		"::error title=TG-IMG-001 Image runs as root::ghcr.io/acme/api:1.4.2@" + testDigest +
		": image config sets no USER, so the entrypoint runs as root\n" +
		"::error file=terraform/main.tf,line=19,endLine=19,title=TG-AWS-001 S3 bucket is publicly readable::" +
		"bucket ACL \"public-read\" lets anyone list & read objects (<anonymous>)\n"
	// TG-K8S-002 (suppressed) and TG-IMG-002 (in the baseline) are accepted:
	// no annotation.
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

// Suppressed and baselined findings are accepted: the Action must not
// annotate the pull request with them, whatever their severity.
func TestWriteGitHubSkipsNotGated(t *testing.T) {
	r := emptyReport()
	r.Findings = []Finding{
		{RuleID: "TG-1", Severity: SeverityCritical, Message: "suppressed", Location: Location{Path: "a.tf", StartLine: 1},
			Suppression: &Suppression{Kind: "inline", Reason: "reviewed", Source: "a.tf:1"}},
		{RuleID: "TG-2", Severity: SeverityHigh, Message: "known", Location: Location{Path: "a.tf", StartLine: 2},
			InBaseline: true},
		{RuleID: "TG-3", Severity: SeverityMedium, Message: "new", Location: Location{Path: "a.tf", StartLine: 3}},
	}
	got := string(render(t, WriteGitHub, r))
	want := "::warning file=a.tf,line=3,endLine=3,title=TG-3::new\n"
	if got != want {
		t.Errorf("got:\n%s\nwant only the gated finding:\n%s", got, want)
	}
}

func TestWriteGitHubEmpty(t *testing.T) {
	if got := render(t, WriteGitHub, emptyReport()); len(got) != 0 {
		t.Errorf("a clean report has no annotation, got %q", got)
	}
}

func TestGitHubLevels(t *testing.T) {
	for sev, want := range map[string]string{
		SeverityCritical: "error", SeverityHigh: "error", "HIGH": "error", SeverityMedium: "warning",
		SeverityLow: "notice", SeverityInfo: "notice", "unknown": "warning",
	} {
		if got := githubLevel(sev); got != want {
			t.Errorf("githubLevel(%q) = %q, want %q", sev, got, want)
		}
	}
}

// ghCommand is one workflow command as the Actions runner parses it.
type ghCommand struct {
	name    string
	props   map[string]string
	message string
}

// parseGitHubCommand parses a line as the runner does: "::name", optional
// space and comma-separated key=value properties, "::", the message; then
// unescapes the values.
func parseGitHubCommand(t *testing.T, line string) ghCommand {
	t.Helper()
	rest, ok := strings.CutPrefix(line, "::")
	if !ok {
		t.Fatalf("not a workflow command: %q", line)
	}
	head, data, ok := strings.Cut(rest, "::")
	if !ok {
		t.Fatalf("no message separator: %q", line)
	}
	name, props, _ := strings.Cut(head, " ")
	cmd := ghCommand{name: name, props: map[string]string{}, message: ghUnescape(data, false)}
	if props != "" {
		for _, p := range strings.Split(props, ",") {
			k, v, ok := strings.Cut(p, "=")
			if !ok {
				t.Fatalf("property %q has no value in %q", p, line)
			}
			cmd.props[k] = ghUnescape(v, true)
		}
	}
	return cmd
}

func ghUnescape(s string, property bool) string {
	pairs := []string{"%0D", "\r", "%0A", "\n"}
	if property {
		pairs = append(pairs, "%3A", ":", "%2C", ",")
	}
	pairs = append(pairs, "%25", "%")
	return strings.NewReplacer(pairs...).Replace(s)
}

// A hostile message or path cannot end its command or start another, and
// what the runner reads back is what was written.
func TestWriteGitHubEscapes(t *testing.T) {
	r := emptyReport()
	msg := "100% sure\r\n::set-output name=x::y, really: yes %0A"
	path := "dir,name:odd%.tf"
	r.Findings = []Finding{
		{RuleID: "TG-1", Title: "a: b, c", Severity: SeverityMedium, Message: msg,
			Location: Location{Path: path, StartLine: 4, EndLine: 6}},
		{RuleID: "TG-2", Title: "img", Severity: SeverityInfo, Message: "m",
			Location: Location{Image: "localhost:5000/app:1.0", Digest: testDigest}},
	}
	r.Targets = []Target{{Path: "localhost:5000/app:1.0", Format: "image", Status: StatusFailed}}
	r.Errors = []Error{{Path: "localhost:5000/app:1.0", Message: "manifest unknown"}, {Message: "no rules"}}
	got := string(render(t, WriteGitHub, r))
	lines := strings.Split(strings.TrimSuffix(got, "\n"), "\n")
	if len(lines) != 4 {
		t.Fatalf("want one line per error and finding, got %d:\n%s", len(lines), got)
	}
	cmds := make([]ghCommand, len(lines))
	for i, l := range lines {
		cmds[i] = parseGitHubCommand(t, l)
	}

	if c := cmds[0]; c.name != "error" || len(c.props) != 1 || c.props["title"] != "tollgate error" || c.message != "no rules" {
		t.Errorf("error without a path: %+v", c)
	}
	if c := cmds[1]; c.name != "error" || c.props["file"] != "" || c.message != "localhost:5000/app:1.0: manifest unknown" {
		t.Errorf("image error: %+v, want no file and the reference in the message", c)
	}
	c := cmds[2]
	if c.name != "warning" || c.props["file"] != path || c.props["line"] != "4" || c.props["endLine"] != "6" ||
		c.props["title"] != "TG-1 a: b, c" || c.message != msg {
		t.Errorf("finding round trip: %+v", c)
	}
	if c := cmds[3]; c.name != "notice" || c.props["file"] != "" || c.props["line"] != "" ||
		c.message != "localhost:5000/app:1.0@"+testDigest+": m" {
		t.Errorf("image finding: %+v, want no file or line", c)
	}
	if !strings.Contains(got, "::100%25 sure%0D%0A::set-output name=x::y, really: yes %250A\n") {
		t.Errorf("message not escaped as data:\n%s", got)
	}
	if !strings.Contains(got, "file=dir%2Cname%3Aodd%25.tf,") {
		t.Errorf("path not escaped as a property:\n%s", got)
	}
}

func TestWriteGitHubControlCharacters(t *testing.T) {
	r := emptyReport()
	r.Findings = []Finding{{RuleID: "TG-1", Severity: SeverityLow, Message: "a\x1b[31mred\x07",
		Location: Location{Path: "a.tf", StartLine: 1}}}
	got := string(render(t, WriteGitHub, r))
	if strings.ContainsAny(got, "\x1b\x07") || !strings.Contains(got, `::a\x1b[31mred\x07`+"\n") {
		t.Errorf("control characters must be escaped, got %q", got)
	}
}

// GitHub shows ten annotations of each level per step: the most severe
// findings are annotated, and one notice says how many were not.
func TestWriteGitHubCapsAnnotations(t *testing.T) {
	r := &Report{Tool: Tool{Name: "tollgate"}}
	for i := 0; i < 14; i++ {
		r.Findings = append(r.Findings, Finding{RuleID: fmt.Sprintf("TG-T-%03d", i), Severity: SeverityHigh, Message: "high",
			Location: Location{Path: "main.tf", StartLine: i + 1, EndLine: i + 1}})
	}
	for i := 0; i < 12; i++ {
		r.Findings = append(r.Findings, Finding{RuleID: fmt.Sprintf("TG-L-%03d", i), Severity: SeverityLow, Message: "low",
			Location: Location{Path: "main.tf", StartLine: i + 1, EndLine: i + 1}})
	}
	r.Findings = append(r.Findings, Finding{RuleID: "TG-M-001", Severity: SeverityMedium, Message: "medium",
		Location: Location{Path: "main.tf", StartLine: 1, EndLine: 1}})
	got := string(render(t, WriteGitHub, r))
	count := func(prefix string) int {
		return strings.Count(got, "\n"+prefix) + map[bool]int{true: 1}[strings.HasPrefix(got, prefix)]
	}
	if e, w, n := count("::error "), count("::warning "), count("::notice "); e != 10 || w != 1 || n != 10 {
		t.Errorf("%d errors, %d warnings, %d notices; want 10, 1 and 9 findings + the summary:\n%s", e, w, n, got)
	}
	lines := strings.Split(strings.TrimSpace(got), "\n")
	last := lines[len(lines)-1]
	if !strings.HasPrefix(last, "::notice title=tollgate%3A more findings::7 findings not annotated") || !strings.Contains(last, "4 error, 3 notice") {
		t.Errorf("summary line %q", last)
	}
}
