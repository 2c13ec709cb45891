package report

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/tollgate/tollgate/internal/testtools"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/report")

const testDigest = "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"

// testReport is the fixture behind every golden file: two IaC findings in two
// files (the Kubernetes one suppressed by an inline exception), two image
// findings (one in the baseline), one error, and three exceptions (used,
// expired, unused). Findings, rules and targets are given out of order, and
// low/info counts are missing, as a careless caller might. The summary is
// the gate's: its counts are those of the two gated findings.
func testReport() *Report {
	return &Report{
		Version: SchemaVersion,
		Tool:    Tool{Name: "tollgate", Version: "test"},
		Findings: []Finding{
			{
				RuleID:      "TG-IMG-001",
				Title:       "Image runs as root",
				Severity:    SeverityCritical,
				Category:    "container",
				Message:     "image config sets no USER, so the entrypoint runs as root",
				Resource:    "ghcr.io/acme/api:1.4.2",
				Location:    Location{Image: "ghcr.io/acme/api:1.4.2", Digest: testDigest},
				Fingerprint: "3b0c44298fc1c149afbf4c8996fb9242",
			},
			{
				RuleID:      "TG-K8S-002",
				Title:       "Container allows privilege escalation",
				Severity:    SeverityMedium,
				Category:    "workload",
				Message:     `container "api" does not set securityContext.allowPrivilegeEscalation to false`,
				Resource:    "apps/v1/Deployment/default/api",
				Location:    Location{Path: "k8s/deployment.yaml", StartLine: 21, EndLine: 23},
				Fingerprint: "6e340b9cffb37a989ca544e6bb780a2c",
				Suppression: &Suppression{Kind: "inline", Reason: "batch job needs setuid binary", Owner: "platform", Expires: "2027-03-31", Source: "k8s/deployment.yaml:20"},
			},
			{
				RuleID:      "TG-AWS-001",
				Title:       "S3 bucket is publicly readable",
				Severity:    SeverityHigh,
				Category:    "storage",
				Message:     `bucket ACL "public-read" lets anyone list & read objects (<anonymous>)`,
				Resource:    "aws_s3_bucket_acl.logs",
				Location:    Location{Path: "terraform/main.tf", StartLine: 19, EndLine: 19},
				Fingerprint: "a87ff679a2f3e71d9181a67b7542122c",
			},
			{
				RuleID:      "TG-IMG-002",
				Title:       "Image exposes SSH",
				Severity:    SeverityLow,
				Category:    "network",
				Message:     "image config exposes port 22/tcp",
				Resource:    "ghcr.io/acme/api:1.4.2",
				Location:    Location{Image: "ghcr.io/acme/api:1.4.2", Digest: testDigest},
				Fingerprint: "c4ca4238a0b923820dcc509a6f75849b",
				InBaseline:  true,
			},
		},
		Errors: []Error{
			{Path: "k8s/broken.yaml", Line: 7, Message: "yaml: line 7: mapping values are not allowed in this context"},
		},
		Warnings: []Error{
			{Path: "infra/vars.tf", Line: 2, Message: `quoted type constraint "string" of variable "name" is Terraform 0.11 syntax (removed in Terraform 0.15): read as string`},
		},
		Rules: []Rule{
			{
				ID:          "TG-K8S-002",
				Title:       "Container allows privilege escalation",
				Severity:    SeverityMedium,
				Category:    "workload",
				Remediation: "Set securityContext.allowPrivilegeEscalation: false on every container.",
				References:  []string{"https://kubernetes.io/docs/concepts/security/pod-security-standards/"},
			},
			{
				ID:          "TG-AWS-001",
				Title:       "S3 bucket is publicly readable",
				Description: "A bucket ACL grants read access to everyone on the internet.",
				Severity:    SeverityHigh,
				Category:    "storage",
				Remediation: "Use the \"private\" canned ACL and enable the bucket's public access block.",
				Frameworks:  map[string][]string{"cis-aws-2.0": {"2.1.4"}, "nist-800-53": {"AC-3", "AC-6"}},
				References: []string{
					"https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html",
					"CIS AWS Foundations 2.1.5",
				},
			},
			{
				ID:          "TG-IMG-001",
				Title:       "Image runs as root",
				Description: "The image configuration sets no non-root USER.",
				Severity:    SeverityCritical,
				Category:    "container",
				Remediation: "Add a USER instruction with a non-root UID to the Dockerfile.",
			},
		},
		Targets: []Target{
			{Path: "terraform/main.tf", Format: "terraform", Status: StatusScanned, Resources: 4},
			{Path: "k8s/deployment.yaml", Format: "kubernetes", Status: StatusScanned, Resources: 2},
			{Path: "k8s/broken.yaml", Format: "kubernetes", Status: StatusFailed, Reason: "yaml parse error"},
			{Path: "README.md", Status: StatusSkipped, Reason: "no scanner for this file type"},
			{Path: "ghcr.io/acme/api:1.4.2", Format: "image", Status: StatusScanned, Resources: 1},
		},
		Images: []Image{{Reference: "ghcr.io/acme/api:1.4.2", Digest: testDigest, Packages: 143}},
		Summary: Summary{
			Result:         ResultError,
			FailOn:         SeverityHigh,
			Counts:         map[string]int{SeverityCritical: 1, SeverityHigh: 1, SeverityMedium: 0},
			Suppressed:     1,
			Baselined:      1,
			Findings:       4,
			Errors:         1,
			FilesScanned:   2,
			FilesSkipped:   1,
			FilesFailed:    1,
			ImagesScanned:  1,
			Resources:      7,
			RulesEvaluated: 12,
		},
		Signing: &Signature{Skipped: "the scan did not pass"},
		Exceptions: []Exception{
			{
				Suppression: Suppression{Kind: "inline", Reason: "batch job needs setuid binary", Owner: "platform",
					Expires: "2027-03-31", Source: "k8s/deployment.yaml:20"},
				RuleID: "TG-K8S-002", Status: ExceptionUsed, Matched: 1,
			},
			{
				Suppression: Suppression{Kind: "config", Reason: "public log viewer, reviewed by secteam",
					Owner: "web", Expires: "2025-01-31", Source: ".tollgate.yaml:9"},
				RuleID: "TG-AWS-001", Status: ExceptionExpired, Matched: 1,
			},
			{
				Suppression: Suppression{Kind: "config", Reason: "legacy database, retired in Q3",
					Source: ".tollgate.yaml:14"},
				RuleID: "TG-AWS-020", Status: ExceptionUnused,
			},
		},
	}
}

// emptyReport is a clean scan: nothing found, nil slices everywhere.
func emptyReport() *Report {
	return &Report{
		Tool:    Tool{Name: "tollgate", Version: "test"},
		Summary: Summary{Result: ResultPassed, FailOn: SeverityHigh},
	}
}

// render runs a writer and fails the test on error.
func render(t *testing.T, write Writer, r *Report) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := write(&buf, r); err != nil {
		t.Fatalf("write: %v", err)
	}
	return buf.Bytes()
}

// golden compares got with testdata/report/name, or rewrites the file under
// -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("..", "testdata", "report", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./report/ -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test ./report/ -update rewrites it):\n%s",
			path, firstDiff(string(want), string(got)))
	}
}

func firstDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return "line " + strconv.Itoa(i+1) + ":\n  want: " + wl + "\n  got:  " + gl
		}
	}
	return "(no line differs; check the trailing newline)"
}

// compileSchema compiles the JSON Schema in file (see testtools.Schema).
func compileSchema(t *testing.T, file string, edit func(any)) *jsonschema.Schema {
	t.Helper()
	sch, err := testtools.Schema(file, edit)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return sch
}

// validate checks a JSON document against sch.
func validate(t *testing.T, sch *jsonschema.Schema, name string, data []byte) {
	t.Helper()
	if err := testtools.Validate(sch, data); err != nil {
		t.Errorf("%s does not validate: %v", name, err)
	}
}

func TestFormats(t *testing.T) {
	want := []string{"github", "html", "json", "junit", "markdown", "outputs", "sarif", "table"}
	if got := FormatNames(); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("FormatNames() = %v, want %v", got, want)
	}
	for name, write := range Formats {
		if err := write(&bytes.Buffer{}, nil); err == nil {
			t.Errorf("%s writer accepted a nil report", name)
		}
		// Writers render a copy: the caller's report keeps its order and counts.
		r := testReport()
		render(t, write, r)
		if r.Findings[0].RuleID != "TG-IMG-001" || r.Rules[0].ID != "TG-K8S-002" || len(r.Summary.Counts) != 3 {
			t.Errorf("%s writer changed the report it was given", name)
		}
	}
}

func TestPrepareLineRanges(t *testing.T) {
	r := &Report{Findings: []Finding{
		{RuleID: "a", Location: Location{Path: "whole.tf"}},
		{RuleID: "b", Location: Location{Path: "one.tf", StartLine: 4}},
		{RuleID: "c", Location: Location{Image: "alpine:3.20", Digest: testDigest}},
	}}
	p, err := prepare(r)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]Location{}
	for _, f := range p.Findings {
		got[f.RuleID] = f.Location
	}
	if l := got["a"]; l.StartLine != 1 || l.EndLine != 1 {
		t.Errorf("whole-file finding: %+v, want lines 1-1", l)
	}
	if l := got["b"]; l.StartLine != 4 || l.EndLine != 4 {
		t.Errorf("single-line finding: %+v, want lines 4-4", l)
	}
	if l := got["c"]; l.StartLine != 0 || l.EndLine != 0 {
		t.Errorf("image finding got lines: %+v", l)
	}
}

// gateSummary trusts a computed summary, even over filtered findings, and
// counts an uncomputed one as the gate would.
func TestGateSummary(t *testing.T) {
	filtered := FilterSeverity(testReport(), []string{SeverityInfo})
	s := gateSummary(filtered)
	if s.Findings != 4 || s.Counts[SeverityCritical] != 1 || s.Counts[SeverityMedium] != 0 ||
		s.Suppressed != 1 || s.Baselined != 1 {
		t.Errorf("computed summary of a filtered report: %+v", s)
	}

	r := emptyReport()
	r.Summary.Counts = map[string]int{"HIGH": 7} // ignored: the summary describes no finding
	r.Findings = []Finding{
		{RuleID: "a", Severity: "HIGH"},
		{RuleID: "b", Severity: SeverityHigh, InBaseline: true},
		{RuleID: "c", Severity: SeverityLow, InBaseline: true, Suppression: &Suppression{Reason: "r"}},
		{RuleID: "d", Severity: "odd"},
	}
	s = gateSummary(r)
	if s.Findings != 4 || s.Counts[SeverityHigh] != 1 || s.Counts[SeverityLow] != 0 || otherCount(s.Counts) != 1 ||
		s.Suppressed != 1 || s.Baselined != 1 {
		t.Errorf("summary counted from the findings: %+v", s)
	}
	if r.Summary.Findings != 0 || r.Summary.Counts["HIGH"] != 7 {
		t.Errorf("gateSummary changed the report's summary: %+v", r.Summary)
	}
}
