package terraform

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
	"sort"
	"strings"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	version "github.com/hashicorp/go-version"
)

// Remote module sources are downloaded only when the user asks for it
// (--download-modules): then a module call whose source is the Terraform
// registry (or another registry speaking its protocol), a git repository
// over HTTPS (git::https://..., github.com/owner/repo) or an HTTPS archive
// (.zip, .tar.gz) is fetched as `terraform init` would fetch it, into a
// cache directory, and read from there. Every request has a timeout; a
// module is bounded in bytes and files; an archive entry that would land
// outside its directory, or is a link or a device, refuses the archive; no
// program is run (git is go-git, in process). Sources that would read the
// local machine (file://, a plain path outside the module) or need other
// tools and credentials (s3::, gcs::, hg::, ssh) are not fetched: the call
// is reported as not read, as without the flag.

// Fetcher downloads the modules of remote module calls. The zero value is
// not usable: CacheDir is required.
type Fetcher struct {
	// CacheDir keeps downloaded modules, one directory per source and
	// version; a module found there is not downloaded again (except a git
	// source without a ref, which follows its default branch).
	CacheDir string
	// Client makes registry and archive requests; nil: a client with
	// RequestTimeout.
	Client *http.Client
	// CABundle adds PEM certificates trusted for git over HTTPS.
	CABundle []byte
	// Timeout bounds the download of one module (0: DefaultFetchTimeout).
	Timeout time.Duration
	// MaxBytes bounds one module's files, MaxFiles their number (0: the
	// defaults below).
	MaxBytes int64
	MaxFiles int
}

// Defaults of a Fetcher.
const (
	DefaultFetchTimeout = 2 * time.Minute
	RequestTimeout      = 30 * time.Second
	DefaultModuleBytes  = 256 << 20
	DefaultModuleFiles  = 20000
)

// fetched is a downloaded module package: dir is its local directory, id
// the path its files are reported under (registry.terraform.io/ns/name/aws@1.2.0),
// sub the module's directory inside the package ("" for its root).
type fetched struct {
	dir, id, sub string
}

// errUnsupportedSource is a source the fetcher does not download.
var errUnsupportedSource = errors.New("source type not downloaded by tollgate")

// fetch downloads the module of a call's source and version constraint.
func (f *Fetcher) fetch(ctx context.Context, source, constraint string) (*fetched, error) {
	timeout := f.Timeout
	if timeout <= 0 {
		timeout = DefaultFetchTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	if reg, ok := parseRegistrySource(source); ok {
		return f.fetchRegistry(ctx, reg, constraint)
	}
	if constraint != "" {
		return nil, fmt.Errorf("version = %q is only allowed for registry modules", constraint)
	}
	return f.fetchGetter(ctx, source, "")
}

// registrySource is a module registry address.
type registrySource struct {
	host, namespace, name, system, sub string
}

var registryPart = regexp.MustCompile(`^[0-9A-Za-z](?:[0-9A-Za-z_-]{0,62}[0-9A-Za-z])?$`)

// parseRegistrySource recognizes [host/]namespace/name/system[//subdir], as
// Terraform does: a source that is not a local path, has no getter prefix
// or scheme, and has three or four parts whose first, with four, is a host.
func parseRegistrySource(s string) (registrySource, bool) {
	if localSource(s) || strings.Contains(s, "::") || strings.Contains(s, "://") {
		return registrySource{}, false
	}
	addr, sub, _ := strings.Cut(s, "//")
	parts := strings.Split(addr, "/")
	var r registrySource
	switch len(parts) {
	case 3:
		r.host = "registry.terraform.io"
	case 4:
		if !strings.Contains(parts[0], ".") && !strings.HasPrefix(parts[0], "localhost") {
			return registrySource{}, false
		}
		r.host, parts = strings.ToLower(parts[0]), parts[1:]
		if r.host == "github.com" || r.host == "bitbucket.org" {
			return registrySource{}, false
		}
	default:
		return registrySource{}, false
	}
	for _, p := range parts {
		if !registryPart.MatchString(p) {
			return registrySource{}, false
		}
	}
	r.namespace, r.name, r.system, r.sub = parts[0], parts[1], parts[2], sub
	return r, true
}

// fetchRegistry resolves a registry module's version and downloads the
// package its registry points at.
func (f *Fetcher) fetchRegistry(ctx context.Context, r registrySource, constraint string) (*fetched, error) {
	base, err := f.discover(ctx, r.host)
	if err != nil {
		return nil, err
	}
	modURL := base.JoinPath(r.namespace, r.name, r.system)
	var versions struct {
		Modules []struct {
			Versions []struct {
				Version string `json:"version"`
			} `json:"versions"`
		} `json:"modules"`
	}
	if _, err := f.getJSON(ctx, modURL.JoinPath("versions").String(), &versions); err != nil {
		return nil, err
	}
	var all []string
	for _, m := range versions.Modules {
		for _, v := range m.Versions {
			all = append(all, v.Version)
		}
	}
	v, err := pickVersion(all, constraint)
	if err != nil {
		return nil, fmt.Errorf("%s/%s/%s/%s: %w", r.host, r.namespace, r.name, r.system, err)
	}
	dl := modURL.JoinPath(v, "download")
	loc, err := f.downloadLocation(ctx, dl.String())
	if err != nil {
		return nil, err
	}
	id := safeID(fmt.Sprintf("%s/%s/%s/%s@%s", r.host, r.namespace, r.name, r.system, v))
	fe, err := f.fetchGetter(ctx, loc, id)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", id, err)
	}
	fe.sub = path.Join(fe.sub, r.sub)
	if fe.sub == "." {
		fe.sub = ""
	}
	return fe, nil
}

// discover reads a registry host's service discovery document for its
// modules.v1 endpoint.
func (f *Fetcher) discover(ctx context.Context, host string) (*url.URL, error) {
	wk := &url.URL{Scheme: "https", Host: host, Path: "/.well-known/terraform.json"}
	var doc map[string]any
	if _, err := f.getJSON(ctx, wk.String(), &doc); err != nil {
		return nil, fmt.Errorf("module registry %s: %w", host, err)
	}
	p, _ := doc["modules.v1"].(string)
	if p == "" {
		return nil, fmt.Errorf("module registry %s: its service discovery document offers no modules.v1", host)
	}
	u, err := wk.Parse(p)
	if err != nil || u.Scheme != "https" {
		return nil, fmt.Errorf("module registry %s: bad modules.v1 %q", host, p)
	}
	return u, nil
}

// pickVersion is the newest version meeting constraint, as Terraform picks
// it: prereleases only when the constraint names one exactly.
func pickVersion(all []string, constraint string) (string, error) {
	var cons version.Constraints
	if constraint != "" {
		c, err := version.NewConstraint(constraint)
		if err != nil {
			return "", fmt.Errorf("version constraint %q: %w", constraint, err)
		}
		cons = c
	}
	var vs []*version.Version
	for _, s := range all {
		v, err := version.NewVersion(s)
		if err != nil {
			continue
		}
		if v.Prerelease() != "" && !strings.Contains(constraint, v.Original()) {
			continue
		}
		if cons == nil || cons.Check(v) {
			vs = append(vs, v)
		}
	}
	if len(vs) == 0 {
		if constraint == "" {
			return "", errors.New("the registry lists no versions")
		}
		return "", fmt.Errorf("no version meets %q", constraint)
	}
	sort.Sort(version.Collection(vs))
	return vs[len(vs)-1].Original(), nil
}

// downloadLocation asks a registry where a module version's package is:
// X-Terraform-Get (204), or {"location": ...} (200), relative to the
// download URL.
func (f *Fetcher) downloadLocation(ctx context.Context, dl string) (string, error) {
	var body struct {
		Location string `json:"location"`
	}
	resp, err := f.getJSON(ctx, dl, &body)
	if err != nil {
		return "", err
	}
	loc := resp.Header.Get("X-Terraform-Get")
	if loc == "" {
		loc = body.Location
	}
	if loc == "" {
		return "", fmt.Errorf("%s: the registry gave no download location", dl)
	}
	if strings.HasPrefix(loc, "/") || strings.HasPrefix(loc, "./") || strings.HasPrefix(loc, "../") {
		base, _ := url.Parse(dl)
		u, err := base.Parse(loc)
		if err != nil {
			return "", fmt.Errorf("%s: bad download location %q", dl, loc)
		}
		loc = u.String()
	}
	return loc, nil
}

// getJSON GETs u and decodes its JSON body (when it has one) into v.
func (f *Fetcher) getJSON(ctx context.Context, u string, v any) (*http.Response, error) {
	resp, err := f.get(ctx, u)
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

// get GETs u over HTTPS with a timeout, failing on a status other than
// 200 or 204.
func (f *Fetcher) get(ctx context.Context, u string) (*http.Response, error) {
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
	c := f.Client
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

// fetchGetter downloads a go-getter style source (what module sources and
// registry download locations are): git::URL, github.com/owner/repo, or
// an HTTPS archive, each with an optional //subdir. id names the package
// in reports; "" derives it from the source.
func (f *Fetcher) fetchGetter(ctx context.Context, source, id string) (*fetched, error) {
	src, sub := splitSubdir(source)
	kind, u, ref, err := classify(src)
	if err != nil {
		return nil, err
	}
	if id == "" {
		id = packageID(u, ref)
	}
	sum := sha256.Sum256([]byte(kind + "\x00" + u.String() + "\x00" + ref))
	dir := filepath.Join(f.CacheDir, hex.EncodeToString(sum[:12]))
	cacheable := kind != "git" || ref != ""
	if st, err := os.Stat(dir); err == nil && st.IsDir() && cacheable {
		return &fetched{dir: dir, id: id, sub: sub}, nil
	}
	if err := os.MkdirAll(f.CacheDir, 0o755); err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp(f.CacheDir, ".fetch-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	switch kind {
	case "git":
		err = f.cloneGit(ctx, u, ref, tmp)
	default:
		err = f.downloadArchive(ctx, u, kind, tmp)
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
	return &fetched{dir: dir, id: id, sub: sub}, nil
}

// splitSubdir splits "URL//subdir?query" into "URL?query" and "subdir".
func splitSubdir(s string) (string, string) {
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
		return "", nil, "", fmt.Errorf("%w: %q needs SSH or Bitbucket's API", errUnsupportedSource, src)
	}
	if forced != "" && forced != "git" && forced != "http" && forced != "https" {
		return "", nil, "", fmt.Errorf("%w: %s:: sources", errUnsupportedSource, forced)
	}
	u, err = url.Parse(src)
	if err != nil {
		return "", nil, "", fmt.Errorf("module source %q: %w", src, err)
	}
	if u.Scheme != "https" {
		return "", nil, "", fmt.Errorf("%w: only https:// sources are fetched, not %q", errUnsupportedSource, u.Scheme+"://")
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
		return "", nil, "", fmt.Errorf("%w: archive=%s", errUnsupportedSource, a)
	}
	for _, k := range archiveKinds {
		if strings.HasSuffix(strings.ToLower(u.Path), k.suffix) {
			return k.kind, u, "", nil
		}
	}
	return "", nil, "", fmt.Errorf("%w: %s is neither a git repository nor a .zip or .tar.gz archive", errUnsupportedSource, u.Redacted())
}

// packageID names a package by its host, path and ref.
func packageID(u *url.URL, ref string) string {
	id := u.Host + "/" + strings.TrimSuffix(strings.Trim(u.Path, "/"), ".git")
	if ref != "" {
		id += "@" + ref
	}
	return safeID(id)
}

// safeID makes id a relative slash-separated path of safe characters (a
// port's colon would read as a URI scheme in SARIF).
func safeID(id string) string {
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
func (f *Fetcher) cloneGit(ctx context.Context, u *url.URL, ref, dir string) error {
	opts := &git.CloneOptions{URL: u.String(), Tags: git.NoTags, CABundle: f.CABundle, Depth: 1, SingleBranch: true}
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
	return f.checkTree(dir)
}

// checkTree bounds a checked out tree in bytes and files.
func (f *Fetcher) checkTree(dir string) error {
	maxBytes, maxFiles := f.limits()
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

func (f *Fetcher) limits() (int64, int) {
	maxBytes, maxFiles := f.MaxBytes, f.MaxFiles
	if maxBytes <= 0 {
		maxBytes = DefaultModuleBytes
	}
	if maxFiles <= 0 {
		maxFiles = DefaultModuleFiles
	}
	return maxBytes, maxFiles
}

// downloadArchive downloads an archive and extracts it into dir.
func (f *Fetcher) downloadArchive(ctx context.Context, u *url.URL, kind, dir string) error {
	maxBytes, maxFiles := f.limits()
	resp, err := f.get(ctx, u.String())
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
