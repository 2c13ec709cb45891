package report

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"sort"
	"strings"
)

// junitScanCase names the testcase that stands for the scan of a whole
// target: it passes when the target was scanned without finding or error.
const junitScanCase = "tollgate scan"

// The JUnit XML shape understood by GitLab, Jenkins and most CI servers
// (the common junit.xsd): testsuites > testsuite > testcase, each
// testcase failing, erroring, skipped or passing.
type junitTestSuites struct {
	XMLName  xml.Name         `xml:"testsuites"`
	Name     string           `xml:"name,attr"`
	Tests    int              `xml:"tests,attr"`
	Failures int              `xml:"failures,attr"`
	Errors   int              `xml:"errors,attr"`
	Suites   []junitTestSuite `xml:"testsuite"`
}

type junitTestSuite struct {
	Name       string          `xml:"name,attr"`
	Tests      int             `xml:"tests,attr"`
	Failures   int             `xml:"failures,attr"`
	Errors     int             `xml:"errors,attr"`
	Skipped    int             `xml:"skipped,attr"`
	Properties []junitProperty `xml:"properties>property,omitempty"`
	Cases      []junitTestCase `xml:"testcase"`
}

type junitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type junitTestCase struct {
	ClassName string        `xml:"classname,attr"`
	Name      string        `xml:"name,attr"`
	Skipped   *junitMessage `xml:"skipped"`
	Error     *junitMessage `xml:"error"`
	Failure   *junitMessage `xml:"failure"`
}

type junitMessage struct {
	Message string `xml:"message,attr,omitempty"`
	Type    string `xml:"type,attr,omitempty"`
	Text    string `xml:",chardata"`
}

// WriteJUnit writes r as JUnit XML for CI test reports (GitLab, Jenkins):
// one testsuite per target (file or image), named by its path. In it, each
// rule with gated findings on that target is a failing testcase (classname
// the target, name "RULE_ID TITLE", failure type the severity, one line per
// finding with its location and message). The suppressed and baselined
// findings of a rule, which never fail the gate, are a skipped testcase
// named "RULE_ID TITLE (suppressed)" or "(in baseline)", its message saying
// why ("suppressed: REASON (SOURCE)", "in baseline") and its text listing
// them, so CI servers show them without counting a failure. Each error is
// an erroring testcase; a target scanned without gated finding or error has
// one passing testcase named "tollgate scan", and a skipped target one
// skipped testcase. Errors not tied to a path go in a last suite named
// after the tool.
func WriteJUnit(w io.Writer, r *Report) error {
	p, err := prepare(r)
	if err != nil {
		return err
	}
	doc := junitDocument(p)
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("encode: %w", err)
	}
	buf.WriteByte('\n')
	_, err = w.Write(buf.Bytes())
	return err
}

// junitTarget gathers what the report says about one target.
type junitTarget struct {
	target   *Target
	findings []Finding
	errors   []Error
}

func junitDocument(r *Report) junitTestSuites {
	tool := firstNonEmpty(r.Tool.Name, "tollgate")
	targets := make(map[string]*junitTarget)
	get := func(path string) *junitTarget {
		t := targets[path]
		if t == nil {
			t = &junitTarget{}
			targets[path] = t
		}
		return t
	}
	for i := range r.Targets {
		get(r.Targets[i].Path).target = &r.Targets[i]
	}
	for _, f := range r.Findings {
		t := get(findingTarget(f))
		t.findings = append(t.findings, f)
	}
	for _, e := range r.Errors {
		t := get(e.Path)
		t.errors = append(t.errors, e)
	}

	paths := make([]string, 0, len(targets))
	for path := range targets {
		paths = append(paths, path)
	}
	// Sorted by path; errors without a path come last.
	sort.Slice(paths, func(i, j int) bool {
		if (paths[i] == "") != (paths[j] == "") {
			return paths[j] == ""
		}
		return paths[i] < paths[j]
	})

	remediation := make(map[string]string, len(r.Rules))
	for _, rule := range r.Rules {
		remediation[rule.ID] = rule.Remediation
	}
	doc := junitTestSuites{Name: tool, Suites: make([]junitTestSuite, 0, len(paths))}
	for _, path := range paths {
		s := junitSuite(path, tool, targets[path], remediation)
		doc.Tests += s.Tests
		doc.Failures += s.Failures
		doc.Errors += s.Errors
		doc.Suites = append(doc.Suites, s)
	}
	return doc
}

// junitSuite builds the testsuite of one target.
func junitSuite(path, tool string, t *junitTarget, remediation map[string]string) junitTestSuite {
	class := firstNonEmpty(path, tool)
	s := junitTestSuite{Name: class}
	if t.target != nil {
		if t.target.Format != "" {
			s.Properties = append(s.Properties, junitProperty{Name: "format", Value: t.target.Format})
		}
		s.Properties = append(s.Properties,
			junitProperty{Name: "status", Value: t.target.Status},
			junitProperty{Name: "resources", Value: fmt.Sprint(t.target.Resources)})
	}
	var gated, accepted []Finding
	for _, f := range t.findings {
		if f.Gated() {
			gated = append(gated, f)
		} else {
			accepted = append(accepted, f)
		}
	}
	for _, group := range groupByRule(gated) {
		s.Cases = append(s.Cases, junitFailure(class, group, remediation[group[0].RuleID]))
		s.Failures++
	}
	for _, group := range groupByRule(accepted) {
		s.Cases = append(s.Cases, junitAccepted(class, group))
		s.Skipped++
	}
	for _, e := range t.errors {
		s.Cases = append(s.Cases, junitError(class, e))
		s.Errors++
	}
	switch {
	case t.target != nil && t.target.Status == StatusFailed && len(t.errors) == 0:
		// A failed target always counts as an error, even when the report
		// carries no error entry for it.
		s.Cases = append(s.Cases, junitTestCase{ClassName: class, Name: junitScanCase, Error: &junitMessage{
			Message: firstNonEmpty(t.target.Reason, "the target could not be scanned"),
			Type:    "error",
			Text:    path + ": " + firstNonEmpty(t.target.Reason, "the target could not be scanned"),
		}})
		s.Errors++
	case t.target != nil && t.target.Status == StatusSkipped && len(t.findings) == 0 && len(t.errors) == 0:
		s.Cases = append(s.Cases, junitTestCase{ClassName: class, Name: junitScanCase,
			Skipped: &junitMessage{Message: firstNonEmpty(t.target.Reason, "skipped")}})
		s.Skipped++
	case len(gated) == 0 && len(t.errors) == 0:
		s.Cases = append(s.Cases, junitTestCase{ClassName: class, Name: junitScanCase})
	}
	s.Tests = len(s.Cases)
	return s
}

// groupByRule splits the findings of one target by rule, in the order each
// rule first appears.
func groupByRule(findings []Finding) [][]Finding {
	var groups [][]Finding
	index := make(map[string]int)
	for _, f := range findings {
		i, ok := index[f.RuleID]
		if !ok {
			i = len(groups)
			index[f.RuleID] = i
			groups = append(groups, nil)
		}
		groups[i] = append(groups[i], f)
	}
	return groups
}

// junitFailure is the failing testcase of one rule on one target.
func junitFailure(class string, findings []Finding, remediation string) junitTestCase {
	first := findings[0]
	severity := first.Severity
	var text strings.Builder
	for _, f := range findings {
		if SeverityRank(f.Severity) > SeverityRank(severity) {
			severity = f.Severity
		}
		text.WriteString(junitFindingLine(f) + "\n")
	}
	if remediation != "" {
		text.WriteString("Remediation: " + remediation + "\n")
	}
	message := first.Message
	if len(findings) > 1 {
		message = fmt.Sprintf("%d findings: %s", len(findings), first.Message)
	}
	return junitTestCase{
		ClassName: class,
		Name:      strings.TrimSpace(first.RuleID + " " + first.Title),
		Failure:   &junitMessage{Message: message, Type: strings.ToLower(severity), Text: text.String()},
	}
}

// junitError is the erroring testcase of one error.
func junitError(class string, e Error) junitTestCase {
	name := junitScanCase
	if e.Line > 0 {
		name = fmt.Sprintf("%s (line %d)", junitScanCase, e.Line)
	}
	return junitTestCase{
		ClassName: class,
		Name:      name,
		Error:     &junitMessage{Message: firstNonEmpty(e.Message, "error"), Type: "error", Text: e.String()},
	}
}

// junitFindingLine is one finding in a testcase's text: its location,
// message and resource.
func junitFindingLine(f Finding) string {
	line := f.Location.String() + ": " + f.Message
	if f.Resource != "" && f.Resource != f.Location.Image {
		line += " (" + f.Resource + ")"
	}
	return line
}

// junitAccepted is the skipped testcase of the suppressed and baselined
// findings of one rule on one target: its name says which they are, its
// message why they are not gated (the reasons, when they differ, joined by
// "; "), its text one line per finding with its own reason.
func junitAccepted(class string, findings []Finding) junitTestCase {
	first := findings[0]
	var text strings.Builder
	var notes []string
	seenNote := make(map[string]bool)
	seenStatus := make(map[string]bool)
	for _, f := range findings {
		note := notGatedNote(f)
		text.WriteString(junitFindingLine(f) + " [" + note + "]\n")
		if !seenNote[note] {
			seenNote[note] = true
			notes = append(notes, note)
		}
		seenStatus[findingStatus(f)] = true
	}
	var kinds []string
	if seenStatus[findingSuppressed] {
		kinds = append(kinds, "suppressed")
	}
	if seenStatus[findingBaselined] {
		kinds = append(kinds, "in baseline")
	}
	return junitTestCase{
		ClassName: class,
		Name:      strings.TrimSpace(first.RuleID+" "+first.Title) + " (" + strings.Join(kinds, ", ") + ")",
		Skipped:   &junitMessage{Message: strings.Join(notes, "; "), Text: text.String()},
	}
}
