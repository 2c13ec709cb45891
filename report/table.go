package report

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"unicode"
)

// WriteTable writes r as plain text for a terminal: the findings grouped by
// target (file or image), one row each (SEVERITY, RULE, LOCATION, MESSAGE),
// then the errors, then a one-line summary. Text taken from scanned inputs is
// printed with control characters escaped, so a hostile file cannot drive
// the terminal.
func WriteTable(w io.Writer, r *Report) error {
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
		buf.WriteString(clean(heading) + "\n")
		tw := tabwriter.NewWriter(&buf, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "SEVERITY\tRULE\tLOCATION\tMESSAGE")
		for _, f := range p.Findings[start:end] {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", strings.ToUpper(clean(f.Severity)), clean(f.RuleID),
				clean(tableLocation(f.Location)), clean(f.Message))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		start = end
	}
	if len(p.Errors) > 0 {
		buf.WriteString("\nERRORS\n")
		for _, e := range p.Errors {
			buf.WriteString(clean(e.String()) + "\n")
		}
	}
	buf.WriteString("\n" + summaryLine(p) + "\n")
	_, err = w.Write(buf.Bytes())
	return err
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
