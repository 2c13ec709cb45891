package sign

import (
	"context"
	"fmt"

	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	ociremote "github.com/sigstore/cosign/v2/pkg/oci/remote"
)

// Option configures how a registry is reached and what is signed or required.
type Option func(*options)

type options struct {
	// insecure adds name.Insecure to every parsed reference: plain HTTP for
	// any registry host. Default false: ggcr already speaks plain HTTP to
	// loopback, *.local and RFC 1918 hosts, HTTPS to everything else.
	insecure bool
	// keychain authenticates every request. Default authn.DefaultKeychain
	// (docker config, credential helpers), the same as the cosign CLI.
	keychain authn.Keychain
	// remote is appended after the context and keychain options, so a
	// caller's remote.WithAuth or remote.WithTransport wins.
	remote []remote.Option
	// annotations go into the signature payload (SignImage), onto the
	// attestation layer (AttestImage), or must be present there (Verify*).
	annotations map[string]string
}

func makeOptions(opts ...Option) *options {
	o := &options{keychain: authn.DefaultKeychain}
	for _, opt := range opts {
		opt(o)
	}
	return o
}

// WithInsecure allows a plain-HTTP registry whatever its host name.
func WithInsecure() Option {
	return func(o *options) { o.insecure = true }
}

// WithKeychain resolves the registry credentials of every request with
// kc instead of the docker config's keychain (nil keeps it).
func WithKeychain(kc authn.Keychain) Option {
	return func(o *options) {
		if kc != nil {
			o.keychain = kc
		}
	}
}

// WithRemoteOptions adds go-containerregistry remote options, applied after
// the default keychain authentication (so they can replace it).
func WithRemoteOptions(opts ...remote.Option) Option {
	return func(o *options) { o.remote = append(o.remote, opts...) }
}

// WithAnnotations sets annotations: written into the simple-signing payload
// by SignImage (like `cosign sign -a`) and onto the attestation layer by
// AttestImage; VerifyImage and VerifyAttestation accept only signatures and
// attestations that carry all of them.
func WithAnnotations(ann map[string]string) Option {
	return func(o *options) {
		if o.annotations == nil {
			o.annotations = make(map[string]string, len(ann))
		}
		for k, v := range ann {
			o.annotations[k] = v
		}
	}
}

func (o *options) nameOptions() []name.Option {
	if o.insecure {
		return []name.Option{name.Insecure}
	}
	return nil
}

func (o *options) remoteOptions(ctx context.Context) []remote.Option {
	ro := []remote.Option{remote.WithContext(ctx), remote.WithAuthFromKeychain(o.keychain)}
	return append(ro, o.remote...)
}

// ociOptions replaces cosign's default remote options (only the default
// keychain) with ours, which include it.
func (o *options) ociOptions(ctx context.Context) []ociremote.Option {
	return []ociremote.Option{
		ociremote.WithRemoteOptions(o.remoteOptions(ctx)...),
		ociremote.WithNameOptions(o.nameOptions()...),
	}
}

func (o *options) parse(ref string) (name.Reference, error) {
	r, err := name.ParseReference(ref, o.nameOptions()...)
	if err != nil {
		return nil, fmt.Errorf("parse reference %q: %w", ref, err)
	}
	return r, nil
}
