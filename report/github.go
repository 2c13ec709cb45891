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
// first (GitHub shows only the first annotations of each level per step):
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
	for _, f := range bySeverity(p.Findings) {
		if !f.Gated() {
			continue
		}
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
		writeCommand(&b, githubLevel(f.Severity), props, msg)
	}
	_, err = w.Write(b.Bytes())
	return err
}

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
