package tollgate

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/google/go-containerregistry/pkg/name"

	"github.com/tollgate/tollgate/report"
	"github.com/tollgate/tollgate/scanners/image"
	"github.com/tollgate/tollgate/sign"
)

// VerifyOptions names a signed image and the key to check it with.
type VerifyOptions struct {
	// Image is a registry reference (registry:REF or a bare REF); a tag is
	// resolved to the digest it names now.
	Image string
	// KeyPath is the cosign public key: a PEM file, env://VAR (a PEM
	// public key in $VAR) or a KMS key (awskms://, gcpkms://, azurekms://,
	// hashivault://). Empty means keyless: Keyless is required.
	KeyPath string
	// Keyless checks keyless signatures: their certificate's identity and
	// issuer, GitHub workflow claims, and the trust roots.
	Keyless *sign.KeylessVerifyOptions
	// InsecureRegistries are registry hosts reached over plain HTTP.
	InsecureRegistries []string
	// Require names checks the verification summary must record as run
	// and passed besides the policies: vulnerabilities, secrets.
	Require []string
	// Keychain resolves registry credentials; nil means the docker config
	// and its credential helpers (image.EnvKeychain adds the environment's).
	Keychain authn.Keychain
}

// Verification is what a verified image carries.
type Verification struct {
	Image      string
	Digest     string
	Signatures int
	// SBOMComponents is the number of components of the attested
	// CycloneDX SBOM.
	SBOMComponents int
	// Summary is the attested SLSA verification summary.
	Summary sign.VSA
	// Identity and Issuer are the keyless signature's certificate
	// identity and OIDC issuer; Tlog its Rekor entry. Empty for a key.
	Identity, Issuer string
	Tlog             *report.TlogEntry
}

func loadVerifier(ctx context.Context, o VerifyOptions) (*sign.Verifier, error) {
	switch {
	case o.KeyPath != "" && o.Keyless != nil:
		return nil, errors.New("verify: give --key or a certificate identity, not both")
	case o.Keyless != nil:
		return sign.NewKeylessVerifier(ctx, *o.Keyless)
	case o.KeyPath != "":
		return sign.LoadPublicKeyRef(ctx, o.KeyPath)
	}
	return nil, errors.New("verify needs --key, or --certificate-identity and --certificate-oidc-issuer for keyless signatures")
}

// Reference is the image with its digest: repo@sha256:..., or
// repo:tag@sha256:... when verified by tag.
func (v *Verification) Reference() string {
	if strings.HasSuffix(v.Image, "@"+v.Digest) {
		return v.Image
	}
	return v.Image + "@" + v.Digest
}

// VerificationError is an image that does not carry what a passing
// tollgate scan signs: the signature, the SBOM attestation and a PASSED
// verification summary, all verifying with the key.
type VerificationError struct{ Err error }

func (e *VerificationError) Error() string { return e.Err.Error() }
func (e *VerificationError) Unwrap() error { return e.Err }

// Verify checks that an image was released through a passing tollgate
// scan: its signature, its CycloneDX SBOM attestation and its SLSA
// verification summary (result PASSED, verifier tollgate) all verify with
// the key (offline, no transparency log) or, keyless, carry a certificate
// for one of the identities chaining to the trusted Fulcio roots, with an
// SCT and a Rekor bundle from the trusted logs.
func Verify(ctx context.Context, o VerifyOptions) (*Verification, error) {
	ref, err := image.ParseRef(o.Image)
	if err != nil {
		return nil, &UsageError{Err: err}
	}
	if ref.Scheme != image.SchemeRegistry {
		return nil, usagef("verify: %s is not in a registry, where signatures live", ref)
	}
	v, err := loadVerifier(ctx, o)
	if err != nil {
		return nil, &UsageError{Err: err}
	}
	opts := []sign.Option{sign.WithKeychain(o.Keychain)}
	if image.InsecureRegistry(ref.Ref, o.InsecureRegistries) {
		opts = append(opts, sign.WithInsecure())
	}
	fail := func(err error) (*Verification, error) { return nil, &VerificationError{Err: err} }
	sigs, err := v.VerifyImage(ctx, ref.Ref, opts...)
	if err != nil {
		return fail(err)
	}
	digest := sigs[0].Digest
	nopts := []name.Option{}
	if image.InsecureRegistry(ref.Ref, o.InsecureRegistries) {
		nopts = append(nopts, name.Insecure)
	}
	r, err := name.ParseReference(ref.Ref, nopts...)
	if err != nil {
		return nil, &UsageError{Err: err}
	}
	digestRef := r.Context().Name() + "@" + digest
	res := &Verification{Image: ref.Ref, Digest: digest, Signatures: len(sigs),
		Identity: sigs[0].CertificateIdentity, Issuer: sigs[0].CertificateIssuer, Tlog: reportTlog(sigs[0].Tlog)}

	// A multi-platform index is signed with its summary; its platform
	// images carry the SBOMs (signing_index.go).
	bomRefs, err := sbomSubjects(ctx, v, r.Context(), digest, opts, o.Keychain)
	if err != nil {
		return fail(err)
	}
	for _, bomRef := range bomRefs {
		boms, err := v.VerifyAttestation(ctx, bomRef, "cyclonedx", opts...)
		if err != nil {
			return fail(fmt.Errorf("SBOM attestation: %w", err))
		}
		var bom struct {
			Components []json.RawMessage `json:"components"`
		}
		if err := json.Unmarshal(boms[len(boms)-1], &bom); err != nil {
			return fail(fmt.Errorf("SBOM attestation: %w", err))
		}
		res.SBOMComponents += len(bom.Components)
	}

	vsas, err := v.VerifyAttestation(ctx, digestRef, sign.PredicateVSA, opts...)
	if err != nil {
		return fail(fmt.Errorf("verification summary: %w", err))
	}
	if err := json.Unmarshal(vsas[len(vsas)-1], &res.Summary); err != nil {
		return fail(fmt.Errorf("verification summary: %w", err))
	}
	s := res.Summary
	switch {
	case s.VerificationResult != sign.VerificationResultPassed:
		return fail(fmt.Errorf("verification summary: result %q, not %s", s.VerificationResult, sign.VerificationResultPassed))
	case s.Verifier.ID != sign.VerifierID:
		return fail(fmt.Errorf("verification summary: verifier %q, not %s", s.Verifier.ID, sign.VerifierID))
	case !strings.HasSuffix(s.ResourceURI, "@"+digest):
		return fail(fmt.Errorf("verification summary: it is about %s, not %s", s.ResourceURI, digest))
	}
	for _, c := range o.Require {
		if !s.HasCheck(c) {
			return fail(fmt.Errorf("verification summary: the scan that signed it did not run the %s check (verified levels: %s)", c, strings.Join(s.VerifiedLevels, ", ")))
		}
	}
	return res, nil
}
