package report

import (
	"bytes"
	"fmt"
	"io"
	"sort"
	"strings"
)

// MarkdownMaxFindings caps the findings table of the Markdown report; the
// rows beyond it are counted in a last line. GitHub truncates a step summary
// over 1 MiB.
const MarkdownMaxFindings = 200

// WriteMarkdown writes r as GitHub-flavoured Markdown for a job summary
// ($GITHUB_STEP_SUMMARY) or a merge request comment: a heading with the
// verdict (PASSED, FAILED or ERROR), the counts by severity of the gated
// findings (the summary's, so a report filtered for display keeps them)
// with those that fail the gate marked and a line counting the suppressed
// and baselined ones, the findings most severe first (at most
// MarkdownMaxFindings rows, location as path#Lstart-Lend, a Status column
// saying why a finding is not gated), the errors, the exceptions with what
// became of each, the compliance view when there is one (a table per
// framework) and the signing result. Text from scanned inputs is escaped,
// so it cannot break the tables or inject markup.
func WriteMarkdown(w io.Writer, r *Report) error {
	p, err := prepare(r)
	if err != nil {
		return err
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "## %s: %s\n\n", mdText(firstNonEmpty(p.Tool.Name, "tollgate")), verdict(p.Summary.Result))
	b.WriteString(mdText(markdownOverview(p)) + "\n\n")
	writeMarkdownCounts(&b, p)
	writeMarkdownFindings(&b, p.Findings)
	if len(p.Errors) > 0 {
		b.WriteString("### Errors\n\n")
		for _, e := range p.Errors {
			b.WriteString("- " + markdownError(e) + "\n")
		}
		b.WriteByte('\n')
	}
	if len(p.Warnings) > 0 {
		b.WriteString("### Warnings\n\n")
		for _, e := range p.Warnings {
			b.WriteString("- " + markdownError(e) + "\n")
		}
		b.WriteByte('\n')
	}
	writeMarkdownExceptions(&b, p.Exceptions)
	writeMarkdownCompliance(&b, p.Compliance)
	b.WriteString("### Signing\n\n" + mdText(signingText(p.Signing)) + "\n")
	_, err = w.Write(b.Bytes())
	return err
}

// verdict is the upper-case result: PASSED, FAILED, ERROR (UNKNOWN when
// the report has none).
func verdict(result string) string {
	return strings.ToUpper(firstNonEmpty(clean(result), "unknown"))
}

// markdownOverview is the line under the heading: findings (with how many
// are shown when the report was filtered for display), errors, the gate
// threshold and what was read.
func markdownOverview(r *Report) string {
	s := gateSummary(r)
	found := plural(s.Findings, "finding")
	if len(r.Findings) != s.Findings {
		found += fmt.Sprintf(" (%d shown)", len(r.Findings))
	}
	parts := []string{found, plural(len(r.Errors), "error")}
	if r.Summary.FailOn != "" {
		parts = append(parts, "fail on "+r.Summary.FailOn)
	}
	parts = append(parts, fmt.Sprintf("%s scanned (%d skipped, %d failed)",
		plural(r.Summary.FilesScanned, "file"), r.Summary.FilesSkipped, r.Summary.FilesFailed))
	parts = append(parts, plural(r.Summary.ImagesScanned, "image")+" scanned")
	if r.Summary.RulesEvaluated > 0 {
		parts = append(parts, plural(r.Summary.RulesEvaluated, "rule")+" evaluated")
	}
	return strings.Join(parts, " · ")
}

// writeMarkdownCounts writes the gated findings by severity, as the gate
// counted them, then how many were suppressed or in the baseline.
func writeMarkdownCounts(b *bytes.Buffer, r *Report) {
	s := gateSummary(r)
	failRank := SeverityRank(s.FailOn)
	b.WriteString("| Severity | Findings | Gate |\n|---|---:|---|\n")
	for _, sev := range Severities {
		gate := ""
		if failRank > 0 && SeverityRank(sev) >= failRank {
			gate = "fails"
		}
		fmt.Fprintf(b, "| %s | %d | %s |\n", sev, s.Counts[sev], gate)
	}
	if n := otherCount(s.Counts); n > 0 {
		fmt.Fprintf(b, "| other | %d |  |\n", n)
	}
	b.WriteByte('\n')
	if line := notGatedLine(s); line != "" {
		b.WriteString(line + ".\n\n")
	}
}

func writeMarkdownFindings(b *bytes.Buffer, findings []Finding) {
	if len(findings) == 0 {
		b.WriteString("No findings.\n\n")
		return
	}
	b.WriteString("### Findings\n\n| Severity | Status | Rule | Location | Message |\n|---|---|---|---|---|\n")
	sorted := bySeverity(findings)
	for i, f := range sorted {
		if i == MarkdownMaxFindings {
			fmt.Fprintf(b, "\n… and %d more (see the full report).\n", len(sorted)-i)
			break
		}
		rule := mdText(strings.TrimSpace(f.RuleID + " " + f.Title))
		fmt.Fprintf(b, "| %s | %s | %s | %s | %s |\n", mdText(strings.ToLower(f.Severity)),
			mdText(notGatedNote(f)), rule, mdCode(markdownLocation(f.Location)), mdText(f.Message))
	}
	b.WriteByte('\n')
}

// writeMarkdownExceptions lists the exceptions with their status, so stale
// (unused) and expired ones are seen; nothing when there are none.
func writeMarkdownExceptions(b *bytes.Buffer, exceptions []Exception) {
	if len(exceptions) == 0 {
		return
	}
	b.WriteString("### Exceptions\n\n| Status | Rule | Matched | Source | Reason | Owner | Expires |\n" +
		"|---|---|---:|---|---|---|---|\n")
	for _, e := range exceptions {
		source := ""
		if e.Source != "" {
			source = mdCode(e.Source)
		}
		fmt.Fprintf(b, "| %s | %s | %d | %s | %s | %s | %s |\n", mdText(e.Status), mdText(exceptionRule(e)),
			e.Matched, source, mdText(e.Reason), mdText(e.Owner), mdText(e.Expires))
	}
	b.WriteByte('\n')
}

// MarkdownMaxFailedRules caps the failing rules a compliance control lists;
// the rest are counted.
const MarkdownMaxFailedRules = 5

// writeMarkdownCompliance writes a table per framework: each control with
// its status, its rules that passed and failed, the findings that count
// towards the gate (and those that do not), and the failing rules;
// nothing when the report has no compliance view.
func writeMarkdownCompliance(b *bytes.Buffer, views []Compliance) {
	if len(views) == 0 {
		return
	}
	b.WriteString("### Compliance\n\n")
	for _, v := range views {
		fmt.Fprintf(b, "#### %s\n\n%s\n\n", mdText(v.Framework), mdText(complianceLine(v)))
		if len(v.Controls) == 0 {
			continue
		}
		b.WriteString("| Control | Status | Rules passed | Rules failed | Findings | Failing rules |\n|---|---|---:|---:|---:|---|\n")
		for _, c := range v.Controls {
			fmt.Fprintf(b, "| %s | %s | %d | %d | %s | %s |\n", mdText(c.ID), mdText(c.Status), c.Passed, c.Failed,
				mdText(controlFindings(c)), mdText(failedRulesText(c.FailedRules, MarkdownMaxFailedRules)))
		}
		b.WriteByte('\n')
	}
}

// markdownLocation is path#Lstart-Lend (path#Lstart for one line), the
// anchor form GitHub uses for line ranges, or image@digest.
func markdownLocation(l Location) string {
	if l.Image != "" || l.StartLine == 0 {
		return l.String()
	}
	if l.EndLine > l.StartLine {
		return fmt.Sprintf("%s#L%d-L%d", l.Path, l.StartLine, l.EndLine)
	}
	return fmt.Sprintf("%s#L%d", l.Path, l.StartLine)
}

// markdownError is one item of the errors list: the file and line as code,
// then the message.
func markdownError(e Error) string {
	msg := mdText(firstNonEmpty(e.Message, "error"))
	if e.Path == "" {
		// A message starting with "1." or "-" must not open a nested list.
		if i := strings.IndexFunc(msg, func(c rune) bool { return c < '0' || c > '9' }); i >= 0 &&
			(i > 0 && (msg[i] == '.' || msg[i] == ')') || i == 0 && (msg[0] == '-' || msg[0] == '=')) {
			msg = msg[:i] + `\` + msg[i:]
		}
		return msg
	}
	loc := e.Path
	if e.Line > 0 {
		loc = fmt.Sprintf("%s:%d", e.Path, e.Line)
	}
	return mdCode(loc) + ": " + msg
}

// signingText says what was signed, or why nothing was.
func signingText(s *Signature) string {
	switch {
	case s == nil:
		return "Signing was not requested."
	case len(s.Signed) > 0:
		refs := make([]string, len(s.Signed))
		for i, img := range s.Signed {
			refs[i] = img.Reference
			if img.Digest != "" && !strings.Contains(img.Reference, "@") {
				refs[i] += "@" + img.Digest
			}
		}
		return "Signed: " + strings.Join(refs, ", ") + "."
	case s.Skipped != "":
		return "Not signed: " + s.Skipped + "."
	}
	return "Nothing was signed."
}

// bySeverity returns the findings most severe first, keeping the report's
// order (location, then rule) within a severity.
func bySeverity(findings []Finding) []Finding {
	sorted := append([]Finding(nil), findings...)
	sort.SliceStable(sorted, func(i, j int) bool {
		return SeverityRank(sorted[i].Severity) > SeverityRank(sorted[j].Severity)
	})
	return sorted
}

// mdText makes s inline Markdown text that renders as itself: one line
// (control characters escaped as in the table format), and every character
// that could start markup, an HTML tag, an entity or a table cell break
// backslash-escaped.
func mdText(s string) string {
	s = clean(s)
	var b strings.Builder
	for _, c := range s {
		if strings.ContainsRune("\\`*_{}[]<>()#+!|~&", c) {
			b.WriteByte('\\')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// mdCode makes s an inline code span inside a table cell: fenced with more
// backticks than it contains, and "|" escaped, the one character GitHub
// still reads inside a code span in a table.
func mdCode(s string) string {
	s = strings.ReplaceAll(clean(s), "|", `\|`)
	fence := "`"
	for strings.Contains(s, fence) {
		fence += "`"
	}
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		s = " " + s + " "
	}
	return fence + s + fence
}
