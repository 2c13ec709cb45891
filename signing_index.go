package tollgate

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/remote"

	"github.com/tollgate/tollgate/report"
	"github.com/tollgate/tollgate/scanners/image"
	"github.com/tollgate/tollgate/sign"
)

// indexPlatforms lists the platform images of the index at digest (the
// attestation manifests buildx adds left out), or nil when digest names
// an image manifest.
func indexPlatforms(ctx context.Context, d name.Digest, kc authn.Keychain) ([]v1.Descriptor, error) {
	if kc == nil {
		kc = authn.DefaultKeychain
	}
	ropts := []remote.Option{remote.WithContext(ctx), remote.WithAuthFromKeychain(kc)}
	desc, err := remote.Get(d, ropts...)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", d, err)
	}
	if !desc.MediaType.IsIndex() {
		return nil, nil
	}
	idx, err := desc.ImageIndex()
	if err != nil {
		return nil, fmt.Errorf("read index %s: %w", d, err)
	}
	m, err := idx.IndexManifest()
	if err != nil {
		return nil, fmt.Errorf("read index %s: %w", d, err)
	}
	var out []v1.Descriptor
	for _, c := range m.Manifests {
		if c.MediaType.IsImage() && c.Platform != nil && c.Platform.OS != "unknown" && c.Platform.Architecture != "unknown" {
			out = append(out, c)
		}
	}
	return out, nil
}

// signIndexes signs each multi-platform index the scanned images were
// chosen from, once every one of its platform images was scanned (and
// signed, which signPassing did first): a signature and a verification
// summary on the index digest the tag names, so that `cosign verify` and
// `tollgate verify` of the tag pass on any platform. An index some of
// whose platforms were not scanned is not signed, and a warning says
// which and how to sign it: a signature on the tag would vouch for
// images no one checked.
func signIndexes(ctx context.Context, signer *sign.Signer, res *Result, kc authn.Keychain) error {
	rep := res.Report
	type group struct {
		im      *image.Image
		scanned []string
	}
	var order []string
	groups := map[string]*group{}
	for _, im := range res.Images {
		if im.Index == "" || im.Ref.Scheme != image.SchemeRegistry {
			continue
		}
		key := im.Repository.Name() + "@" + im.Index
		g, ok := groups[key]
		if !ok {
			g = &group{im: im}
			groups[key] = g
			order = append(order, key)
		}
		g.scanned = append(g.scanned, im.Digest)
	}
	for _, key := range order {
		g := groups[key]
		opts := []sign.Option{sign.WithKeychain(kc)}
		if g.im.Insecure {
			opts = append(opts, sign.WithInsecure())
		}
		d := g.im.Repository.Digest(g.im.Index)
		children, err := indexPlatforms(ctx, d, kc)
		if err != nil {
			return fmt.Errorf("sign index %s: %w", key, err)
		}
		var missing []string
		for _, c := range children {
			if !slices.Contains(g.scanned, c.Digest.String()) {
				missing = append(missing, image.PlatformString(*c.Platform))
			}
		}
		if len(missing) > 0 {
			rep.Warnings = append(rep.Warnings, report.Error{Path: g.im.Ref.Ref, Message: fmt.Sprintf(
				"the multi-platform index %s was not signed, only the platforms scanned: %s not scanned; scan with --platform all to sign the index the tag names",
				key, strings.Join(missing, ", "))})
			continue
		}
		checks, comps := attestedChecks(rep)
		vsa, err := sign.BuildVSA(sign.VSAInput{Version: Version, ResourceURI: key, Policy: sign.ResourceDescriptor{URI: PolicyURI}, Checks: checks, Components: comps})
		if err != nil {
			return err
		}
		if err := signer.AttestImage(ctx, key, "vsa", vsa, opts...); err != nil {
			return err
		}
		signed, err := signer.SignImage(ctx, key, opts...)
		if err != nil {
			return err
		}
		si := report.SignedImage{Reference: g.im.Ref.Ref, Digest: signed.Digest, Signature: signed.SignatureTag, Tlog: reportTlog(signed.Tlog)}
		si.Identity, si.Issuer = signer.Identity()
		rep.Signing.Signed = append(rep.Signing.Signed, si)
	}
	return nil
}

// sbomSubjects are the references whose SBOM attestations verify an image
// signed at digest: itself, or, for a multi-platform index, each of its
// platform images, each of which must carry a verifying signature too. kc
// resolves the registry's credentials (nil: the docker config's).
func sbomSubjects(ctx context.Context, v *sign.Verifier, repo name.Repository, digest string, opts []sign.Option, kc authn.Keychain) ([]string, error) {
	d := repo.Digest(digest)
	children, err := indexPlatforms(ctx, d, kc)
	if err != nil {
		return nil, err
	}
	if children == nil {
		return []string{d.String()}, nil
	}
	var out []string
	for _, c := range children {
		ref := repo.Digest(c.Digest.String()).String()
		if _, err := v.VerifyImage(ctx, ref, opts...); err != nil {
			return nil, fmt.Errorf("platform %s of index %s: %w", image.PlatformString(*c.Platform), digest, err)
		}
		out = append(out, ref)
	}
	return out, nil
}
