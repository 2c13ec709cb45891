package helm

import (
	"fmt"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"helm.sh/helm/v3/pkg/chart"
)

// Rendered lines are traced back to template lines with markers: before
// rendering, " #__tg<id>_<line>__" is appended to every line of every
// template (partials excepted) where text may be added; Go templates copy
// that text through to the output, so each rendered line carries the
// markers of the template lines it was made of. The first marker of a
// template's own id on a rendered line is its line; a line without one
// (text from include, toYaml, a define) takes the next marker below it,
// which is that of the line holding the action that produced it. The
// markers are stripped before the output is read.
//
// A marker is not added where it would change the output: inside a
// multi-line action ({{ ... }} or {{/* ... */}} across lines), after a
// trailing "-}}" (which trims the line break that follows it) and on blank
// lines (which a "{{-" below trims away); it goes before a line's trailing
// blanks, which a "{{-" below trims too.

var markerRE = regexp.MustCompile(` ?#__tg(\d+)_(\d+)__`)

// mark numbers every template that is rendered on its own and appends the
// markers to its lines.
func (l *loadedChart) mark() {
	l.ids = map[*chart.File]int{}
	var ts []*chart.File
	for t := range l.source {
		if !l.archived[t] && !isPartial(t.Name) && path.Base(t.Name) != "NOTES.txt" {
			ts = append(ts, t)
		}
	}
	sort.Slice(ts, func(i, j int) bool { return l.source[ts[i]] < l.source[ts[j]] })
	for i, t := range ts {
		l.ids[t] = i + 1
		t.Data = []byte(markLines(string(t.Data), i+1))
	}
}

// markLines appends the marker of template id to each line of src where
// that cannot change what the template renders.
func markLines(src string, id int) string {
	lines := strings.Split(src, "\n")
	var lx actionLexer
	for i, line := range lines {
		lx.scan(line)
		if i == len(lines)-1 && line == "" {
			break // the end of a file that ends with a line break
		}
		text := strings.TrimRight(line, " \t\r")
		if lx.inAction || text == "" || strings.HasSuffix(text, "-}}") {
			continue
		}
		// Before trailing blanks, so that a "{{-" on the next line still
		// trims them.
		lines[i] = text + fmt.Sprintf(" #__tg%d_%d__", id, i+1) + line[len(text):]
	}
	return strings.Join(lines, "\n")
}

// actionLexer follows Go template actions across lines, enough to tell
// whether a line ends inside one: it knows delimiters, comments and string
// literals (a raw `string` may span lines).
type actionLexer struct {
	inAction bool
	comment  bool
	quote    byte
}

func (lx *actionLexer) scan(line string) {
	for i := 0; i < len(line); i++ {
		switch {
		case !lx.inAction:
			if strings.HasPrefix(line[i:], "{{") {
				lx.inAction = true
				i++
				rest := strings.TrimPrefix(line[i+1:], "- ")
				lx.comment = strings.HasPrefix(rest, "/*")
			}
		case lx.comment:
			if strings.HasPrefix(line[i:], "*/") {
				lx.comment = false
				i++
			}
		case lx.quote != 0:
			if line[i] == '\\' && lx.quote != '`' {
				i++
			} else if line[i] == lx.quote {
				lx.quote = 0
			}
		case line[i] == '"' || line[i] == '\'' || line[i] == '`':
			lx.quote = line[i]
		case strings.HasPrefix(line[i:], "}}"):
			lx.inAction = false
			i++
		}
	}
	if lx.quote == '"' || lx.quote == '\'' {
		lx.quote = 0 // interpreted strings end with their line
	}
}

// unmark strips every marker from the output of the template numbered id
// and returns the text and, for each of its lines (index 0 is line 1), the
// template line it came from.
func unmark(rendered string, id int) (string, []int) {
	lines := strings.Split(rendered, "\n")
	tpl := make([]int, len(lines))
	for i, line := range lines {
		for _, m := range markerRE.FindAllStringSubmatch(line, -1) {
			if n, _ := strconv.Atoi(m[1]); n == id {
				tpl[i], _ = strconv.Atoi(m[2])
				break
			}
		}
		lines[i] = markerRE.ReplaceAllString(line, "")
	}
	next := 0
	for i := len(tpl) - 1; i >= 0; i-- {
		if tpl[i] != 0 {
			next = tpl[i]
		} else {
			tpl[i] = next
		}
	}
	last := 1
	for i, n := range tpl {
		if n == 0 {
			tpl[i] = last // after the last marker: the last line seen
		} else {
			last = n
		}
	}
	return strings.Join(lines, "\n"), tpl
}

// unmarkText strips markers from a message quoting template text.
func unmarkText(s string) string { return markerRE.ReplaceAllString(s, "") }
