package report

import (
	"bytes"
	"fmt"
	"io"
	"strings"
)

// WriteGitHub writes r as GitHub Actions workflow commands, one line each,
// which the runner turns into annotations on the pull request diff: first
// one ::error per report error, then one command per gated finding, most severe
// first, at most GitHubAnnotationsPerLevel of each level (what GitHub shows
// per step) and then one notice counting the findings left out:
//
//	::error file=PATH,line=START,endLine=END,title=RULE_ID TITLE::MESSAGE
//
// critical and high findings are ::error, medium ::warning, low and info
// ::notice. Suppressed and baselined findings get no annotation: they are
// accepted, and the other reports list them. Image findings have no file:
// the image reference and digest open the message. Values are escaped as
// the runner expects (% \r \n, and : , in properties), so a message cannot
// end the command or start another.
func WriteGitHub(w io.Writer, r *Report) error {
	p, err := prepare(r)
	if err != nil {
		return err
	}
	images := imageRefs(p)
	var b bytes.Buffer
	for _, e := range p.Errors {
		props := []string{}
		if e.Path != "" && !images[e.Path] {
			props = append(props, "file="+ghProperty(e.Path))
			if e.Line > 0 {
				props = append(props, fmt.Sprintf("line=%d", e.Line))
			}
		}
		props = append(props, "title="+ghProperty(firstNonEmpty(p.Tool.Name, "tollgate")+" error"))
		msg := firstNonEmpty(e.Message, "error")
		if images[e.Path] {
			msg = e.Path + ": " + msg
		}
		writeCommand(&b, "error", props, msg)
	}
	for _, e := range p.Warnings {
		props := []string{}
		if e.Path != "" && !images[e.Path] {
			props = append(props, "file="+ghProperty(e.Path))
			if e.Line > 0 {
				props = append(props, fmt.Sprintf("line=%d", e.Line))
			}
		}
		props = append(props, "title="+ghProperty(firstNonEmpty(p.Tool.Name, "tollgate")+" warning"))
		writeCommand(&b, "warning", props, firstNonEmpty(e.Message, "warning"))
	}
	// GitHub shows at most GitHubAnnotationsPerLevel annotations of each
	// level per step and drops the rest silently: the most severe are
	// written, and one notice (room is kept for it) says how many were not
	// and where they are.
	shown := map[string]int{"error": len(p.Errors), "warning": len(p.Warnings)}
	left := map[string]int{}
	for _, f := range bySeverity(p.Findings) {
		if !f.Gated() {
			continue
		}
		level := githubLevel(f.Severity)
		limit := GitHubAnnotationsPerLevel
		if level == "notice" {
			limit-- // the summary notice
		}
		if shown[level] >= limit {
			left[level]++
			continue
		}
		shown[level]++
		var props []string
		msg := firstNonEmpty(f.Message, f.Title, f.RuleID)
		switch l := f.Location; {
		case l.Image != "":
			msg = l.String() + ": " + msg
		case l.Path != "":
			// prepare has made the line range complete.
			props = append(props, "file="+ghProperty(l.Path),
				fmt.Sprintf("line=%d", l.StartLine), fmt.Sprintf("endLine=%d", l.EndLine))
		}
		props = append(props, "title="+ghProperty(strings.TrimSpace(f.RuleID+" "+f.Title)))
		writeCommand(&b, level, props, msg)
	}
	if n := left["error"] + left["warning"] + left["notice"]; n > 0 {
		var parts []string
		for _, level := range []string{"error", "warning", "notice"} {
			if left[level] > 0 {
				parts = append(parts, fmt.Sprintf("%d %s", left[level], level))
			}
		}
		writeCommand(&b, "notice", []string{"title=" + ghProperty(firstNonEmpty(p.Tool.Name, "tollgate")+": more findings")},
			fmt.Sprintf("%s not annotated (GitHub shows %d annotations of each level per step): %s; every finding is in the SARIF report (code scanning) and the step summary",
				plural(n, "finding"), GitHubAnnotationsPerLevel, strings.Join(parts, ", ")))
	}
	_, err = w.Write(b.Bytes())
	return err
}

// GitHubAnnotationsPerLevel is how many annotations of one level (error,
// warning, notice) GitHub shows for a step.
const GitHubAnnotationsPerLevel = 10

// githubLevel maps a severity to a workflow command.
func githubLevel(severity string) string { return severityBand(severity, "error", "warning", "notice") }

func writeCommand(b *bytes.Buffer, command string, props []string, message string) {
	b.WriteString("::" + command)
	if len(props) > 0 {
		b.WriteString(" " + strings.Join(props, ","))
	}
	b.WriteString("::" + ghData(message) + "\n")
}

// ghData escapes a workflow command's message as the runner unescapes it:
// % first, then CR and LF. Other control characters, which the runner would
// print raw into the log, are escaped as the table format does.
func ghData(s string) string {
	s = strings.ReplaceAll(s, "%", "%25")
	s = strings.ReplaceAll(s, "\r", "%0D")
	s = strings.ReplaceAll(s, "\n", "%0A")
	return clean(s)
}

// ghProperty escapes a workflow command's property value: as data, and ":"
// and "," too, which would otherwise end the property.
func ghProperty(s string) string {
	s = ghData(s)
	s = strings.ReplaceAll(s, ":", "%3A")
	return strings.ReplaceAll(s, ",", "%2C")
}
