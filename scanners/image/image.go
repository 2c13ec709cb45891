// Package image reads container images (registry, OCI layout,
// docker-archive tar), generates their SBOM with syft, and turns the image
// config and packages into a document for policies.
package image

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/anchore/stereoscope/pkg/file"
	stimage "github.com/anchore/stereoscope/pkg/image"
	"github.com/anchore/syft/syft"
	"github.com/anchore/syft/syft/cataloging/pkgcataloging"
	"github.com/anchore/syft/syft/sbom"
	"github.com/anchore/syft/syft/source"
	"github.com/anchore/syft/syft/source/stereoscopesource"
	_ "github.com/glebarez/go-sqlite" // syft's rpm cataloger reads sqlite rpmdbs through database/sql; grype's gorm driver registers this same "sqlite" driver, so a second one would panic at start
	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/remote"

	"github.com/tollgate/tollgate/scanners"
	"github.com/tollgate/tollgate/scanners/sbomdoc"
	"github.com/tollgate/tollgate/secrets"
)

// Source schemes, spelled as syft spells them.
const (
	SchemeRegistry      = "registry"
	SchemeOCIDir        = "oci-dir"
	SchemeDockerArchive = "docker-archive"
	// SchemeOCIArchive is a tar of an OCI layout; SchemeDocker and
	// SchemePodman are an image of the local docker or podman daemon
	// (daemon.go).
	SchemeOCIArchive = "oci-archive"
	SchemeDocker     = "docker"
	SchemePodman     = "podman"
)

// Ref is an image reference with its source scheme.
type Ref struct {
	Scheme string
	// Ref is the registry reference, or the path of the layout or archive.
	Ref string
	// Digest ("sha256:...") or Tag chooses one image of a layout or
	// archive that holds several: the manifest digest (or that of an index
	// holding it) or ref.name annotation of an OCI layout; the image ID
	// (config digest) or RepoTag of a docker-save tar.
	Digest, Tag string
}

func (r Ref) String() string {
	s := r.Scheme + ":" + r.Ref
	if r.Tag != "" {
		s += ":" + r.Tag
	}
	if r.Digest != "" {
		s += "@" + r.Digest
	}
	return s
}

// ParseRef reads "registry:REF", "oci-dir:PATH", "docker-archive:PATH.tar",
// or a bare REF, which means registry. A layout or archive path may be
// followed by "@sha256:..." or ":TAG" to choose one of several images;
// the path ends at its first colon, unless the whole text names an
// existing file.
func ParseRef(s string) (Ref, error) {
	for _, scheme := range []string{SchemeRegistry, SchemeOCIDir, SchemeDockerArchive, SchemeOCIArchive, SchemeDocker, SchemePodman} {
		if rest, ok := strings.CutPrefix(s, scheme+":"); ok {
			if rest == "" {
				return Ref{}, fmt.Errorf("image %q: empty reference after %s:", s, scheme)
			}
			r := Ref{Scheme: scheme, Ref: rest}
			if scheme != SchemeRegistry && !daemonScheme(scheme) {
				if err := r.splitChoice(); err != nil {
					return Ref{}, fmt.Errorf("image %q: %w", s, err)
				}
			}
			return r, nil
		}
	}
	if s == "" {
		return Ref{}, errors.New("empty image reference")
	}
	return Ref{Scheme: SchemeRegistry, Ref: s}, nil
}

// splitChoice splits PATH@DIGEST or PATH:TAG.
func (r *Ref) splitChoice() error {
	if _, err := os.Stat(r.Ref); err == nil {
		return nil
	}
	p := r.Ref
	if i := strings.LastIndex(p, "@"); i >= 0 && strings.HasPrefix(p[i+1:], "sha") && strings.Contains(p[i+1:], ":") {
		h, err := v1.NewHash(p[i+1:])
		if err != nil {
			return fmt.Errorf("digest: %w", err)
		}
		r.Digest, p = h.String(), p[:i]
	} else if i := strings.Index(p, ":"); i >= 0 {
		r.Tag, p = p[i+1:], p[:i]
		if r.Tag == "" || strings.ContainsAny(r.Tag, " \t\n") {
			return fmt.Errorf("bad image name %q after the path", r.Tag)
		}
	}
	if p == "" {
		return errors.New("empty path")
	}
	r.Ref = p
	return nil
}

// Options configures how images are fetched. Zero fields take the
// Default... constants of limits.go.
type Options struct {
	// InsecureRegistries are registry hosts (host[:port]) reached over plain
	// HTTP. Loopback hosts need not be listed.
	InsecureRegistries []string
	// Keychain resolves registry credentials; nil means the docker config
	// keychain (~/.docker/config.json and credential helpers).
	Keychain authn.Keychain
	// Platform picks the image from a multi-platform index; nil means
	// the runner's platform (RunnerPlatform). LoadAll reads Platforms
	// and AllPlatforms instead (platforms.go).
	Platform *v1.Platform
	// Platforms are the platforms LoadAll reads of a multi-platform
	// image (each one an image); AllPlatforms reads every platform.
	Platforms    []v1.Platform
	AllPlatforms bool
	// DaemonHost is the docker or podman API endpoint of docker: and
	// podman: images (unix:///path or tcp://host:port); "" means the
	// environment's, else the usual socket (DaemonHost in daemon.go).
	DaemonHost string
	// Secrets, when set, checks the layers' text files and the config's
	// environment and history for secrets (secrets.go): Image.Secrets.
	Secrets *secrets.Detector
	// ToolName and ToolVersion are recorded in the SBOM.
	ToolName, ToolVersion string
	// ToolBuild, when set, tells the caller's build from others of the
	// same ToolVersion in the SBOM cache's key (a build with no version).
	ToolBuild string
	// SBOMCache is the directory where what an image's layers come to
	// (its SBOM and file facts) is kept by image digest, so that a second
	// scan of the image fetches and reads no layer (sbomcache.go); ""
	// means no cache.
	SBOMCache string

	// Timeout bounds the whole load of one image (DefaultTimeout).
	Timeout time.Duration
	// MaxLayerSize bounds one layer, decompressed (DefaultMaxLayerSize).
	MaxLayerSize int64
	// MaxImageSize bounds all the layers of an image, decompressed
	// (DefaultMaxImageSize).
	MaxImageSize int64
	// MaxLayers bounds the number of layers (DefaultMaxLayers).
	MaxLayers int
	// MaxFiles bounds the number of files in all layers (DefaultMaxFiles).
	MaxFiles int
	// DialTimeout, TLSHandshakeTimeout and ResponseHeaderTimeout bound each
	// registry request; StallTimeout bounds a pause in a response body.
	DialTimeout, TLSHandshakeTimeout, ResponseHeaderTimeout, StallTimeout time.Duration

	// retryBackoff replaces go-containerregistry's retry backoff (tests).
	retryBackoff *remote.Backoff
	// retryWait replaces the wait a Retry-After header asks for (tests).
	retryWait func(ctx context.Context, d time.Duration) error
}

// DocumentFormat and DocumentType are the format and type of an image's
// policy document.
const (
	DocumentFormat = "image"
	DocumentType   = "container_image"
)

// Image is a scanned image.
type Image struct {
	Ref Ref
	// Digest is the manifest digest of the image scanned. A docker-save tar
	// holds no manifest: its images get the digest of a manifest made from
	// manifest.json, which is no registry's digest.
	Digest string
	// Repository is the registry repository (registry images only), where
	// signatures go.
	Repository name.Repository
	// Insecure is true when Repository is reached over plain HTTP.
	Insecure bool
	// Image is the image as read. Its metadata stays available, but its
	// layers can no longer be read once Load has returned.
	Image    v1.Image
	SBOM     *sbom.SBOM
	Document scanners.Document
	// Secrets are the secrets found when Options.Secrets is set.
	Secrets []Secret
	// Platform is the platform the image was chosen for from an index
	// (nil when the reference names a single image), and Index the digest
	// of that index ("" likewise).
	Platform *v1.Platform
	Index    string

	// SBOMCached is true when the SBOM and the file facts came from
	// Options.SBOMCache: no layer was read.
	SBOMCached bool

	// files are the files of interest of the squashed file system
	// (files.go), for the policy document.
	files fileFacts
}

// DigestRef is repository@digest, for registry images.
func (im *Image) DigestRef() string {
	if im.Ref.Scheme != SchemeRegistry {
		return ""
	}
	return im.Repository.Name() + "@" + im.Digest
}

// Load resolves ref to an image, generates its SBOM and builds its policy
// document. Every blob is verified against its digest as it is read, the
// layers are read once (by syft, through the checks of verifiedImage), or
// not at all when o.SBOMCache holds what they came to, and the whole load
// is bounded by o.Timeout and the size limits; whatever way it ends, its
// temp files are gone when it returns.
func Load(ctx context.Context, raw string, o Options) (*Image, error) {
	return load(ctx, raw, o, (*Image).resolve)
}

// resolve finds the image the reference names and checks its manifest
// and config: im.Image is then ready to be read.
func (im *Image) resolve(ctx context.Context, o Options, b *budget) error {
	switch im.Ref.Scheme {
	case SchemeRegistry:
		return im.fromRegistry(ctx, o, b)
	case SchemeOCIDir:
		return im.fromLayout(ctx, o, b)
	case SchemeDockerArchive:
		return im.fromArchive(ctx, o, b)
	case SchemeOCIArchive:
		return im.fromOCIArchive(ctx, o, b)
	case SchemeDocker, SchemePodman:
		return im.fromDaemon(ctx, o, b)
	}
	return fmt.Errorf("unknown scheme %q", im.Ref.Scheme)
}

// load is Load with the resolver as a parameter, for tests.
func load(ctx context.Context, raw string, o Options, resolve func(*Image, context.Context, Options, *budget) error) (*Image, error) {
	ref, err := ParseRef(raw)
	if err != nil {
		return nil, err
	}
	if o, err = o.withDefaults(); err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeoutCause(ctx, o.Timeout, fmt.Errorf("timed out after %s, the time limit per image", o.Timeout))
	defer cancel()
	im := &Image{Ref: ref}
	b := &budget{o: o}
	defer b.done()
	if err := resolve(im, ctx, o, b); err != nil {
		return nil, fmt.Errorf("read image %s: %w", ref, explain(ctx, err))
	}
	d, err := im.Image.Digest()
	if err != nil {
		return nil, fmt.Errorf("read image %s: digest: %w", ref, err)
	}
	im.Digest = d.String()
	var cache *sbomCache
	key := ""
	if o.SBOMCache != "" {
		if key = sbomCacheKey(im, o); key != "" {
			cache = &sbomCache{dir: o.SBOMCache}
		}
	}
	if cache != nil && cache.load(key, im) {
		im.SBOMCached = true
		if o.Secrets != nil {
			// The entry has the layers' secrets, without their values;
			// the config's are found again, values and all, to be masked.
			cf, err := im.Image.ConfigFile()
			if err != nil {
				return nil, fmt.Errorf("read image %s: config: %w", ref, err)
			}
			im.Secrets = append(im.Secrets, configSecrets(cf, o.Secrets)...)
		}
	} else {
		if im.SBOM, err = im.createSBOM(ctx, o); err != nil {
			return nil, fmt.Errorf("sbom of %s: %w", ref, explain(ctx, err))
		}
		if cache != nil {
			_ = cache.store(key, im) // best effort: a scan never fails for its cache
		}
	}
	doc, err := im.document()
	if err != nil {
		return nil, fmt.Errorf("read image %s: %w", ref, err)
	}
	im.Document = doc
	return im, nil
}

// explain puts the reason the load's context ended (its timeout, or the
// caller's cancellation) in front of an error it caused.
func explain(ctx context.Context, err error) error {
	if cause := context.Cause(ctx); cause != nil && !errors.Is(err, cause) {
		return fmt.Errorf("%w: %w", cause, err)
	}
	return err
}

// InsecureRegistry reports whether ref's registry is one of hosts, reached
// over plain HTTP.
func InsecureRegistry(ref string, hosts []string) bool {
	r, err := name.ParseReference(ref)
	if err != nil {
		return false
	}
	reg := r.Context().RegistryStr()
	for _, h := range hosts {
		if strings.EqualFold(h, reg) {
			return true
		}
	}
	return false
}

// createSBOM reads the layers into stereoscope (which spools them,
// decompressed, to a temp directory removed before this returns, however
// it returns) and catalogues the packages.
func (im *Image) createSBOM(ctx context.Context, o Options) (*sbom.SBOM, error) {
	gen := file.NewTempDirGenerator("tollgate-sbom")
	defer gen.Cleanup()
	cacheDir, err := gen.NewDirectory("layers") // uncompressed layers are spooled here
	if err != nil {
		return nil, err
	}
	rawManifest, err := im.Image.RawManifest()
	if err != nil {
		return nil, err
	}
	meta := append([]stimage.AdditionalMetadata{stimage.WithManifest(rawManifest)}, im.referenceMetadata()...)
	si := stimage.New(im.Image, gen, cacheDir, meta...)
	if err := si.Read(ctx); err != nil {
		_ = si.Cleanup()
		return nil, err
	}
	im.files = collectFiles(si)
	src := stereoscopesource.New(si, stereoscopesource.ImageConfig{Reference: im.displayRef()})
	defer src.Close() // after the secrets are found: it removes the layers
	// Secrets are looked for while syft catalogues: both read the layers
	// stereoscope spooled, and an image of source code gives each tens of
	// megabytes of text.
	sctx, cancel := context.WithCancel(ctx)
	defer cancel()
	secretsDone := make(chan error, 1)
	go func() { secretsDone <- im.findSecrets(sctx, si, o) }()
	s, err := catalogue(ctx, src, o)
	if err != nil {
		cancel()
	}
	if serr := <-secretsDone; err == nil {
		err = serr
	}
	if err != nil {
		return nil, err
	}
	return s, nil
}

// catalogue runs syft over src. When ctx ends, syft stops its catalogers
// and returns what they had found with no error: such an SBOM is
// incomplete (often empty), and in the SBOM cache it would answer every
// later scan of the image, so it is an error here.
func catalogue(ctx context.Context, src source.Source, o Options) (*sbom.SBOM, error) {
	s, err := syft.CreateSBOM(ctx, src, SBOMConfig(o.ToolName, o.ToolVersion))
	if err == nil {
		err = ctx.Err()
	}
	if err != nil {
		return nil, err
	}
	return s, nil
}

// referenceMetadata is what the SBOM's source metadata takes from the
// reference the image was read by, rather than from the image: its
// repository digest and tag (registry images).
func (im *Image) referenceMetadata() []stimage.AdditionalMetadata {
	var meta []stimage.AdditionalMetadata
	if im.Ref.Scheme == SchemeRegistry {
		meta = append(meta, stimage.WithRepoDigests(im.DigestRef()))
		if t, err := name.NewTag(im.Ref.Ref); err == nil && !strings.Contains(im.Ref.Ref, "@") {
			meta = append(meta, stimage.WithTags(t.String()))
		}
	}
	return meta
}

// SBOMConfig is syft's configuration for every SBOM tollgate makes:
// packages are catalogued from file contents only. No cataloguer runs a
// program (syft's Go cataloguer would run "go list" in the scanned tree)
// or reaches the network or the host's caches (Go module proxy and mod
// cache, Maven Central and ~/.m2, npm, PyPI) on the input's behalf.
func SBOMConfig(toolName, toolVersion string) *syft.CreateSBOMConfig {
	p := pkgcataloging.DefaultConfig()
	p.Golang = p.Golang.WithUsePackagesLib(false).
		WithSearchRemoteLicenses(false).
		WithSearchLocalModCacheLicenses(false)
	p.JavaArchive = p.JavaArchive.WithUseNetwork(false).
		WithUseMavenLocalRepository(false).
		WithResolveTransitiveDependencies(false)
	p.JavaScript = p.JavaScript.WithSearchRemoteLicenses(false)
	p.Python = p.Python.WithSearchRemoteLicenses(false)
	cfg := syft.DefaultCreateSBOMConfig().WithPackagesConfig(p)
	if toolName != "" {
		cfg = cfg.WithTool(toolName, toolVersion)
	}
	return cfg
}

// displayRef is the reference as the user gave it (without scheme for
// registry images).
func (im *Image) displayRef() string {
	if im.Ref.Scheme == SchemeRegistry {
		return im.Ref.Ref
	}
	return im.Ref.String()
}

// document builds the policy input of the image: its config and packages.
func (im *Image) document() (scanners.Document, error) {
	cf, err := im.Image.ConfigFile()
	if err != nil {
		return scanners.Document{}, fmt.Errorf("config: %w", err)
	}
	display := im.displayRef()
	loc := func() map[string]any { return map[string]any{"image": display, "digest": im.Digest} }
	var secrets []string
	env := []any{}
	for _, kv := range cf.Config.Env {
		n, v, _ := strings.Cut(kv, "=")
		if scanners.SecretName(n) && v != "" {
			secrets = append(secrets, v)
		}
		env = append(env, map[string]any{"name": n, "value": v})
	}
	ports := make([]any, 0, len(cf.Config.ExposedPorts))
	for p := range cf.Config.ExposedPorts {
		ports = append(ports, p)
	}
	sort.Slice(ports, func(i, j int) bool { return ports[i].(string) < ports[j].(string) })
	labels := map[string]any{scanners.LocKey: loc()}
	for k, v := range cf.Config.Labels {
		labels[k] = v
	}
	config := map[string]any{
		scanners.LocKey: loc(),
		"user":          cf.Config.User,
		"env":           env,
		"exposed_ports": ports,
		"labels":        labels,
		"entrypoint":    strings2any(cf.Config.Entrypoint),
		"cmd":           strings2any(cf.Config.Cmd),
		"working_dir":   cf.Config.WorkingDir,
		"os":            cf.OS,
		"architecture":  cf.Architecture,
	}
	pkgs := []any{}
	for _, p := range im.SBOM.Artifacts.Packages.Sorted() {
		pkgs = append(pkgs, sbomdoc.Package(p, loc()))
	}
	addr := display
	if im.Ref.Scheme == SchemeRegistry {
		addr = im.Repository.Name()
	}
	return scanners.Document{
		Format:  DocumentFormat,
		Type:    DocumentType,
		Name:    display,
		Address: addr,
		Path:    display,
		Resource: map[string]any{
			scanners.LocKey: loc(),
			"reference":     display,
			"digest":        im.Digest,
			"config":        config,
			"packages":      pkgs,
			"files":         im.files.document(loc),
		},
		Secrets: secrets,
	}, nil
}

func strings2any(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}
