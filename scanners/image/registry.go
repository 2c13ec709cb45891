package image

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/remote"
)

// fromRegistry resolves the reference (the platform's image of an index),
// then reads the image through a verifiedImage whose blobs go-containerregistry
// fetches (and verifies, and retries) over a transport with timeouts.
func (im *Image) fromRegistry(ctx context.Context, o Options, b *budget) error {
	r, insecure, err := parseRegistryRef(im.Ref.Ref, o)
	if err != nil {
		return err
	}
	im.Insecure = insecure
	im.Repository = r.Context()
	reg := r.Context().RegistryStr()
	ropts := append(registryOptions(ctx, o, reg), remote.WithPlatform(platformOf(o)))
	img, err := remote.Image(r, ropts...)
	if err != nil {
		return registryError(reg, r, insecure, err)
	}
	raw, err := img.RawManifest()
	if err != nil {
		return registryError(reg, r, insecure, fmt.Errorf("manifest: %w", err))
	}
	// go-containerregistry has checked a manifest fetched by digest; one
	// fetched by tag is named by the digest of what was received.
	digest, err := img.Digest()
	if err != nil {
		return fmt.Errorf("registry %s: manifest: %w", reg, err)
	}
	open := func(ctx context.Context, d v1.Descriptor) (io.ReadCloser, error) {
		l, err := img.LayerByDigest(d.Digest)
		if err != nil {
			return nil, registryError(reg, r, insecure, err)
		}
		rc, err := l.Compressed()
		if err != nil {
			return nil, registryError(reg, r, insecure, err)
		}
		return rc, nil
	}
	if im.Image, err = newVerifiedImage(ctx, b, raw, digest, open); err != nil {
		return fmt.Errorf("registry %s: %w", reg, err)
	}
	return nil
}

// parseRegistryRef parses a registry reference, insecure when its registry
// is one of o.InsecureRegistries.
func parseRegistryRef(ref string, o Options) (name.Reference, bool, error) {
	var nopts []name.Option
	insecure := InsecureRegistry(ref, o.InsecureRegistries)
	if insecure {
		nopts = append(nopts, name.Insecure)
	}
	r, err := name.ParseReference(ref, nopts...)
	if err != nil {
		return nil, false, fmt.Errorf("registry reference %q: %w", ref, err)
	}
	return r, insecure, nil
}

// registryOptions are the options of every request to registry reg:
// credentials, the transport with its timeouts and Retry-After waits, and
// go-containerregistry's retries (retryBackoff) of 408, 429 and 5xx
// answers and of network errors.
func registryOptions(ctx context.Context, o Options, reg string) []remote.Option {
	kc := o.Keychain
	if kc == nil {
		kc = authn.DefaultKeychain
	}
	backoff := retryBackoff
	if o.retryBackoff != nil {
		backoff = *o.retryBackoff
	}
	return []remote.Option{
		remote.WithContext(ctx),
		remote.WithAuthFromKeychain(kc),
		remote.WithTransport(&retryAfterTransport{base: newTransport(o, reg), wait: o.retryWait}),
		remote.WithRetryBackoff(backoff),
	}
}

// registryPlatforms lists the platforms of the index a registry reference
// names (none for an image manifest). Only the index is fetched.
func registryPlatforms(ctx context.Context, ref Ref, o Options) (platformSet, error) {
	r, insecure, err := parseRegistryRef(ref.Ref, o)
	if err != nil {
		return platformSet{}, err
	}
	reg := r.Context().RegistryStr()
	ropts := registryOptions(ctx, o, reg)
	desc, err := remote.Head(r, ropts...)
	if err != nil || desc.MediaType == "" {
		// Some registries answer HEAD without the headers needed.
		d, gerr := remote.Get(r, ropts...)
		if gerr != nil {
			return platformSet{}, registryError(reg, r, insecure, gerr)
		}
		desc = &d.Descriptor
	}
	if !desc.MediaType.IsIndex() {
		return platformSet{}, nil
	}
	if desc.Size > maxMetadataSize {
		return platformSet{}, fmt.Errorf("registry %s: index %s: %d bytes, over the %s limit for metadata: %w", reg, desc.Digest, desc.Size, sizeString(maxMetadataSize), ErrLimit)
	}
	idx, err := remote.Index(r.Context().Digest(desc.Digest.String()), ropts...)
	if err != nil {
		return platformSet{}, registryError(reg, r, insecure, err)
	}
	m, err := idx.IndexManifest()
	if err != nil {
		return platformSet{}, registryError(reg, r, insecure, fmt.Errorf("index %s: %w", desc.Digest, err))
	}
	set := platformSet{index: desc.Digest}
	for _, d := range m.Manifests {
		if !d.MediaType.IsImage() || d.Platform == nil || unknownPlatform(*d.Platform) {
			continue // attestations, nested indexes, artifacts
		}
		set.choices = append(set.choices, choice{platform: *d.Platform, digest: d.Digest})
	}
	if len(set.choices) == 0 {
		return platformSet{}, fmt.Errorf("registry %s: index %s lists no image with a platform", reg, desc.Digest)
	}
	return set, nil
}

// newTransport is go-containerregistry's default transport with a bound on
// every wait: connecting, the TLS handshake, the response headers, and any
// pause in a response body (stallTransport). go-containerregistry wraps it
// in its retries as it does its own.
func newTransport(o Options, registry string) http.RoundTripper {
	base, ok := remote.DefaultTransport.(*http.Transport)
	if !ok {
		base = http.DefaultTransport.(*http.Transport)
	}
	t := base.Clone()
	t.DialContext = (&net.Dialer{Timeout: o.DialTimeout, KeepAlive: 30 * time.Second}).DialContext
	t.TLSHandshakeTimeout = o.TLSHandshakeTimeout
	t.ResponseHeaderTimeout = o.ResponseHeaderTimeout
	return &stallTransport{base: t, stall: o.StallTimeout, registry: registry}
}

// stallTransport fails a response body read that gets no byte for the
// stall timeout, naming the registry and the request. Only the time spent
// inside Read counts: a slow consumer is not a stalled registry.
type stallTransport struct {
	base     http.RoundTripper
	stall    time.Duration
	registry string
}

// ErrStalled is wrapped by the error of a registry response that stopped
// sending.
var ErrStalled = errors.New("registry stopped sending")

func (t *stallTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx, cancel := context.WithCancelCause(req.Context())
	resp, err := t.base.RoundTrip(req.WithContext(ctx))
	if err != nil {
		cancel(nil)
		return nil, err
	}
	resp.Body = &stallBody{
		body:   resp.Body,
		cancel: cancel,
		stall:  t.stall,
		what:   fmt.Sprintf("registry %s: %s %s%s", t.registry, req.Method, req.URL.Host, req.URL.Path),
	}
	return resp, nil
}

type stallBody struct {
	body   io.ReadCloser
	cancel context.CancelCauseFunc
	stall  time.Duration
	what   string

	mu      sync.Mutex
	timer   *time.Timer
	stalled bool
}

func (b *stallBody) Read(p []byte) (int, error) {
	b.mu.Lock()
	if b.timer == nil {
		b.timer = time.AfterFunc(b.stall, b.fire)
	} else {
		b.timer.Reset(b.stall)
	}
	b.mu.Unlock()
	n, err := b.body.Read(p)
	b.mu.Lock()
	b.timer.Stop()
	stalled := b.stalled
	b.mu.Unlock()
	if stalled {
		return n, fmt.Errorf("%s: no data for %s: %w", b.what, b.stall, ErrStalled)
	}
	return n, err
}

func (b *stallBody) fire() {
	b.mu.Lock()
	b.stalled = true
	b.mu.Unlock()
	b.cancel(ErrStalled)
}

func (b *stallBody) Close() error {
	b.mu.Lock()
	if b.timer != nil {
		b.timer.Stop()
	}
	b.mu.Unlock()
	err := b.body.Close()
	b.cancel(nil)
	return err
}
