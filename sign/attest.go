package sign

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/sigstore/cosign/v2/pkg/cosign"
	"github.com/sigstore/cosign/v2/pkg/cosign/attestation"
	cremote "github.com/sigstore/cosign/v2/pkg/cosign/remote"
	"github.com/sigstore/cosign/v2/pkg/oci"
	"github.com/sigstore/cosign/v2/pkg/oci/mutate"
	ociremote "github.com/sigstore/cosign/v2/pkg/oci/remote"
	"github.com/sigstore/cosign/v2/pkg/oci/static"
	"github.com/sigstore/cosign/v2/pkg/types"
	"github.com/sigstore/rekor/pkg/generated/models"
	"github.com/sigstore/sigstore/pkg/signature/dsse"
	sigopts "github.com/sigstore/sigstore/pkg/signature/options"
)

// Predicate type URIs, as the cosign CLI writes them.
const (
	PredicateCycloneDX = "https://cyclonedx.org/bom"
	PredicateSPDX      = "https://spdx.dev/Document"
	PredicateVSA       = "https://slsa.dev/verification_summary/v1"
)

// shortTypes maps the short names accepted by AttestImage and
// VerifyAttestation to predicate type URIs. cyclonedx and spdxjson are the
// cosign CLI's --type names.
var shortTypes = map[string]string{
	"cyclonedx": PredicateCycloneDX,
	"spdxjson":  PredicateSPDX,
	"vsa":       PredicateVSA,
}

// PredicateTypeURI returns the predicate type URI for a short name
// (cyclonedx, spdxjson, vsa) or checks that t is an absolute URI.
func PredicateTypeURI(t string) (string, error) {
	if uri, ok := shortTypes[t]; ok {
		return uri, nil
	}
	if u, err := url.Parse(t); err == nil && u.Scheme != "" && (u.Host != "" || u.Opaque != "") {
		return t, nil
	}
	return "", fmt.Errorf("unknown predicate type %q: want cyclonedx, spdxjson, vsa or a URI", t)
}

// AttestImage wraps predicate (JSON) in an in-toto statement about the image
// digestRef (repo@sha256:...), signs it as a DSSE envelope and pushes it to
// the .att tag, like `cosign attest --key k --type T --replace
// --tlog-upload=false`: an older attestation of the same predicate type is
// replaced, others are kept.
func (s *Signer) AttestImage(ctx context.Context, digestRef string, predicateType string, predicate []byte, opts ...Option) error {
	o := makeOptions(opts...)
	uri, err := PredicateTypeURI(predicateType)
	if err != nil {
		return fmt.Errorf("attest %s: %w", digestRef, err)
	}
	r, err := o.parse(digestRef)
	if err != nil {
		return fmt.Errorf("attest: %w", err)
	}
	// The predicate describes one exact image: a tag could have moved.
	digest, ok := r.(name.Digest)
	if !ok {
		return fmt.Errorf("attest %s: want a digest reference (repo@sha256:...), not a tag", digestRef)
	}
	h, err := digestHex(digest)
	if err != nil {
		return fmt.Errorf("attest %s: %w", digestRef, err)
	}
	genType := uri // a URI type makes cosign embed the predicate JSON object as is
	if predicateType == "cyclonedx" || predicateType == "spdxjson" {
		genType = predicateType
	}
	stmt, err := attestation.GenerateStatement(attestation.GenerateOpts{
		Predicate: bytes.NewReader(predicate),
		Type:      genType,
		Digest:    h,
		Repo:      digest.Repository.String(),
	})
	if err != nil {
		return fmt.Errorf("attest %s: statement: %w", digestRef, err)
	}
	payload, err := json.Marshal(stmt)
	if err != nil {
		return fmt.Errorf("attest %s: statement: %w", digestRef, err)
	}
	env, err := dsse.WrapSigner(s.sv, types.IntotoPayloadType).SignMessage(bytes.NewReader(payload), sigopts.WithContext(ctx))
	if err != nil {
		return fmt.Errorf("attest %s: sign: %w", digestRef, err)
	}
	ann := make(map[string]string, len(o.annotations)+1)
	for k, v := range o.annotations {
		ann[k] = v
	}
	ann["predicateType"] = uri
	// Keyless: the certificate, and the DSSE entry in the transparency log.
	sopts, _, err := s.bundle(ctx, func(t *tlog, signer []byte) (*models.LogEntryAnon, error) {
		return cosign.TLogUploadDSSEEnvelope(ctx, t.client, env, signer)
	})
	if err != nil {
		return fmt.Errorf("attest %s: %w", digestRef, err)
	}
	sopts = append(sopts, static.WithLayerMediaType(types.DssePayloadType), static.WithAnnotations(ann))
	att, err := static.NewAttestation(env, sopts...)
	if err != nil {
		return fmt.Errorf("attest %s: %w", digestRef, err)
	}
	ociOpts := o.ociOptions(ctx)
	se, err := signedEntity(digest, ociOpts)
	if err != nil {
		return fmt.Errorf("attest %s: %w", digestRef, err)
	}
	se, err = mutate.AttachAttestationToEntity(se, att,
		mutate.WithDupeDetector(cremote.NewDupeDetector(s.sv)),
		mutate.WithReplaceOp(replaceType(uri)))
	if err != nil {
		return fmt.Errorf("attest %s: attach: %w", digestRef, err)
	}
	if err := ociremote.WriteAttestations(digest.Repository, se, ociOpts...); err != nil {
		return fmt.Errorf("attest %s: push attestation: %w", digestRef, err)
	}
	return nil
}

// replaceType is cosign's remote.NewReplaceOp without its messages on
// os.Stderr: the new attestation replaces those of the same predicate type.
// Layers it cannot decode are kept, not dropped.
type replaceType string

func (uri replaceType) Replace(base oci.Signatures, att oci.Signature) (oci.Signatures, error) {
	old, err := base.Get()
	if err != nil {
		return nil, err
	}
	kept := []oci.Signature{att}
	for _, s := range old {
		if st, err := statementOf(s); err == nil && st.PredicateType == string(uri) {
			continue
		}
		kept = append(kept, s)
	}
	return replaced{Signatures: base, sigs: kept}, nil
}

type replaced struct {
	oci.Signatures
	sigs []oci.Signature
}

func (r replaced) Get() ([]oci.Signature, error) { return r.sigs, nil }

// statement is the part of an in-toto statement read back from a DSSE envelope.
type statement struct {
	PredicateType string          `json:"predicateType"`
	Predicate     json.RawMessage `json:"predicate"`
}

func statementOf(s oci.Signature) (statement, error) {
	var st statement
	p, err := s.Payload()
	if err != nil {
		return st, err
	}
	var env struct {
		PayloadType string `json:"payloadType"`
		Payload     string `json:"payload"`
	}
	if err := json.Unmarshal(p, &env); err != nil {
		return st, fmt.Errorf("decode DSSE envelope: %w", err)
	}
	if env.PayloadType != types.IntotoPayloadType {
		return st, fmt.Errorf("DSSE payload type %q, want %q", env.PayloadType, types.IntotoPayloadType)
	}
	raw, err := base64.StdEncoding.DecodeString(env.Payload)
	if err != nil {
		return st, fmt.Errorf("decode DSSE payload: %w", err)
	}
	if err := json.Unmarshal(raw, &st); err != nil {
		return st, fmt.Errorf("decode in-toto statement: %w", err)
	}
	return st, nil
}

func digestHex(d name.Digest) (string, error) {
	algo, h, ok := strings.Cut(d.DigestStr(), ":")
	if !ok || algo != "sha256" {
		return "", fmt.Errorf("digest %q: want sha256", d.DigestStr())
	}
	return h, nil
}

// VerificationResultPassed is the only verificationResult BuildVSA writes:
// tollgate attests passing scans only.
const VerificationResultPassed = "PASSED"

// VSA is a SLSA verification summary, predicate type
// https://slsa.dev/verification_summary/v1.
type VSA struct {
	Verifier           VSAVerifier          `json:"verifier"`
	TimeVerified       time.Time            `json:"timeVerified"`
	ResourceURI        string               `json:"resourceUri"`
	Policy             ResourceDescriptor   `json:"policy"`
	InputAttestations  []ResourceDescriptor `json:"inputAttestations,omitempty"`
	VerificationResult string               `json:"verificationResult"`
	VerifiedLevels     []string             `json:"verifiedLevels"`
}

// VSAVerifier identifies the tool that verified.
type VSAVerifier struct {
	ID      string            `json:"id"`
	Version map[string]string `json:"version,omitempty"`
}

// ResourceDescriptor names a policy or an input attestation.
type ResourceDescriptor struct {
	URI    string            `json:"uri"`
	Digest map[string]string `json:"digest,omitempty"`
}

// VSAInput is what BuildVSA needs to know about a passing scan.
type VSAInput struct {
	// Version of tollgate, recorded as verifier.version.tollgate.
	Version string
	// ResourceURI names the verified artifact, e.g. "registry/app@sha256:...". Required.
	ResourceURI string
	// Policy is the policy bundle the scan enforced. Policy.URI is required.
	Policy ResourceDescriptor
	// InputAttestations are the attestations the verdict relied on (optional).
	InputAttestations []ResourceDescriptor
	// VerifiedLevels defaults to DefaultVerifiedLevel, followed by the
	// level of each of Checks.
	VerifiedLevels []string
	// Checks are the checks the scan ran and passed besides the policies
	// (vulnerabilities, secrets): each is written as the verified level
	// CheckLevel(name), so that a verifier can require it.
	Checks []string
	// Components are versions recorded beside tollgate's in
	// verifier.version, e.g. the vulnerability database matched against
	// ("grype-db": "v6.1.10 built 2026-01-02T03:04:05Z").
	Components map[string]string
	// Time defaults to now; it is written in UTC, to the second.
	Time time.Time
}

// VerifierID identifies tollgate as a VSA verifier.
const VerifierID = "https://github.com/tollgate"

// DefaultVerifiedLevel is the verified level of a scan that passed the policy.
const DefaultVerifiedLevel = "TOLLGATE_POLICY_PASSED"

// CheckLevel is the verified level recording that a scan ran the check
// name (vulnerabilities, secrets) and passed: TOLLGATE_VULNERABILITIES_PASSED.
// The policies' level is DefaultVerifiedLevel.
func CheckLevel(name string) string {
	if name == "policies" {
		return DefaultVerifiedLevel
	}
	return "TOLLGATE_" + strings.ToUpper(name) + "_PASSED"
}

// HasCheck reports whether the summary records that the check name ran
// and passed.
func (v VSA) HasCheck(name string) bool {
	return slices.Contains(v.VerifiedLevels, CheckLevel(name))
}

// BuildVSA returns the JSON of a SLSA verification summary (v1) predicate
// for a scan that passed, ready for AttestImage(ctx, ref, "vsa", ...).
func BuildVSA(in VSAInput) ([]byte, error) {
	if in.ResourceURI == "" {
		return nil, errors.New("build VSA: resource URI is required")
	}
	if in.Policy.URI == "" {
		return nil, errors.New("build VSA: policy URI is required")
	}
	t := in.Time
	if t.IsZero() {
		t = time.Now()
	}
	levels := in.VerifiedLevels
	if len(levels) == 0 {
		levels = []string{DefaultVerifiedLevel}
		for _, c := range in.Checks {
			levels = append(levels, CheckLevel(c))
		}
	}
	v := VSA{
		Verifier:           VSAVerifier{ID: VerifierID},
		TimeVerified:       t.UTC().Truncate(time.Second),
		ResourceURI:        in.ResourceURI,
		Policy:             in.Policy,
		InputAttestations:  in.InputAttestations,
		VerificationResult: VerificationResultPassed,
		VerifiedLevels:     levels,
	}
	if in.Version != "" || len(in.Components) > 0 {
		v.Verifier.Version = map[string]string{}
		for k, c := range in.Components {
			v.Verifier.Version[k] = c
		}
		if in.Version != "" {
			v.Verifier.Version["tollgate"] = in.Version
		}
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("build VSA: %w", err)
	}
	return b, nil
}
