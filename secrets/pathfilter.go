package secrets

import (
	"regexp"
	"regexp/syntax"
	"strings"

	glregexp "github.com/zricethezav/gitleaks/v8/regexp"
)

// pathFilter decides what one allow list's joined path pattern decides
// (gitleaks joins an allow list's paths into one alternation, flags and
// all), faster: the alternation's branches are run one by one, each only
// when the path holds one of the literals every path it matches holds. A
// path is matched against some thirty branches per file read, and Go's
// regexp runs the joined pattern, too large for its backtracker, at about
// a microsecond per branch; most branches need a literal a path seldom
// holds (node_modules, vendor/, .lock...).
type pathFilter struct {
	branches []pathBranch
}

type pathBranch struct {
	re *regexp.Regexp
	// lits: every path the branch matches holds one of them, lower case
	// (ASCII); nil when no such literals are known.
	lits []string
}

// newPathFilter returns the filter for an allow list's paths; ok is false
// when their joined pattern cannot be taken apart (the caller then runs
// gitleaks' own).
func newPathFilter(paths []*glregexp.Regexp) (f *pathFilter, ok bool) {
	if len(paths) == 0 {
		return nil, false
	}
	// What gitleaks' joinRegexOr compiles.
	var sb strings.Builder
	sb.WriteString("(?:")
	for i, p := range paths {
		if i > 0 {
			sb.WriteString("|")
		}
		sb.WriteString(p.String())
	}
	sb.WriteString(")")
	re, err := syntax.Parse(sb.String(), syntax.Perl)
	if err != nil {
		return nil, false
	}
	branches := []*syntax.Regexp{re}
	if re.Op == syntax.OpAlternate {
		branches = re.Sub
	}
	f = &pathFilter{}
	for _, b := range branches {
		c, err := regexp.Compile(b.String())
		if err != nil {
			return nil, false
		}
		f.branches = append(f.branches, pathBranch{re: c, lits: literals(b)})
	}
	return f, true
}

// match reports whether the joined pattern matches path.
func (f *pathFilter) match(path string) bool {
	lower, ascii := asciiLower(path), isASCII(path)
	for _, b := range f.branches {
		if ascii && b.lits != nil && !containsAny(lower, b.lits) {
			continue
		}
		if b.re.MatchString(path) {
			return true
		}
	}
	return false
}

// literals returns strings one of which every text re matches holds,
// lower case, or nil when it knows none. Case is folded on both sides, so
// a literal of a case-sensitive pattern only makes the test weaker; texts
// outside ASCII are not tested (Unicode folds K and ſ into k and s).
func literals(re *syntax.Regexp) []string {
	switch re.Op {
	case syntax.OpLiteral:
		if len(re.Rune) == 0 {
			return nil
		}
		s := string(re.Rune)
		if !isASCII(s) {
			return nil
		}
		return []string{asciiLower(s)}
	case syntax.OpCapture, syntax.OpPlus:
		return literals(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return literals(re.Sub[0])
		}
	case syntax.OpConcat:
		// The child whose shortest literal is longest.
		var best []string
		for _, s := range re.Sub {
			if l := literals(s); l != nil && (best == nil || shortest(l) > shortest(best)) {
				best = l
			}
		}
		return best
	case syntax.OpAlternate:
		var all []string
		for _, s := range re.Sub {
			l := literals(s)
			if l == nil {
				return nil
			}
			all = append(all, l...)
		}
		return all
	}
	return nil
}

func shortest(ls []string) int {
	n := len(ls[0])
	for _, l := range ls[1:] {
		n = min(n, len(l))
	}
	return n
}

func containsAny(s string, subs []string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
