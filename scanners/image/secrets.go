package image

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	stfile "github.com/anchore/stereoscope/pkg/file"
	stimage "github.com/anchore/stereoscope/pkg/image"
	v1 "github.com/google/go-containerregistry/pkg/v1"

	"github.com/tollgate/tollgate/secrets"
)

// MaxSecretFileSize is the largest file of a layer checked for secrets:
// configuration and scripts are far smaller, and what is larger in an
// image is data, bundles or binaries.
const MaxSecretFileSize = 1 << 20

// secretSkipDirs are the image directories never checked for secrets: the
// package managers' databases and caches and the distribution's own
// documentation and data, which ship in every base image and hold
// checksums and key-like strings, never the image author's credentials.
// gitleaks' own allow list adds language package trees (node_modules,
// site-packages, vendor...).
var secretSkipDirs = []string{
	"/var/lib/dpkg/", "/var/lib/rpm/", "/var/lib/apk/", "/lib/apk/db/", "/var/lib/apt/", "/var/cache/",
	"/var/lib/yum/", "/var/lib/dnf/", "/usr/lib/sysimage/rpm/", "/usr/share/doc/", "/usr/share/man/",
	"/usr/share/info/", "/usr/share/locale/", "/usr/share/zoneinfo/", "/usr/share/i18n/", "/usr/lib/locale/",
	"/usr/share/ca-certificates/", "/etc/ssl/certs/", "/usr/include/", "/proc/", "/sys/", "/dev/",
}

// Secret is a secret found in an image: in a file of a layer (Layer, Path
// and the finding's lines), or in a field of the image config (Field: "env
// NAME", "history[3]").
type Secret struct {
	Layer string // the layer's diff_id
	Path  string
	Field string
	secrets.Finding
	// Fingerprint identifies the secret across runs without its value
	// (secrets.Fingerprint of its rule, place and occurrence there).
	Fingerprint string
	// Replayed is set on a secret of a layer replayed from the SBOM
	// cache, which keeps everything of it but its value (Secret and
	// Encoded are empty): the finding it makes is the same, but it masks
	// nothing.
	Replayed bool
}

// place is where the secret is, as its fingerprint names it: the image
// path, or "config:" and the config field.
func (s Secret) place() string {
	if s.Field != "" {
		return "config:" + s.Field
	}
	return s.Path
}

// fingerprint sets each secret's Fingerprint: the n-th finding of a rule
// with one value in one place is occurrence n.
func fingerprint(found []Secret) {
	seen := map[string]int{}
	for i := range found {
		s := &found[i]
		key := s.RuleID + "\x00" + s.place() + "\x00" + s.Secret
		s.Fingerprint = secrets.Fingerprint(s.RuleID, s.place(), s.Secret, seen[key])
		seen[key]++
	}
}

// secretSkipTrees are the trees of installed dependencies and toolchains
// that package managers write, never checked for secrets either: what
// gitleaks' own allow list skips for Node, Python and Ruby (node_modules,
// site-packages, vendor/bundle...) and vendored Go code, here for the
// other ecosystems' trees an image holds: the Go toolchain and module
// cache, Cargo's registry, Maven's repository, RubyGems' and Yarn's
// installs, the compilers' and pip's caches. They are source written by
// others, full of test keys and key-like constants (Go's own crypto
// tests), and a source-heavy image is mostly them. secretSkipTrees start
// at the root; secretSkipCaches are found anywhere in a path (a module
// cache is wherever GOPATH or a home is). The image author's own files,
// configuration and web roots (/usr/share/nginx/html) are checked.
var (
	secretSkipTrees  = []string{"/usr/local/go/", "/usr/lib/go-", "/usr/lib/gems/", "/usr/local/bundle/", "/var/lib/gems/", "/opt/yarn-v"}
	secretSkipCaches = []string{"/go/pkg/mod/", "/.cargo/registry/", "/.m2/repository/", "/.cache/go-build/", "/.cache/pip/", "/.npm/_cacache/"}
)

// secretPathSkipped reports whether the file at p is never checked.
func secretPathSkipped(p string) bool {
	hasPrefix := func(prefix string) bool { return strings.HasPrefix(p, prefix) }
	contains := func(sub string) bool { return strings.Contains(p, sub) }
	return slices.ContainsFunc(secretSkipDirs, hasPrefix) || slices.ContainsFunc(secretSkipTrees, hasPrefix) ||
		slices.ContainsFunc(secretSkipCaches, contains)
}

// layerSecrets checks every regular text file each layer writes (a file a
// later layer deletes or replaces is still in the image, and so is its
// secret) up to MaxSecretFileSize, binaries, the trees secretPathSkipped
// names and the paths gitleaks' allow list skips (left unread) aside. The
// files are read by GOMAXPROCS workers (an image of source code holds tens
// of megabytes of text); the secrets come out in layer and path order.
func layerSecrets(ctx context.Context, si *stimage.Image, det *secrets.Detector) ([]Secret, error) {
	type job struct {
		layer string
		ref   stfile.Reference
	}
	var jobs []job
	for _, l := range si.Layers {
		if l.Tree == nil {
			continue
		}
		refs := l.Tree.AllFiles(stfile.TypeRegular)
		sort.Slice(refs, func(i, j int) bool { return refs[i].RealPath < refs[j].RealPath })
		for _, ref := range refs {
			if secretPathSkipped(string(ref.RealPath)) {
				continue
			}
			e, err := si.FileCatalog.Get(ref)
			if err != nil || e.FileInfo == nil || e.Size() > MaxSecretFileSize || e.Size() == 0 {
				continue
			}
			jobs = append(jobs, job{l.Metadata.Digest, ref})
		}
	}
	found := make([][]Secret, len(jobs))
	errs := make([]error, len(jobs))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(jobs)) {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= len(jobs) || ctx.Err() != nil {
					return
				}
				j := jobs[i]
				p := string(j.ref.RealPath)
				fs, _, err := det.ScanFile(p, func() ([]byte, error) { return readRef(si, j.ref) })
				if err != nil {
					errs[i] = fmt.Errorf("secrets: layer %s %s: %w", j.layer, p, err)
					continue
				}
				for _, f := range fs {
					found[i] = append(found[i], Secret{Layer: j.layer, Path: p, Finding: f})
				}
			}
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	var out []Secret
	for _, f := range found {
		out = append(out, f...)
	}
	return out, nil
}

func readRef(si *stimage.Image, ref stfile.Reference) ([]byte, error) {
	rc, err := si.FileCatalog.Open(ref)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(io.LimitReader(rc, MaxSecretFileSize+1))
}

// configSecrets checks the image config's environment variables and the
// commands of its history (what docker history shows: a RUN with a token
// on its command line, an ARG a build was given).
func configSecrets(cf *v1.ConfigFile, det *secrets.Detector) []Secret {
	var out []Secret
	for _, kv := range cf.Config.Env {
		name, _, _ := strings.Cut(kv, "=")
		for _, f := range det.ScanText("", kv) {
			out = append(out, Secret{Field: "env " + name, Finding: f})
		}
	}
	for i, h := range cf.History {
		for _, f := range det.ScanText("", h.CreatedBy) {
			out = append(out, Secret{Field: fmt.Sprintf("history[%d]", i), Finding: f})
		}
	}
	fingerprint(out)
	return out
}

// findSecrets sets im.Secrets from the layers stereoscope read and the
// config, when o asks for secret detection.
func (im *Image) findSecrets(ctx context.Context, si *stimage.Image, o Options) error {
	if o.Secrets == nil {
		return nil
	}
	found, err := layerSecrets(ctx, si, o.Secrets)
	if err != nil {
		return err
	}
	cf, err := im.Image.ConfigFile()
	if err != nil {
		return fmt.Errorf("config: %w", err)
	}
	fingerprint(found)
	im.Secrets = append(found, configSecrets(cf, o.Secrets)...)
	return nil
}
