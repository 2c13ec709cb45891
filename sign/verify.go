package sign

import (
	"context"
	"crypto"
	"encoding/json"
	"fmt"
	"os"
	"time"

	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/sigstore/cosign/v2/pkg/cosign"
	"github.com/sigstore/cosign/v2/pkg/oci"
	"github.com/sigstore/sigstore/pkg/cryptoutils"
	"github.com/sigstore/sigstore/pkg/signature"
	sigpayload "github.com/sigstore/sigstore/pkg/signature/payload"
)

// Verifier checks signatures and attestations against a cosign public key
// (LoadPublicKey, LoadPublicKeyRef) or, keyless, against a certificate
// identity and the Sigstore trust roots (NewKeylessVerifier).
type Verifier struct {
	pub signature.Verifier
	// keyless holds the trust roots and identities; nil for a key.
	keyless *cosign.CheckOpts
}

// Signature is an image signature that verified.
type Signature struct {
	// Digest is the manifest digest the payload names, sha256:<hex>.
	Digest string
	// Identity is the payload's claimed docker-reference (the repository).
	Identity string
	// Annotations are the payload's optional annotations.
	Annotations map[string]any
	// Payload is the signed simple-signing JSON.
	Payload []byte
	// CertificateIdentity and CertificateIssuer are the identity and OIDC
	// issuer of a keyless signature's certificate; "" for a key.
	CertificateIdentity, CertificateIssuer string
	// Tlog is the Rekor entry attached to the signature, if any.
	Tlog *TlogEntry
}

// LoadPublicKey parses a PEM public key (`cosign generate-key-pair`'s cosign.pub).
func LoadPublicKey(pemBytes []byte) (*Verifier, error) {
	pk, err := cryptoutils.UnmarshalPEMToPublicKey(pemBytes)
	if err != nil {
		return nil, fmt.Errorf("load public key: %w", err)
	}
	v, err := signature.LoadVerifier(pk, crypto.SHA256)
	if err != nil {
		return nil, fmt.Errorf("load public key: %w", err)
	}
	return &Verifier{pub: v}, nil
}

// LoadPublicKeyFile reads a PEM public key file.
func LoadPublicKeyFile(path string) (*Verifier, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read public key: %w", err)
	}
	v, err := LoadPublicKey(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return v, nil
}

func (v *Verifier) checkOpts(ctx context.Context, o *options, claims func(oci.Signature, v1.Hash, map[string]any) error) *cosign.CheckOpts {
	if v.keyless != nil {
		co := *v.keyless
		co.RegistryClientOpts = o.ociOptions(ctx)
		co.ClaimVerifier = claims
		co.Annotations = anyMap(o.annotations)
		return &co
	}
	return &cosign.CheckOpts{
		SigVerifier:        v.pub,
		RegistryClientOpts: o.ociOptions(ctx),
		ClaimVerifier:      claims,
		Annotations:        anyMap(o.annotations),
		IgnoreTlog:         true, // key mode, offline: = --insecure-ignore-tlog
		IgnoreSCT:          true, // no Fulcio certificate to check
	}
}

// VerifyImage returns the signatures on ref (tag or digest) that verify
// with the key and name ref's digest, like
// `cosign verify --key k --insecure-ignore-tlog`. No valid signature is an
// error, wrapping *cosign.ErrNoMatchingSignatures for a wrong key.
func (v *Verifier) VerifyImage(ctx context.Context, ref string, opts ...Option) ([]Signature, error) {
	o := makeOptions(opts...)
	r, err := o.parse(ref)
	if err != nil {
		return nil, fmt.Errorf("verify: %w", err)
	}
	sigs, _, err := cosign.VerifyImageSignatures(ctx, r, v.checkOpts(ctx, o, cosign.SimpleClaimVerifier))
	if err != nil {
		return nil, fmt.Errorf("verify %s: %w", ref, err)
	}
	out := make([]Signature, 0, len(sigs))
	for _, s := range sigs {
		p, err := s.Payload()
		if err != nil {
			return nil, fmt.Errorf("verify %s: %w", ref, err)
		}
		var sci sigpayload.SimpleContainerImage
		if err := json.Unmarshal(p, &sci); err != nil {
			return nil, fmt.Errorf("verify %s: decode payload: %w", ref, err)
		}
		sig := Signature{
			Digest:      sci.Critical.Image.DockerManifestDigest,
			Identity:    sci.Critical.Identity.DockerReference,
			Annotations: sci.Optional,
			Payload:     p,
		}
		if c, err := s.Cert(); err == nil && c != nil {
			sig.CertificateIdentity, sig.CertificateIssuer = certIdentity(c)
		}
		if b, err := s.Bundle(); err == nil && b != nil {
			sig.Tlog = &TlogEntry{LogIndex: b.Payload.LogIndex, LogID: b.Payload.LogID,
				IntegratedTime: time.Unix(b.Payload.IntegratedTime, 0).UTC()}
		}
		out = append(out, sig)
	}
	return out, nil
}

// VerifyAttestation returns the predicates (JSON) of the attestations on ref
// that verify with the key, whose in-toto subject is ref's digest and whose
// predicate type is predicateType (a short name or URI, as for
// AttestImage), like `cosign verify-attestation --key k --type T
// --insecure-ignore-tlog`. None matching is an error.
func (v *Verifier) VerifyAttestation(ctx context.Context, ref, predicateType string, opts ...Option) ([]json.RawMessage, error) {
	o := makeOptions(opts...)
	uri, err := PredicateTypeURI(predicateType)
	if err != nil {
		return nil, fmt.Errorf("verify attestation %s: %w", ref, err)
	}
	r, err := o.parse(ref)
	if err != nil {
		return nil, fmt.Errorf("verify attestation: %w", err)
	}
	atts, _, err := cosign.VerifyImageAttestations(ctx, r, v.checkOpts(ctx, o, cosign.IntotoSubjectClaimVerifier))
	if err != nil {
		return nil, fmt.Errorf("verify attestation %s: %w", ref, err)
	}
	var out []json.RawMessage
	var found []string
	for _, a := range atts {
		st, err := statementOf(a)
		if err != nil {
			return nil, fmt.Errorf("verify attestation %s: %w", ref, err)
		}
		if st.PredicateType != uri || !hasAnnotations(a, o.annotations) {
			found = append(found, st.PredicateType)
			continue
		}
		out = append(out, st.Predicate)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("verify attestation %s: none of %d verified attestations has predicate type %s (found %v)", ref, len(atts), uri, found)
	}
	return out, nil
}

func hasAnnotations(s oci.Signature, want map[string]string) bool {
	if len(want) == 0 {
		return true
	}
	got, err := s.Annotations()
	if err != nil {
		return false
	}
	for k, v := range want {
		if got[k] != v {
			return false
		}
	}
	return true
}
