package tollgate

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io"
	"io/fs"
	"sort"
	"strings"
	"sync"

	"github.com/tollgate/tollgate/policies"
	"github.com/tollgate/tollgate/report"
	"github.com/tollgate/tollgate/scanners"
	"github.com/tollgate/tollgate/scanners/image"
	"github.com/tollgate/tollgate/secrets"
)

// SecretCategory is the category of secret findings (--fail-on
// secret=high, --category secret).
const SecretCategory = "secret"

// secretRemediation is what every secret finding asks for.
const secretRemediation = "Rotate the credential now: it is in the history of every clone and every copy of the image. " +
	"Then take it from a secret store or the CI environment at deploy time (a sensitive Terraform variable without a default, " +
	"a Kubernetes Secret created outside the repository, a BuildKit secret mount instead of ARG/ENV)."

// secretRulesDoc points at the rule set.
const secretRulesDoc = "https://github.com/gitleaks/gitleaks/blob/v8.30.1/config/gitleaks.toml"

// secretScanner checks every file the IaC readers read, and images, for
// secrets with the gitleaks detector. A file read by several units (a
// module several configurations call) is checked once: its findings are
// kept by path and content digest.
type secretScanner struct {
	det   *secrets.Detector
	rules map[string]policies.Rule

	mu   sync.Mutex
	memo map[string][]secrets.Finding
}

// newSecretScanner returns the scan's secret scanner, nil when detection
// is off.
func newSecretScanner(o Options) (*secretScanner, error) {
	if o.NoSecrets {
		return nil, nil
	}
	det, err := secrets.Default()
	if err != nil {
		return nil, err
	}
	s := &secretScanner{det: det, rules: map[string]policies.Rule{}, memo: map[string][]secrets.Finding{}}
	for _, r := range det.Rules() {
		s.rules[r.ID] = policies.Rule{ID: r.ID, Title: secretTitle(r.ID), Description: r.Description, Severity: r.Severity,
			Category: SecretCategory, Remediation: secretRemediation, References: []string{secretRulesDoc}}
	}
	return s, nil
}

// secretTitle is a rule's title: "Secret in clear text: aws-access-token".
func secretTitle(id string) string { return "Secret in clear text: " + id }

// policyRules are the detector's rules as the rule selection sees them.
func (s *secretScanner) policyRules() []policies.Rule {
	if s == nil {
		return nil
	}
	out := make([]policies.Rule, 0, len(s.rules))
	for _, r := range s.rules {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// secretsDigest names the secret detection a scan with options o does,
// for the scan cache's key: an entry made without it must not answer a
// scan with it.
func secretsDigest(o Options) string {
	if o.NoSecrets {
		return "off"
	}
	det, err := secrets.Default()
	if err != nil {
		return "error: " + err.Error()
	}
	return det.Digest()
}

// detector is the detector, nil when detection is off.
func (s *secretScanner) detector() *secrets.Detector {
	if s == nil {
		return nil
	}
	return s.det
}

// scan checks one file's content, once per path and content.
func (s *secretScanner) scan(path string, b []byte) []secrets.Finding {
	sum := sha256.Sum256(b)
	key := path + "\x00" + string(sum[:])
	s.mu.Lock()
	fs, done := s.memo[key]
	s.mu.Unlock()
	if done {
		return fs
	}
	fs, _ = s.det.Scan(path, b) // binary or too large: nothing to find
	s.mu.Lock()
	s.memo[key] = fs
	s.mu.Unlock()
	return fs
}

// hook reads each unit through a secretFS and adds its secret findings;
// the walk's hook when the scan cache is off (the cache's hook does the
// same, and keeps them).
func (s *secretScanner) hook(ev *evaluator) func(scanners.Unit) {
	return func(u scanners.Unit) {
		w := s.wrap(u.FS)
		w.see = ev.saw
		rs := u.Read(w)
		scanners.Parallel(len(rs), func(i int) { u.Emit(rs[i]) })
		ev.apply(s.outcome(rs, w.found()))
	}
}

// wrap returns a file system that checks every regular file read through
// it.
func (s *secretScanner) wrap(fsys fs.FS) *secretFS {
	return &secretFS{fsys: fsys, s: s, files: map[string][]secrets.Finding{}}
}

// secretFS hands every regular file a reader reads whole to the secret
// scanner: what a unit reads (its own files, the tfvars, values files,
// modules outside the target, files a template reads) is what is checked,
// through the same confined root. Downloaded packages are mounted by the
// readers above it and never seen.
type secretFS struct {
	fsys fs.FS
	s    *secretScanner
	// see, when set, is shown each file read, with its content (as
	// scanners.Recorder.See).
	see func(name string, content []byte)

	mu    sync.Mutex
	files map[string][]secrets.Finding
}

var (
	_ fs.StatFS     = (*secretFS)(nil)
	_ fs.ReadDirFS  = (*secretFS)(nil)
	_ fs.ReadFileFS = (*secretFS)(nil)
)

func (w *secretFS) Open(name string) (fs.File, error) {
	f, err := w.fsys.Open(name)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() || st.Size() > scanners.MaxFileSize {
		// A directory, or a file its reader will refuse: as it is.
		return f, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, scanners.MaxFileSize+1))
	if err != nil {
		return nil, err
	}
	found := w.s.scan(name, b)
	w.mu.Lock()
	w.files[name] = found
	w.mu.Unlock()
	if w.see != nil {
		w.see(name, b)
	}
	return &readFile{Reader: bytes.NewReader(b), info: st}, nil
}

func (w *secretFS) ReadFile(name string) ([]byte, error) {
	return scanners.ReadFile(onlyOpen{w}, name)
}

func (w *secretFS) Stat(name string) (fs.FileInfo, error) { return fs.Stat(w.fsys, name) }

func (w *secretFS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(w.fsys, name) }

// found are the findings of the files read, by path.
func (w *secretFS) found() map[string][]secrets.Finding {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.files
}

// onlyOpen hides secretFS's ReadFile from scanners.ReadFile, which would
// call it back.
type onlyOpen struct{ w *secretFS }

func (o onlyOpen) Open(name string) (fs.File, error) { return o.w.Open(name) }

// readFile serves a file already read.
type readFile struct {
	*bytes.Reader
	info fs.FileInfo
}

func (f *readFile) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *readFile) Close() error               { return nil }

// outcome turns the findings of a unit's files into an outcome: each at
// its file and line, with the resource of the unit's results whose lines
// hold it (the innermost), and the values to mask.
func (s *secretScanner) outcome(rs []scanners.Result, files map[string][]secrets.Finding) outcome {
	var o outcome
	paths := make([]string, 0, len(files))
	for p, fs := range files {
		if len(fs) > 0 {
			paths = append(paths, p)
		}
	}
	sort.Strings(paths)
	for _, p := range paths {
		seen := map[string]int{}
		for _, f := range files[p] {
			addr, resStart := resourceAt(rs, p, f.StartLine)
			key := f.RuleID + "\x00" + addr + "\x00" + f.Secret
			n := seen[key]
			seen[key]++
			loc := report.Location{Path: p, StartLine: f.StartLine, EndLine: f.EndLine}
			msg := secretMessage(f, "")
			o.Findings = append(o.Findings, found{ResStart: resStart, MessageSum: sumHex(msg), Finding: report.Finding{
				RuleID: f.RuleID, Message: msg, Resource: addr, Location: loc,
				Fingerprint: secrets.Fingerprint(f.RuleID, p+"\x00"+addr, f.Secret, n)}})
			for _, v := range f.MaskValues() {
				o.Secrets = append(o.Secrets, forcedSecret(v))
			}
		}
	}
	return o
}

// secretMessage says what was found where, the value masked.
func secretMessage(f secrets.Finding, where string) string {
	return secretText(f, f.Secret == "", where)
}

// secretText is a secret finding's message: for a rule on the file's kind
// alone (pathOnly), or on a value.
func secretText(f secrets.Finding, pathOnly bool, where string) string {
	if where != "" {
		where = " in " + where
	}
	if pathOnly {
		return fmt.Sprintf("File of a kind that holds a credential (%s)%s", f.RuleID, where)
	}
	return fmt.Sprintf("Secret (%s) in clear text%s: %s at column %d", f.RuleID, where, f.Preview, f.StartColumn)
}

func sumHex(s string) string {
	h := sha256.Sum256([]byte(s))
	return fmt.Sprintf("%x", h[:16])
}

// resourceAt is the address and first line of the innermost document of
// rs read from path whose lines hold line, or "" and line.
func resourceAt(rs []scanners.Result, path string, line int) (string, int) {
	addr, start, size := "", line, -1
	for _, r := range rs {
		for _, d := range r.Documents {
			l := locationOf(d.Resource[scanners.LocKey])
			if l.Path != path || l.StartLine < 1 || line < l.StartLine || line > l.EndLine {
				continue
			}
			if n := l.EndLine - l.StartLine; size < 0 || n < size || n == size && d.Address < addr {
				addr, start, size = d.Address, l.StartLine, n
			}
		}
	}
	return addr, start
}

// imageOutcome turns an image's secret findings into an outcome: located
// at the image, the file's path in the layer and its line; the message
// names the layer (its diff_id) or the config field.
// A secret the image's SBOM cache replayed has its fingerprint and no
// value: it makes the same finding, and masks nothing (no text of the scan
// but its own finding comes from that layer file).
func imageOutcome(ref, digest string, found []image.Secret) outcome {
	var o outcome
	for _, s := range found {
		f := s.Finding
		where := "the image config's " + s.Field
		if s.Field == "" {
			where = fmt.Sprintf("%s:%d of layer %s", s.Path, f.StartLine, shortDigest(s.Layer))
		}
		msg := secretText(f, f.Secret == "" && !s.Replayed, where)
		loc := report.Location{Image: ref, Digest: digest}
		if s.Field == "" {
			loc.Path, loc.StartLine, loc.EndLine = s.Path, f.StartLine, f.EndLine
		}
		o.Findings = append(o.Findings, foundFinding(report.Finding{RuleID: f.RuleID, Message: msg, Resource: ref, Location: loc,
			Fingerprint: s.Fingerprint}, 0))
		if f.Secret == "" {
			continue
		}
		for _, v := range f.MaskValues() {
			o.Secrets = append(o.Secrets, forcedSecret(v))
		}
	}
	return o
}

func foundFinding(f report.Finding, resStart int) found {
	return found{Finding: f, ResStart: resStart, MessageSum: sumHex(f.Message)}
}

// shortDigest is sha256:0123456789ab.
func shortDigest(d string) string {
	if i := strings.IndexByte(d, ':'); i >= 0 && len(d) > i+13 {
		return d[:i+13]
	}
	return d
}
