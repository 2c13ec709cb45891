package report

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"
	"unicode"

	"golang.org/x/term"
)

// WriteTable writes r as text for a terminal: the findings grouped by
// target (file or image), the most severe first, each as a block: its
// severity, rule and title; its resource and location; the message; the
// fix and a link from the rule's documentation; and the source lines it
// points at, numbered. A suppressed finding's severity reads "HIGH
// (suppressed)" and its message ends with the exception's source and
// reason, a baselined one's "HIGH (baseline)". Then the errors, the
// exceptions that were not applied (expired, unused, ignored), and a
// one-line summary with the numbers of the verdict (see summaryLine). Text
// taken from scanned inputs is printed with control characters escaped, so
// a hostile file cannot drive the terminal. Severities and the result are
// coloured when w is a terminal and neither NO_COLOR (https://no-color.org)
// nor TERM=dumb says otherwise; see WriteTableColor.
func WriteTable(w io.Writer, r *Report) error {
	return WriteTableColor(w, r, terminalColor(w, os.LookupEnv))
}

// WriteTableColor writes r as WriteTable does, with ANSI colours when color
// is true: severities, the result and the headings. Colour never changes the
// text: without the escape sequences the output is the plain table.
func WriteTableColor(w io.Writer, r *Report, color bool) error {
	p, err := prepare(r)
	if err != nil {
		return err
	}
	rules := make(map[string]Rule, len(p.Rules))
	for _, rule := range p.Rules {
		rules[rule.ID] = rule
	}
	var buf bytes.Buffer
	if len(p.Findings) == 0 {
		buf.WriteString("No findings.\n")
	}
	formats := make(map[string]string, len(p.Targets))
	for _, t := range p.Targets {
		formats[t.Path] = t.Format
	}
	for start := 0; start < len(p.Findings); {
		target := findingTarget(p.Findings[start])
		end := start + 1
		for end < len(p.Findings) && findingTarget(p.Findings[end]) == target {
			end++
		}
		if start > 0 {
			buf.WriteByte('\n')
		}
		heading := target
		if f := formats[target]; f != "" {
			heading += " (" + f + ")"
		}
		buf.WriteString(paint(color, ansiBold, clean(heading)) + "\n")
		group := append([]Finding(nil), p.Findings[start:end]...)
		sort.SliceStable(group, func(i, j int) bool {
			return SeverityRank(group[i].Severity) > SeverityRank(group[j].Severity)
		})
		for _, f := range group {
			writeFinding(&buf, f, rules[f.RuleID], color)
		}
		start = end
	}
	if len(p.Errors) > 0 {
		buf.WriteString("\n" + paint(color, ansiBoldRed, "ERRORS") + "\n")
		for _, e := range p.Errors {
			buf.WriteString(clean(e.String()) + "\n")
		}
	}
	if len(p.Warnings) > 0 {
		buf.WriteString("\n" + paint(color, ansiYellow, "WARNINGS") + "\n")
		for _, e := range p.Warnings {
			buf.WriteString(clean(e.String()) + "\n")
		}
	}
	if err := writeTableExceptions(&buf, p.Exceptions, color); err != nil {
		return err
	}
	line := summaryLine(p)
	if color {
		// The result closes the line: colour it.
		result := clean(firstNonEmpty(p.Summary.Result, "unknown"))
		line = strings.TrimSuffix(line, result) + paint(true, resultColor(p.Summary.Result), result)
	}
	buf.WriteString("\n" + line + "\n")
	_, err = w.Write(buf.Bytes())
	return err
}

// writeFinding writes one finding's block:
//
//	HIGH  TG-AWS-001  S3 bucket ACL grants public access
//	  aws_s3_bucket.site · infra/main.tf:12
//	  S3 bucket "site" ACL is public-read
//	  Fix: Set acl = "private".
//	  See: https://...
//	    12 |   acl = "public-read"
func writeFinding(buf *bytes.Buffer, f Finding, rule Rule, color bool) {
	label, code := strings.ToUpper(clean(f.Severity)), severityColor(f.Severity)
	if status := findingStatus(f); status != findingGated {
		// Not gated: marked, and dimmed rather than alarming.
		label += " (" + status + ")"
		code = ansiDim
	}
	title := firstNonEmpty(f.Title, rule.Title)
	buf.WriteString("\n" + paint(color, code, label) + "  " + paint(color, ansiBold, clean(f.RuleID)))
	if title != "" {
		buf.WriteString("  " + clean(title))
	}
	buf.WriteByte('\n')
	where := clean(tableLocation(f.Location))
	if f.Resource != "" && f.Resource != f.Location.Image {
		where = clean(f.Resource) + " · " + where
	}
	buf.WriteString("  " + paint(color, ansiDim, where) + "\n")
	buf.WriteString("  " + clean(tableMessage(f)) + "\n")
	if fix := strings.TrimSpace(rule.Remediation); fix != "" {
		buf.WriteString("  Fix: " + clean(fix) + "\n")
	}
	if link := ruleLink(rule); link != "" {
		buf.WriteString("  See: " + clean(link) + "\n")
	}
	width := 0
	for _, c := range f.Code {
		width = max(width, len(strconv.Itoa(c.Number)))
	}
	for _, c := range f.Code {
		buf.WriteString(paint(color, ansiDim, fmt.Sprintf("    %*d | ", width, c.Number)) + clean(c.Text) + "\n")
	}
}

// ruleLink is where a rule is documented: its page, else its first
// reference that is a URL.
func ruleLink(r Rule) string {
	if absoluteURL(r.HelpURI) {
		return r.HelpURI
	}
	for _, ref := range r.References {
		if absoluteURL(ref) {
			return ref
		}
	}
	return ""
}

// tableMessage is the finding's message, followed for a suppressed finding
// by the exception that covers it: "[exception SOURCE: REASON]".
func tableMessage(f Finding) string {
	s := f.Suppression
	if s == nil {
		return f.Message
	}
	where := "exception"
	if s.Source != "" {
		where += " " + s.Source
	}
	return f.Message + " [" + where + ": " + firstNonEmpty(s.Reason, "no reason") + "]"
}

// writeTableExceptions writes the exceptions that suppressed nothing, so
// stale ones are seen: expired (they matched findings, which now count),
// unused (they matched nothing) and ignored (inline exceptions forbidden).
// Nothing when every exception was used.
func writeTableExceptions(buf *bytes.Buffer, exceptions []Exception, color bool) error {
	var stale []Exception
	for _, e := range exceptions {
		if e.Status != ExceptionUsed {
			stale = append(stale, e)
		}
	}
	if len(stale) == 0 {
		return nil
	}
	buf.WriteString("\n" + paint(color, ansiBold, "EXCEPTIONS") + "\n")
	var block bytes.Buffer
	tw := tabwriter.NewWriter(&block, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "STATUS\tRULE\tSOURCE\tREASON")
	for _, e := range stale {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", clean(e.Status), clean(exceptionRule(e)),
			clean(firstNonEmpty(e.Source, "-")), clean(exceptionDetail(e)))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	header, rows, _ := strings.Cut(block.String(), "\n")
	buf.WriteString(paint(color, ansiDim, header) + "\n" + rows)
	return nil
}

// exceptionDetail is an exception's reason with its owner, expiry and the
// findings it matched: "REASON (owner OWNER, expired DATE, matched N)".
func exceptionDetail(e Exception) string {
	var extra []string
	if e.Owner != "" {
		extra = append(extra, "owner "+e.Owner)
	}
	if e.Expires != "" {
		verb := "expires "
		if e.Status == ExceptionExpired {
			verb = "expired "
		}
		extra = append(extra, verb+e.Expires)
	}
	if e.Matched > 0 {
		extra = append(extra, fmt.Sprintf("matched %d", e.Matched))
	}
	detail := firstNonEmpty(e.Reason, "no reason")
	if len(extra) > 0 {
		detail += " (" + strings.Join(extra, ", ") + ")"
	}
	return detail
}

// ANSI SGR sequences used by the table.
const (
	ansiReset   = "\x1b[0m"
	ansiBold    = "\x1b[1m"
	ansiDim     = "\x1b[2m"
	ansiRed     = "\x1b[31m"
	ansiBoldRed = "\x1b[1;31m"
	ansiGreen   = "\x1b[32m"
	ansiYellow  = "\x1b[33m"
	ansiBlue    = "\x1b[34m"
	ansiMagenta = "\x1b[1;35m"
	ansiCyan    = "\x1b[36m"
)

// severityColor is the colour of a severity: critical bold magenta, high
// red, medium yellow, low blue, info cyan; none for anything else.
func severityColor(severity string) string {
	switch strings.ToLower(severity) {
	case SeverityCritical:
		return ansiMagenta
	case SeverityHigh:
		return ansiRed
	case SeverityMedium:
		return ansiYellow
	case SeverityLow:
		return ansiBlue
	case SeverityInfo:
		return ansiCyan
	}
	return ""
}

// resultColor is the colour of a verdict: passed green, failed red, error
// bold red.
func resultColor(result string) string {
	switch result {
	case ResultPassed:
		return ansiGreen
	case ResultFailed:
		return ansiRed
	case ResultError:
		return ansiBoldRed
	}
	return ""
}

// paint wraps s in the SGR sequence code and a reset, when color is on and
// there is a code.
func paint(color bool, code, s string) string {
	if !color || code == "" || s == "" {
		return s
	}
	return code + s + ansiReset
}

// terminalColor reports whether WriteTable colours its output to w: only
// when w is a terminal, NO_COLOR is unset or empty (https://no-color.org)
// and TERM is not "dumb". lookupEnv is os.LookupEnv outside tests.
func terminalColor(w io.Writer, lookupEnv func(string) (string, bool)) bool {
	f, ok := w.(*os.File)
	if !ok || f == nil || !term.IsTerminal(int(f.Fd())) {
		return false
	}
	return colorAllowed(lookupEnv)
}

// colorAllowed reads the environment's colour conventions.
func colorAllowed(lookupEnv func(string) (string, bool)) bool {
	if v, ok := lookupEnv("NO_COLOR"); ok && v != "" {
		return false
	}
	if v, _ := lookupEnv("TERM"); v == "dumb" {
		return false
	}
	return true
}

// findingTarget is the file or image a finding belongs to.
func findingTarget(f Finding) string {
	if f.Location.Image != "" {
		return f.Location.Image
	}
	return f.Location.Path
}

// tableLocation is Location.String with the image digest shortened to 12
// hex digits, as docker prints it; the JSON and SARIF reports have it whole.
func tableLocation(l Location) string {
	if l.Image == "" || l.Digest == "" {
		return l.String()
	}
	if strings.Contains(l.Image, "@") {
		return l.Image
	}
	d := l.Digest
	if algo, hex, ok := strings.Cut(d, ":"); ok && len(hex) > 12 {
		d = algo + ":" + hex[:12]
	}
	return l.Image + "@" + d
}

// summaryLine renders the numbers of the verdict: "N findings (critical:
// a, high: b, medium: c, low: d; S suppressed, B in baseline) · M errors ·
// result: R". The counts by severity are the summary's, those of the gated
// findings, so with the suppressed and baselined ones they add up to N;
// info and other severities appear when not zero, suppressed and baseline
// too. When the findings listed are fewer than the summary's (filtered for
// display with FilterSeverity), "(showing L of N)" follows.
func summaryLine(r *Report) string {
	s := gateSummary(r)
	parts := make([]string, 0, len(Severities)+1)
	for _, sev := range Severities {
		if sev == SeverityInfo && s.Counts[sev] == 0 {
			continue
		}
		parts = append(parts, fmt.Sprintf("%s: %d", sev, s.Counts[sev]))
	}
	if n := otherCount(s.Counts); n > 0 {
		parts = append(parts, fmt.Sprintf("other: %d", n))
	}
	detail := strings.Join(parts, ", ")
	if extra := notGatedParts(s); len(extra) > 0 {
		detail += "; " + strings.Join(extra, ", ")
	}
	found := fmt.Sprintf("%s (%s)", plural(s.Findings, "finding"), detail)
	if len(r.Findings) != s.Findings {
		found += fmt.Sprintf(" (showing %d of %d)", len(r.Findings), s.Findings)
	}
	errs := plural(len(r.Errors), "error")
	if len(r.Warnings) > 0 {
		errs += " · " + plural(len(r.Warnings), "warning")
	}
	return fmt.Sprintf("%s · %s · result: %s", found, errs,
		clean(firstNonEmpty(s.Result, "unknown")))
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// clean makes s one line of printable text: tabs and line breaks become
// spaces, other control characters (ESC, BEL, C1 codes) are escaped as \xNN
// and bidirectional overrides as \uNNNN, so text cannot be reordered either.
func clean(s string) string {
	if strings.IndexFunc(s, unsafeRune) < 0 {
		return s
	}
	var b strings.Builder
	for _, c := range s {
		switch {
		case c == '\t' || c == '\n' || c == '\r':
			b.WriteByte(' ')
		case !unsafeRune(c):
			b.WriteRune(c)
		case c <= 0xff:
			fmt.Fprintf(&b, `\x%02x`, c)
		default:
			fmt.Fprintf(&b, `\u%04x`, c)
		}
	}
	return b.String()
}

func unsafeRune(c rune) bool {
	return unicode.IsControl(c) || unicode.Is(unicode.Bidi_Control, c)
}
