package secrets

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"

	ahocorasick "github.com/BobuSumisu/aho-corasick"
	"github.com/zricethezav/gitleaks/v8/config"
	"github.com/zricethezav/gitleaks/v8/detect"
	glregexp "github.com/zricethezav/gitleaks/v8/regexp"
)

// The split. gitleaks' generic rule (generic-api-key) costs more than all
// its other rules together on IaC: its keywords (key, token, access, api,
// auth, secret...) are on most lines of Terraform, and its pattern has no
// literal to start from. So a Detector runs gitleaks twice: every other
// rule over a sieve of their keywords (which keeps little of IaC), and the
// generic rule alone over a sieve of its own, narrower one: the lines
// where a keyword is followed by what the generic pattern needs next (see
// genericReach). Both keep the lines holding text gitleaks would decode.
// finish then applies across the two what gitleaks does within one run
// (a specific rule's finding hides the generic one on its line).
const genericRuleID = "generic-api-key"

// split builds the two gitleaks detectors, the keyword automaton of both
// sieves and the patterns near tries.
func (d *Detector) split(cfg config.Config) error {
	g, ok := cfg.Rules[genericRuleID]
	if !ok || g.Regex == nil || len(g.Keywords) == 0 {
		return fmt.Errorf("gitleaks configuration: no %s rule with a pattern and keywords", genericRuleID)
	}
	other, generic := cfg, cfg
	allow, err := pathFree(cfg.Allowlists)
	if err != nil {
		return err
	}
	other.Allowlists, generic.Allowlists = allow, allow
	other.Rules, other.Keywords = map[string]config.Rule{}, map[string]struct{}{}
	generic.Rules, generic.Keywords = map[string]config.Rule{genericRuleID: g}, map[string]struct{}{}
	other.OrderedRules, generic.OrderedRules = nil, []string{genericRuleID}
	for id, r := range cfg.Rules {
		if id == genericRuleID {
			continue
		}
		other.Rules[id] = r
		other.OrderedRules = append(other.OrderedRules, id)
		for _, k := range r.Keywords {
			other.Keywords[strings.ToLower(k)] = struct{}{}
		}
	}
	for _, k := range g.Keywords {
		generic.Keywords[strings.ToLower(k)] = struct{}{}
	}
	sort.Strings(other.OrderedRules)
	d.glOther, d.glGeneric = detect.NewDetector(other), detect.NewDetector(generic)
	d.glOther.MaxDecodeDepth, d.glGeneric.MaxDecodeDepth = MaxDecodeDepth, MaxDecodeDepth
	all := maps.Clone(other.Keywords)
	maps.Copy(all, generic.Keywords)
	d.keywords, d.genericKeywords = trie(all), generic.Keywords
	d.patterns = map[string][]*glregexp.Regexp{}
	for _, id := range other.OrderedRules {
		r := other.Rules[id]
		for _, k := range r.Keywords {
			if r.Regex != nil {
				d.patterns[strings.ToLower(k)] = append(d.patterns[strings.ToLower(k)], r.Regex)
			}
		}
	}
	d.genericPattern = g.Regex
	for _, id := range other.OrderedRules {
		if r := other.Rules[id]; len(r.Keywords) == 0 {
			d.keywordless = append(d.keywordless, r)
		}
	}
	return nil
}

// keywordlessAt reports whether a rule without keywords (which gitleaks
// runs on every text) may find something in the file at path when the
// other rules' sieve kept no line but blank ones: a rule on the path alone
// (pkcs12-file) whose path matches, or any such rule with a pattern. A
// text of blanks holds no keyword and nothing to decode, so gitleaks would
// run these rules alone over it.
func (d *Detector) keywordlessAt(path string) bool {
	for _, r := range d.keywordless {
		if r.Regex != nil || r.Path == nil || r.Path.MatchString(path) {
			return true
		}
	}
	return false
}

// pathFree returns the global allow lists without the paths their OR
// condition skips a file for. ScanText has then already refused such a
// path (pathAllowed), so for the two split detectors the check could only
// say no, once for every chunk of every file, and it is one regexp of
// some thirty alternatives run over the path: in an image of source code
// it cost a third of the detection. An allow list left with nothing to
// check is dropped; those of the AND condition, which need the path
// together with a finding's other conditions, are kept whole.
func pathFree(lists []*config.Allowlist) ([]*config.Allowlist, error) {
	out := make([]*config.Allowlist, 0, len(lists))
	for _, a := range lists {
		if a.MatchCondition != config.AllowlistMatchOr || len(a.Paths) == 0 {
			out = append(out, a)
			continue
		}
		if len(a.Commits) == 0 && len(a.Regexes) == 0 && len(a.StopWords) == 0 {
			continue
		}
		b := &config.Allowlist{Description: a.Description, MatchCondition: a.MatchCondition, Commits: a.Commits,
			RegexTarget: a.RegexTarget, Regexes: a.Regexes, StopWords: a.StopWords}
		if err := b.Validate(); err != nil {
			return nil, fmt.Errorf("allow list %q: %w", a.Description, err)
		}
		out = append(out, b)
	}
	return out, nil
}

// near reports whether one of patterns matches within lines from to to
// of x: the lines a sieve would keep for a keyword. A match over the whole
// text that holds the keyword lies within them (the sieves' premise), so
// a pattern that finds nothing there has nothing for gitleaks there; the
// lines of a text are short, so Go's regexp runs its backtracker on them.
// Anchors at the window's edges make it match more often, never less.
func (x *lineIndex) near(patterns []*glregexp.Regexp, from, to int) bool {
	from, to = max(from, 0), min(to, len(x.starts)-1)
	w := x.text[x.starts[from]:min(x.end(to)+1, len(x.text))]
	for _, re := range patterns {
		if re.MatchString(w) {
			return true
		}
	}
	return false
}

func trie(kw map[string]struct{}) *ahocorasick.Trie {
	ks := make([]string, 0, len(kw))
	for k := range kw {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ahocorasick.NewTrieBuilder().AddStrings(ks).Build()
}

// lineIndex is a text cut into lines, and its lower-case (ASCII) copy,
// byte for byte at the same offsets.
type lineIndex struct {
	text, lower string
	starts      []int // of each line
}

func newLineIndex(text string) *lineIndex {
	x := &lineIndex{text: text, lower: asciiLower(text), starts: []int{0}}
	for i := 0; i < len(text)-1; i++ {
		if text[i] == '\n' {
			x.starts = append(x.starts, i+1)
		}
	}
	return x
}

func (x *lineIndex) end(l int) int { return lineEnd(x.text, x.starts, l) }
func (x *lineIndex) line(l int) string {
	return x.text[x.starts[l]:x.end(l)]
}
func (x *lineIndex) lineOf(off int) int { return sort.SearchInts(x.starts, off+1) - 1 }

// asciiLower lower-cases ASCII letters only, so that offsets stay those of
// s. gitleaks looks for keywords in strings.ToLower of the text; the two
// hold the same ASCII keywords, except where a Kelvin sign (U+212A) turns
// into a k, which the sieves leave to the whole text (foldsToASCII).
func asciiLower(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; 'A' <= c && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if c := b[j]; 'A' <= c && c <= 'Z' {
					b[j] = c + 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// foldsToASCII reports whether text holds one of the two characters
// outside ASCII that gitleaks' case-insensitive patterns take for an
// ASCII letter: the Kelvin sign (k) and the long s (s). Such a text is not
// sieved: the keywords a sieve looks for would not tell where a pattern
// can match.
func foldsToASCII(text string) bool {
	return strings.Contains(text, "\u212a") || strings.Contains(text, "\u017f")
}

// sieves returns the two sieved texts: for the other rules, and for the
// generic rule, each "" when it keeps no line but blank ones. ok is false
// when text is not to be sieved.
func (d *Detector) sieves(text string) (other, generic string, ok bool) {
	if foldsToASCII(text) {
		return "", "", false
	}
	x := newLineIndex(text)
	ms := d.keywords.MatchString(x.lower)
	ko, kg := d.keepOther(x, ms), d.keepGeneric(x, ms)
	anyOther, anyGeneric := slices.Contains(ko, true), slices.Contains(kg, true)
	for l := range ko {
		if ko[l] && kg[l] {
			continue
		}
		switch line := x.line(l); {
		case blank(line):
			ko[l], kg[l] = true, true
		case encoded(line):
			ko[l], kg[l] = true, true
			anyOther, anyGeneric = true, true
		}
	}
	if anyOther {
		other = x.build(ko)
	}
	if anyGeneric {
		generic = x.build(kg)
	}
	return other, generic, true
}

// blank reports whether line holds only blanks. Both sieves keep such
// lines, and those holding text gitleaks would decode: emptying a blank
// line would change nothing but the blanks a pattern may cross between
// lines.
func blank(line string) bool {
	return strings.TrimLeft(line, " \t\r\f\v") == ""
}

// build returns the text with the lines not kept made empty, every
// newline in its place.
func (x *lineIndex) build(keep []bool) string {
	kept := 0
	for _, k := range keep {
		if k {
			kept++
		}
	}
	if kept == len(keep) {
		return x.text
	}
	var b strings.Builder
	b.Grow(len(x.starts) + len(x.text)/8)
	for l := range keep {
		end := x.end(l)
		if keep[l] {
			b.WriteString(x.text[x.starts[l]:end])
		}
		if end < len(x.text) {
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// keepOther marks the lines a match of a rule other than the generic one
// can lie on (see the sieve's comment in secrets.go).
func (d *Detector) keepOther(x *lineIndex, ms []*ahocorasick.Match) []bool {
	keep := make([]bool, len(x.starts))
	// tried: the keywords' patterns found nothing in these lines (a
	// minified script holds a keyword thousands of times on one line).
	type window struct {
		kw       string
		from, to int
	}
	tried := map[window]bool{}
	for _, m := range ms {
		kw := m.MatchString()
		if _, ok := d.patterns[kw]; !ok {
			continue // a keyword of the generic rule alone
		}
		l := x.lineOf(int(m.Pos()))
		end := int(m.Pos()) + len(kw)
		from, to := l, l
		switch {
		case strings.HasPrefix(kw, "-----begin"):
			for to < len(x.starts)-1 && to-l < keyBlockMax && !strings.Contains(x.lower[x.starts[to]:x.end(to)], "-----end") {
				to++
			}
		case kw == "curl":
			to = l + curlReach
		case kw == "secret" && strings.Contains(x.lower[x.starts[l]:x.end(l)], "kind"):
			from, to = l-secretYAMLReach, l+secretYAMLReach
		case open(x.text[end:x.end(l)]):
			to = l + keywordReach
		}
		from, to = max(from, 0), min(to, len(keep)-1)
		w := window{kw, from, to}
		if !slices.Contains(keep[from:to+1], false) || tried[w] {
			continue
		}
		if !x.near(d.patterns[kw], from, to) {
			tried[w] = true
			continue
		}
		for i := from; i <= to; i++ {
			keep[i] = true
		}
	}
	return keep
}

// keepGeneric marks the lines a match of the generic rule can lie on:
// from a keyword's line through the last line its value can start on (see
// genericReach).
func (d *Detector) keepGeneric(x *lineIndex, ms []*ahocorasick.Match) []bool {
	keep := make([]bool, len(x.starts))
	for _, m := range ms {
		if _, ok := d.genericKeywords[m.MatchString()]; !ok {
			continue
		}
		end := int(m.Pos()) + len(m.MatchString())
		to, ok := genericReach(x.text, end)
		if !ok {
			continue
		}
		from, last := x.lineOf(int(m.Pos())), x.lineOf(to)
		if !slices.Contains(keep[from:last+1], false) {
			continue
		}
		// A match holding this keyword starts at most 50 name characters
		// before it and ends at most 152 bytes after where its value
		// starts (150 value characters and a `\n`); within its lines.
		lo := max(x.starts[from], int(m.Pos())-50)
		hi := min(x.end(last)+1, to+153, len(x.text))
		if !d.genericPattern.MatchString(x.text[lo:hi]) {
			continue
		}
		for l := from; l <= last; l++ {
			keep[l] = true
		}
	}
	return keep
}

// genericReach tells whether a match of gitleaks' generic pattern can use
// the keyword ending at offset end of text, and if so, the offset of the
// furthest place its value can start. After its keyword the pattern
// (config/gitleaks.toml, generic-api-key) reads
//
//	[ \t\w.-]{0,20} [\s'"]{0,3} (?:=|>|:{1,3}=|\|\||:|=>|\?=|,) [\x60'"\s=]{0,5} VALUE
//
// This reads a superset of it: up to 23 name characters and blanks, up to
// 3 blanks and quotes (newlines among them), up to 4 operator characters,
// up to 5 quotes, blanks or equal signs, and a value of 10 characters or
// more starting after the operator characters. A keyword with anything else
// after it (`apiVersion: v1` has name characters after `api` and then a
// colon, which passes; `resource "aws_iam_access_key" "k" {` does not)
// cannot begin a generic match. Under (?i), \w also matches the Kelvin sign
// and the long s, whose texts are not sieved (foldsToASCII).
func genericReach(text string, end int) (int, bool) {
	i := end
	for n := 0; i < len(text) && isNameOrBlank(text[i]); i, n = i+1, n+1 {
		if n == 23 {
			return 0, false
		}
	}
	for n := 0; i < len(text) && n < 3 && isSpaceOrQuote(text[i]); i, n = i+1, n+1 {
	}
	if i >= len(text) || !strings.ContainsRune("=>:|,?", rune(text[i])) {
		return 0, false
	}
	for n := 0; i < len(text) && n < 4 && strings.ContainsRune("=>:|,?", rune(text[i])); i, n = i+1, n+1 {
	}
	op := i
	for n := 0; i < len(text) && n < 5 && (isSpaceOrQuote(text[i]) || text[i] == '`' || text[i] == '='); i, n = i+1, n+1 {
	}
	// The value, ([\w.=-]{10,150}|[a-z0-9][a-z0-9+/]{11,}) under (?i),
	// starts somewhere from op to i.
	for s := op; s <= i && s < len(text); s++ {
		if run(text[s:], isValueChar) >= 10 || isAlnum(text[s]) && run(text[s:], isBase64Char) >= 12 {
			return min(i, len(text)-1), true
		}
	}
	return 0, false
}

// run is the length of the run of bytes of s that ok accepts, up to 12.
func run(s string, ok func(byte) bool) int {
	n := 0
	for n < len(s) && n < 12 && ok(s[n]) {
		n++
	}
	return n
}

func isAlnum(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// isValueChar is [\w.=-].
func isValueChar(c byte) bool { return isAlnum(c) || c == '_' || c == '.' || c == '=' || c == '-' }

// isBase64Char is [a-z0-9+/] under (?i).
func isBase64Char(c byte) bool { return isAlnum(c) || c == '+' || c == '/' }

// isNameOrBlank is [ \t\w.-] (Go's \w is ASCII).
func isNameOrBlank(c byte) bool {
	return c == ' ' || c == '\t' || c == '.' || c == '-' || c == '_' ||
		'0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// isSpaceOrQuote is [\s'"] (Go's \s is [\t\n\f\r ]).
func isSpaceOrQuote(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == '\'' || c == '"'
}

// pathAllowed reports whether gitleaks' global allow list skips the file
// at path whole, as detect's checkCommitOrPathAllowed decides for a
// fragment without a commit: then ScanText neither sieves nor runs
// gitleaks. A test holds it to gitleaks.
func (d *Detector) pathAllowed(path string) bool {
	if path == "" {
		return false
	}
	for i, a := range d.gl.Config.Allowlists {
		if a.MatchCondition == config.AllowlistMatchAnd {
			if len(a.Regexes) > 0 || len(a.StopWords) > 0 {
				continue
			}
			// A commit condition never holds without a commit.
			if len(a.Commits) == 0 && (len(a.Paths) == 0 || d.listPathAllowed(i, path)) {
				return true
			}
			continue
		}
		if d.listPathAllowed(i, path) {
			return true
		}
	}
	return false
}

// listPathAllowed is a.PathAllowed(path) of the i-th global allow list,
// through its pathFilter when it has one.
func (d *Detector) listPathAllowed(i int, path string) bool {
	if f := d.pathFilters[i]; f != nil {
		return f.match(path)
	}
	return d.gl.Config.Allowlists[i].PathAllowed(path)
}
