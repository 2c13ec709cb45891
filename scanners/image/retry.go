package image

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/google/go-containerregistry/pkg/v1/remote/transport"
)

// retryBackoff is how go-containerregistry retries a registry request that
// failed with 408, 429 or a 5xx status, or a network error: 5 attempts,
// waiting about 1, 2, 4 and 8 seconds between them (longer when the
// registry asks with Retry-After).
var retryBackoff = remote.Backoff{Duration: time.Second, Factor: 2, Jitter: 0.1, Steps: 5}

// maxRetryAfter bounds the wait a registry's Retry-After header asks for.
const maxRetryAfter = 60 * time.Second

// retryAfterTransport honours a 429 or 503 answer's Retry-After header:
// the answer is handed to go-containerregistry's retries (which wrap this
// transport) only after the wait the registry asked for, at most
// maxRetryAfter, so the retry comes no sooner than the registry wants it.
type retryAfterTransport struct {
	base http.RoundTripper
	// wait replaces the sleep (tests); nil sleeps.
	wait func(ctx context.Context, d time.Duration) error
}

func (t *retryAfterTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.base.RoundTrip(req)
	if err != nil || (resp.StatusCode != http.StatusTooManyRequests && resp.StatusCode != http.StatusServiceUnavailable) {
		return resp, err
	}
	d, ok := retryAfter(resp.Header.Get("Retry-After"), time.Now())
	if !ok {
		return resp, nil
	}
	wait := t.wait
	if wait == nil {
		wait = sleepCtx
	}
	if err := wait(req.Context(), d); err != nil {
		resp.Body.Close()
		return nil, err
	}
	return resp, nil
}

// retryAfter reads a Retry-After value: seconds, or an HTTP date; capped
// at maxRetryAfter.
func retryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	var d time.Duration
	if n, err := strconv.Atoi(v); err == nil {
		if n < 0 {
			return 0, false
		}
		d = time.Duration(n) * time.Second
	} else if at, err := http.ParseTime(v); err == nil {
		d = at.Sub(now)
	} else {
		return 0, false
	}
	return min(max(d, 0), maxRetryAfter), true
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return context.Cause(ctx)
	}
}

// registryError names the registry in err and says what to do about the
// usual failures: credentials, plain HTTP, a name that does not exist, a
// registry that keeps failing.
func registryError(reg string, r name.Reference, insecure bool, err error) error {
	hint := ""
	var te *transport.Error
	switch {
	case errors.As(err, &te) && (te.StatusCode == http.StatusUnauthorized || te.StatusCode == http.StatusForbidden):
		hint = fmt.Sprintf("access to %s was refused: log in (docker login %s), configure a credential helper in ~/.docker/config.json, "+
			"or in CI set %s=%s with %s, or %s and %s", r.Context().Name(), reg, EnvRegistry, reg, EnvRegistryToken, EnvRegistryUsername, EnvRegistryPassword)
	case errors.As(err, &te) && te.StatusCode == http.StatusNotFound,
		errors.As(err, &te) && hasCode(te, transport.ManifestUnknownErrorCode, transport.NameUnknownErrorCode):
		hint = fmt.Sprintf("%s was not found: check the repository and the tag or digest (and that the credentials used can see it)", r)
	case errors.As(err, &te) && (te.StatusCode == http.StatusTooManyRequests || te.StatusCode >= 500):
		hint = fmt.Sprintf("the registry still answered %d after retrying: it is rate limiting or failing; try again later", te.StatusCode)
	case strings.Contains(err.Error(), "server gave HTTP response to HTTPS client") && !insecure:
		hint = fmt.Sprintf("it speaks plain HTTP: if that is intended, add --insecure-registry %s", reg)
	case strings.Contains(err.Error(), "x509:") || strings.Contains(err.Error(), "tls:"):
		hint = "its TLS certificate is not trusted: add its CA to the system trust store (SSL_CERT_FILE)"
	}
	if hint != "" {
		return fmt.Errorf("registry %s: %s: %w", reg, hint, err)
	}
	return fmt.Errorf("registry %s: %w", reg, err)
}

func hasCode(te *transport.Error, codes ...transport.ErrorCode) bool {
	for _, d := range te.Errors {
		for _, c := range codes {
			if d.Code == c {
				return true
			}
		}
	}
	return false
}

// Environment variables with registry credentials for CI, where no docker
// config exists: a bearer token (EnvRegistryToken) or a user name and
// password or access token (EnvRegistryUsername, EnvRegistryPassword),
// sent only to the registry hosts EnvRegistry lists (comma-separated).
const (
	EnvRegistry         = "TOLLGATE_REGISTRY"
	EnvRegistryToken    = "TOLLGATE_REGISTRY_TOKEN"
	EnvRegistryUsername = "TOLLGATE_REGISTRY_USERNAME"
	EnvRegistryPassword = "TOLLGATE_REGISTRY_PASSWORD"
)

// EnvKeychain is the keychain registry credentials are looked up in: the
// credentials of the environment getenv reads (the Env... variables) for
// the registries they name, then the docker config and its credential
// helpers. Credentials without EnvRegistry, or half of a user name and
// password, are an error: they would otherwise go to every registry, or
// silently to none.
func EnvKeychain(getenv func(string) string) (authn.Keychain, error) {
	token, user, pass := getenv(EnvRegistryToken), getenv(EnvRegistryUsername), getenv(EnvRegistryPassword)
	if token == "" && user == "" && pass == "" {
		return authn.DefaultKeychain, nil
	}
	if (user == "") != (pass == "") {
		return nil, fmt.Errorf("%s and %s go together: set both or neither", EnvRegistryUsername, EnvRegistryPassword)
	}
	if token != "" && user != "" {
		return nil, fmt.Errorf("set %s or %s and %s, not both", EnvRegistryToken, EnvRegistryUsername, EnvRegistryPassword)
	}
	var hosts []string
	for _, h := range strings.Split(getenv(EnvRegistry), ",") {
		if h = strings.TrimSpace(h); h != "" {
			hosts = append(hosts, h)
		}
	}
	if len(hosts) == 0 {
		return nil, fmt.Errorf("registry credentials in the environment need %s, the registry host(s) they are for (e.g. ghcr.io)", EnvRegistry)
	}
	cfg := authn.AuthConfig{Username: user, Password: pass, RegistryToken: token}
	return authn.NewMultiKeychain(envKeychain{hosts: hosts, auth: authn.FromConfig(cfg)}, authn.DefaultKeychain), nil
}

type envKeychain struct {
	hosts []string
	auth  authn.Authenticator
}

func (k envKeychain) Resolve(r authn.Resource) (authn.Authenticator, error) {
	for _, h := range k.hosts {
		if strings.EqualFold(h, r.RegistryStr()) || (h == "docker.io" && r.RegistryStr() == name.DefaultRegistry) {
			return k.auth, nil
		}
	}
	return authn.Anonymous, nil
}
