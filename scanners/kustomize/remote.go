package kustomize

import (
	"fmt"
	"net/url"
	"path"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/tollgate/tollgate/scanners"
	"github.com/tollgate/tollgate/scanners/fetch"
)

// Remote bases (a resources, bases or components entry naming a git
// repository: https://github.com/org/repo//deploy/base?ref=v1.2.0,
// github.com/org/repo/deploy/base?ref=v1.2.0, git::https://host/x.git//dir)
// are fetched only when the user asks for it (--download-bases,
// WithGetter): the repository is cloned in process by package fetch
// (HTTPS only, bounded, cached, no git program run), mounted at a path
// naming it (github.com/org/repo@v1.2.0), and the entry is handed to
// kustomize as a relative path to it, on the same line of the
// kustomization, so that what the base creates is located in its own
// files. Other remote entries (SSH, remote patch or generator files,
// plain HTTP files) remain errors.

// Option configures a Scanner.
type Option func(*Scanner)

// WithGetter fetches remote bases with g.
func WithGetter(g *fetch.Getter) Option {
	return func(s *Scanner) { s.getter = g }
}

// remoteBase is a remote resources entry: a git repository over HTTPS,
// its ref and the directory inside it.
type remoteBase struct {
	repo, ref, sub string
}

// parseRemoteBase reads a kustomize remote resource URL, as kustomize
// reads it: "//" separates the repository from the directory; without it,
// the repository is the first two path segments on github.com and
// gitlab.com, and ends at a ".git" or "_git/NAME" segment elsewhere.
func parseRemoteBase(v string) (remoteBase, error) {
	s := strings.TrimPrefix(v, "git::")
	if strings.HasPrefix(s, "github.com/") || strings.HasPrefix(s, "gitlab.com/") {
		s = "https://" + s
	}
	u, err := url.Parse(s)
	if err != nil || u.Scheme != "https" || u.Host == "" || u.User != nil {
		return remoteBase{}, fmt.Errorf("%w: only git repositories over https:// are fetched", fetch.ErrUnsupported)
	}
	q := u.Query()
	rb := remoteBase{ref: q.Get("ref")}
	if rb.ref == "" {
		rb.ref = q.Get("version")
	}
	p := strings.TrimPrefix(u.EscapedPath(), "/")
	repoPath, sub, found := strings.Cut(p, "//")
	if !found {
		segs := strings.Split(p, "/")
		n := 0
		switch {
		case u.Host == "github.com" || u.Host == "gitlab.com":
			n = 2
		default:
			for i, seg := range segs {
				if strings.HasSuffix(seg, ".git") {
					n = i + 1
					break
				}
				if seg == "_git" && i+1 < len(segs) {
					n = i + 2
					break
				}
			}
		}
		if n == 0 || n > len(segs) {
			return remoteBase{}, fmt.Errorf("%w: %q names no git repository (write REPO//DIR)", fetch.ErrUnsupported, v)
		}
		repoPath, sub = strings.Join(segs[:n], "/"), strings.Join(segs[n:], "/")
	}
	rb.repo = "https://" + u.Host + "/" + repoPath
	rb.sub = strings.Trim(path.Clean("/"+sub), "/")
	return rb, nil
}

// source is rb as package fetch reads a source.
func (rb remoteBase) source() string {
	s := "git::" + rb.repo
	if rb.sub != "" {
		s += "//" + rb.sub
	}
	if rb.ref != "" {
		s += "?ref=" + url.QueryEscape(rb.ref)
	}
	return s
}

// fetchBases replaces, in data (kustomization k), the remote entries of
// resources, bases and components by relative paths to their fetched and
// mounted packages, keeping every line where it is. An entry that cannot
// be fetched is an error at its line.
func (b *builder) fetchBases(k *kustomization, data []byte) ([]byte, *scanners.FileError) {
	lines := strings.Split(string(data), "\n")
	for _, field := range []string{"resources", "bases", "components"} {
		for _, it := range items(get(k.top, field)) {
			v := str(it)
			if !isRemote(v) {
				continue
			}
			dir, err := b.fetchBase(v)
			if err != nil {
				b.secrets.add(fetch.Secrets(err.Error())...)
				return nil, &scanners.FileError{Path: k.path, Line: it.Line, Err: fmt.Errorf("remote base %q: %v", v, err)}
			}
			rel := relTo(k.dir, dir)
			i := it.Line - 1
			if i < 0 || i >= len(lines) || !strings.Contains(lines[i], v) || it.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
				return nil, &scanners.FileError{Path: k.path, Line: it.Line, Err: fmt.Errorf("remote base %q: write it as a plain or quoted scalar on one line", v)}
			}
			lines[i] = strings.Replace(lines[i], v, rel, 1)
		}
	}
	return []byte(strings.Join(lines, "\n")), nil
}

// fetchBase fetches a remote base once per build and returns its
// directory in the mounted file system.
func (b *builder) fetchBase(v string) (string, error) {
	if dir, ok := b.bases[v]; ok {
		return dir, nil
	}
	rb, err := parseRemoteBase(v)
	if err != nil {
		return "", err
	}
	ctx, cancel := b.getter.WithTimeout(b.ctx)
	defer cancel()
	pkg, err := b.getter.Get(ctx, rb.source(), "")
	if err != nil {
		return "", err
	}
	if b.mounts.MountOf(pkg.ID) == "" {
		root, err := scanners.OpenRoot(pkg.Dir)
		if err != nil {
			return "", err
		}
		b.mounts.Mount(pkg.ID, root)
	}
	dir := path.Join(pkg.ID, pkg.Sub)
	if b.bases == nil {
		b.bases = map[string]string{}
	}
	b.bases[v] = dir
	return dir, nil
}

// relTo is the relative path from directory from to target, both paths
// of the scanned file system, starting with ./ or ../ so that kustomize
// never reads it as a URL.
func relTo(from, target string) string {
	up := 0
	f := strings.Split(path.Clean(from), "/")
	t := strings.Split(path.Clean(target), "/")
	if from == "." || from == "" {
		f = nil
	}
	i := 0
	for i < len(f) && i < len(t) && f[i] == t[i] {
		i++
	}
	up = len(f) - i
	parts := make([]string, 0, up+len(t)-i)
	for range up {
		parts = append(parts, "..")
	}
	parts = append(parts, t[i:]...)
	rel := strings.Join(parts, "/")
	if up == 0 {
		rel = "./" + rel
	}
	return rel
}
