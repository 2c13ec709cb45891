package sign

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"os"
	"regexp"

	"github.com/sigstore/cosign/v2/pkg/cosign"
	"github.com/sigstore/sigstore-go/pkg/root"
	"github.com/sigstore/sigstore/pkg/cryptoutils"
	"github.com/sigstore/sigstore/pkg/tuf"
)

// Identity is a certificate identity a keyless signature must carry, as
// cosign's --certificate-identity[-regexp] and
// --certificate-oidc-issuer[-regexp] spell it. One of Subject and
// SubjectRegexp and one of Issuer and IssuerRegexp are required.
type Identity struct {
	Subject, SubjectRegexp string
	Issuer, IssuerRegexp   string
}

// GitHubClaims are GitHub Actions claims a keyless certificate must carry
// (cosign's --certificate-github-workflow-*); empty fields are not checked.
type GitHubClaims struct {
	Trigger, SHA, Name, Repository, Ref string
}

// Trust names the roots keyless signatures are checked against. Each
// field empty falls back to the environment variable cosign reads, then
// to the public-good Sigstore root, fetched with TUF (network).
type Trust struct {
	// TrustedRoot is a Sigstore trusted_root.json (Fulcio CAs, CT logs,
	// Rekor logs), as `cosign verify --trusted-root` reads it. It replaces
	// the other fields.
	TrustedRoot string
	// CARoots is a PEM file of Fulcio root (self-signed) and intermediate
	// certificates; $SIGSTORE_ROOT_FILE when empty.
	CARoots string
	// CTLogPublicKeys are PEM public keys of the certificate transparency
	// logs the certificates' SCTs come from;
	// $SIGSTORE_CT_LOG_PUBLIC_KEY_FILE when empty.
	CTLogPublicKeys []string
	// RekorPublicKeys are PEM public keys of the Rekor logs;
	// $SIGSTORE_REKOR_PUBLIC_KEY when empty.
	RekorPublicKeys []string
}

// Environment variables cosign reads for custom trust.
const (
	RootFileEnv       = "SIGSTORE_ROOT_FILE"
	CTLogPublicKeyEnv = "SIGSTORE_CT_LOG_PUBLIC_KEY_FILE"
	RekorPublicKeyEnv = "SIGSTORE_REKOR_PUBLIC_KEY"
)

// KeylessVerifyOptions is what NewKeylessVerifier checks signatures against.
type KeylessVerifyOptions struct {
	// Identities: a signature's certificate must match one of them.
	Identities []Identity
	GitHub     GitHubClaims
	Trust      Trust
}

// NewKeylessVerifier returns a verifier for keyless signatures, like
// `cosign verify --certificate-identity ... --certificate-oidc-issuer ...`:
// the certificate must chain to a trusted Fulcio root, carry an SCT from a
// trusted CT log and one of the identities, and the signature a Rekor
// bundle (signed entry timestamp) from a trusted log made while the
// certificate was valid.
func NewKeylessVerifier(ctx context.Context, o KeylessVerifyOptions) (*Verifier, error) {
	if len(o.Identities) == 0 {
		return nil, errors.New("keyless verification needs a certificate identity and OIDC issuer")
	}
	co := &cosign.CheckOpts{
		CertGithubWorkflowTrigger:    o.GitHub.Trigger,
		CertGithubWorkflowSha:        o.GitHub.SHA,
		CertGithubWorkflowName:       o.GitHub.Name,
		CertGithubWorkflowRepository: o.GitHub.Repository,
		CertGithubWorkflowRef:        o.GitHub.Ref,
	}
	for i, id := range o.Identities {
		if (id.Subject == "") == (id.SubjectRegexp == "") {
			return nil, fmt.Errorf("identity %d: give exactly one of --certificate-identity and --certificate-identity-regexp", i+1)
		}
		if (id.Issuer == "") == (id.IssuerRegexp == "") {
			return nil, fmt.Errorf("identity %d: give exactly one of --certificate-oidc-issuer and --certificate-oidc-issuer-regexp", i+1)
		}
		for _, re := range []string{id.SubjectRegexp, id.IssuerRegexp} {
			if _, err := regexp.Compile(re); err != nil {
				return nil, fmt.Errorf("identity %d: %w", i+1, err)
			}
		}
		co.Identities = append(co.Identities, cosign.Identity{Subject: id.Subject, SubjectRegExp: id.SubjectRegexp,
			Issuer: id.Issuer, IssuerRegExp: id.IssuerRegexp})
	}
	if err := o.Trust.apply(ctx, co); err != nil {
		return nil, err
	}
	return &Verifier{keyless: co}, nil
}

func (t Trust) apply(ctx context.Context, co *cosign.CheckOpts) error {
	if t.TrustedRoot != "" {
		tr, err := root.NewTrustedRootFromPath(t.TrustedRoot)
		if err != nil {
			return fmt.Errorf("trusted root %s: %w", t.TrustedRoot, err)
		}
		co.TrustedMaterial = tr
		return nil
	}
	ca := t.CARoots
	if ca == "" {
		ca = os.Getenv(RootFileEnv)
	}
	if ca == "" {
		// Public good: the Sigstore trusted root, through TUF.
		tr, err := cosign.TrustedRoot()
		if err != nil {
			return fmt.Errorf("fetch the public-good Sigstore trusted root with TUF: %w (offline or private: give --ca-roots, --ct-log-public-key and --rekor-public-key, or --trusted-root)", err)
		}
		co.TrustedMaterial = tr
		return nil
	}
	var err error
	if co.RootCerts, co.IntermediateCerts, err = loadCARoots(ca); err != nil {
		return err
	}
	if co.CTLogPubKeys, err = logKeys(ctx, t.CTLogPublicKeys, cosign.GetCTLogPubs); err != nil {
		return fmt.Errorf("CT log public keys: %w", err)
	}
	if co.RekorPubKeys, err = logKeys(ctx, t.RekorPublicKeys, cosign.GetRekorPubs); err != nil {
		return fmt.Errorf("rekor public keys: %w", err)
	}
	return nil
}

// loadCARoots splits a PEM bundle into self-signed roots and
// intermediates, as cosign does with SIGSTORE_ROOT_FILE.
func loadCARoots(path string) (roots, intermediates *x509.CertPool, err error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, fmt.Errorf("read CA roots: %w", err)
	}
	certs, err := cryptoutils.UnmarshalCertificatesFromPEM(b)
	if err != nil || len(certs) == 0 {
		return nil, nil, fmt.Errorf("CA roots %s: no PEM certificate (%v)", path, err)
	}
	roots, intermediates = x509.NewCertPool(), x509.NewCertPool()
	var nroots int
	for _, c := range certs {
		if c.CheckSignatureFrom(c) == nil {
			roots.AddCert(c)
			nroots++
		} else {
			intermediates.AddCert(c)
		}
	}
	if nroots == 0 {
		return nil, nil, fmt.Errorf("CA roots %s: no self-signed root certificate", path)
	}
	return roots, intermediates, nil
}

func logKeys(ctx context.Context, paths []string, fallback func(context.Context) (*cosign.TrustedTransparencyLogPubKeys, error)) (*cosign.TrustedTransparencyLogPubKeys, error) {
	if len(paths) == 0 {
		// The environment variable, else TUF: cosign's own lookup.
		return fallback(ctx)
	}
	keys := cosign.NewTrustedTransparencyLogPubKeys()
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		if err := keys.AddTransparencyLogPubKey(b, tuf.Active); err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
	}
	return &keys, nil
}
