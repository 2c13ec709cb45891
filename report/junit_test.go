package report

import (
	"encoding/xml"
	"strings"
	"testing"
)

// The JUnit shape as CI servers read it, decoded independently of the
// writer's own types.
type xunitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Suites   []xunitSuite `xml:"testsuite"`
}

type xunitSuite struct {
	Name       string `xml:"name,attr"`
	Tests      int    `xml:"tests,attr"`
	Failures   int    `xml:"failures,attr"`
	Errors     int    `xml:"errors,attr"`
	Skipped    int    `xml:"skipped,attr"`
	Properties []struct {
		Name  string `xml:"name,attr"`
		Value string `xml:"value,attr"`
	} `xml:"properties>property"`
	Cases []xunitCase `xml:"testcase"`
}

type xunitCase struct {
	ClassName string     `xml:"classname,attr"`
	Name      string     `xml:"name,attr"`
	Skipped   *xunitText `xml:"skipped"`
	Error     *xunitText `xml:"error"`
	Failure   *xunitText `xml:"failure"`
}

type xunitText struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

// parseJUnit decodes a JUnit document and checks that every count
// attribute matches the testcases it sums up.
func parseJUnit(t *testing.T, data []byte) xunitSuites {
	t.Helper()
	var doc xunitSuites
	if err := xml.Unmarshal(data, &doc); err != nil {
		t.Fatalf("junit output does not parse: %v\n%s", err, data)
	}
	var tests, failures, errs int
	for _, s := range doc.Suites {
		var f, e, sk int
		for _, c := range s.Cases {
			if c.ClassName != s.Name {
				t.Errorf("suite %q: testcase %q has classname %q", s.Name, c.Name, c.ClassName)
			}
			outcomes := 0
			if c.Failure != nil {
				f++
				outcomes++
			}
			if c.Error != nil {
				e++
				outcomes++
			}
			if c.Skipped != nil {
				sk++
				outcomes++
			}
			if outcomes > 1 {
				t.Errorf("suite %q: testcase %q has %d outcomes", s.Name, c.Name, outcomes)
			}
		}
		if s.Tests != len(s.Cases) || s.Failures != f || s.Errors != e || s.Skipped != sk {
			t.Errorf("suite %q counts tests=%d failures=%d errors=%d skipped=%d, its testcases %d/%d/%d/%d",
				s.Name, s.Tests, s.Failures, s.Errors, s.Skipped, len(s.Cases), f, e, sk)
		}
		tests += len(s.Cases)
		failures += f
		errs += e
	}
	if doc.Tests != tests || doc.Failures != failures || doc.Errors != errs {
		t.Errorf("testsuites counts tests=%d failures=%d errors=%d, its suites %d/%d/%d",
			doc.Tests, doc.Failures, doc.Errors, tests, failures, errs)
	}
	return doc
}

func suiteNamed(t *testing.T, doc xunitSuites, name string) xunitSuite {
	t.Helper()
	for _, s := range doc.Suites {
		if s.Name == name {
			return s
		}
	}
	t.Fatalf("no testsuite %q", name)
	return xunitSuite{}
}

func TestWriteJUnitGolden(t *testing.T) {
	got := render(t, WriteJUnit, testReport())
	golden(t, "golden.xml", got)
	if !strings.HasPrefix(string(got), xml.Header+"<testsuites") {
		t.Errorf("want an XML declaration then <testsuites>, got:\n%.120s", got)
	}
	doc := parseJUnit(t, got)
	// Failures are the two gated findings only: the suppressed TG-K8S-002
	// and the baselined TG-IMG-002 are skipped testcases.
	if doc.Name != "tollgate" || doc.Tests != 7 || doc.Failures != 2 || doc.Errors != 1 {
		t.Errorf("testsuites %q tests=%d failures=%d errors=%d, want tollgate 7/2/1",
			doc.Name, doc.Tests, doc.Failures, doc.Errors)
	}
	var names []string
	for _, s := range doc.Suites {
		names = append(names, s.Name)
	}
	want := "README.md,ghcr.io/acme/api:1.4.2,k8s/broken.yaml,k8s/deployment.yaml,terraform/main.tf"
	if strings.Join(names, ",") != want {
		t.Errorf("suites %v, want one per target: %s", names, want)
	}

	tf := suiteNamed(t, doc, "terraform/main.tf")
	if len(tf.Cases) != 1 || tf.Cases[0].Failure == nil {
		t.Fatalf("terraform/main.tf: want one failing testcase, got %+v", tf.Cases)
	}
	c := tf.Cases[0]
	if c.Name != "TG-AWS-001 S3 bucket is publicly readable" || c.Failure.Type != SeverityHigh {
		t.Errorf("testcase %q type %q, want the rule id and title, type high", c.Name, c.Failure.Type)
	}
	if c.Failure.Message != `bucket ACL "public-read" lets anyone list & read objects (<anonymous>)` {
		t.Errorf("failure message %q", c.Failure.Message)
	}
	for _, want := range []string{
		`terraform/main.tf:19: bucket ACL "public-read" lets anyone list & read objects (<anonymous>) (aws_s3_bucket_acl.logs)`,
		`Remediation: Use the "private" canned ACL`,
	} {
		if !strings.Contains(c.Failure.Text, want) {
			t.Errorf("failure text lacks %q:\n%s", want, c.Failure.Text)
		}
	}

	broken := suiteNamed(t, doc, "k8s/broken.yaml")
	if len(broken.Cases) != 1 || broken.Cases[0].Error == nil || broken.Cases[0].Name != "tollgate scan (line 7)" ||
		!strings.HasPrefix(broken.Cases[0].Error.Text, "k8s/broken.yaml:7: yaml: line 7") {
		t.Errorf("k8s/broken.yaml: want one erroring testcase at line 7, got %+v", broken.Cases)
	}
	readme := suiteNamed(t, doc, "README.md")
	if len(readme.Cases) != 1 || readme.Cases[0].Skipped == nil ||
		readme.Cases[0].Skipped.Message != "no scanner for this file type" {
		t.Errorf("README.md: want one skipped testcase with the reason, got %+v", readme.Cases)
	}
	img := suiteNamed(t, doc, "ghcr.io/acme/api:1.4.2")
	if len(img.Cases) != 2 || img.Cases[0].Failure == nil || img.Cases[0].Failure.Type != SeverityCritical ||
		!strings.Contains(img.Cases[0].Failure.Text, "ghcr.io/acme/api:1.4.2@"+testDigest+": image config sets no USER") {
		t.Errorf("image suite: want a critical failure located by digest first, got %+v", img.Cases)
	}
	if c := img.Cases[len(img.Cases)-1]; c.Name != "TG-IMG-002 Image exposes SSH (in baseline)" ||
		c.Skipped == nil || c.Skipped.Message != "in baseline" || c.Failure != nil || img.Failures != 1 {
		t.Errorf("image suite: want the baselined finding skipped \"in baseline\", got %+v", c)
	}

	dep := suiteNamed(t, doc, "k8s/deployment.yaml")
	if dep.Failures != 0 || dep.Skipped != 1 || len(dep.Cases) != 2 {
		t.Fatalf("k8s/deployment.yaml: want the suppressed finding skipped and the scan passing, got %+v", dep)
	}
	sup := dep.Cases[0]
	if sup.Name != "TG-K8S-002 Container allows privilege escalation (suppressed)" || sup.Skipped == nil ||
		sup.Skipped.Message != "suppressed: batch job needs setuid binary (k8s/deployment.yaml:20)" ||
		!strings.Contains(sup.Skipped.Text, "k8s/deployment.yaml:21-23: container \"api\" does not set") {
		t.Errorf("suppressed testcase %+v", sup)
	}
	if pass := dep.Cases[1]; pass.Name != "tollgate scan" || pass.Failure != nil || pass.Skipped != nil || pass.Error != nil {
		t.Errorf("a target whose findings are all accepted passes its scan, got %+v", pass)
	}
}

// A rule with gated and accepted findings on one target fails for the
// gated ones only; the others are one skipped testcase naming each reason.
func TestWriteJUnitNotGated(t *testing.T) {
	r := emptyReport()
	r.Targets = []Target{{Path: "s3.tf", Format: "terraform", Status: StatusScanned, Resources: 3}}
	loc := func(line int) Location { return Location{Path: "s3.tf", StartLine: line, EndLine: line} }
	r.Findings = []Finding{
		{RuleID: "TG-AWS-021", Title: "Versioning", Severity: SeverityHigh, Message: "bucket a", Location: loc(3)},
		{RuleID: "TG-AWS-021", Title: "Versioning", Severity: SeverityCritical, Message: "bucket b", Location: loc(9),
			Suppression: &Suppression{Kind: "config", Reason: "scratch data", Source: ".tollgate.yaml:4"}},
		{RuleID: "TG-AWS-021", Title: "Versioning", Severity: SeverityCritical, Message: "bucket c", Location: loc(15),
			InBaseline: true},
	}
	doc := parseJUnit(t, render(t, WriteJUnit, r))
	if doc.Tests != 2 || doc.Failures != 1 || doc.Errors != 0 {
		t.Errorf("tests=%d failures=%d errors=%d, want 2/1/0", doc.Tests, doc.Failures, doc.Errors)
	}
	s := suiteNamed(t, doc, "s3.tf")
	if len(s.Cases) != 2 || s.Skipped != 1 {
		t.Fatalf("want a failing and a skipped testcase, got %+v", s.Cases)
	}
	// The failure's type is the gated finding's severity, not the accepted
	// critical ones'.
	if f := s.Cases[0].Failure; f == nil || f.Type != SeverityHigh || f.Message != "bucket a" ||
		strings.Contains(f.Text, "bucket b") || strings.Contains(f.Text, "bucket c") {
		t.Errorf("failure %+v, want the gated finding alone", f)
	}
	c := s.Cases[1]
	if c.Name != "TG-AWS-021 Versioning (suppressed, in baseline)" || c.Skipped == nil ||
		c.Skipped.Message != "suppressed: scratch data (.tollgate.yaml:4); in baseline" ||
		c.Skipped.Text != "s3.tf:9: bucket b [suppressed: scratch data (.tollgate.yaml:4)]\ns3.tf:15: bucket c [in baseline]\n" {
		t.Errorf("skipped testcase %+v", c)
	}
}

func TestWriteJUnitOutcomes(t *testing.T) {
	r := emptyReport()
	r.Targets = []Target{
		{Path: "clean.tf", Format: "terraform", Status: StatusScanned, Resources: 3},
		{Path: "gone.yaml", Format: "kubernetes", Status: StatusFailed, Reason: "permission denied"},
		{Path: "s3.tf", Format: "terraform", Status: StatusScanned, Resources: 2},
	}
	r.Findings = []Finding{
		{RuleID: "TG-AWS-021", Title: "S3 bucket versioning is disabled", Severity: SeverityMedium, Message: "bucket b",
			Location: Location{Path: "s3.tf", StartLine: 12, EndLine: 14}},
		{RuleID: "TG-AWS-021", Title: "S3 bucket versioning is disabled", Severity: SeverityMedium, Message: "bucket a",
			Location: Location{Path: "s3.tf", StartLine: 3, EndLine: 5}},
	}
	r.Errors = []Error{{Message: "policy bundle: no rules"}}
	doc := parseJUnit(t, render(t, WriteJUnit, r))
	if doc.Tests != 4 || doc.Failures != 1 || doc.Errors != 2 {
		t.Errorf("tests=%d failures=%d errors=%d, want 4/1/2", doc.Tests, doc.Failures, doc.Errors)
	}

	clean := suiteNamed(t, doc, "clean.tf")
	if len(clean.Cases) != 1 || clean.Cases[0].Name != "tollgate scan" || clean.Cases[0].Failure != nil ||
		clean.Cases[0].Error != nil || clean.Cases[0].Skipped != nil {
		t.Errorf("clean.tf: want one passing testcase \"tollgate scan\", got %+v", clean.Cases)
	}
	gone := suiteNamed(t, doc, "gone.yaml")
	if len(gone.Cases) != 1 || gone.Cases[0].Error == nil || gone.Cases[0].Error.Message != "permission denied" {
		t.Errorf("gone.yaml: a failed target without an error entry must still error, got %+v", gone.Cases)
	}
	s3 := suiteNamed(t, doc, "s3.tf")
	if len(s3.Cases) != 1 {
		t.Fatalf("s3.tf: want one testcase for the rule, got %+v", s3.Cases)
	}
	f := s3.Cases[0].Failure
	if f == nil || f.Message != "2 findings: bucket a" || f.Type != SeverityMedium ||
		!strings.Contains(f.Text, "s3.tf:3-5: bucket a\ns3.tf:12-14: bucket b\n") {
		t.Errorf("s3.tf: want one failure listing both findings in line order, got %+v", f)
	}
	if len(s3.Properties) != 3 || s3.Properties[0].Value != "terraform" || s3.Properties[2].Value != "2" {
		t.Errorf("s3.tf properties %+v, want format, status and resources", s3.Properties)
	}

	last := doc.Suites[len(doc.Suites)-1]
	if last.Name != "tollgate" || len(last.Cases) != 1 || last.Cases[0].Error == nil ||
		last.Cases[0].Error.Message != "policy bundle: no rules" {
		t.Errorf("an error without a path belongs to a last suite named after the tool, got %+v", last)
	}
}

// Characters XML cannot carry must not make the document unreadable.
func TestWriteJUnitHostileText(t *testing.T) {
	r := emptyReport()
	r.Findings = []Finding{{
		RuleID: "TG-1", Title: `"quoted" <title>`, Severity: SeverityLow,
		Message:  "evil\x1b[2J\x00 ]]> </failure><testcase name=\"x\">",
		Location: Location{Path: "a&b.tf", StartLine: 1},
	}}
	got := render(t, WriteJUnit, r)
	doc := parseJUnit(t, got)
	s := suiteNamed(t, doc, "a&b.tf")
	if len(s.Cases) != 1 || s.Cases[0].Name != `TG-1 "quoted" <title>` {
		t.Fatalf("want the one testcase, got %+v", s.Cases)
	}
	if m := s.Cases[0].Failure.Message; !strings.HasPrefix(m, "evil") || !strings.Contains(m, "</failure><testcase") {
		t.Errorf("message not preserved as text: %q", m)
	}
	if strings.ContainsAny(string(got), "\x1b\x00") {
		t.Errorf("output carries characters XML 1.0 forbids")
	}
}
