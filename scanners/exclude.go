package scanners

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
	"github.com/go-git/go-git/v5/plumbing/format/gitignore"
)

// IgnoreFile is the file, at the scan root, whose gitignore-syntax
// patterns name what a scan leaves out.
const IgnoreFile = ".tollgateignore"

// Exclude is what a walk leaves out: directories and files whose path from
// the scan root matches a glob pattern (doublestar syntax, as Trivy's
// --skip-dirs and --skip-files: "testdata", "**/fixtures", "**/*.test.tf"),
// and what the patterns of an ignore file exclude (gitignore syntax,
// negations included). A target named on the command line is never
// excluded: only what the walk finds under it. Each excluded directory or
// file is listed as skipped with the pattern that excluded it.
type Exclude struct {
	dirs, files []string
	ignore      gitignore.Matcher
	ignoreFrom  string
}

// NewExclude validates the directory and file patterns.
func NewExclude(dirs, files []string) (*Exclude, error) {
	e := &Exclude{}
	for _, set := range []struct {
		flag     string
		patterns []string
		into     *[]string
	}{{"--skip-dirs", dirs, &e.dirs}, {"--skip-files", files, &e.files}} {
		for _, p := range set.patterns {
			p = strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(p), "./"), "/")
			if p == "" || !doublestar.ValidatePattern(p) {
				return nil, fmt.Errorf("%s: invalid pattern %q", set.flag, p)
			}
			*set.into = append(*set.into, p)
		}
	}
	return e, nil
}

// ReadIgnoreFile adds the patterns of the ignore file name of fsys (a
// confined root); a missing file adds nothing.
func (e *Exclude) ReadIgnoreFile(fsys fs.FS, name string) error {
	src, err := ReadFile(fsys, name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("%s: %w", name, unwrapPathErr(err))
	}
	var ps []gitignore.Pattern
	sc := bufio.NewScanner(bytes.NewReader(src))
	for sc.Scan() {
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		ps = append(ps, gitignore.ParsePattern(line, nil))
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if len(ps) > 0 {
		e.ignore, e.ignoreFrom = gitignore.NewMatcher(ps), name
	}
	return nil
}

// excluded returns why the path p (slash-separated, from the scan root) is
// left out, or "" when it is not.
func (e *Exclude) excluded(p string, dir bool) string {
	if e == nil {
		return ""
	}
	patterns, flag := e.files, "--skip-files"
	if dir {
		patterns, flag = e.dirs, "--skip-dirs"
	}
	for _, pat := range patterns {
		if doublestar.MatchUnvalidated(pat, p) {
			return fmt.Sprintf("excluded by %s %q", flag, pat)
		}
	}
	if e.ignore != nil && e.ignore.Match(strings.Split(p, "/"), dir) {
		return "excluded by " + e.ignoreFrom
	}
	return ""
}
