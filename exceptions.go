package tollgate

import (
	"bufio"
	"bytes"
	"fmt"
	"path"
	"regexp"
	"strings"
	"time"

	"github.com/tollgate/tollgate/report"
	"github.com/tollgate/tollgate/scanners"
)

// exception is one exception of the scan, inline or from the config file.
type exception struct {
	kind     string // "inline" or "config"
	rule     string
	pathGlob string
	resource string
	reason   string
	owner    string
	expires  string
	source   string
	expired  bool
	matched  int

	// inline only: the file and line of the comment.
	file string
	line int
}

func (e *exception) suppression() *report.Suppression {
	return &report.Suppression{Kind: e.kind, Reason: e.reason, Owner: e.owner, Expires: e.expires, Source: e.source}
}

// inlineRE matches `tollgate:ignore:RULE_ID key="value" key=value` in a
// comment of any IaC syntax (#, //, --).
var (
	inlineRE = regexp.MustCompile(`(?:#|//|--)\s*tollgate:ignore:([A-Za-z0-9_.\-]+)(.*)$`)
	attrRE   = regexp.MustCompile(`(\w+)=(?:"([^"]*)"|(\S+))`)
)

// inlineMarker is the text every inline exception holds: a file or line
// without it has none.
var inlineMarker = []byte("tollgate:ignore:")

func parseDate(s string) (time.Time, error) { return time.Parse("2006-01-02", s) }

// isExpired reports whether an exception expiring on date no longer holds
// on now: it expires at the start of that day, UTC.
func isExpired(date string, now time.Time) bool {
	if date == "" {
		return false
	}
	d, err := parseDate(date)
	return err == nil && !now.UTC().Before(d)
}

// inlineExceptions reads the tollgate:ignore comments of the files that
// have findings. A comment without reason= does not suppress: it is an
// error in the report, as an exception an auditor cannot read is no
// exception.
func inlineExceptions(root string, files []string, now time.Time, allowed bool) ([]*exception, []report.Error) {
	var out []*exception
	var errs []report.Error
	fsys, err := scanners.OpenRoot(root)
	if err != nil {
		return nil, []report.Error{{Path: root, Message: fmt.Sprintf("inline exceptions not read: %v", err)}}
	}
	defer fsys.Close()
	// Read in parallel (a warm rescan reads every file with findings
	// here), the comments taken in the files' order.
	type read struct {
		ex  []*exception
		ers []report.Error
	}
	reads := make([]read, len(files))
	scanners.Parallel(len(files), func(i int) {
		b, err := fsys.ReadFile(files[i])
		if err != nil {
			return // an image reference, or a file outside the root: no inline exceptions there
		}
		reads[i].ex, reads[i].ers = fileExceptions(files[i], b, now, allowed)
	})
	for _, r := range reads {
		out = append(out, r.ex...)
		errs = append(errs, r.ers...)
	}
	return out, errs
}

// fileExceptions reads the tollgate:ignore comments of file f, whose
// content is b.
func fileExceptions(f string, b []byte, now time.Time, allowed bool) (out []*exception, errs []report.Error) {
	if !bytes.Contains(b, inlineMarker) {
		return nil, nil // most files: the regexp on every line was most of a warm rescan's time
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for n := 1; sc.Scan(); n++ {
		if !bytes.Contains(sc.Bytes(), inlineMarker) {
			continue
		}
		m := inlineRE.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		e := &exception{kind: "inline", rule: m[1], file: f, line: n, source: fmt.Sprintf("%s:%d", f, n)}
		for _, a := range attrRE.FindAllStringSubmatch(m[2], -1) {
			v := a[2] + a[3]
			switch a[1] {
			case "reason":
				e.reason = v
			case "expires":
				e.expires = v
			case "owner":
				e.owner = v
			}
		}
		if !allowed {
			out = append(out, e) // reported as ignored, whatever it says
			continue
		}
		if strings.TrimSpace(e.reason) == "" {
			errs = append(errs, report.Error{Path: f, Line: n, Message: fmt.Sprintf("tollgate:ignore:%s needs reason=\"...\"", e.rule)})
			continue
		}
		if e.expires != "" {
			if _, err := parseDate(e.expires); err != nil {
				errs = append(errs, report.Error{Path: f, Line: n, Message: fmt.Sprintf("tollgate:ignore:%s: expires=%q is not YYYY-MM-DD", e.rule, e.expires)})
				continue
			}
		}
		e.expired = isExpired(e.expires, now)
		out = append(out, e)
	}
	return out, errs
}

func configExceptions(c *Config, now time.Time) []*exception {
	if c == nil {
		return nil
	}
	out := make([]*exception, 0, len(c.Exceptions))
	for _, ce := range c.Exceptions {
		out = append(out, &exception{
			kind: "config", rule: ce.Rule, pathGlob: ce.Path, resource: ce.Resource,
			reason: ce.Reason, owner: ce.Owner, expires: ce.Expires, source: c.source(ce),
			expired: isExpired(ce.Expires, now),
		})
	}
	return out
}

// matches reports whether e covers finding f, whose resource starts on
// line resStart. An inline comment covers a finding on its own line or the
// line below it, and the whole resource when written on or above the
// resource's first line.
func (e *exception) matches(f report.Finding, resStart int) bool {
	if e.rule != "" && e.rule != f.RuleID {
		return false
	}
	if e.kind == "inline" {
		if f.Location.Path != e.file {
			return false
		}
		l := f.Location.StartLine
		return e.line == l || e.line == l-1 || e.line == resStart || e.line == resStart-1
	}
	if e.pathGlob != "" && !globMatch(e.pathGlob, f.Location.Path) && !globMatch(e.pathGlob, f.Location.Image) {
		return false
	}
	if e.resource != "" && !globMatch(e.resource, f.Resource) && !globMatch(e.resource, moduleAddress(f.Resource)) {
		return false
	}
	return true
}

// moduleAddress drops the directory a Terraform address is qualified with
// when its module is not the scan root ("infra/db:aws_db_instance.main"),
// so that an exception can name the resource as Terraform does.
func moduleAddress(addr string) string {
	if _, after, ok := strings.Cut(addr, ":"); ok && !strings.Contains(addr, "/"+after) {
		return after
	}
	return addr
}

// globMatch matches name against pattern, where ** matches across
// directories and * within one.
func globMatch(pattern, name string) bool {
	if name == "" {
		return false
	}
	if !strings.Contains(pattern, "**") {
		ok, _ := path.Match(pattern, name)
		return ok
	}
	var re strings.Builder
	re.WriteString("^")
	for i := 0; i < len(pattern); i++ {
		switch c := pattern[i]; {
		case c == '*' && i+1 < len(pattern) && pattern[i+1] == '*':
			re.WriteString(".*")
			i++
			if i+1 < len(pattern) && pattern[i+1] == '/' {
				i++
				re.WriteString("/?")
			}
		case c == '*':
			re.WriteString("[^/]*")
		case c == '?':
			re.WriteString("[^/]")
		default:
			re.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	re.WriteString("$")
	ok, _ := regexp.MatchString(re.String(), name)
	return ok
}

// applyExceptions marks the findings the exceptions cover and records each
// exception's outcome. Expired exceptions match but do not suppress.
// Inline exceptions are ignored (and reported so) when not allowed.
func applyExceptions(rep *report.Report, resStart []int, excs []*exception, allowInline bool) {
	for i := range rep.Findings {
		f := &rep.Findings[i]
		for _, e := range excs {
			if e.kind == "inline" && !allowInline {
				continue
			}
			if !e.matches(*f, resStart[i]) {
				continue
			}
			e.matched++
			if !e.expired && f.Suppression == nil {
				f.Suppression = e.suppression()
			}
		}
	}
	for _, e := range excs {
		status := report.ExceptionUsed
		switch {
		case e.kind == "inline" && !allowInline:
			status = report.ExceptionIgnored
		case e.expired:
			status = report.ExceptionExpired
		case e.matched == 0:
			status = report.ExceptionUnused
		}
		rep.Exceptions = append(rep.Exceptions, report.Exception{
			Suppression: *e.suppression(), RuleID: e.rule, Status: status, Matched: e.matched,
		})
	}
}
