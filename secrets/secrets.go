package secrets

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	ahocorasick "github.com/BobuSumisu/aho-corasick"
	"github.com/rs/zerolog"
	"github.com/spf13/viper"
	"github.com/zricethezav/gitleaks/v8/config"
	"github.com/zricethezav/gitleaks/v8/detect"
	"github.com/zricethezav/gitleaks/v8/logging"
	glregexp "github.com/zricethezav/gitleaks/v8/regexp"
	glreport "github.com/zricethezav/gitleaks/v8/report"
)

// Severities, spelled as report spells them (this package does not import
// report).
const (
	SeverityCritical = "critical"
	SeverityHigh     = "high"
)

// DefaultMaxFileSize is the largest text a Detector reads whole: the size
// of the largest file an IaC reader accepts (scanners.MaxFileSize).
const DefaultMaxFileSize = 10 << 20

// MaxDecodeDepth is how many rounds of decoding (base64, hex, percent
// encoding) gitleaks applies before matching again: the gitleaks CLI's
// default (--max-decode-depth). The library's own default, 0, decodes
// nothing.
const MaxDecodeDepth = 5

// Chunking: gitleaks' cost on one fragment grows with its lines times its
// matches, so text is read in chunks of about chunkSize bytes cut on line
// boundaries (as gitleaks' own file source does). Consecutive chunks
// overlap by chunkOverlap bytes of whole lines, so that a secret spanning
// lines (a private key) that a cut would split is seen whole by the next
// chunk; each finding belongs to the chunk it starts in before the
// overlap, so none is reported twice.
const (
	chunkSize    = 100 << 10
	chunkOverlap = 8 << 10
)

// binaryProbe is how much of a file is looked at for a NUL byte, as git
// tells binary files.
const binaryProbe = 8000

// cloudPrefixes are the rule id prefixes of cloud provider credentials,
// whose findings are critical: a key to the cloud account the rest of the
// configuration describes. Every other secret is high.
var cloudPrefixes = []string{"aws-", "gcp-", "azure-", "alibaba-", "digitalocean-", "yandex-"}

// Severity is the severity of a finding of the gitleaks rule id.
func Severity(ruleID string) string {
	for _, p := range cloudPrefixes {
		if strings.HasPrefix(ruleID, p) {
			return SeverityCritical
		}
	}
	return SeverityHigh
}

// allowRegexes are tollgate's own allow list, added to gitleaks' (which
// already skips AWS's documented AKIAIOSFODNN7EXAMPLE, ${VAR} and {{ .x }}
// placeholders, lock files, vendored code...). They are matched against
// the secret gitleaks extracted: placeholders people write in examples,
// and values that name another value rather than being one (Terraform
// references, interpolations), which gitleaks' generic rule would take for
// a password in `password = var.db_password`.
var allowRegexes = []string{
	`(?i)example`,
	`(?i)^(?:dummy|fake|sample|placeholder|changeme|change_me|redacted|replace_?me|your[-_.]?[a-z_-]*)`,
	`(?i)^x{5,}$`,
	`^<[^<>]+>$`,
	`^\$\{[^}]*\}$`,
	`^(?:var|local|module|data|each|count)\.[A-Za-z0-9_.\[\]"'*-]+$`,
	`^\.Values\.[A-Za-z0-9_.]+$`,
}

// Finding is one secret found in a text.
type Finding struct {
	// RuleID is the gitleaks rule ("aws-access-token"), Description its
	// title ("Identified a pattern that may indicate AWS credentials...").
	RuleID      string
	Description string
	// StartLine and EndLine are the 1-based lines the secret spans;
	// StartColumn is the 1-based column (in characters) where it starts.
	// For a secret gitleaks decoded (base64...), they are those of the
	// encoded text.
	StartLine, EndLine, StartColumn int
	// Secret is the value found. It is for masking only: never print it.
	Secret string
	// Encoded is the text as written in the input when the secret was
	// decoded from it (a base64 segment): masked too, never printed.
	Encoded string
	// Preview shows at most the secret's first four characters, and only
	// when at least sixteen more are hidden: "AKIA****", else "****".
	Preview string
}

// MaskValues are the texts no report may show for f: the secret, each of
// its lines when it spans several (a private key), and the text it was
// decoded from.
func (f Finding) MaskValues() []string {
	out := []string{f.Secret}
	if strings.Contains(f.Secret, "\n") {
		for _, l := range strings.Split(f.Secret, "\n") {
			if l = strings.TrimSpace(l); len(l) >= 8 {
				out = append(out, l)
			}
		}
	}
	if f.Encoded != "" {
		out = append(out, f.Encoded)
	}
	return out
}

// Preview is how a finding shows a secret: its first four characters when
// at least sixteen more stay hidden, then ****.
func Preview(secret string) string {
	r := []rune(secret)
	if len(r) >= 20 && !strings.ContainsAny(string(r[:4]), "\n\r") {
		return string(r[:4]) + "****"
	}
	return "****"
}

// Fingerprint identifies a secret across runs without its value: the rule,
// the place it is in (a file path, an image path, an image config field,
// never a line number, so it survives moves), the occurrence of that rule
// in that place, and 16 bits of the secret's SHA-256, so that a rotated
// secret is a new finding while the fingerprint cannot be used to guess the
// secret (a dictionary finds thousands of candidates for 16 bits).
func Fingerprint(ruleID, place, secret string, occurrence int) string {
	s := sha256.Sum256([]byte(secret))
	h := sha256.Sum256(fmt.Appendf(nil, "secret\x00%s\x00%s\x00%d\x00%02x%02x", ruleID, place, occurrence, s[0], s[1]))
	return hex.EncodeToString(h[:16])
}

// Rule describes one detection rule.
type Rule struct {
	ID, Description, Severity string
}

// Detector finds secrets. It is built once and safe for concurrent use.
type Detector struct {
	gl      *detect.Detector
	rules   map[string]Rule
	maxSize int
	digest  string
	// The split (see split.go): gitleaks with every rule but the generic
	// one and their keywords, and gitleaks with the generic rule alone and
	// its keywords, each run over a sieve of its own.
	glOther, glGeneric *detect.Detector
	// keywords finds every rule's keywords, lower case; genericKeywords
	// are the generic rule's.
	keywords        *ahocorasick.Trie
	genericKeywords map[string]struct{}
	// patterns are the patterns of the other rules by keyword, and
	// genericPattern the generic rule's (see near).
	patterns       map[string][]*glregexp.Regexp
	genericPattern *glregexp.Regexp
	// keywordless are the other rules without keywords (keywordlessAt).
	keywordless []config.Rule
	// pathFilters match the paths of gitleaks' global allow lists, by
	// index (nil: gitleaks' own match).
	pathFilters []*pathFilter
}

// Option configures New.
type Option func(*options)

type options struct {
	maxFileSize int
}

// WithMaxFileSize sets the largest text Scan reads; a larger one is
// skipped (DefaultMaxFileSize).
func WithMaxFileSize(n int) Option { return func(o *options) { o.maxFileSize = n } }

var defaultDetector = sync.OnceValues(func() (*Detector, error) { return New() })

// Default is the detector with the default options, built on first use.
func Default() (*Detector, error) { return defaultDetector() }

// quietOnce silences gitleaks' package logger, which writes to stderr and
// would name the file and rule of a finding outside the report.
var quietOnce sync.Once

// New builds a detector from gitleaks' default configuration (read
// through a viper of its own, never the global one) and tollgate's allow
// list.
func New(opts ...Option) (d *Detector, err error) {
	o := options{maxFileSize: DefaultMaxFileSize}
	for _, opt := range opts {
		opt(&o)
	}
	quietOnce.Do(func() { logging.Logger = zerolog.Nop() })
	defer func() {
		// Translate panics on a regular expression it cannot compile.
		if r := recover(); r != nil {
			d, err = nil, fmt.Errorf("gitleaks configuration: %v", r)
		}
	}()
	v := viper.New()
	v.SetConfigType("toml")
	if err := v.ReadConfig(strings.NewReader(config.DefaultConfig)); err != nil {
		return nil, fmt.Errorf("gitleaks configuration: %w", err)
	}
	var vc config.ViperConfig
	if err := v.Unmarshal(&vc); err != nil {
		return nil, fmt.Errorf("gitleaks configuration: %w", err)
	}
	cfg, err := vc.Translate()
	if err != nil {
		return nil, fmt.Errorf("gitleaks configuration: %w", err)
	}
	allow := &config.Allowlist{Description: "tollgate: placeholders and references"}
	for _, re := range allowRegexes {
		allow.Regexes = append(allow.Regexes, glregexp.MustCompile(re))
	}
	if err := allow.Validate(); err != nil {
		return nil, fmt.Errorf("allow list: %w", err)
	}
	cfg.Allowlists = append(cfg.Allowlists, allow)
	gl := detect.NewDetector(cfg)
	gl.MaxDecodeDepth = MaxDecodeDepth
	d = &Detector{gl: gl, rules: map[string]Rule{}, maxSize: o.maxFileSize}
	for _, a := range cfg.Allowlists {
		f, _ := newPathFilter(a.Paths)
		d.pathFilters = append(d.pathFilters, f)
	}
	if err := d.split(cfg); err != nil {
		return nil, err
	}
	for id, r := range cfg.Rules {
		d.rules[id] = Rule{ID: id, Description: r.Description, Severity: Severity(id)}
	}
	h := sha256.New()
	fmt.Fprintf(h, "gitleaks v8.30.1\x00%s\x00%d\x00%d\x00%d\x00%d\x00sieve %d\x00", config.DefaultConfig, MaxDecodeDepth, chunkSize, chunkOverlap, o.maxFileSize, sieveVersion)
	for _, re := range allowRegexes {
		fmt.Fprintf(h, "%s\x00", re)
	}
	fmt.Fprintf(h, "%s\x00", strings.Join(cloudPrefixes, ","))
	d.digest = hex.EncodeToString(h.Sum(nil))
	return d, nil
}

// Rules lists the detector's rules, sorted by id.
func (d *Detector) Rules() []Rule {
	out := make([]Rule, 0, len(d.rules))
	for _, r := range d.rules {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Rule returns the rule with the given id.
func (d *Detector) Rule(id string) (Rule, bool) {
	r, ok := d.rules[id]
	return r, ok
}

// Digest names everything the detector's findings depend on besides the
// text (rules, allow list, limits), for caches.
func (d *Detector) Digest() string { return d.digest }

// Binary reports whether content looks like a binary file: a NUL byte in
// its first 8000 bytes, as git decides.
func Binary(content []byte) bool {
	return bytes.IndexByte(content[:min(len(content), binaryProbe)], 0) >= 0
}

// Scan finds the secrets in the content of the file at path (the path
// matters: gitleaks' allow list skips lock files, vendored code, images).
// It returns why it read nothing when the content is binary or over the
// size limit.
func (d *Detector) Scan(path string, content []byte) ([]Finding, string) {
	if why := d.skips(content); why != "" {
		return nil, why
	}
	return d.ScanText(path, string(content)), ""
}

// skips says why content is not checked: binary, or over the size limit.
func (d *Detector) skips(content []byte) string {
	if len(content) > d.maxSize {
		return fmt.Sprintf("over the %d KiB limit for secret detection", d.maxSize>>10)
	}
	if Binary(content) {
		return "binary"
	}
	return ""
}

// ScanFile is Scan of the file at path, which read returns; it is not
// called when the path is one gitleaks' allow list skips. A caller with
// many files to read (an image's layers) so reads none it would skip, and
// matches each path once.
func (d *Detector) ScanFile(path string, read func() ([]byte, error)) ([]Finding, string, error) {
	if d.pathAllowed(path) {
		return nil, "", nil
	}
	content, err := read()
	if err != nil {
		return nil, "", err
	}
	if why := d.skips(content); why != "" {
		return nil, why, nil
	}
	return d.scanAllowed(path, string(content)), "", nil
}

// ScanText finds the secrets in text, which is not checked for size or
// binary content.
func (d *Detector) ScanText(path, text string) []Finding {
	if d.pathAllowed(path) {
		return nil
	}
	return d.scanAllowed(path, text)
}

// scanAllowed is ScanText of a path the allow list does not skip.
func (d *Detector) scanAllowed(path, text string) []Finding {
	other, generic, ok := d.sieves(text)
	if !ok {
		return d.scanText(path, text)
	}
	if other == "" && d.keywordlessAt(path) {
		other = "\n" // what gitleaks finds in a text of blank lines
	}
	var fs []located
	if other != "" {
		fs = d.detect(d.glOther, path, other)
	}
	if generic != "" {
		fs = append(fs, d.detect(d.glGeneric, path, generic)...)
	}
	return finish(fs)
}

// scanText is ScanText without the sieves and the split: gitleaks' own
// result with every rule over the whole text, chunk by chunk.
func (d *Detector) scanText(path, text string) []Finding {
	return finish(d.detect(d.gl, path, text))
}

// located is a finding with the line gitleaks gives it, that of the start
// of its match (1-based, in the whole text).
type located struct {
	Finding
	matchLine int
}

// detect runs gl over text, chunk by chunk.
func (d *Detector) detect(gl *detect.Detector, path, text string) []located {
	var out []located
	line := 1 // of start
	for start := 0; start < len(text); {
		end := chunkEnd(text, start)
		next := len(text)
		if end < len(text) {
			next = overlapStart(text, start, end)
		}
		chunk := text[start:end]
		if !strings.HasSuffix(chunk, "\n") {
			// gitleaks takes a last line without a newline for the whole
			// fragment (its Line then holds every line before, and a
			// gitleaks:allow on any of them silences the finding).
			chunk += "\n"
		}
		var c *chunkLines
		for _, f := range gl.Detect(detect.Fragment{Raw: chunk, FilePath: path}) {
			if f.Secret == "" {
				// A rule on the path alone (a .p12 file): once per file.
				if start == 0 {
					out = append(out, located{Finding{RuleID: f.RuleID, Description: f.Description, StartLine: 1, EndLine: 1, StartColumn: 1, Preview: "****"}, 1})
				}
				continue
			}
			if c == nil {
				c = newChunkLines(chunk)
			}
			fd, off := c.convert(f)
			if start+off >= next {
				continue // the next chunk's, which sees it whole
			}
			fd.StartLine += line - 1
			fd.EndLine += line - 1
			out = append(out, located{fd, f.StartLine + line})
		}
		if end >= len(text) {
			break
		}
		line += strings.Count(text[start:next], "\n")
		start = next
	}
	return out
}

// finish drops a generic finding where a finding of a specific rule
// starting on the same line holds its secret, as gitleaks does within one
// fragment (detect/utils.go filter) and so as it would over the whole text
// the split and the chunks cut up, and sorts the findings by place.
func finish(fs []located) []Finding {
	var out []Finding
	for _, f := range fs {
		if strings.Contains(strings.ToLower(f.RuleID), "generic") && slices.ContainsFunc(fs, func(g located) bool {
			return g.matchLine == f.matchLine && g.RuleID != f.RuleID && strings.Contains(g.Secret, f.Secret) &&
				!strings.Contains(strings.ToLower(g.RuleID), "generic")
		}) {
			continue
		}
		out = append(out, f.Finding)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].StartLine != out[j].StartLine {
			return out[i].StartLine < out[j].StartLine
		}
		if out[i].StartColumn != out[j].StartColumn {
			return out[i].StartColumn < out[j].StartColumn
		}
		return out[i].RuleID < out[j].RuleID
	})
	return out
}

// chunkEnd is where the chunk starting at start ends: after the last
// newline within chunkSize bytes, or after the first newline past it when
// a line is longer, or at the end of text.
func chunkEnd(text string, start int) int {
	if len(text)-start <= chunkSize {
		return len(text)
	}
	if i := strings.LastIndexByte(text[start:start+chunkSize], '\n'); i >= 0 {
		return start + i + 1
	}
	if i := strings.IndexByte(text[start+chunkSize:], '\n'); i >= 0 {
		return start + chunkSize + i + 1
	}
	return len(text)
}

// overlapStart is where the chunk after [start, end) starts: at the start
// of the line holding end-chunkOverlap, but after start.
func overlapStart(text string, start, end int) int {
	at := end - chunkOverlap
	if at <= start {
		return end
	}
	i := strings.LastIndexByte(text[start:at], '\n')
	if i < 0 {
		return end
	}
	return start + i + 1
}

// chunkLines locates gitleaks' findings in one chunk.
type chunkLines struct {
	text string
	nl   []int // offsets of the newlines
}

func newChunkLines(text string) *chunkLines {
	c := &chunkLines{text: text}
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' {
			c.nl = append(c.nl, i)
		}
	}
	return c
}

// lineStart is the offset of 0-based line n.
func (c *chunkLines) lineStart(n int) int {
	if n <= 0 || len(c.nl) == 0 {
		return 0
	}
	return c.nl[min(n, len(c.nl))-1] + 1
}

// gitleaksOffset turns gitleaks' coordinates of a fragment read with
// StartLine 0 into a byte offset. gitleaks counts lines from 0, and past
// the first line its columns are one too high: they are counted from the
// newline before the line, not from the line's first byte
// (detect/location.go). End columns are exclusive offsets counted the
// same way.
func (c *chunkLines) gitleaksOffset(line, col int) int {
	off := c.lineStart(line) + col - 1
	if line > 0 {
		off--
	}
	return off
}

// convert locates f in the chunk; it returns the finding with 1-based
// coordinates relative to the chunk, and the secret's offset in it.
func (c *chunkLines) convert(f glreport.Finding) (Finding, int) {
	fd := Finding{RuleID: f.RuleID, Description: f.Description, Secret: f.Secret, Preview: Preview(f.Secret)}
	start := c.gitleaksOffset(f.StartLine, f.StartColumn)
	end := start
	decoded := false
	for _, t := range f.Tags {
		if strings.HasPrefix(t, "decoded:") {
			decoded = true
		}
	}
	switch {
	case decoded:
		// Match and Secret are the decoded text; the coordinates are
		// those of the encoded text, which is what the file shows.
		end = c.gitleaksOffset(f.EndLine, f.EndColumn)
		if start >= 0 && end > start && end <= len(c.text) {
			fd.Encoded = c.text[start:end]
		} else {
			start, end = max(0, min(start, len(c.text))), max(0, min(start, len(c.text)))
		}
	default:
		if start < 0 || start+len(f.Match) > len(c.text) || c.text[start:start+len(f.Match)] != f.Match {
			// Not where the coordinates say: look for it from its line.
			ls := c.lineStart(f.StartLine)
			if i := strings.Index(c.text[min(ls, len(c.text)):], f.Match); i >= 0 {
				start = min(ls, len(c.text)) + i
			} else if i := strings.Index(c.text, f.Match); i >= 0 {
				start = i
			} else {
				start = max(0, min(c.lineStart(f.StartLine), len(c.text)))
			}
		}
		if i := strings.LastIndex(f.Match, f.Secret); i >= 0 && start+len(f.Match) <= len(c.text) {
			start += i
		}
		end = min(start+len(f.Secret), len(c.text))
	}
	fd.StartLine = 1 + strings.Count(c.text[:start], "\n")
	fd.EndLine = fd.StartLine + strings.Count(strings.TrimRight(c.text[start:end], "\n"), "\n")
	bol := strings.LastIndexByte(c.text[:start], '\n') + 1
	fd.StartColumn = utf8.RuneCountInString(c.text[bol:start]) + 1
	return fd, start
}

// The sieve. gitleaks runs a rule's pattern over a whole fragment as soon as
// one of the rule's keywords is anywhere in it, and IaC is full of the
// generic rule's keywords (key, token, access, secret, auth, api): with
// Go's regexp, detection cost about half as much again as the rest of a
// scan. Every rule's match holds one of its keywords (gitleaks' keywords
// are literal parts of its patterns), so the sieve hands gitleaks only the
// lines a match can lie on and empties the others, keeping every line in
// its place (lines and columns need no translation):
//   - each line holding a keyword, and the lines after it a match starting
//     there can reach: keywordReach more when the line is left open (see
//     open: the key's value may follow on the next lines), curlReach for
//     the curl rules, through the END line for a private key, and
//     secretYAMLReach either way around a Kubernetes `kind: Secret`; and
//     only when a pattern of the keyword's rules matches within those
//     lines (see near, and split.go for the generic rule's narrower reach);
//   - each line holding text gitleaks would decode (see encoded: hex,
//     percent or unicode escapes, base64 that decodes to text), since a
//     decoded secret need not sit near a keyword;
//   - blank lines, which cost nothing and which a pattern may cross.
//
// The one rule without keywords (pkcs12-file) matches on the path alone.
// Version 2: the split, near, and encoded as gitleaks' decoder decides.
const (
	keywordReach    = 3
	curlReach       = 11
	secretYAMLReach = 15
	keyBlockMax     = 1000
	sieveVersion    = 2
)

// open reports whether rest, the text after a keyword up to the end of its
// line, leaves a match of gitleaks' generic pattern (keyword, a few name
// characters and quotes, an operator, quotes or blanks, the value) free to
// continue on the next lines: it holds only name characters, blanks and
// quotes (the operator may come later), or ends with an operator followed
// by nothing but quotes and blanks (the value may come later). A line that
// goes on with anything else, such as `apiVersion: v1`, closes it.
func open(rest string) bool {
	i := strings.IndexFunc(rest, func(r rune) bool {
		return !(r == ' ' || r == '\t' || r == '\r' || r == '.' || r == '-' || r == '_' || r == '\'' || r == '"' ||
			'0' <= r && r <= '9' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z')
	})
	if i < 0 {
		return true
	}
	if !strings.ContainsRune("=>:|,?", rune(rest[i])) {
		return false
	}
	return strings.Trim(rest[i:], "=>:|,? \t\r'\"`") == ""
}

// encoded reports whether gitleaks would decode part of line (its
// detect/codec finds an encoded segment there that decodes to something):
// a percent or unicode escape, or, read as that decoder's pattern reads
// them, a run of 32 or more hex digits that decodes to printable ASCII, or
// a run of 16 or more base64 characters (with its = padding) that does.
// It is a byte scanner, not the decoder's pattern: the sieve asks it of
// most lines of every file, and a test holds it to the decoder (every line
// the decoder finds a segment in is encoded). Segments do not span lines.
func encoded(line string) bool {
	for p := 0; p < len(line); p++ {
		switch c := line[p]; {
		case c == '%' && hexAt(line, p+1, 2):
			return true
		case c == 'U' && p+1 < len(line) && line[p+1] == '+' && hexAt(line, p+2, 4):
			return true
		case c == '\\':
			q := p + 1
			if q < len(line) && line[q] == '\\' {
				q++
			}
			if q < len(line) && (line[q] == 'u' || line[q] == 'U') && hexAt(line, q+1, 4) {
				return true
			}
		}
	}
	for p := 0; p < len(line); {
		if !isBase64Word(line[p]) {
			p++
			continue
		}
		end := p + 1
		for end < len(line) && isBase64Word(line[end]) {
			end++
		}
		// The decoder's pattern reads a run from its start: 32 or more
		// hex digits first, then the rest of the run; else the whole run
		// as base64 when it has 16 characters or more.
		for q := p; q < end; {
			h := q
			for h < end && isHexByte(line[h]) {
				h++
			}
			if h-q >= 32 {
				if decodesHex(line[q:h]) {
					return true
				}
				q = h
				continue
			}
			if end-q >= 16 {
				pad := end
				for pad < len(line) && pad-end < 2 && line[pad] == '=' {
					pad++
				}
				if decodesBase64(line[q:pad]) {
					return true
				}
			}
			break
		}
		p = end
	}
	return false
}

// decodesHex is gitleaks' decodeHex (detect/codec/hex.go) giving text: an
// even number of hex digits, a decimal digit among them, printable ASCII.
func decodesHex(s string) bool {
	if len(s)%2 != 0 || !strings.ContainsAny(s, "0123456789") {
		return false
	}
	b, err := hex.DecodeString(s)
	return err == nil && printable(b)
}

// decodesBase64 is gitleaks' decodeBase64 (detect/codec/base64.go) giving
// text: a digit or one of +/-_ in it, and standard or raw URL base64 of
// printable ASCII.
func decodesBase64(s string) bool {
	if !strings.ContainsAny(s, "0123456789+/-_") {
		return false
	}
	if b, err := base64.StdEncoding.DecodeString(s); err == nil && printable(b) {
		return true
	}
	b, err := base64.RawURLEncoding.DecodeString(s)
	return err == nil && printable(b)
}

// printable is gitleaks' printable ASCII (detect/codec/ascii.go): tab to
// tilde.
func printable(b []byte) bool {
	for _, c := range b {
		if c <= '\x08' || c >= '\x7f' {
			return false
		}
	}
	return true
}

func isHexByte(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// hexAt reports whether line holds n hex digits at offset i.
func hexAt(line string, i, n int) bool {
	if i+n > len(line) {
		return false
	}
	for j := i; j < i+n; j++ {
		if !isHexByte(line[j]) {
			return false
		}
	}
	return true
}

// isBase64Word is [\w/+-].
func isBase64Word(c byte) bool {
	return c == '_' || c == '/' || c == '+' || c == '-' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// lineEnd is the offset of the newline ending line l, or len(text).
func lineEnd(text string, starts []int, l int) int {
	if l+1 < len(starts) {
		return starts[l+1] - 1
	}
	if strings.HasSuffix(text, "\n") {
		return len(text) - 1
	}
	return len(text)
}
