package sign

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"

	"github.com/sigstore/cosign/v2/pkg/cosign"
	cbundle "github.com/sigstore/cosign/v2/pkg/cosign/bundle"
	sigopts "github.com/sigstore/sigstore/pkg/signature/options"
)

// SignBlob signs blob and returns the bundle `cosign sign-blob --bundle`
// writes (the JSON that `cosign verify-blob --bundle B FILE` reads): the
// signature, and for a keyless signer the certificate and the Rekor entry
// of the signature, uploaded now as a hashedrekord. The entry is nil
// without a transparency log.
func (s *Signer) SignBlob(ctx context.Context, blob []byte) ([]byte, *TlogEntry, error) {
	raw, err := s.sv.SignMessage(bytes.NewReader(blob), sigopts.WithContext(ctx))
	if err != nil {
		return nil, nil, fmt.Errorf("sign blob: %w", err)
	}
	out := cosign.LocalSignedPayload{Base64Signature: base64.StdEncoding.EncodeToString(raw)}
	if len(s.cert) > 0 {
		out.Cert = base64.StdEncoding.EncodeToString(s.cert)
	}
	var entry *TlogEntry
	if s.tlog != nil {
		signer, err := s.signerPEM()
		if err != nil {
			return nil, nil, fmt.Errorf("sign blob: %w", err)
		}
		e, err := cosign.TLogUpload(ctx, s.tlog.client, raw, sha256Of(blob), signer)
		if err != nil {
			return nil, nil, fmt.Errorf("sign blob: upload to transparency log %s: %w", s.tlog.url, err)
		}
		out.Bundle = cbundle.EntryToBundle(e)
		entry = entryOf(s.tlog.url, e)
	}
	b, err := json.Marshal(out)
	if err != nil {
		return nil, nil, fmt.Errorf("sign blob: %w", err)
	}
	return b, entry, nil
}
