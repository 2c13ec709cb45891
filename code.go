package tollgate

import (
	"bytes"
	"io/fs"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/tollgate/tollgate/report"
	"github.com/tollgate/tollgate/scanners"
)

// maxCodeLineLen is the longest source line a finding shows; longer ones
// are cut (minified JSON would otherwise fill a report with one line).
const maxCodeLineLen = 240

// attachCode gives each file finding the source lines it points at, read
// through the confined root like every input, with secrets masked: the
// values the masker knows, and on each line the value of any key named
// like a credential, whatever its length (a short password is still not
// shown where it stands as the attribute's value).
func attachCode(rep *report.Report, root string, m *masker) {
	fsys, err := scanners.OpenRoot(root)
	if err != nil {
		return // the findings keep their locations; code is a courtesy
	}
	defer fsys.Close()
	codeLines(fsys, rep.Findings, m)
}

// codeLines gives findings their source lines read from fsys. A finding
// that has them already (replayed from the cache, masked when stored) has
// them masked again with m, which may know more secrets.
func codeLines(fsys fs.FS, findings []report.Finding, m *masker) {
	files := map[string][][]byte{}
	for i := range findings {
		f := &findings[i]
		if len(f.Code) > 0 {
			for j := range f.Code {
				f.Code[j].Text = m.mask(f.Code[j].Text)
			}
			continue
		}
		l := f.Location
		if l.Path == "" || l.Image != "" || l.StartLine < 1 {
			continue
		}
		lines, seen := files[l.Path]
		if !seen {
			if b, err := fs.ReadFile(fsys, l.Path); err == nil && utf8.Valid(b) {
				lines = bytes.Split(b, []byte("\n"))
			}
			files[l.Path] = lines
		}
		end := min(max(l.EndLine, l.StartLine), l.StartLine+report.MaxCodeLines-1, len(lines))
		for n := l.StartLine; n <= end; n++ {
			// Masked before it is cut: a cut through a secret would leave
			// a part of it the masker no longer recognises.
			text := m.mask(maskAssignedSecret(strings.TrimRight(string(lines[n-1]), "\r")))
			if len(text) > maxCodeLineLen {
				text = strings.ToValidUTF8(text[:maxCodeLineLen], "") + "…"
			}
			f.Code = append(f.Code, report.CodeLine{Number: n, Text: text})
		}
	}
}

// assignmentRE finds `key = value`, `key: value` and `"key": value` at the
// start of a line: HCL, YAML (list items too), JSON and .env spellings.
var assignmentRE = regexp.MustCompile(`^(\s*(?:-\s+)?["']?)([A-Za-z_][A-Za-z0-9_.-]*)(["']?\s*[:=]\s*)(.*)$`)

// referenceRE matches a value that names another value rather than being
// one: var.x, local.y, aws_x.y.z, ${VAR}, {{ .Values.x }}, !Ref X.
var referenceRE = regexp.MustCompile(`^(\$\{|\{\{|!|[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z0-9_\[\]"-]+)+$)`)

// maskAssignedSecret masks the value of a key named like a credential on
// one line of source, whatever the value's length.
func maskAssignedSecret(line string) string {
	m := assignmentRE.FindStringSubmatch(line)
	if m == nil || !scanners.SecretName(m[2]) {
		return line
	}
	prefix := m[1] + m[2] + m[3]
	rest := m[4]
	var value, tail string
	if rest != "" && (rest[0] == '"' || rest[0] == '\'') {
		end := strings.IndexByte(rest[1:], rest[0])
		if end < 0 {
			end = len(rest) - 1
		}
		value, tail = rest[1:1+end], rest[1+end:]
		prefix += rest[:1]
	} else {
		end := strings.IndexAny(rest, ",#")
		if end < 0 {
			end = len(rest)
		}
		value = strings.TrimRight(rest[:end], " ")
		tail = rest[len(value):]
	}
	if value == "" || referenceRE.MatchString(value) {
		return line
	}
	return prefix + "****" + tail
}
