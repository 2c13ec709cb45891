package image

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"

	v1 "github.com/google/go-containerregistry/pkg/v1"
)

// RunnerPlatform is the platform an image is chosen for when none is
// asked: linux on the architecture tollgate runs on, the image a
// container engine on this machine would run.
func RunnerPlatform() v1.Platform {
	return v1.Platform{OS: "linux", Architecture: runtime.GOARCH}
}

// ParsePlatforms reads --platform values: os/arch[/variant], each value
// possibly a comma-separated list, or "all" (every platform of an index).
func ParsePlatforms(values []string) (ps []v1.Platform, all bool, err error) {
	for _, v := range values {
		for _, s := range strings.Split(v, ",") {
			s = strings.TrimSpace(s)
			if s == "all" {
				all = true
				continue
			}
			p, err := v1.ParsePlatform(s)
			if err != nil || p.OS == "" || p.Architecture == "" || strings.Count(s, "/") > 2 || strings.Contains(s, ":") {
				return nil, false, fmt.Errorf("platform %q: want os/arch[/variant] (linux/amd64, linux/arm64/v8) or all", s)
			}
			if !slices.ContainsFunc(ps, func(q v1.Platform) bool { return q.Equals(*p) }) {
				ps = append(ps, *p)
			}
		}
	}
	if all && len(ps) > 0 {
		return nil, false, errors.New("platform: all reads every platform; give it alone")
	}
	return ps, all, nil
}

// PlatformString is p as os/arch[/variant].
func PlatformString(p v1.Platform) string {
	s := p.OS + "/" + p.Architecture
	if p.Variant != "" {
		s += "/" + p.Variant
	}
	return s
}

// choice is one image of a multi-platform image.
type choice struct {
	platform v1.Platform
	digest   v1.Hash
}

// platformSet is what a reference names: an index of several platforms
// (its digest, when there is one index) or a single image (no choices).
type platformSet struct {
	index   v1.Hash
	choices []choice
}

func (s platformSet) String() string {
	names := make([]string, len(s.choices))
	for i, c := range s.choices {
		names[i] = PlatformString(c.platform)
	}
	return strings.Join(names, ", ")
}

// ErrPlatform is wrapped by the error of a platform the image lacks.
var ErrPlatform = errors.New("no such platform")

// LoadAll reads the images a reference names for the platforms o asks
// for (o.Platforms, o.AllPlatforms; none asked means RunnerPlatform): a
// multi-platform index (registry, OCI layout, OCI archive) gives one Image
// per platform, each with its own digest, SBOM and document, the document
// named by its digest when there are several; a single image gives itself,
// or an error when a platform asked for is not its own. A platform the
// index lacks is an error listing the ones it has.
func LoadAll(ctx context.Context, raw string, o Options) ([]*Image, error) {
	ref, err := ParseRef(raw)
	if err != nil {
		return nil, err
	}
	od, err := o.withDefaults()
	if err != nil {
		return nil, err
	}
	set, err := availablePlatforms(ctx, ref, od)
	if err != nil {
		return nil, fmt.Errorf("read image %s: %w", ref, err)
	}
	if len(set.choices) == 0 {
		return loadSingle(ctx, raw, ref, o)
	}
	picked, err := pickPlatforms(set, o)
	if err != nil {
		return nil, fmt.Errorf("read image %s: %w", ref, err)
	}
	var out []*Image
	for _, c := range picked {
		p := c.platform
		po := o
		po.Platform = &p
		src := raw
		if len(picked) > 1 {
			// Several images of one reference: each is read, and named,
			// by its digest.
			src = pinned(ref, c.digest)
		}
		im, err := Load(ctx, src, po)
		if err != nil {
			return nil, err
		}
		if im.Digest != c.digest.String() {
			return nil, fmt.Errorf("read image %s: %s resolved to %s, not the %s of index %s: did the tag move during the scan?",
				ref, PlatformString(p), im.Digest, c.digest, set.index)
		}
		im.Ref = ref
		im.Platform = &p
		if set.index != (v1.Hash{}) {
			im.Index = set.index.String()
		}
		out = append(out, im)
	}
	return out, nil
}

// loadSingle reads a reference that names one image; a platform asked
// for explicitly must be the image's own.
func loadSingle(ctx context.Context, raw string, ref Ref, o Options) ([]*Image, error) {
	if len(o.Platforms) > 0 {
		p := o.Platforms[0]
		o.Platform = &p
	}
	im, err := Load(ctx, raw, o)
	if err != nil {
		return nil, err
	}
	cf, err := im.Image.ConfigFile()
	if err != nil {
		return nil, fmt.Errorf("read image %s: config: %w", ref, err)
	}
	if cf.OS != "" && cf.Architecture != "" {
		own := v1.Platform{OS: cf.OS, Architecture: cf.Architecture, Variant: cf.Variant}
		for _, p := range o.Platforms {
			if !own.Satisfies(p) {
				return nil, fmt.Errorf("read image %s: it is a single %s image, not a multi-platform index, so it has no %s: %w",
					ref, PlatformString(own), PlatformString(p), ErrPlatform)
			}
		}
	}
	return []*Image{im}, nil
}

// pickPlatforms chooses the images of the index for the platforms o asks.
func pickPlatforms(set platformSet, o Options) ([]choice, error) {
	if o.AllPlatforms {
		return set.choices, nil
	}
	want := o.Platforms
	if len(want) == 0 {
		want = []v1.Platform{RunnerPlatform()}
		if o.Platform != nil {
			want = []v1.Platform{*o.Platform}
		}
	}
	var out []choice
	for _, w := range want {
		var fits []choice
		for _, c := range set.choices {
			if c.platform.Satisfies(w) {
				fits = append(fits, c)
			}
		}
		if len(fits) > 1 {
			// linux/arm asked, linux/arm/v6 and linux/arm/v7 held: the exact
			// one, else ambiguous.
			exact := slices.IndexFunc(fits, func(c choice) bool { return c.platform.Equals(w) })
			if exact < 0 {
				return nil, fmt.Errorf("%d images for %s (%s): give the variant with --platform", len(fits), PlatformString(w), platformSet{choices: fits})
			}
			fits = fits[exact : exact+1]
		}
		if len(fits) == 0 {
			hint := ""
			if len(o.Platforms) == 0 {
				hint = " (the runner's platform; choose with --platform)"
			}
			return nil, fmt.Errorf("the multi-platform image has no %s%s; it has: %s: %w", PlatformString(w), hint, set, ErrPlatform)
		}
		if !slices.ContainsFunc(out, func(c choice) bool { return c.digest == fits[0].digest }) {
			out = append(out, fits[0])
		}
	}
	return out, nil
}

// pinned is ref narrowed to the image with digest d.
func pinned(ref Ref, d v1.Hash) string {
	switch ref.Scheme {
	case SchemeRegistry:
		repo := ref.Ref
		if i := strings.Index(repo, "@"); i >= 0 {
			repo = repo[:i]
		} else if i := strings.LastIndex(repo, ":"); i > strings.LastIndex(repo, "/") {
			repo = repo[:i]
		}
		return SchemeRegistry + ":" + repo + "@" + d.String()
	}
	r := ref
	r.Tag, r.Digest = "", d.String()
	return r.String()
}

// availablePlatforms lists the platforms of the multi-platform image ref
// names; none when it names a single image (or one of a daemon: a daemon
// holds the image of its own platform).
func availablePlatforms(ctx context.Context, ref Ref, o Options) (platformSet, error) {
	ctx, cancel := context.WithTimeoutCause(ctx, o.Timeout, fmt.Errorf("timed out after %s, the time limit per image", o.Timeout))
	defer cancel()
	var (
		cs   []candidate
		kind string
		err  error
	)
	switch ref.Scheme {
	case SchemeRegistry:
		set, err := registryPlatforms(ctx, ref, o)
		return set, explain(ctx, err)
	case SchemeOCIDir:
		kind = "OCI layout " + ref.Ref
		cs, err = layoutStore{open: dirOpener(ref.Ref)}.candidates(ctx)
	case SchemeOCIArchive:
		kind = "OCI archive " + ref.Ref
		var s layoutStore
		if s, err = ociArchiveStore(ctx, ref.Ref); err == nil {
			cs, err = s.candidates(ctx)
		}
	case SchemeDockerArchive:
		kind = "docker archive " + ref.Ref
		var ac *archiveContents
		if ac, err = readArchiveContents(ctx, ref.Ref); err == nil {
			cs = ac.candidates
		}
	default:
		return platformSet{}, nil
	}
	if err != nil {
		return platformSet{}, explain(ctx, err)
	}
	matched, err := matchRef(cs, ref, kind)
	if err != nil {
		return platformSet{}, err
	}
	return platformsOf(matched), nil
}

// platformsOf is the platform set of the candidates a reference matched:
// several images, each with a platform, all different.
func platformsOf(cs []candidate) platformSet {
	if len(cs) < 2 {
		return platformSet{}
	}
	var set platformSet
	var images []candidate
	for _, c := range cs {
		if c.platform != nil && unknownPlatform(*c.platform) {
			continue // buildx's attestations
		}
		if c.platform == nil {
			return platformSet{}
		}
		images = append(images, c)
		if slices.ContainsFunc(set.choices, func(x choice) bool { return x.platform.Equals(*c.platform) }) {
			return platformSet{} // two images for one platform: choose says which
		}
		set.choices = append(set.choices, choice{platform: *c.platform, digest: c.digest})
	}
	if len(set.choices) < 2 {
		return platformSet{}
	}
	// The index they share, when one holds them all.
	if p := images[0].parents; len(p) > 0 {
		last := p[len(p)-1]
		if !slices.ContainsFunc(images, func(c candidate) bool { return len(c.parents) == 0 || c.parents[len(c.parents)-1] != last }) {
			set.index = last
		}
	}
	return set
}

// unknownPlatform is the platform buildx gives the attestation manifests
// it puts in an index beside the images.
func unknownPlatform(p v1.Platform) bool {
	return p.OS == "unknown" || p.Architecture == "unknown"
}
