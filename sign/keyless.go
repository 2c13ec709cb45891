package sign

import (
	"bytes"
	"context"
	"crypto"
	"crypto/x509"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/sigstore/cosign/v2/pkg/cosign"
	"github.com/sigstore/cosign/v2/pkg/providers"
	_ "github.com/sigstore/cosign/v2/pkg/providers/github" // the GitHub Actions ambient OIDC token
	fulcioapi "github.com/sigstore/fulcio/pkg/api"
	"github.com/sigstore/fulcio/pkg/certificate"
	"github.com/sigstore/sigstore/pkg/cryptoutils"
	"github.com/sigstore/sigstore/pkg/oauthflow"
	"github.com/sigstore/sigstore/pkg/signature"
	sigopts "github.com/sigstore/sigstore/pkg/signature/options"
)

// DefaultFulcioURL is the public-good Fulcio certificate authority.
const DefaultFulcioURL = "https://fulcio.sigstore.dev"

// IDTokenEnv is the environment variable an OIDC identity token is read
// from when none is given, as cosign does.
const IDTokenEnv = "SIGSTORE_ID_TOKEN"

// KeylessOptions says where a keyless signer gets its identity token and
// certificate, and where it records its signatures.
type KeylessOptions struct {
	// IDToken is the OIDC identity token (a JWT). "" reads
	// $SIGSTORE_ID_TOKEN, then asks the ambient provider: the GitHub
	// Actions token of a job with `permissions: id-token: write`.
	IDToken string
	// FulcioURL is the certificate authority; "" is DefaultFulcioURL.
	FulcioURL string
	// RekorURL is the transparency log every signature is uploaded to;
	// "" is DefaultRekorURL.
	RekorURL string
	// FulcioTimeout bounds the certificate request, answer included;
	// 0 is DefaultFulcioTimeout.
	FulcioTimeout time.Duration
}

// DefaultFulcioTimeout bounds a request to Fulcio: a certificate authority
// that stalls must fail the signing, not hang the CI job.
const DefaultFulcioTimeout = time.Minute

// ErrNoIDToken is returned by Keyless when no identity token was given
// and none is available from the environment.
var ErrNoIDToken = errors.New("keyless signing needs an OIDC identity token: run in GitHub Actions with `permissions: id-token: write`, or pass --identity-token (or set " + IDTokenEnv + ")")

// IDTokenAvailable reports whether Keyless can find an identity token
// without being given one: $SIGSTORE_ID_TOKEN or an ambient provider.
func IDTokenAvailable(ctx context.Context) bool {
	return os.Getenv(IDTokenEnv) != "" || providers.Enabled(ctx)
}

// Keyless returns a signer with a new ephemeral key and a Fulcio
// certificate binding it to the identity of the OIDC token, like
// `cosign sign` without --key. The certificate is valid for ten minutes;
// every signature is uploaded to Rekor, whose entry, attached as a
// bundle, proves it was made within them.
func Keyless(ctx context.Context, o KeylessOptions) (*Signer, error) {
	fulcioURL := o.FulcioURL
	if fulcioURL == "" {
		fulcioURL = DefaultFulcioURL
	}
	fu, err := url.Parse(fulcioURL)
	if err != nil || fu.Scheme == "" || fu.Host == "" {
		return nil, fmt.Errorf("fulcio URL %q: want an absolute http(s) URL", fulcioURL)
	}
	tl, err := newTlog(o.RekorURL)
	if err != nil {
		return nil, err
	}
	raw, err := idToken(ctx, o.IDToken)
	if err != nil {
		return nil, err
	}
	tok, err := oauthflow.OIDConnect("", "", "", "", &oauthflow.StaticTokenGetter{RawToken: raw})
	if err != nil {
		return nil, fmt.Errorf("read identity token: %w", err)
	}
	priv, err := cosign.GeneratePrivateKey()
	if err != nil {
		return nil, fmt.Errorf("generate ephemeral key: %w", err)
	}
	sv, err := signature.LoadECDSASignerVerifier(priv, crypto.SHA256)
	if err != nil {
		return nil, fmt.Errorf("generate ephemeral key: %w", err)
	}
	// Proof of possession: the token's subject, signed with the key.
	proof, err := sv.SignMessage(strings.NewReader(tok.Subject), sigopts.WithContext(ctx))
	if err != nil {
		return nil, fmt.Errorf("sign proof of possession: %w", err)
	}
	pubPEM, err := cryptoutils.MarshalPublicKeyToPEM(priv.Public())
	if err != nil {
		return nil, fmt.Errorf("marshal ephemeral key: %w", err)
	}
	timeout := o.FulcioTimeout
	if timeout <= 0 {
		timeout = DefaultFulcioTimeout
	}
	resp, err := fulcioapi.NewClient(fu, fulcioapi.WithUserAgent("tollgate"), fulcioapi.WithTimeout(timeout)).SigningCert(fulcioapi.CertificateRequest{
		PublicKey:          fulcioapi.Key{Content: pubPEM, Algorithm: "ecdsa"},
		SignedEmailAddress: proof,
	}, tok.RawString)
	if err != nil {
		return nil, fmt.Errorf("get signing certificate from %s: %w", fulcioURL, err)
	}
	certs, err := cryptoutils.UnmarshalCertificatesFromPEM(resp.CertPEM)
	if err != nil || len(certs) == 0 {
		return nil, fmt.Errorf("signing certificate from %s: no PEM certificate in the reply (%v)", fulcioURL, err)
	}
	if err := cryptoutils.EqualKeys(certs[0].PublicKey, priv.Public()); err != nil {
		return nil, fmt.Errorf("signing certificate from %s is not for our key: %w", fulcioURL, err)
	}
	s := &Signer{sv: sv, cert: resp.CertPEM, chain: resp.ChainPEM, tlog: tl}
	s.identity, s.issuer = certIdentity(certs[0])
	return s, nil
}

func idToken(ctx context.Context, given string) (string, error) {
	if t := strings.TrimSpace(given); t != "" {
		return t, nil
	}
	if t := strings.TrimSpace(os.Getenv(IDTokenEnv)); t != "" {
		return t, nil
	}
	if !providers.Enabled(ctx) {
		return "", ErrNoIDToken
	}
	t, err := providers.Provide(ctx, "sigstore")
	if err != nil {
		return "", fmt.Errorf("get the ambient OIDC token: %w", err)
	}
	return t, nil
}

// certIdentity returns the subject alternative name and the OIDC issuer a
// Fulcio certificate was issued for.
func certIdentity(c *x509.Certificate) (identity, issuer string) {
	if ids := cryptoutils.GetSubjectAlternateNames(c); len(ids) > 0 {
		identity = ids[0]
	}
	if ext, err := certificate.ParseExtensions(c.Extensions); err == nil {
		issuer = ext.Issuer
	}
	return identity, issuer
}

// Identity returns the identity and OIDC issuer of a keyless signer's
// certificate; both are "" for a key.
func (s *Signer) Identity() (identity, issuer string) { return s.identity, s.issuer }

// CertificatePEM returns a keyless signer's Fulcio certificate, nil for a key.
func (s *Signer) CertificatePEM() []byte { return bytes.Clone(s.cert) }
