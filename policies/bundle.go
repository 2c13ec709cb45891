package policies

import (
	"archive/tar"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/v1/remote"
)

// BundleScheme prefixes a policy source that is an OCI artifact.
const BundleScheme = "oci://"

// maxBundleSize bounds the policy files extracted from a bundle.
const maxBundleSize = 64 << 20

// BundleOptions configures PullBundle.
type BundleOptions struct {
	// Insecure reaches the registry over plain HTTP.
	Insecure bool
	// Keychain resolves credentials; nil means the docker config keychain.
	Keychain authn.Keychain
}

// PullBundle fetches a policy bundle, an OCI artifact whose layers are tar
// archives (gzip or not) of .rego files such as `opa build` writes, and
// extracts its Rego files under dir. The reference must be pinned by
// digest (oci://registry/repo@sha256:...): a tag could change what a
// release gate enforces without anyone noticing. Every blob is verified
// against its digest as it is read.
func PullBundle(ctx context.Context, ref, dir string, o BundleOptions) error {
	raw := strings.TrimPrefix(ref, BundleScheme)
	var nopts []name.Option
	if o.Insecure {
		nopts = append(nopts, name.Insecure)
	}
	d, err := name.NewDigest(raw, nopts...)
	if err != nil {
		return fmt.Errorf("policy bundle %s: pin it by digest (oci://REGISTRY/REPO@sha256:...): %w", ref, err)
	}
	kc := o.Keychain
	if kc == nil {
		kc = authn.DefaultKeychain
	}
	img, err := remote.Image(d, remote.WithContext(ctx), remote.WithAuthFromKeychain(kc))
	if err != nil {
		return fmt.Errorf("policy bundle %s: %w", ref, err)
	}
	layers, err := img.Layers()
	if err != nil {
		return fmt.Errorf("policy bundle %s: %w", ref, err)
	}
	var total int64
	found := 0
	for _, l := range layers {
		rc, err := l.Uncompressed()
		if err != nil {
			return fmt.Errorf("policy bundle %s: layer: %w", ref, err)
		}
		n, err := extractRego(rc, dir, &total)
		rc.Close()
		if err != nil {
			return fmt.Errorf("policy bundle %s: %w", ref, err)
		}
		found += n
	}
	if found == 0 {
		return fmt.Errorf("policy bundle %s: no .rego files in its layers", ref)
	}
	return nil
}

// extractRego writes the .rego files of a tar stream under dir, refusing
// paths that would escape it.
func extractRego(r io.Reader, dir string, total *int64) (int, error) {
	tr := tar.NewReader(r)
	n := 0
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return n, nil
		}
		if err != nil {
			return n, fmt.Errorf("read layer: %w", err)
		}
		if h.Typeflag != tar.TypeReg || !strings.HasSuffix(h.Name, ".rego") {
			continue
		}
		clean := path.Clean("/" + h.Name)[1:]
		if clean == "" || strings.HasPrefix(h.Name, "/") || strings.Contains(h.Name, "..") {
			return n, fmt.Errorf("layer entry %q escapes the bundle", h.Name)
		}
		*total += h.Size
		if *total > maxBundleSize {
			return n, fmt.Errorf("bundle holds more than %d MiB of policy", maxBundleSize>>20)
		}
		dst := filepath.Join(dir, filepath.FromSlash(clean))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return n, err
		}
		f, err := os.OpenFile(dst, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
		if err != nil {
			return n, err
		}
		_, err = io.Copy(f, io.LimitReader(tr, h.Size))
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return n, err
		}
		n++
	}
}
