package tollgate

import (
	"bytes"
	"context"
	"fmt"

	"github.com/google/go-containerregistry/pkg/authn"

	"github.com/tollgate/tollgate/report"
	"github.com/tollgate/tollgate/scanners/image"
	"github.com/tollgate/tollgate/sign"
)

// PolicyURI names the policy set a verification summary attests to.
const PolicyURI = "https://github.com/tollgate/tollgate/tree/main/policies"

// checkSignable refuses --sign when an image cannot carry a signature: only
// registry images can, as signatures are pushed next to them.
func checkSignable(o Options) error {
	if o.Sign == nil || o.Sign.ReportOnly {
		return nil
	}
	if o.Shard != nil {
		return usagef("--sign cannot be used with --shard: a shard's verdict covers part of the inputs, so a passing shard proves nothing about the release")
	}
	if len(o.Images) == 0 {
		return usagef("--sign needs an --image to sign")
	}
	for _, raw := range o.Images {
		ref, err := image.ParseRef(raw)
		if err != nil {
			return &UsageError{Err: err}
		}
		if ref.Scheme != image.SchemeRegistry {
			return usagef("--sign: %s is not in a registry; signatures are pushed next to the image, so scan it as registry:REF", ref)
		}
	}
	return nil
}

// signPassing signs every image, attaching its CycloneDX SBOM and a SLSA
// verification summary as attestations, only when the scan passed with no
// error. Any signing failure is an error in the report and fails the scan.
func signPassing(ctx context.Context, src *signerSource, res *Result) {
	rep := res.Report
	rep.Signing = &report.Signature{}
	if rep.Summary.Result != report.ResultPassed || len(rep.Errors) > 0 {
		rep.Signing.Skipped = fmt.Sprintf("scan result is %q with %s: nothing was signed", rep.Summary.Result, plural(len(rep.Errors), "error"))
		return
	}
	var failed bool
	signer, err := src.get(ctx)
	if err != nil {
		rep.Errors = append(rep.Errors, report.Error{Path: src.name(), Message: err.Error()})
		rep.Summary.Result = report.ResultError
		rep.Summary.Errors = len(rep.Errors)
		return
	}
	for _, im := range res.Images {
		if err := signImage(ctx, signer, im, rep, res.keychain); err != nil {
			rep.Errors = append(rep.Errors, report.Error{Path: im.Ref.Ref, Message: err.Error()})
			failed = true
		}
	}
	if !failed {
		// A multi-platform index goes after its platform images (signing_index.go).
		if err := signIndexes(ctx, signer, res, res.keychain); err != nil {
			rep.Errors = append(rep.Errors, report.Error{Path: "", Message: err.Error()})
			failed = true
		}
	}
	if failed {
		rep.Summary.Result = report.ResultError
		rep.Summary.Errors = len(rep.Errors)
	}
}

// signImage signs im and attaches its attestations, pushing with the
// credentials kc resolves (nil: the docker config's).
func signImage(ctx context.Context, signer *sign.Signer, im *image.Image, rep *report.Report, kc authn.Keychain) error {
	opts := []sign.Option{sign.WithKeychain(kc)}
	if im.Insecure {
		opts = append(opts, sign.WithInsecure())
	}
	ref := im.DigestRef()
	var bom bytes.Buffer
	if err := EncodeSBOM(&bom, im.SBOM, "cyclonedx-json"); err != nil {
		return fmt.Errorf("encode SBOM attestation: %w", err)
	}
	if err := signer.AttestImage(ctx, ref, "cyclonedx", bom.Bytes(), opts...); err != nil {
		return err
	}
	checks, comps := attestedChecks(rep)
	vsa, err := sign.BuildVSA(sign.VSAInput{Version: Version, ResourceURI: ref, Policy: sign.ResourceDescriptor{URI: PolicyURI}, Checks: checks, Components: comps})
	if err != nil {
		return err
	}
	if err := signer.AttestImage(ctx, ref, "vsa", vsa, opts...); err != nil {
		return err
	}
	// The signature goes last: a signed image always has its attestations.
	signed, err := signer.SignImage(ctx, ref, opts...)
	if err != nil {
		return err
	}
	si := report.SignedImage{Reference: im.Ref.Ref, Digest: signed.Digest, Signature: signed.SignatureTag, Tlog: reportTlog(signed.Tlog)}
	si.Identity, si.Issuer = signer.Identity()
	rep.Signing.Signed = append(rep.Signing.Signed, si)
	return nil
}

func reportTlog(e *sign.TlogEntry) *report.TlogEntry {
	if e == nil {
		return nil
	}
	return &report.TlogEntry{URL: e.URL, UUID: e.UUID, LogIndex: e.LogIndex, IntegratedTime: e.IntegratedTime, InclusionProof: e.InclusionProof}
}
