package report

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"unicode"

	"golang.org/x/term"
)

// WriteTable writes r as text for a terminal: the findings grouped by
// target (file or image), one row each (SEVERITY, RULE, LOCATION, MESSAGE),
// then the errors, then a one-line summary. Text taken from scanned inputs is
// printed with control characters escaped, so a hostile file cannot drive
// the terminal. Severities and the result are coloured when w is a terminal
// and neither NO_COLOR (https://no-color.org) nor TERM=dumb says otherwise;
// see WriteTableColor.
func WriteTable(w io.Writer, r *Report) error {
	return WriteTableColor(w, r, terminalColor(w, os.LookupEnv))
}

// WriteTableColor writes r as WriteTable does, with ANSI colours when color
// is true: severities, the result and the headings. Colour never changes the
// text or its alignment: without the escape sequences the output is the
// plain table.
func WriteTableColor(w io.Writer, r *Report, color bool) error {
	p, err := prepare(r)
	if err != nil {
		return err
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
		if err := writeFindingRows(&buf, p.Findings[start:end], color); err != nil {
			return err
		}
		start = end
	}
	if len(p.Errors) > 0 {
		buf.WriteString("\n" + paint(color, ansiBoldRed, "ERRORS") + "\n")
		for _, e := range p.Errors {
			buf.WriteString(clean(e.String()) + "\n")
		}
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

// writeFindingRows writes the header and one aligned row per finding. The
// columns are laid out on plain text; colour is added afterwards, so escape
// sequences do not count in the column widths.
func writeFindingRows(buf *bytes.Buffer, findings []Finding, color bool) error {
	var block bytes.Buffer
	tw := tabwriter.NewWriter(&block, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "SEVERITY\tRULE\tLOCATION\tMESSAGE")
	labels := make([]string, len(findings))
	for i, f := range findings {
		labels[i] = strings.ToUpper(clean(f.Severity))
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", labels[i], clean(f.RuleID),
			clean(tableLocation(f.Location)), clean(f.Message))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if !color {
		buf.Write(block.Bytes())
		return nil
	}
	lines := strings.SplitAfter(block.String(), "\n")
	for i, line := range lines {
		switch {
		case line == "":
		case i == 0:
			body := strings.TrimSuffix(line, "\n")
			buf.WriteString(paint(true, ansiDim, body) + "\n")
		default:
			label := labels[i-1]
			buf.WriteString(paint(true, severityColor(label), label) + line[len(label):])
		}
	}
	return nil
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

// summaryLine renders "N findings (critical: a, high: b, medium: c, low: d)
// · M errors · result: R", with ", info: e" when there are info findings.
// The counts are those of the findings listed above it.
func summaryLine(r *Report) string {
	counts := make(map[string]int, len(Severities))
	for _, f := range r.Findings {
		counts[strings.ToLower(f.Severity)]++
	}
	parts := make([]string, 0, len(Severities))
	for _, s := range Severities {
		if s == SeverityInfo && counts[s] == 0 {
			continue
		}
		parts = append(parts, fmt.Sprintf("%s: %d", s, counts[s]))
	}
	result := r.Summary.Result
	if result == "" {
		result = "unknown"
	}
	return fmt.Sprintf("%s (%s) · %s · result: %s",
		plural(len(r.Findings), "finding"), strings.Join(parts, ", "),
		plural(len(r.Errors), "error"), clean(result))
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
