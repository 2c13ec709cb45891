// Package report holds the scan report model and one writer per output
// format (table, json, sarif, junit, markdown, github, html, outputs). It knows nothing of the CLI or the scanners.
package report

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"time"
)

// SchemaVersion is the version of the JSON report contract (see
// report/schema/report.schema.json). It changes only when a field changes
// meaning or disappears.
const SchemaVersion = "1"

// Severity levels, from most to least severe.
const (
	SeverityCritical = "critical"
	SeverityHigh     = "high"
	SeverityMedium   = "medium"
	SeverityLow      = "low"
	SeverityInfo     = "info"
)

// Severities lists the levels from most to least severe.
var Severities = []string{SeverityCritical, SeverityHigh, SeverityMedium, SeverityLow, SeverityInfo}

// SeverityRank orders severities: critical is 5, info 1, anything else 0.
func SeverityRank(s string) int {
	switch strings.ToLower(s) {
	case SeverityCritical:
		return 5
	case SeverityHigh:
		return 4
	case SeverityMedium:
		return 3
	case SeverityLow:
		return 2
	case SeverityInfo:
		return 1
	}
	return 0
}

// severityBand names the band of a severity, as the consumers of a format
// see three: critical and high, medium (and anything unknown), low and
// info.
func severityBand(severity, high, medium, low string) string {
	switch strings.ToLower(severity) {
	case SeverityCritical, SeverityHigh:
		return high
	case SeverityLow, SeverityInfo:
		return low
	}
	return medium
}

// Report is the whole result of one scan.
type Report struct {
	Version string `json:"version"`
	Tool    Tool   `json:"tool"`
	// Findings are sorted by location, then rule id.
	Findings []Finding `json:"findings"`
	// Errors are inputs that could not be read, parsed or evaluated. Any
	// error fails the scan closed.
	Errors []Error `json:"errors"`
	// Warnings are problems that did not stop an input from being
	// evaluated, such as syntax its own tool has deprecated; they never
	// fail the scan.
	Warnings []Error `json:"warnings,omitempty"`
	// Rules describes every rule that produced a finding, by id.
	Rules []Rule `json:"rules"`
	// Targets lists every input considered, with how it was read.
	Targets []Target   `json:"targets"`
	Images  []Image    `json:"images,omitempty"`
	Summary Summary    `json:"summary"`
	Signing *Signature `json:"signing,omitempty"`
	// Exceptions lists every exception with whether it was used, unused or
	// expired.
	Exceptions []Exception `json:"exceptions,omitempty"`
	// Compliance is the compliance view of the frameworks asked for
	// (--compliance), in the order asked; absent when none was.
	Compliance []Compliance `json:"compliance,omitempty"`
}

// Compliance is one framework's controls, as the rules the scan evaluated
// check them (see NewCompliance).
type Compliance struct {
	Framework string `json:"framework"`
	// Controls are sorted naturally by id (1.2 before 1.10).
	Controls []ComplianceControl `json:"controls"`
	// Passed and Failed count the controls.
	Passed int `json:"passed"`
	Failed int `json:"failed"`
}

// ComplianceControl is one control of a framework: the evaluated rules
// mapped to it, and how they fared.
type ComplianceControl struct {
	ID string `json:"id"`
	// Status is ControlFail when a finding of one of its rules counts
	// towards the gate, else ControlPass.
	Status string `json:"status"`
	// Rules are the ids of the evaluated rules mapped to the control,
	// sorted; FailedRules those of them with a finding that counts.
	Rules       []string `json:"rules"`
	FailedRules []string `json:"failed_rules,omitempty"`
	// Passed and Failed count the rules: Failed those with at least one
	// finding that counts towards the gate, Passed the rest.
	Passed int `json:"passed"`
	Failed int `json:"failed"`
	// Findings counts the findings of its rules that count towards the
	// gate; Suppressed and Baselined those that do not, which never fail
	// the control.
	Findings   int `json:"findings"`
	Suppressed int `json:"suppressed,omitempty"`
	Baselined  int `json:"baselined,omitempty"`
}

// Control statuses.
const (
	ControlPass = "PASS"
	ControlFail = "FAIL"
)

// Tool names the scanner.
type Tool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
	URI     string `json:"uri,omitempty"`
}

// Finding is one rule violated by one resource.
type Finding struct {
	RuleID   string   `json:"rule_id"`
	Title    string   `json:"title"`
	Severity string   `json:"severity"`
	Category string   `json:"category"`
	Message  string   `json:"message"`
	Resource string   `json:"resource"`
	Location Location `json:"location"`
	// Fingerprint identifies the finding across runs: it is built from the
	// rule, the resource address and the offending attribute, never from
	// line numbers, so it survives edits of unrelated lines.
	Fingerprint string `json:"fingerprint"`
	// Related are other places that explain the finding, such as the
	// module call whose instance holds the resource.
	Related []RelatedLocation `json:"related,omitempty"`
	// Suppression is set when an exception covers the finding: it stays in
	// the report but does not count towards the gate.
	Suppression *Suppression `json:"suppression,omitempty"`
	// InBaseline is true when the finding's fingerprint is in the baseline
	// report: it is known, so it does not count towards the gate.
	InBaseline bool `json:"in_baseline,omitempty"`
	// Code is the source the location points at (at most MaxCodeLines
	// lines), secrets masked, for reports that show it; empty for images.
	Code []CodeLine `json:"code,omitempty"`
	// Vulnerability is set on findings of category vulnerability: the
	// vulnerable package and its fix.
	Vulnerability *Vulnerability `json:"vulnerability,omitempty"`
}

// CategoryVulnerability is the category of known-vulnerability findings
// (rule id = the vulnerability id).
const CategoryVulnerability = "vulnerability"

// Vulnerability is a known vulnerability of a package, as the advisory
// database has it.
type Vulnerability struct {
	ID      string   `json:"id"`
	Aliases []string `json:"aliases,omitempty"`
	// Package, Version, Type and PURL name the vulnerable package.
	Package string `json:"package"`
	Version string `json:"version"`
	Type    string `json:"type,omitempty"`
	PURL    string `json:"purl,omitempty"`
	// FixedVersions are the versions that fix it; FixState is fixed,
	// not-fixed, wont-fix or unknown.
	FixedVersions []string `json:"fixed_versions,omitempty"`
	FixState      string   `json:"fix_state"`
	// CVSS are the advisory's scores.
	CVSS []CVSS `json:"cvss,omitempty"`
	// URL is the advisory's page.
	URL string `json:"url,omitempty"`
}

// CVSS is one CVSS score of an advisory.
type CVSS struct {
	Version string  `json:"version"`
	Vector  string  `json:"vector"`
	Score   float64 `json:"score"`
}

// CodeLine is one line of source.
type CodeLine struct {
	Number int    `json:"number"`
	Text   string `json:"text"`
}

// MaxCodeLines is the most source lines a finding carries.
const MaxCodeLines = 8

// RelatedLocation is a place related to a finding, and how.
type RelatedLocation struct {
	Message  string   `json:"message"`
	Location Location `json:"location"`
}

// Gated reports whether the finding counts towards the gate.
func (f *Finding) Gated() bool { return f.Suppression == nil && !f.InBaseline }

// Suppression is the exception that covers a finding.
type Suppression struct {
	// Kind is "inline" (a tollgate:ignore comment) or "config" (an entry of
	// the config file's exceptions).
	Kind    string `json:"kind"`
	Reason  string `json:"reason"`
	Owner   string `json:"owner,omitempty"`
	Expires string `json:"expires,omitempty"`
	// Source is where the exception is written: path:line.
	Source string `json:"source"`
}

// Exception is the outcome of one exception of the scan: what it would
// suppress, and what became of it.
type Exception struct {
	Suppression
	RuleID string `json:"rule_id"`
	// Status is "used" (it suppressed findings), "unused" (it matched
	// nothing: stale), "expired" (it matched but no longer suppresses) or
	// "ignored" (inline exceptions are forbidden).
	Status  string `json:"status"`
	Matched int    `json:"matched"`
}

// Exception statuses.
const (
	ExceptionUsed    = "used"
	ExceptionUnused  = "unused"
	ExceptionExpired = "expired"
	// ExceptionIgnored is an inline exception when inline exceptions are
	// forbidden (--no-inline-exceptions): reported, never applied.
	ExceptionIgnored = "ignored"
)

// Location is where a finding is: a file line range for IaC, an image
// reference and digest for images.
type Location struct {
	Path      string `json:"path,omitempty"`
	StartLine int    `json:"start_line,omitempty"`
	EndLine   int    `json:"end_line,omitempty"`
	Image     string `json:"image,omitempty"`
	Digest    string `json:"digest,omitempty"`
	// ImagePath and Layer locate a finding inside an image: the file's
	// path in the image and the diff id of the layer that holds it.
	ImagePath string `json:"image_path,omitempty"`
	Layer     string `json:"layer,omitempty"`
}

// String renders path:start-end or image@digest, followed by the path in
// the image when there is one: image@digest (/var/lib/dpkg/status).
func (l Location) String() string {
	if l.Image != "" {
		s := l.Image
		if l.Digest != "" {
			s += "@" + l.Digest
		}
		if l.ImagePath != "" {
			s += " (" + l.ImagePath + ")"
		}
		return s
	}
	switch {
	case l.StartLine == 0:
		return l.Path
	case l.EndLine > l.StartLine:
		return fmt.Sprintf("%s:%d-%d", l.Path, l.StartLine, l.EndLine)
	default:
		return fmt.Sprintf("%s:%d", l.Path, l.StartLine)
	}
}

// Error is an input that could not be read, parsed or evaluated.
type Error struct {
	// Path is the file or image reference concerned.
	Path string `json:"path"`
	// Line is the 1-based line of the problem, 0 when not tied to a line.
	Line    int    `json:"line,omitempty"`
	Message string `json:"message"`
}

func (e Error) String() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Message)
	}
	if e.Path == "" {
		return e.Message
	}
	return e.Path + ": " + e.Message
}

// Rule is the documentation of one policy rule.
type Rule struct {
	ID          string   `json:"id"`
	Title       string   `json:"title"`
	Description string   `json:"description,omitempty"`
	Severity    string   `json:"severity"`
	Category    string   `json:"category"`
	Remediation string   `json:"remediation,omitempty"`
	References  []string `json:"references,omitempty"`
	// HelpURI is the rule's documentation page (docs/rules for built-in
	// rules); reports link to it, else to the first reference.
	HelpURI string `json:"help_uri,omitempty"`
	// Frameworks maps a compliance framework to the controls the rule
	// checks (cis-aws-2.0: [2.1.5], nist-800-53: [AC-3]).
	Frameworks map[string][]string `json:"frameworks,omitempty"`
	// CVSSScore is the highest CVSS base score of a vulnerability rule,
	// 0 for none; SARIF's security-severity is taken from it.
	CVSSScore float64 `json:"cvss_score,omitempty"`
}

// Target is one input considered by the scan.
type Target struct {
	Path string `json:"path"`
	// Format is the scanner that read it ("terraform", "kubernetes",
	// "image"); empty when skipped.
	Format string `json:"format,omitempty"`
	// Status is "scanned", "skipped" or "failed".
	Status string `json:"status"`
	// Reason explains a skip or a failure.
	Reason    string `json:"reason,omitempty"`
	Resources int    `json:"resources"`
}

// Target statuses.
const (
	StatusScanned = "scanned"
	StatusSkipped = "skipped"
	StatusFailed  = "failed"
)

// Image describes a scanned image.
type Image struct {
	Reference string `json:"reference"`
	Digest    string `json:"digest"`
	Packages  int    `json:"packages"`
	// Platform (os/arch[/variant]) and Index (its digest) are set for an
	// image chosen from a multi-platform index.
	Platform string `json:"platform,omitempty"`
	Index    string `json:"index,omitempty"`
}

// Summary is the verdict and the counts behind it.
type Summary struct {
	// Result is "passed", "failed" (findings at or above the threshold) or
	// "error" (an input could not be evaluated).
	Result string `json:"result"`
	FailOn string `json:"fail_on"`
	// Counts maps severity to the number of findings that count towards
	// the gate (neither suppressed nor in the baseline).
	Counts map[string]int `json:"counts"`
	// Tripped names the thresholds that failed the gate, e.g. "high" or
	// "encryption=medium".
	Tripped        []string `json:"tripped,omitempty"`
	Suppressed     int      `json:"suppressed,omitempty"`
	Baselined      int      `json:"baselined,omitempty"`
	Findings       int      `json:"findings"`
	Errors         int      `json:"errors"`
	FilesScanned   int      `json:"files_scanned"`
	FilesSkipped   int      `json:"files_skipped"`
	FilesFailed    int      `json:"files_failed"`
	ImagesScanned  int      `json:"images_scanned"`
	Resources      int      `json:"resources"`
	RulesEvaluated int      `json:"rules_evaluated"`
	// Shard is set when the scan read one shard of its inputs
	// (tollgate scan --shard); tollgate merge combines the shards.
	Shard *Shard `json:"shard,omitempty"`
	// Checks are the checks the scan ran (policies, vulnerabilities,
	// secrets), and those it skipped with why.
	Checks []Check `json:"checks,omitempty"`
}

// Check is one kind of check a scan runs.
type Check struct {
	// Name is CheckPolicies, CheckVulnerabilities or CheckSecrets.
	Name string `json:"name"`
	// Status is CheckRan or CheckSkipped; Reason says why it was skipped.
	Status string `json:"status"`
	Reason string `json:"reason,omitempty"`
	// DBBuilt and DBSchema describe the vulnerability database matched
	// against (RFC 3339 build time, schema version).
	DBBuilt  string `json:"db_built,omitempty"`
	DBSchema string `json:"db_schema,omitempty"`
}

// Check names and statuses.
const (
	CheckPolicies        = "policies"
	CheckVulnerabilities = "vulnerabilities"
	CheckSecrets         = "secrets"
	CheckRan             = "ran"
	CheckSkipped         = "skipped"
)

// Shard names one part of a scan dealt to several runners: Index of
// Total, from 1.
type Shard struct {
	Index int `json:"index"`
	Total int `json:"total"`
}

// Verdicts.
const (
	ResultPassed = "passed"
	ResultFailed = "failed"
	ResultError  = "error"
)

// Signature records what was signed, or why nothing was.
type Signature struct {
	Signed []SignedImage `json:"signed,omitempty"`
	// Skipped says why signing did not happen.
	Skipped string `json:"skipped,omitempty"`
}

// SignedImage is an image whose signature was pushed.
type SignedImage struct {
	Reference string `json:"reference"`
	Digest    string `json:"digest"`
	Signature string `json:"signature"`
	// Identity and Issuer are the certificate identity and OIDC issuer of
	// a keyless signature; absent for a key.
	Identity string `json:"identity,omitempty"`
	Issuer   string `json:"issuer,omitempty"`
	// Tlog is the signature's entry in a Rekor transparency log (keyless).
	Tlog *TlogEntry `json:"tlog,omitempty"`
}

// TlogEntry is a signature's entry in a Rekor transparency log.
type TlogEntry struct {
	URL            string    `json:"url"`
	UUID           string    `json:"uuid,omitempty"`
	LogIndex       int64     `json:"log_index"`
	IntegratedTime time.Time `json:"integrated_time"`
	// InclusionProof says whether the log returned a Merkle inclusion
	// proof with the entry (public-good Rekor does).
	InclusionProof bool `json:"inclusion_proof"`
}

// Sort orders findings, errors and rules deterministically.
func (r *Report) Sort() {
	sort.SliceStable(r.Findings, func(i, j int) bool {
		a, b := r.Findings[i], r.Findings[j]
		if a.Location.Image != b.Location.Image {
			return a.Location.Image < b.Location.Image
		}
		if a.Location.Path != b.Location.Path {
			return a.Location.Path < b.Location.Path
		}
		if a.Location.StartLine != b.Location.StartLine {
			return a.Location.StartLine < b.Location.StartLine
		}
		if a.RuleID != b.RuleID {
			return a.RuleID < b.RuleID
		}
		return a.Fingerprint < b.Fingerprint
	})
	sort.SliceStable(r.Errors, func(i, j int) bool {
		if r.Errors[i].Path != r.Errors[j].Path {
			return r.Errors[i].Path < r.Errors[j].Path
		}
		return r.Errors[i].Line < r.Errors[j].Line
	})
	sort.SliceStable(r.Warnings, func(i, j int) bool {
		if r.Warnings[i].Path != r.Warnings[j].Path {
			return r.Warnings[i].Path < r.Warnings[j].Path
		}
		return r.Warnings[i].Line < r.Warnings[j].Line
	})
	sort.Slice(r.Rules, func(i, j int) bool { return r.Rules[i].ID < r.Rules[j].ID })
	sort.SliceStable(r.Targets, func(i, j int) bool { return r.Targets[i].Path < r.Targets[j].Path })
}

// Writer writes a report in one format.
type Writer func(w io.Writer, r *Report) error

// Formats maps each format name to its writer.
var Formats = map[string]Writer{
	"table":    WriteTable,
	"json":     WriteJSON,
	"sarif":    WriteSARIF,
	"junit":    WriteJUnit,
	"markdown": WriteMarkdown,
	"github":   WriteGitHub,
	"html":     WriteHTML,
	"outputs":  WriteOutputs,
}

// FormatNames lists the supported formats, sorted.
func FormatNames() []string {
	names := make([]string, 0, len(Formats))
	for n := range Formats {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// How the gate treats a finding, as the writers mark it: a gated finding
// counts towards the gate; a suppressed or baselined one is reported,
// marked, and never fails it.
const (
	findingGated      = "gated"
	findingSuppressed = "suppressed"
	findingBaselined  = "baseline"
)

// findingStatus is findingGated, findingSuppressed or findingBaselined. A
// suppression wins over the baseline, as the gate counts it.
func findingStatus(f Finding) string {
	switch {
	case f.Suppression != nil:
		return findingSuppressed
	case f.InBaseline:
		return findingBaselined
	}
	return findingGated
}

// notGatedNote says why f does not count towards the gate:
// "suppressed: REASON (SOURCE)" or "in baseline"; "" when it counts.
func notGatedNote(f Finding) string {
	switch findingStatus(f) {
	case findingSuppressed:
		note := "suppressed"
		if f.Suppression.Reason != "" {
			note += ": " + f.Suppression.Reason
		}
		if f.Suppression.Source != "" {
			note += " (" + f.Suppression.Source + ")"
		}
		return note
	case findingBaselined:
		return "in baseline"
	}
	return ""
}

// gateSummary is the summary the writers print, with counts keyed by
// lower-case severity. It is r.Summary, which describes every finding of
// the scan even when r.Findings was filtered for display (FilterSeverity).
// A report whose summary was never computed (findings, but a summary of
// none) gets one counted from its findings as the gate counts them.
func gateSummary(r *Report) Summary {
	s := r.Summary
	counts := make(map[string]int, len(Severities))
	if s.Findings > 0 || len(r.Findings) == 0 {
		for sev, n := range s.Counts {
			counts[strings.ToLower(sev)] += n
		}
		s.Counts = counts
		return s
	}
	s.Suppressed, s.Baselined = 0, 0
	for _, f := range r.Findings {
		switch findingStatus(f) {
		case findingSuppressed:
			s.Suppressed++
		case findingBaselined:
			s.Baselined++
		default:
			counts[strings.ToLower(f.Severity)]++
		}
	}
	s.Counts = counts
	s.Findings = len(r.Findings)
	return s
}

// otherCount is the number of gated findings whose severity is none of
// Severities.
func otherCount(counts map[string]int) int {
	n := 0
	for sev, c := range counts {
		if SeverityRank(sev) == 0 {
			n += c
		}
	}
	return n
}

// notGatedParts is "N suppressed" and "M in baseline", each when not zero.
func notGatedParts(s Summary) []string {
	var parts []string
	if s.Suppressed > 0 {
		parts = append(parts, fmt.Sprintf("%d suppressed", s.Suppressed))
	}
	if s.Baselined > 0 {
		parts = append(parts, fmt.Sprintf("%d in baseline", s.Baselined))
	}
	return parts
}

// notGatedLine is "N suppressed, M in baseline (not gated)", "" when every
// finding counts towards the gate.
func notGatedLine(s Summary) string {
	parts := notGatedParts(s)
	if len(parts) == 0 {
		return ""
	}
	return strings.Join(parts, ", ") + " (not gated)"
}

// exceptionRule is the rule an exception covers, "any" when it names none
// (an exception by path or resource only).
func exceptionRule(e Exception) string {
	return firstNonEmpty(e.RuleID, "any")
}

// imageRefs is the set of image references the report scanned, to tell an
// error about an image from an error about a file.
func imageRefs(r *Report) map[string]bool {
	images := make(map[string]bool)
	for _, t := range r.Targets {
		if t.Format == "image" {
			images[t.Path] = true
		}
	}
	for _, img := range r.Images {
		images[img.Reference] = true
	}
	return images
}
