// Package fetch downloads what a scanned configuration depends on, only
// when the user asks for it: git repositories over HTTPS (go-git, in
// process: no program is run), HTTPS archives (.zip, .tar.gz), and plain
// HTTPS requests for the registries that point at them. Every request has
// a timeout; a package is bounded in bytes and files; an archive entry that
// would land outside its directory, or is a link or a device, refuses the
// archive. Sources that would read the local machine (file://) or need other
// tools and credentials (s3::, gcs::, hg::, SSH) are refused with
// ErrUnsupported. Packages are kept in a cache directory by source and ref
// and read, confined, from there.
package fetch

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
)

// Getter downloads packages. CacheDir is required.
type Getter struct {
	// CacheDir keeps downloaded packages, one directory per source and
	// ref; a package found there is not downloaded again (except a git
	// source without a ref, which follows its default branch).
	CacheDir string
	// Client makes HTTPS requests; nil: a client with RequestTimeout.
	Client *http.Client
	// CABundle adds PEM certificates trusted for git over HTTPS.
	CABundle []byte
	// Timeout bounds the download of one package (0: DefaultTimeout).
	Timeout time.Duration
	// MaxBytes bounds one package's files, MaxFiles their number (0: the
	// defaults below).
	MaxBytes int64
	MaxFiles int
}

// Defaults of a Getter.
const (
	DefaultTimeout  = 2 * time.Minute
	RequestTimeout  = 30 * time.Second
	DefaultMaxBytes = 256 << 20
	DefaultMaxFiles = 20000
)

// Package is a downloaded package: Dir is its local directory, ID the path
// its files are reported under (registry.terraform.io/ns/name/aws@1.2.0,
// github.com/org/repo@v1.0.0), Sub the directory the source names inside
// it ("" for its root).
type Package struct {
	Dir, ID, Sub string
}

// ErrUnsupported is a source the getter does not download.
var ErrUnsupported = errors.New("source type not downloaded by tollgate")

// WithTimeout bounds ctx by the getter's per-package timeout.
func (g *Getter) WithTimeout(ctx context.Context) (context.Context, context.CancelFunc) {
	t := g.Timeout
	if t <= 0 {
		t = DefaultTimeout
	}
	return context.WithTimeout(ctx, t)
}

// GetJSON GETs u and decodes its JSON body (when it has one) into v.
func (g *Getter) GetJSON(ctx context.Context, u string, v any) (*http.Response, error) {
	resp, err := g.HTTPGet(ctx, u)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusNoContent {
		return resp, nil
	}
	if err := json.NewDecoder(io.LimitReader(resp.Body, 8<<20)).Decode(v); err != nil {
		return nil, fmt.Errorf("%s: %w", u, err)
	}
	return resp, nil
}

// HTTPGet GETs u over HTTPS with a timeout, failing on a status other than
// 200 or 204.
func (g *Getter) HTTPGet(ctx context.Context, u string) (*http.Response, error) {
	pu, err := url.Parse(u)
	if err != nil || pu.Scheme != "https" {
		return nil, fmt.Errorf("%s: only https URLs are fetched", u)
	}
	rctx, cancel := context.WithTimeout(ctx, RequestTimeout)
	req, err := http.NewRequestWithContext(rctx, http.MethodGet, u, nil)
	if err != nil {
		cancel()
		return nil, err
	}
	req.Header.Set("X-Terraform-Version", "1.9.0")
	c := g.Client
	if c == nil {
		c = &http.Client{Timeout: RequestTimeout}
	}
	resp, err := c.Do(req)
	if err != nil {
		cancel()
		return nil, err
	}
	if resp.StatusCode != http.StatusOK && resp.StatusCode != http.StatusNoContent {
		resp.Body.Close()
		cancel()
		return nil, fmt.Errorf("GET %s: %s", u, resp.Status)
	}
	resp.Body = &cancelBody{resp.Body, cancel}
	return resp, nil
}

type cancelBody struct {
	io.ReadCloser
	cancel context.CancelFunc
}

func (b *cancelBody) Close() error { err := b.ReadCloser.Close(); b.cancel(); return err }

// Get downloads a go-getter style source (what module sources and
// registry download locations are): git::URL, github.com/owner/repo, or
// an HTTPS archive, each with an optional //subdir. id names the package
// in reports; "" derives it from the source.
func (g *Getter) Get(ctx context.Context, source, id string) (*Package, error) {
	src, sub := SplitSubdir(source)
	kind, u, ref, err := classify(src)
	if err != nil {
		return nil, err
	}
	if id == "" {
		id = packageID(u, ref)
	}
	sum := sha256.Sum256([]byte(kind + "\x00" + u.String() + "\x00" + ref))
	dir := filepath.Join(g.CacheDir, hex.EncodeToString(sum[:12]))
	cacheable := kind != "git" || ref != ""
	if st, err := os.Stat(dir); err == nil && st.IsDir() && cacheable {
		return &Package{Dir: dir, ID: id, Sub: sub}, nil
	}
	if err := os.MkdirAll(g.CacheDir, 0o755); err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp(g.CacheDir, ".fetch-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	switch kind {
	case "git":
		err = g.cloneGit(ctx, u, ref, tmp)
	default:
		err = g.downloadArchive(ctx, u, kind, tmp)
	}
	if err != nil {
		return nil, err
	}
	if !cacheable {
		os.RemoveAll(dir)
	}
	if err := os.Rename(tmp, dir); err != nil {
		if st, serr := os.Stat(dir); serr != nil || !st.IsDir() {
			return nil, err
		}
		// Another scan sharing the cache got there first: use its copy.
	}
	return &Package{Dir: dir, ID: id, Sub: sub}, nil
}

// SplitSubdir splits "URL//subdir?query" into "URL?query" and "subdir".
func SplitSubdir(s string) (string, string) {
	start := 0
	if i := strings.Index(s, "://"); i >= 0 {
		start = i + 3
	}
	rest := s[start:]
	query := ""
	if i := strings.Index(rest, "?"); i >= 0 {
		rest, query = rest[:i], rest[i:]
	}
	i := strings.Index(rest, "//")
	if i < 0 {
		return s, ""
	}
	return s[:start] + rest[:i] + query, strings.Trim(path.Clean("/"+rest[i+2:]), "/")
}

// archiveKinds are the archive formats downloaded, by URL suffix.
var archiveKinds = []struct{ suffix, kind string }{
	{".tar.gz", "tar.gz"}, {".tgz", "tar.gz"}, {".zip", "zip"}, {".tar", "tar"},
}

// classify tells a source's kind (git, tar.gz, tar, zip), its URL and ref.
func classify(src string) (kind string, u *url.URL, ref string, err error) {
	forced := ""
	if i := strings.Index(src, "::"); i >= 0 && !strings.Contains(src[:i], "/") {
		forced, src = src[:i], src[i+2:]
	}
	switch {
	case forced == "" && strings.HasPrefix(src, "github.com/"):
		forced, src = "git", "https://"+src
		if p, q, _ := strings.Cut(src, "?"); !strings.HasSuffix(p, ".git") {
			src = p + ".git"
			if q != "" {
				src += "?" + q
			}
		}
	case forced == "" && (strings.HasPrefix(src, "git@") || strings.HasPrefix(src, "bitbucket.org/")):
		return "", nil, "", fmt.Errorf("%w: %q needs SSH or Bitbucket's API", ErrUnsupported, src)
	}
	if forced != "" && forced != "git" && forced != "http" && forced != "https" {
		return "", nil, "", fmt.Errorf("%w: %s:: sources", ErrUnsupported, forced)
	}
	u, err = url.Parse(src)
	if err != nil {
		return "", nil, "", fmt.Errorf("module source %q: %w", src, err)
	}
	if u.Scheme != "https" {
		return "", nil, "", fmt.Errorf("%w: only https:// sources are fetched, not %q", ErrUnsupported, u.Scheme+"://")
	}
	q := u.Query()
	if forced == "git" || strings.HasSuffix(u.Path, ".git") && forced == "" {
		ref = q.Get("ref")
		q.Del("ref")
		if q.Get("depth") != "" {
			q.Del("depth")
		}
		u.RawQuery = q.Encode()
		return "git", u, ref, nil
	}
	if a := q.Get("archive"); a != "" {
		q.Del("archive")
		u.RawQuery = q.Encode()
		switch a {
		case "tar.gz", "tgz":
			return "tar.gz", u, "", nil
		case "zip", "tar":
			return a, u, "", nil
		}
		return "", nil, "", fmt.Errorf("%w: archive=%s", ErrUnsupported, a)
	}
	for _, k := range archiveKinds {
		if strings.HasSuffix(strings.ToLower(u.Path), k.suffix) {
			return k.kind, u, "", nil
		}
	}
	return "", nil, "", fmt.Errorf("%w: %s is neither a git repository nor a .zip or .tar.gz archive", ErrUnsupported, u.Redacted())
}

// packageID names a package by its host, path and ref.
func packageID(u *url.URL, ref string) string {
	id := u.Host + "/" + strings.TrimSuffix(strings.Trim(u.Path, "/"), ".git")
	if ref != "" {
		id += "@" + ref
	}
	return SafeID(id)
}

// SafeID makes id a relative slash-separated path of safe characters (a
// port's colon would read as a URI scheme in SARIF).
func SafeID(id string) string {
	var b strings.Builder
	for _, r := range id {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', strings.ContainsRune("._-@+/", r):
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	var parts []string
	for _, e := range strings.Split(b.String(), "/") {
		if e != "" && e != "." && e != ".." {
			parts = append(parts, e)
		}
	}
	return strings.Join(parts, "/")
}

var commitRef = regexp.MustCompile(`^[0-9a-f]{7,40}$`)

// cloneGit checks ref (a tag, a branch or a commit; the default branch
// when empty) of the repository at u out into dir, without its .git.
func (g *Getter) cloneGit(ctx context.Context, u *url.URL, ref, dir string) error {
	opts := &git.CloneOptions{URL: u.String(), Tags: git.NoTags, CABundle: g.CABundle, Depth: 1, SingleBranch: true}
	var err error
	switch {
	case ref == "":
		_, err = git.PlainCloneContext(ctx, dir, false, opts)
	case commitRef.MatchString(ref):
		opts.Depth, opts.SingleBranch, opts.NoCheckout = 0, false, true
		var repo *git.Repository
		if repo, err = git.PlainCloneContext(ctx, dir, false, opts); err == nil {
			var h *plumbing.Hash
			if h, err = repo.ResolveRevision(plumbing.Revision(ref)); err == nil {
				var wt *git.Worktree
				if wt, err = repo.Worktree(); err == nil {
					err = wt.Checkout(&git.CheckoutOptions{Hash: *h})
				}
			}
		}
	default:
		opts.ReferenceName = plumbing.NewTagReferenceName(ref)
		_, err = git.PlainCloneContext(ctx, dir, false, opts)
		if err != nil && ctx.Err() == nil {
			os.RemoveAll(filepath.Join(dir, ".git"))
			opts.ReferenceName = plumbing.NewBranchReferenceName(ref)
			_, err = git.PlainCloneContext(ctx, dir, false, opts)
		}
	}
	if err != nil {
		return fmt.Errorf("git clone %s (ref %q): %w", u.Redacted(), ref, err)
	}
	if err := os.RemoveAll(filepath.Join(dir, ".git")); err != nil {
		return err
	}
	return g.checkTree(dir)
}

// checkTree bounds a checked out tree in bytes and files.
func (g *Getter) checkTree(dir string) error {
	maxBytes, maxFiles := g.limits()
	var n int64
	files := 0
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if files++; files > maxFiles {
			return fmt.Errorf("module has more than %d files", maxFiles)
		}
		if d.Type().IsRegular() {
			info, err := d.Info()
			if err != nil {
				return err
			}
			if n += info.Size(); n > maxBytes {
				return fmt.Errorf("module is larger than %d bytes", maxBytes)
			}
		}
		return nil
	})
}

func (g *Getter) limits() (int64, int) {
	maxBytes, maxFiles := g.MaxBytes, g.MaxFiles
	if maxBytes <= 0 {
		maxBytes = DefaultMaxBytes
	}
	if maxFiles <= 0 {
		maxFiles = DefaultMaxFiles
	}
	return maxBytes, maxFiles
}

// downloadArchive downloads an archive and extracts it into dir.
func (g *Getter) downloadArchive(ctx context.Context, u *url.URL, kind, dir string) error {
	maxBytes, maxFiles := g.limits()
	resp, err := g.HTTPGet(ctx, u.String())
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxBytes+1))
	if err != nil {
		return fmt.Errorf("GET %s: %w", u.Redacted(), err)
	}
	if int64(len(data)) > maxBytes {
		return fmt.Errorf("%s: archive larger than %d bytes", u.Redacted(), maxBytes)
	}
	x := &extractor{dir: dir, budget: maxBytes, files: maxFiles}
	switch kind {
	case "zip":
		err = x.zip(data)
	case "tar.gz":
		zr, gerr := gzip.NewReader(bytes.NewReader(data))
		if gerr != nil {
			return fmt.Errorf("%s: %w", u.Redacted(), gerr)
		}
		err = x.tar(zr)
	default:
		err = x.tar(bytes.NewReader(data))
	}
	if err != nil {
		return fmt.Errorf("%s: %w", u.Redacted(), err)
	}
	return nil
}

// extractor writes archive entries under dir: regular files and
// directories only, never outside dir, within a budget of bytes and files.
type extractor struct {
	dir    string
	budget int64
	files  int
}

// target is where entry name goes ("" for the archive's root), or an
// error when it would leave dir.
func (x *extractor) target(name string) (string, error) {
	n := strings.ReplaceAll(name, `\`, "/")
	if strings.HasPrefix(n, "/") || slices.Contains(strings.Split(n, "/"), "..") {
		return "", fmt.Errorf("archive entry %q leaves the module directory", name)
	}
	clean := path.Clean(n)
	if clean == "." {
		return "", nil
	}
	if x.files--; x.files < 0 {
		return "", errors.New("archive has too many files")
	}
	return filepath.Join(x.dir, filepath.FromSlash(clean)), nil
}

func (x *extractor) write(name string, mode fs.FileMode, r io.Reader) error {
	p, err := x.target(name)
	if err != nil || p == "" {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	out, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644|mode&0o111)
	if err != nil {
		return fmt.Errorf("archive entry %q: %w", name, err)
	}
	n, err := io.Copy(out, io.LimitReader(r, x.budget+1))
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if x.budget -= n; x.budget < 0 {
		return errors.New("archive expands beyond the module size limit")
	}
	return nil
}

func (x *extractor) mkdir(name string) error {
	p, err := x.target(name)
	if err != nil || p == "" {
		return err
	}
	return os.MkdirAll(p, 0o755)
}

func (x *extractor) tar(r io.Reader) error {
	tr := tar.NewReader(r)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		switch h.Typeflag {
		case tar.TypeDir:
			err = x.mkdir(h.Name)
		case tar.TypeReg:
			err = x.write(h.Name, fs.FileMode(h.Mode), tr)
		case tar.TypeXGlobalHeader, tar.TypeXHeader:
		default:
			err = fmt.Errorf("archive entry %q is a link or a special file", h.Name)
		}
		if err != nil {
			return err
		}
	}
}

func (x *extractor) zip(data []byte) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return err
	}
	for _, zf := range zr.File {
		mode := zf.Mode()
		switch {
		case mode.IsDir():
			err = x.mkdir(zf.Name)
		case mode.IsRegular():
			var rc io.ReadCloser
			if rc, err = zf.Open(); err == nil {
				err = x.write(zf.Name, mode, rc)
				rc.Close()
			}
		default:
			err = fmt.Errorf("archive entry %q is a link or a special file", zf.Name)
		}
		if err != nil {
			return err
		}
	}
	return nil
}
