package report

import (
	"bytes"
	"crypto/sha1"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"path"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/owenrumney/go-sarif/v2/sarif"
)

// SARIF constants shared with consumers of the output.
const (
	// SARIFSchemaURI is the $schema written in SARIF logs, the one GitHub's
	// code scanning documentation recommends.
	SARIFSchemaURI = "https://json.schemastore.org/sarif-2.1.0.json"
	// SARIFSrcRoot is the uriBaseId of every file location: paths are
	// relative to the root of the scanned repository.
	SARIFSrcRoot = "%SRCROOT%"
	// SARIFFingerprintKey names Finding.Fingerprint in partialFingerprints.
	SARIFFingerprintKey = "tollgate/v1"
)

// severityScores are the security-severity values GitHub code scanning
// buckets into critical (>= 9.0), high (7.0-8.9), medium (4.0-6.9) and low
// (0.1-3.9).
var severityScores = map[string]string{
	SeverityCritical: "9.5",
	SeverityHigh:     "8.0",
	SeverityMedium:   "5.5",
	SeverityLow:      "3.0",
	SeverityInfo:     "0.0",
}

// WriteSARIF writes r as a SARIF 2.1.0 log with one run, for GitHub code
// scanning and other SARIF viewers: one rule per rule id, one result per
// finding, and one tool execution notification per error.
//
// GitHub rejects a result whose first location has no
// physicalLocation.artifactLocation.uri, so image findings get the image
// reference as a relative URI (":" escaped) at line 1, and the image and its
// digest as a logical location.
func WriteSARIF(w io.Writer, r *Report) error {
	p, err := prepare(r)
	if err != nil {
		return err
	}
	log, err := sarif.New(sarif.Version210, false)
	if err != nil {
		return err
	}
	log.Schema = SARIFSchemaURI
	log.AddRun(sarifRun(p))

	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(log); err != nil {
		return fmt.Errorf("encode: %w", err)
	}
	_, err = w.Write(buf.Bytes())
	return err
}

func sarifRun(r *Report) *sarif.Run {
	name := r.Tool.Name
	if name == "" {
		name = "tollgate"
	}
	driver := sarif.NewDriver(name)
	if r.Tool.Version != "" {
		driver.WithVersion(r.Tool.Version)
	}
	if absoluteURL(r.Tool.URI) {
		driver.WithInformationURI(r.Tool.URI)
	}

	// One rule per id: the documented rules first, then any rule a finding
	// names without documentation, so that every result has its rule.
	index := make(map[string]int, len(r.Rules))
	for _, rule := range r.Rules {
		if _, dup := index[rule.ID]; dup {
			continue
		}
		index[rule.ID] = len(driver.Rules)
		driver.Rules = append(driver.Rules, sarifRule(rule))
	}
	for _, f := range r.Findings {
		if _, ok := index[f.RuleID]; !ok {
			index[f.RuleID] = len(driver.Rules)
			driver.Rules = append(driver.Rules, sarifRule(Rule{
				ID: f.RuleID, Title: f.Title, Severity: f.Severity, Category: f.Category,
			}))
		}
	}

	run := sarif.NewRun(sarif.Tool{Driver: driver})
	run.WithColumnKind("utf16CodeUnits")
	run.WithOriginalUriBaseIds(map[string]*sarif.ArtifactLocation{
		SARIFSrcRoot: sarif.NewArtifactLocation().
			WithDescriptionText("The root of the scanned repository; file locations are relative to it."),
	})
	baseline := r.Summary.Baselined > 0
	for _, f := range r.Findings {
		run.Results = append(run.Results, sarifResult(f, index[f.RuleID], baseline))
	}

	images := imageRefs(r)
	inv := sarif.NewInvocation().WithExecutionSuccess(len(r.Errors) == 0)
	if code, desc, ok := exitCode(r.Summary.Result); ok {
		inv.WithExitCode(code).WithExitCodeDescription(desc)
	}
	for _, e := range r.Errors {
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, sarifNotification(e, images[e.Path]))
	}
	for _, e := range r.Warnings {
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, sarifNotification(e, images[e.Path]).WithLevel("warning"))
	}
	run.AddInvocations(inv)
	return run
}

func sarifRule(r Rule) *sarif.ReportingDescriptor {
	title := firstNonEmpty(r.Title, r.ID)
	name := camelCase(title)
	if name == "" {
		name = camelCase(r.ID)
	}
	rule := sarif.NewRule(r.ID).
		WithName(name).
		WithShortDescription(sarif.NewMultiformatMessageString(title)).
		WithFullDescription(sarif.NewMultiformatMessageString(firstNonEmpty(r.Description, title)))
	text, markdown := ruleHelp(r, firstNonEmpty(r.Description, title))
	rule.WithTextHelp(text).WithMarkdownHelp(markdown)
	if link := ruleLink(r); link != "" {
		rule.WithHelpURI(link)
	}
	sev := strings.ToLower(r.Severity)
	rule.WithDefaultConfiguration(&sarif.ReportingConfiguration{Level: sarifLevel(sev)})

	props := sarif.Properties{
		"tags":             tags(r),
		"problem.severity": problemSeverity(sev),
	}
	if score, ok := severityScores[sev]; ok {
		props["security-severity"] = score
	}
	if r.CVSSScore > 0 {
		// A known vulnerability: its CVSS score, as Trivy and Grype write it.
		props["security-severity"] = strconv.FormatFloat(r.CVSSScore, 'f', 1, 64)
	}
	rule.WithProperties(props)
	return rule
}

// ruleHelp renders the remediation and the references, as text and as
// Markdown; with neither, the help is the description.
func ruleHelp(r Rule, description string) (text, markdown string) {
	var t, m strings.Builder
	if r.Remediation != "" {
		t.WriteString(r.Remediation)
		m.WriteString("**Remediation**\n\n" + r.Remediation)
	}
	if len(r.Frameworks) > 0 {
		if t.Len() > 0 {
			t.WriteString("\n\n")
			m.WriteString("\n\n")
		}
		t.WriteString("Controls:")
		m.WriteString("**Controls**\n")
		for _, fw := range sortedKeys(r.Frameworks) {
			line := fw + ": " + strings.Join(r.Frameworks[fw], ", ")
			t.WriteString("\n- " + line)
			m.WriteString("\n- " + line)
		}
	}
	if len(r.References) > 0 {
		if t.Len() > 0 {
			t.WriteString("\n\n")
			m.WriteString("\n\n")
		}
		t.WriteString("References:")
		m.WriteString("**References**\n")
		for _, ref := range r.References {
			t.WriteString("\n- " + ref)
			if absoluteURL(ref) {
				m.WriteString("\n- <" + ref + ">")
			} else {
				m.WriteString("\n- " + ref)
			}
		}
	}
	if t.Len() == 0 {
		return description, description
	}
	return t.String(), m.String()
}

// tags are the rule's category and the frameworks it maps to, which GitHub
// code scanning lets reviewers filter on.
func tags(r Rule) []string {
	out := []string{"security"}
	if r.Category != "" && r.Category != "security" {
		out = append(out, r.Category)
	}
	for _, fw := range sortedKeys(r.Frameworks) {
		out = append(out, fw)
	}
	return out
}

func sortedKeys(m map[string][]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// exitCode is the process exit code of a verdict.
func exitCode(result string) (int, string, bool) {
	switch result {
	case ResultPassed:
		return 0, "passed: no finding reached the gate's threshold", true
	case ResultFailed:
		return 1, "failed: findings reached the gate's threshold", true
	case ResultError:
		return 2, "error: inputs could not be scanned; the gate failed closed", true
	}
	return 0, "", false
}

// sarifLevel maps a severity to a result level.
func sarifLevel(severity string) string { return severityBand(severity, "error", "warning", "note") }

// problemSeverity maps a severity to GitHub's problem.severity property.
func problemSeverity(severity string) string {
	return severityBand(severity, "error", "warning", "recommendation")
}

func sarifResult(f Finding, ruleIndex int, baseline bool) *sarif.Result {
	res := sarif.NewRuleResult(f.RuleID).
		WithRuleIndex(ruleIndex).
		WithLevel(sarifLevel(f.Severity)).
		WithMessage(sarif.NewTextMessage(firstNonEmpty(f.Message, f.Title, f.RuleID)))
	if loc := sarifLocation(f); loc != nil {
		res.WithLocations([]*sarif.Location{loc})
	}
	for i, rel := range f.Related {
		if rel.Location.Path == "" {
			continue
		}
		phys := sarif.NewPhysicalLocation().WithArtifactLocation(fileLocation(rel.Location.Path))
		if rel.Location.StartLine > 0 {
			phys.WithRegion(sarif.NewSimpleRegion(rel.Location.StartLine, max(rel.Location.EndLine, rel.Location.StartLine)))
		}
		res.AddRelatedLocation(sarif.NewLocationWithPhysicalLocation(phys).WithId(i + 1).WithMessage(sarif.NewTextMessage(rel.Message)))
	}
	if f.Fingerprint != "" {
		res.WithPartialFingerPrints(map[string]interface{}{SARIFFingerprintKey: f.Fingerprint})
	}
	if s := f.Suppression; s != nil {
		// inSource: a comment in the scanned file; external: the config file.
		kind := "external"
		if s.Kind == "inline" {
			kind = "inSource"
		}
		just := s.Reason
		if s.Owner != "" {
			just += " (owner: " + s.Owner + ")"
		}
		if s.Expires != "" {
			just += " (expires " + s.Expires + ")"
		}
		// (go-sarif spells the setter WithJustifcation.)
		// go-sarif writes location and guid as null when unset, which the
		// schema rejects: both are always given.
		res.AddSuppression(sarif.NewSuppression(kind).WithStatus("accepted").
			WithJustifcation(just).
			WithGuid(suppressionGUID(f.Fingerprint, s.Source)).
			WithLocation(sourceLocation(s.Source)))
	}
	if baseline {
		state := "new"
		if f.InBaseline {
			state = "unchanged"
		}
		res.WithBaselineState(state)
	}
	return res
}

func sarifLocation(f Finding) *sarif.Location {
	l := f.Location
	switch {
	case l.Image != "":
		fqn := l.Image
		if l.Digest != "" && !strings.Contains(l.Image, "@") {
			fqn += "@" + l.Digest
		}
		phys := sarif.NewPhysicalLocation().
			WithArtifactLocation(sarif.NewSimpleArtifactLocation(relativeURI(l.Image))).
			WithRegion(sarif.NewRegion().WithStartLine(1))
		logical := sarif.NewLogicalLocation().
			WithName(l.Image).
			WithFullyQualifiedName(fqn).
			WithKind("resource")
		return sarif.NewLocationWithPhysicalLocation(phys).WithLogicalLocations([]*sarif.LogicalLocation{logical})
	case l.Path != "":
		// prepare has made the line range complete.
		loc := sarif.NewLocationWithPhysicalLocation(sarif.NewPhysicalLocation().
			WithArtifactLocation(fileLocation(l.Path)).
			WithRegion(sarif.NewSimpleRegion(l.StartLine, l.EndLine)))
		if f.Resource != "" {
			loc.WithLogicalLocations([]*sarif.LogicalLocation{
				sarif.NewLogicalLocation().WithName(f.Resource).WithKind("resource"),
			})
		}
		return loc
	}
	return nil
}

func sarifNotification(e Error, image bool) *sarif.Notification {
	n := sarif.NewNotification().
		WithLevel("error").
		WithTextMessage(firstNonEmpty(e.Message, "error"))
	switch {
	case e.Path == "":
	case image:
		n.WithLocations([]*sarif.Location{sarif.NewLocation().WithLogicalLocations([]*sarif.LogicalLocation{
			sarif.NewLogicalLocation().WithName(e.Path).WithKind("resource"),
		})})
	default:
		phys := sarif.NewPhysicalLocation().WithArtifactLocation(fileLocation(e.Path))
		if e.Line > 0 {
			phys.WithRegion(sarif.NewRegion().WithStartLine(e.Line))
		}
		n.WithLocations([]*sarif.Location{sarif.NewLocationWithPhysicalLocation(phys)})
	}
	return n
}

// fileLocation is the artifact location of a scanned file: relative to
// %SRCROOT%, or a file URI if the path is absolute.
func fileLocation(p string) *sarif.ArtifactLocation {
	p = strings.ReplaceAll(p, `\`, "/")
	if strings.HasPrefix(p, "/") {
		return sarif.NewSimpleArtifactLocation((&url.URL{Scheme: "file", Path: path.Clean(p)}).String())
	}
	return sarif.NewSimpleArtifactLocation(relativeURI(p)).WithUriBaseId(SARIFSrcRoot)
}

// relativeURI turns a relative, /-separated path (or an image reference) into
// a relative URI reference: each segment percent-encoded, ":" included, so
// "localhost:5000/app:1.0" cannot be read as a URI with a scheme.
func relativeURI(p string) string {
	p = strings.TrimPrefix(p, "./")
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = strings.ReplaceAll(url.PathEscape(s), ":", "%3A")
	}
	return strings.Join(segs, "/")
}

// camelCase joins the words of s, each starting with a capital letter:
// "S3 bucket allows public read" becomes "S3BucketAllowsPublicRead".
func camelCase(s string) string {
	var b strings.Builder
	words := strings.FieldsFunc(s, func(c rune) bool { return !unicode.IsLetter(c) && !unicode.IsDigit(c) })
	for _, w := range words {
		c, n := utf8.DecodeRuneInString(w)
		b.WriteRune(unicode.ToUpper(c))
		b.WriteString(w[n:])
	}
	return b.String()
}

func absoluteURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && u.IsAbs() && u.Host != ""
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

// suppressionGUID is a stable version-5-style UUID of a finding's
// suppression, so it does not churn between runs.
func suppressionGUID(fingerprint, source string) string {
	h := sha1.Sum([]byte("tollgate-suppression\x00" + fingerprint + "\x00" + source))
	h[6] = (h[6] & 0x0f) | 0x50
	h[8] = (h[8] & 0x3f) | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", h[0:4], h[4:6], h[6:8], h[8:10], h[10:16])
}

// sourceLocation turns "path:line" (where an exception is written) into a
// SARIF location.
func sourceLocation(source string) *sarif.Location {
	p, line := source, 0
	if i := strings.LastIndex(source, ":"); i > 0 {
		if n, err := strconv.Atoi(source[i+1:]); err == nil {
			p, line = source[:i], n
		}
	}
	phys := sarif.NewPhysicalLocation().WithArtifactLocation(fileLocation(p))
	if line > 0 {
		phys.WithRegion(sarif.NewRegion().WithStartLine(line))
	}
	return sarif.NewLocationWithPhysicalLocation(phys)
}
