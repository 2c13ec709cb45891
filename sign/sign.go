package sign

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/sigstore/cosign/v2/pkg/cosign"
	cremote "github.com/sigstore/cosign/v2/pkg/cosign/remote"
	"github.com/sigstore/cosign/v2/pkg/oci"
	"github.com/sigstore/cosign/v2/pkg/oci/mutate"
	ociremote "github.com/sigstore/cosign/v2/pkg/oci/remote"
	"github.com/sigstore/cosign/v2/pkg/oci/static"
	"github.com/sigstore/rekor/pkg/generated/models"
	"github.com/sigstore/sigstore/pkg/cryptoutils"
	"github.com/sigstore/sigstore/pkg/signature"
	sigopts "github.com/sigstore/sigstore/pkg/signature/options"
	sigpayload "github.com/sigstore/sigstore/pkg/signature/payload"
)

// Signer signs images, attestations and blobs: with a cosign private key
// (LoadKey, LoadKeyRef), or keyless with an ephemeral key and a Fulcio
// certificate (Keyless).
type Signer struct {
	sv signature.SignerVerifier
	// keyless: the Fulcio certificate (PEM) of sv's public key and its chain.
	cert, chain []byte
	// identity and issuer are what the certificate says (keyless only).
	identity, issuer string
	// tlog, when set, uploads every signature to a Rekor log and attaches
	// the entry as a bundle (keyless always does: the certificate lives
	// ten minutes, the bundle proves the signature was made within them).
	tlog *tlog
}

// Signed describes a pushed signature.
type Signed struct {
	// Reference is the signed image, repo@sha256:<hex>.
	Reference string
	// Digest is the signed manifest digest, sha256:<hex>.
	Digest string
	// SignatureTag is where cosign stores it, repo:sha256-<hex>.sig.
	SignatureTag string
	// Tlog is the Rekor entry of the signature; nil without a
	// transparency log (key signing).
	Tlog *TlogEntry
}

// GenerateKeyPair returns a new cosign key pair (ECDSA P-256): the private
// key PEM ("ENCRYPTED SIGSTORE PRIVATE KEY") encrypted with password, and
// the public key PEM. Same format as `cosign generate-key-pair`.
func GenerateKeyPair(password []byte) (priv, pub []byte, err error) {
	kb, err := cosign.GenerateKeyPair(func(bool) ([]byte, error) { return password, nil })
	if err != nil {
		return nil, nil, fmt.Errorf("generate cosign key pair: %w", err)
	}
	return kb.PrivateBytes, kb.PublicBytes, nil
}

// LoadKey decrypts a cosign private key PEM with password.
func LoadKey(pemBytes, password []byte) (*Signer, error) {
	block, _ := pem.Decode(pemBytes)
	if block == nil {
		return nil, errors.New("load cosign key: no PEM block found")
	}
	if block.Type != cosign.SigstorePrivateKeyPemType && block.Type != cosign.CosignPrivateKeyPemType {
		return nil, fmt.Errorf("load cosign key: PEM type %q, want %q", block.Type, cosign.SigstorePrivateKeyPemType)
	}
	sv, err := cosign.LoadPrivateKey(pemBytes, password, nil)
	if err != nil {
		// The only error the encrypted package returns for a bad
		// password or a corrupted key is "encrypted: decryption failed".
		if strings.Contains(err.Error(), "decryption failed") {
			return nil, fmt.Errorf("decrypt cosign key: wrong password?: %w", err)
		}
		return nil, fmt.Errorf("load cosign key: %w", err)
	}
	return &Signer{sv: sv}, nil
}

// LoadKeyFile reads and decrypts a cosign private key file.
func LoadKeyFile(path string, password []byte) (*Signer, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read cosign key: %w", err)
	}
	s, err := LoadKey(b, password)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}

// PublicKeyPEM returns the public half of the key, PEM encoded.
func (s *Signer) PublicKeyPEM() ([]byte, error) {
	pub, err := s.sv.PublicKey()
	if err != nil {
		return nil, fmt.Errorf("public key: %w", err)
	}
	b, err := cryptoutils.MarshalPublicKeyToPEM(pub)
	if err != nil {
		return nil, fmt.Errorf("marshal public key: %w", err)
	}
	return b, nil
}

// SignImage signs the manifest digest ref names (a tag is resolved to its
// digest first) and pushes the signature to the .sig tag, like
// `cosign sign --key k --tlog-upload=false`. Signing the same digest twice
// with the same key and annotations leaves a single signature.
func (s *Signer) SignImage(ctx context.Context, ref string, opts ...Option) (Signed, error) {
	o := makeOptions(opts...)
	digest, err := o.resolve(ctx, ref)
	if err != nil {
		return Signed{}, fmt.Errorf("sign %s: %w", ref, err)
	}
	payload, err := (&sigpayload.Cosign{Image: digest, Annotations: anyMap(o.annotations)}).MarshalJSON()
	if err != nil {
		return Signed{}, fmt.Errorf("sign %s: payload: %w", ref, err)
	}
	raw, err := s.sv.SignMessage(bytes.NewReader(payload), sigopts.WithContext(ctx))
	if err != nil {
		return Signed{}, fmt.Errorf("sign %s: %w", ref, err)
	}
	sopts, entry, err := s.bundle(ctx, func(t *tlog, signer []byte) (*models.LogEntryAnon, error) {
		return cosign.TLogUpload(ctx, t.client, raw, sha256Of(payload), signer)
	})
	if err != nil {
		return Signed{}, fmt.Errorf("sign %s: %w", ref, err)
	}
	sig, err := static.NewSignature(payload, base64.StdEncoding.EncodeToString(raw), sopts...)
	if err != nil {
		return Signed{}, fmt.Errorf("sign %s: %w", ref, err)
	}
	ociOpts := o.ociOptions(ctx)
	se, err := signedEntity(digest, ociOpts)
	if err != nil {
		return Signed{}, fmt.Errorf("sign %s: %w", ref, err)
	}
	se, err = mutate.AttachSignatureToEntity(se, sig, mutate.WithDupeDetector(cremote.NewDupeDetector(s.sv)))
	if err != nil {
		return Signed{}, fmt.Errorf("sign %s: attach signature: %w", ref, err)
	}
	if err := ociremote.WriteSignatures(digest.Repository, se, ociOpts...); err != nil {
		return Signed{}, fmt.Errorf("sign %s: push signature: %w", ref, err)
	}
	tag, err := ociremote.SignatureTag(digest, ociOpts...)
	if err != nil {
		return Signed{}, fmt.Errorf("sign %s: %w", ref, err)
	}
	return Signed{Reference: digest.String(), Digest: digest.DigestStr(), SignatureTag: tag.String(), Tlog: entry}, nil
}

// resolve parses ref and, if it is a tag, asks the registry for its digest.
func (o *options) resolve(ctx context.Context, ref string) (name.Digest, error) {
	r, err := o.parse(ref)
	if err != nil {
		return name.Digest{}, err
	}
	if d, ok := r.(name.Digest); ok {
		return d, nil
	}
	ropts := o.remoteOptions(ctx)
	desc, err := remote.Head(r, ropts...)
	if err != nil {
		// Some registries answer HEAD without Docker-Content-Digest.
		d, gerr := remote.Get(r, ropts...)
		if gerr != nil {
			return name.Digest{}, fmt.Errorf("resolve digest: %w", gerr)
		}
		desc = &d.Descriptor
	}
	return r.Context().Digest(desc.Digest.String()), nil
}

// signedEntity reads what is already attached to digest; a digest the
// registry does not know yet is signed as an unknown entity, as cosign does.
func signedEntity(digest name.Digest, opts []ociremote.Option) (oci.SignedEntity, error) {
	se, err := ociremote.SignedEntity(digest, opts...)
	var nf *ociremote.EntityNotFoundError
	if errors.As(err, &nf) {
		return ociremote.SignedUnknown(digest, opts...), nil
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", digest, err)
	}
	return se, nil
}

func anyMap(m map[string]string) map[string]any {
	if len(m) == 0 {
		return nil
	}
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}
