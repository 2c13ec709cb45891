package tollgate

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/tollgate/tollgate/policies"
	"github.com/tollgate/tollgate/report"
	"github.com/tollgate/tollgate/scanners"
)

// cacheFormat is the version of the cache entries' layout; an entry of
// another version is a miss.
const cacheFormat = 2

// scanCache keeps what each unit of files (a Terraform configuration, a
// chart, a manifest) came to, so that a rescan replays the units whose
// inputs did not change instead of reading and evaluating them again.
//
// An entry is found by a key naming everything the outcome depends on
// besides the files: the tollgate version, the policies (built-in and the
// user's, their parameters), the reader options, the scan root, the
// scanner and the unit's file names. It holds the list of everything the
// unit's reading learnt from the file system (each file read, with the
// digest of its content; each file stated or found missing; each directory
// listed), and replays only when every one of those is still the same: a
// module outside the target, a tfvars file, a values file or a kustomize
// resource edited is a miss like the unit's own files. Anything in doubt
// (an unreadable or corrupt entry, a reading cut short) is a miss.
//
// Secrets never reach the disk: an entry's texts (messages, errors, code
// lines) are masked with the unit's own secret values before it is
// written, and the values themselves are not kept.
type scanCache struct {
	dir  string
	base string // digest of everything but the unit

	hits, misses, stored, failed atomic.Int64
}

// openCache returns the scan's cache, or nil and why there is none.
func openCache(o Options, cfg *Config, root string) (*scanCache, string) {
	if o.NoCache {
		return nil, "--no-cache"
	}
	if o.DownloadModules || o.DownloadCharts || o.DownloadBases {
		// What a download brings is read through a file system the
		// cache does not see the versions of.
		return nil, "downloads (--download-*) are on"
	}
	dir, why := scanCacheDir(o)
	if why != "" {
		return nil, why
	}
	base, why := cacheBase(o, cfg, root)
	if why != "" {
		return nil, why
	}
	return &scanCache{dir: dir, base: base}, ""
}

// nondeterministic are builtins whose result is not a function of the
// input: a policy calling one is never cached.
var nondeterministic = []string{"time.now_ns", "http.send", "rand.intn", "uuid.rfc4122", "opa.runtime", "net.lookup_ip_addr"}

// cacheBase digests what every entry's outcome depends on besides its
// unit, or says why the scan cannot be cached.
func cacheBase(o Options, cfg *Config, root string) (string, string) {
	h := sha256.New()
	put := func(parts ...string) {
		for _, p := range parts {
			fmt.Fprintf(h, "%d:%s", len(p), p)
		}
	}
	put("tollgate-cache", fmt.Sprint(cacheFormat))
	pol, why := policyDigest(o, cfg)
	if why != "" {
		return "", why
	}
	put("policies", pol)
	abs, err := filepath.Abs(root)
	if err != nil {
		return "", err.Error()
	}
	put("root", abs)
	put("var-files")
	put(o.TerraformVarFiles...)
	put("vars")
	put(sortedPairs(o.TerraformVars)...)
	put("helm-values")
	for _, f := range o.HelmValues {
		// Read when the Helm reader is built, not through the scan's
		// file system: their content goes in the key.
		b, err := os.ReadFile(f)
		if err != nil {
			return "", fmt.Sprintf("helm values %s: %v", f, err)
		}
		put(f, hashHex(b))
	}
	put("helm-set")
	put(o.HelmSet...)
	put("compose-env")
	put(sortedPairs(o.ComposeEnv)...)
	put("secrets", secretsDigest(o))
	return hex.EncodeToString(h.Sum(nil)), ""
}

// buildIdentity tells this build of tollgate from any other in the cache
// keys: its version, and for a build that has none ("dev": built without
// -ldflags, module version or VCS stamp, as from a source tarball) also the
// size and modification time of its executable, so that what a build of
// other code left in a shared cache is never replayed as this one's. It
// says why when the build cannot be told apart: no cache then.
func buildIdentity() (string, string) {
	if Version != "dev" {
		return Version, ""
	}
	exe, err := os.Executable()
	if err == nil {
		var st os.FileInfo
		if st, err = os.Stat(exe); err == nil {
			return fmt.Sprintf("%s+%d+%d", Version, st.Size(), st.ModTime().UnixNano()), ""
		}
	}
	return "", fmt.Sprintf("this build has no version and its executable cannot be identified (%v)", err)
}

// policyDigest digests everything the policy library is made of: the
// tollgate version and embedded policies, every file of the user's policy
// directories, bundle digests and params; or says why it cannot.
func policyDigest(o Options, cfg *Config) (string, string) {
	h := sha256.New()
	put := func(parts ...string) {
		for _, p := range parts {
			fmt.Fprintf(h, "%d:%s", len(p), p)
		}
	}
	id, why := buildIdentity()
	if why != "" {
		return "", why
	}
	put(id)
	put("builtins", builtinsDigest())
	dirs := o.PolicyDirs
	var params map[string]any
	if cfg != nil {
		dirs = append(append([]string{}, cfg.Policies...), dirs...)
		params = cfg.Params
	}
	for _, d := range dirs {
		if strings.HasPrefix(d, policies.BundleScheme) {
			put("bundle", d) // pinned by digest
			continue
		}
		sum, why := policyDirDigest(d)
		if why != "" {
			return "", why
		}
		put("policies", d, sum)
	}
	p, err := json.Marshal(params) // map keys sorted
	if err != nil {
		return "", fmt.Sprintf("params: %v", err)
	}
	put("params", string(p))
	return hex.EncodeToString(h.Sum(nil)), ""
}

// scanCacheDir is the scan cache's directory: --cache-dir, else the user cache
// directory's tollgate/scan.
func scanCacheDir(o Options) (string, string) {
	if o.CacheDir != "" {
		return o.CacheDir, ""
	}
	dir, err := userCacheDir("scan")
	if err != nil {
		return "", err.Error() + "; set --cache-dir"
	}
	return dir, ""
}

// userCacheDir is tollgate's directory sub (downloads in the directory
// itself, the scan cache in scan) of the user cache directory.
func userCacheDir(sub string) (string, error) {
	user, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("no user cache directory (%v)", err)
	}
	return filepath.Join(user, "tollgate", sub), nil
}

var builtinsOnce = sync.OnceValue(func() string {
	h := sha256.New()
	fs.WalkDir(policies.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(policies.FS, p)
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%s\x00%s\x00", p, hashHex(b))
		return nil
	})
	return hex.EncodeToString(h.Sum(nil))
})

// builtinsDigest digests the embedded policy library: a development build
// keeps its version string while its policies change.
func builtinsDigest() string { return builtinsOnce() }

// policyDirDigest digests every file under a user policy directory, or
// says why it cannot be cached.
func policyDirDigest(dir string) (string, string) {
	r, err := os.OpenRoot(dir)
	if err != nil {
		return "", fmt.Sprintf("policy dir %s: %v", dir, err)
	}
	defer r.Close()
	h := sha256.New()
	why := ""
	err = fs.WalkDir(r.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		b, err := fs.ReadFile(r.FS(), p)
		if err != nil {
			fmt.Fprintf(h, "%s\x00error:%v\x00", p, err)
			return nil
		}
		for _, name := range nondeterministic {
			if strings.Contains(string(b), name) {
				why = fmt.Sprintf("policy %s calls %s", filepath.Join(dir, p), name)
			}
		}
		fmt.Fprintf(h, "%s\x00%s\x00", p, hashHex(b))
		return nil
	})
	if err != nil {
		return "", fmt.Sprintf("policy dir %s: %v", dir, err)
	}
	return hex.EncodeToString(h.Sum(nil)), why
}

func sortedPairs(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k, v := range m {
		out = append(out, k+"="+v)
	}
	sort.Strings(out)
	return out
}

func hashHex(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// cacheEntry is one unit's outcome.
type cacheEntry struct {
	Format int             `json:"format"`
	Deps   []scanners.Dep  `json:"deps"`
	Files  []cachedFileOut `json:"files"`
	// Secrets are the secret findings in the files the unit read, masked
	// as the files' outcomes are; nil when detection is off.
	Secrets *outcome `json:"secrets,omitempty"`
}

// cachedFileOut is one file of the unit: skipped (not of the format after
// all) or read.
type cachedFileOut struct {
	Path    string   `json:"path"`
	Skipped string   `json:"skipped,omitempty"`
	Outcome *outcome `json:"outcome,omitempty"`
}

// key names a unit's entry.
func (c *scanCache) key(u scanners.Unit) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%d", c.base, u.Scanner, len(u.Files))
	for _, f := range u.Files {
		fmt.Fprintf(h, "\x00%s", f)
	}
	return hex.EncodeToString(h.Sum(nil))
}

func (c *scanCache) path(key string) string {
	return filepath.Join(c.dir, key[:2], key+".json")
}

// load reads an entry; any problem is a miss.
func (c *scanCache) load(key string) (*cacheEntry, bool) {
	b, err := os.ReadFile(c.path(key))
	if err != nil {
		return nil, false
	}
	var e cacheEntry
	if err := json.Unmarshal(b, &e); err != nil || e.Format != cacheFormat {
		return nil, false
	}
	if e.Secrets != nil {
		for _, fd := range e.Secrets.Findings {
			if fd.MessageSum == "" || fd.Finding.Fingerprint == "" {
				return nil, false
			}
		}
	}
	for _, f := range e.Files {
		if f.Skipped != "" {
			continue
		}
		if f.Outcome == nil || f.Outcome.Target == nil {
			return nil, false
		}
		for _, fd := range f.Outcome.Findings {
			if fd.MessageSum == "" || fd.Finding.Fingerprint == "" {
				return nil, false
			}
		}
	}
	return &e, true
}

// store writes an entry whole or not at all: to a temporary file renamed
// into place, so a scan sharing the directory reads the old entry or the
// new one, never half of one.
func (c *scanCache) store(key string, e *cacheEntry) error {
	b, err := json.Marshal(e)
	if err != nil {
		return err
	}
	dir := filepath.Dir(c.path(key))
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, ".tmp-*")
	if err != nil {
		return err
	}
	_, werr := f.Write(b)
	cerr := f.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(f.Name())
		return err
	}
	if err := os.Rename(f.Name(), c.path(key)); err != nil {
		os.Remove(f.Name())
		return err
	}
	return nil
}

// hook reads or replays each unit for the walk (scanners.WithUnitHook),
// with its secret findings when sec is set.
func (c *scanCache) hook(ev *evaluator, sec *secretScanner) func(scanners.Unit) {
	return func(u scanners.Unit) {
		key := c.key(u)
		if e, ok := c.load(key); ok && scanners.UnchangedSeeing(u.FS, e.Deps, ev.saw) {
			c.hits.Add(1)
			for _, f := range e.Files {
				if f.Skipped != "" {
					u.Emit(scanners.Result{Path: f.Path, NotFormat: f.Skipped})
					continue
				}
				ev.apply(*f.Outcome)
			}
			if e.Secrets != nil {
				ev.apply(*e.Secrets)
			}
			return
		}
		c.misses.Add(1)
		rec := scanners.NewRecorder(u.FS)
		rec.See(ev.saw)
		entry := &cacheEntry{Format: cacheFormat}
		var read fs.FS = rec
		var sfs *secretFS
		if sec != nil {
			sfs = sec.wrap(rec)
			read = sfs
		}
		results := u.Read(read)
		var evaluated []scanners.Result
		for _, r := range results {
			if r.NotFormat != "" && len(r.Errors) == 0 && len(r.Documents) == 0 {
				u.Emit(r)
				entry.Files = append(entry.Files, cachedFileOut{Path: r.Path, Skipped: r.NotFormat})
				continue
			}
			evaluated = append(evaluated, r)
			entry.Files = append(entry.Files, cachedFileOut{Path: r.Path})
		}
		finish := func() { c.finishMiss(ev, sec, u, key, rec, entry, results, evaluated, sfs) }
		if !slices.ContainsFunc(evaluated, func(r scanners.Result) bool { return len(r.Documents) > 0 }) {
			// Nothing to evaluate (files that could not be read): the
			// library need not be compiled for it.
			finish()
			return
		}
		ev.whenReady(finish)
	}
}

// finishMiss evaluates the unit read on a miss, stores its entry and
// applies its outcomes.
func (c *scanCache) finishMiss(ev *evaluator, sec *secretScanner, u scanners.Unit, key string, rec *scanners.Recorder,
	entry *cacheEntry, results, evaluated []scanners.Result, sfs *secretFS) {
	var secrets []string
	// The files of a large unit (a root module of hundreds of files)
	// are evaluated on every core, not on the one that read it.
	outs := make([]outcome, len(evaluated))
	scanners.Parallel(len(evaluated), func(i int) { outs[i] = ev.outcomeOf(evaluated[i]) })
	for _, o := range outs {
		secrets = append(secrets, o.Secrets...)
	}
	// The unit's own files are dependencies whether or not its
	// reader got to them.
	for _, f := range u.Files {
		rec.Open(f) //nolint:errcheck // recorded, failure included
	}
	var secOut outcome
	if sfs != nil {
		secOut = sec.outcome(results, sfs.found())
		secrets = append(secrets, secOut.Secrets...)
	}
	m := newMasker(secrets)
	if sfs != nil {
		stored := maskedOutcome(secOut, m, rec)
		entry.Secrets = &stored
		secOut = withCode(secOut, stored)
	}
	j := 0
	for i := range entry.Files {
		if entry.Files[i].Skipped != "" {
			continue
		}
		stored := maskedOutcome(outs[j], m, rec)
		entry.Files[i].Outcome = &stored
		outs[j] = withCode(outs[j], stored)
		j++
	}
	deps, complete := rec.Deps()
	entry.Deps = deps
	if complete && ev.ctx.Err() == nil {
		if err := c.store(key, entry); err != nil {
			c.failed.Add(1)
		} else {
			c.stored.Add(1)
		}
	}
	for _, o := range outs {
		ev.apply(o)
	}
	if sfs != nil {
		ev.apply(secOut)
	}
}

// maskedOutcome is o as it may be written: its texts masked with m, its
// findings' code lines read (through fsys, so that the files they come
// from are dependencies) and masked, and no secret values.
func maskedOutcome(o outcome, m *masker, fsys fs.FS) outcome {
	out := outcome{Resources: o.Resources}
	if o.Target != nil {
		t := *o.Target
		t.Reason = m.mask(t.Reason)
		out.Target = &t
	}
	maskErrs := func(errs []report.Error) []report.Error {
		var masked []report.Error
		for _, e := range errs {
			e.Message = m.mask(e.Message)
			masked = append(masked, e)
		}
		return masked
	}
	out.Errors, out.Warnings = maskErrs(o.Errors), maskErrs(o.Warnings)
	findings := make([]report.Finding, len(o.Findings))
	for i, f := range o.Findings {
		findings[i] = f.Finding
		findings[i].Message = m.mask(f.Finding.Message)
		findings[i].Code = nil
	}
	codeLines(fsys, findings, m)
	for i, f := range o.Findings {
		out.Findings = append(out.Findings, found{Finding: findings[i], ResStart: f.ResStart, MessageSum: f.MessageSum})
	}
	return out
}

// withCode gives the live outcome o the code lines of its stored copy, so
// that a first scan reports what a replay of it will.
func withCode(o, stored outcome) outcome {
	fs := make([]found, len(o.Findings))
	copy(fs, o.Findings)
	for i := range fs {
		fs[i].Finding.Code = stored.Findings[i].Finding.Code
	}
	o.Findings = fs
	return o
}
