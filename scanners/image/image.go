// Package image reads container images (registry, OCI layout,
// docker-archive tar), generates their SBOM with syft, and turns the image
// config and packages into a document for policies.
package image

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/anchore/stereoscope/pkg/file"
	stimage "github.com/anchore/stereoscope/pkg/image"
	"github.com/anchore/syft/syft"
	"github.com/anchore/syft/syft/sbom"
	"github.com/anchore/syft/syft/source/stereoscopesource"
	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/layout"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
	_ "modernc.org/sqlite" // syft's rpm cataloger reads sqlite rpmdbs through database/sql

	"github.com/tollgate/tollgate/scanners"
	"github.com/tollgate/tollgate/scanners/sbomdoc"
)

// Source schemes, spelled as syft spells them.
const (
	SchemeRegistry      = "registry"
	SchemeOCIDir        = "oci-dir"
	SchemeDockerArchive = "docker-archive"
)

// Ref is an image reference with its source scheme.
type Ref struct {
	Scheme string
	// Ref is the registry reference or the path.
	Ref string
}

func (r Ref) String() string { return r.Scheme + ":" + r.Ref }

// ParseRef reads "registry:REF", "oci-dir:PATH", "docker-archive:PATH.tar",
// or a bare REF, which means registry.
func ParseRef(s string) (Ref, error) {
	for _, scheme := range []string{SchemeRegistry, SchemeOCIDir, SchemeDockerArchive} {
		if rest, ok := strings.CutPrefix(s, scheme+":"); ok {
			if rest == "" {
				return Ref{}, fmt.Errorf("image %q: empty reference after %s:", s, scheme)
			}
			return Ref{Scheme: scheme, Ref: rest}, nil
		}
	}
	if s == "" {
		return Ref{}, errors.New("empty image reference")
	}
	return Ref{Scheme: SchemeRegistry, Ref: s}, nil
}

// Options configures how images are fetched.
type Options struct {
	// InsecureRegistries are registry hosts (host[:port]) reached over plain
	// HTTP. Loopback hosts need not be listed.
	InsecureRegistries []string
	// Keychain resolves registry credentials; nil means the docker config
	// keychain (~/.docker/config.json and credential helpers).
	Keychain authn.Keychain
	// Platform picks the image from a multi-platform index; nil means
	// linux/amd64.
	Platform *v1.Platform
	// ToolName and ToolVersion are recorded in the SBOM.
	ToolName, ToolVersion string
}

// Image is a scanned image.
type Image struct {
	Ref Ref
	// Digest is the manifest digest of the image scanned.
	Digest string
	// Repository is the registry repository (registry images only), where
	// signatures go.
	Repository name.Repository
	// Insecure is true when Repository is reached over plain HTTP.
	Insecure bool
	Image    v1.Image
	SBOM     *sbom.SBOM
	Document scanners.Document
}

// DigestRef is repository@digest, for registry images.
func (im *Image) DigestRef() string {
	if im.Ref.Scheme != SchemeRegistry {
		return ""
	}
	return im.Repository.Name() + "@" + im.Digest
}

// Load resolves ref to an image, generates its SBOM and builds its policy
// document. Layers are read once, by syft.
func Load(ctx context.Context, raw string, o Options) (*Image, error) {
	ref, err := ParseRef(raw)
	if err != nil {
		return nil, err
	}
	im := &Image{Ref: ref}
	switch ref.Scheme {
	case SchemeRegistry:
		err = im.fromRegistry(ctx, o)
	case SchemeOCIDir:
		err = im.fromLayout(o)
	case SchemeDockerArchive:
		im.Image, err = tarball.ImageFromPath(ref.Ref, nil)
	}
	if err != nil {
		return nil, fmt.Errorf("read image %s: %w", ref, err)
	}
	d, err := im.Image.Digest()
	if err != nil {
		return nil, fmt.Errorf("read image %s: digest: %w", ref, err)
	}
	im.Digest = d.String()
	if im.SBOM, err = im.createSBOM(ctx, o); err != nil {
		return nil, fmt.Errorf("sbom of %s: %w", ref, err)
	}
	doc, err := im.document()
	if err != nil {
		return nil, fmt.Errorf("read image %s: %w", ref, err)
	}
	im.Document = doc
	return im, nil
}

func (im *Image) fromRegistry(ctx context.Context, o Options) error {
	var nopts []name.Option
	if InsecureRegistry(im.Ref.Ref, o.InsecureRegistries) {
		nopts = append(nopts, name.Insecure)
		im.Insecure = true
	}
	r, err := name.ParseReference(im.Ref.Ref, nopts...)
	if err != nil {
		return err
	}
	im.Repository = r.Context()
	kc := o.Keychain
	if kc == nil {
		kc = authn.DefaultKeychain
	}
	platform := v1.Platform{OS: "linux", Architecture: "amd64"}
	if o.Platform != nil {
		platform = *o.Platform
	}
	im.Image, err = remote.Image(r, remote.WithContext(ctx), remote.WithAuthFromKeychain(kc), remote.WithPlatform(platform))
	return err
}

func (im *Image) fromLayout(o Options) error {
	idx, err := layout.ImageIndexFromPath(im.Ref.Ref)
	if err != nil {
		return err
	}
	m, err := idx.IndexManifest()
	if err != nil {
		return err
	}
	var imgs []v1.Descriptor
	for _, d := range m.Manifests {
		if d.MediaType.IsImage() {
			imgs = append(imgs, d)
		}
	}
	switch len(imgs) {
	case 0:
		return errors.New("OCI layout holds no image manifest")
	case 1:
		im.Image, err = idx.Image(imgs[0].Digest)
		return err
	}
	want := v1.Platform{OS: "linux", Architecture: "amd64"}
	if o.Platform != nil {
		want = *o.Platform
	}
	for _, d := range imgs {
		if d.Platform != nil && d.Platform.Satisfies(want) {
			im.Image, err = idx.Image(d.Digest)
			return err
		}
	}
	return fmt.Errorf("OCI layout holds %d images and none for %s", len(imgs), want.String())
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
	meta := []stimage.AdditionalMetadata{stimage.WithManifest(rawManifest)}
	if im.Ref.Scheme == SchemeRegistry {
		meta = append(meta, stimage.WithRepoDigests(im.DigestRef()))
		if t, err := name.NewTag(im.Ref.Ref); err == nil && !strings.Contains(im.Ref.Ref, "@") {
			meta = append(meta, stimage.WithTags(t.String()))
		}
	}
	si := stimage.New(im.Image, gen, cacheDir, meta...)
	if err := si.Read(ctx); err != nil {
		_ = si.Cleanup()
		return nil, err
	}
	src := stereoscopesource.New(si, stereoscopesource.ImageConfig{Reference: im.displayRef()})
	defer src.Close()
	cfg := syft.DefaultCreateSBOMConfig()
	if o.ToolName != "" {
		cfg = cfg.WithTool(o.ToolName, o.ToolVersion)
	}
	return syft.CreateSBOM(ctx, src, cfg)
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
		Format:  "image",
		Type:    "container_image",
		Name:    display,
		Address: addr,
		Path:    display,
		Resource: map[string]any{
			scanners.LocKey: loc(),
			"reference":     display,
			"digest":        im.Digest,
			"config":        config,
			"packages":      pkgs,
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
