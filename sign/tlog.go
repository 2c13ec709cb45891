package sign

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"time"

	"github.com/sigstore/cosign/v2/pkg/cosign"
	cbundle "github.com/sigstore/cosign/v2/pkg/cosign/bundle"
	"github.com/sigstore/cosign/v2/pkg/oci/static"
	rekorclient "github.com/sigstore/rekor/pkg/client"
	"github.com/sigstore/rekor/pkg/generated/client"
	"github.com/sigstore/rekor/pkg/generated/models"
)

// DefaultRekorURL is the public-good Rekor transparency log.
const DefaultRekorURL = "https://rekor.sigstore.dev"

// tlog is a Rekor log signatures are uploaded to.
type tlog struct {
	url    string
	client *client.Rekor
}

func newTlog(url string) (*tlog, error) {
	if url == "" {
		url = DefaultRekorURL
	}
	c, err := rekorclient.GetRekorClient(url, rekorclient.WithUserAgent("tollgate"))
	if err != nil {
		return nil, fmt.Errorf("rekor client for %s: %w", url, err)
	}
	return &tlog{url: url, client: c}, nil
}

// TlogEntry is where a signature was recorded in a Rekor transparency log.
type TlogEntry struct {
	// URL is the Rekor server.
	URL string `json:"url"`
	// UUID is the entry's leaf hash (hex), which Rekor looks entries up
	// by; LogIndex is its index in the log.
	UUID     string `json:"uuid,omitempty"`
	LogIndex int64  `json:"log_index"`
	// LogID identifies the log (sha256 of its public key, hex).
	LogID string `json:"log_id,omitempty"`
	// IntegratedTime is when the log included the entry.
	IntegratedTime time.Time `json:"integrated_time"`
	// InclusionProof reports whether the log returned a Merkle inclusion
	// proof; TreeSize and RootHash are the tree it was proven against.
	InclusionProof bool   `json:"inclusion_proof"`
	TreeSize       int64  `json:"tree_size,omitempty"`
	RootHash       string `json:"root_hash,omitempty"`
}

func entryOf(url string, e *models.LogEntryAnon) *TlogEntry {
	t := &TlogEntry{URL: url}
	if leaf, err := cosign.ComputeLeafHash(e); err == nil {
		t.UUID = hex.EncodeToString(leaf)
	}
	if e.LogIndex != nil {
		t.LogIndex = *e.LogIndex
	}
	if e.LogID != nil {
		t.LogID = *e.LogID
	}
	if e.IntegratedTime != nil {
		t.IntegratedTime = time.Unix(*e.IntegratedTime, 0).UTC()
	}
	if v := e.Verification; v != nil && v.InclusionProof != nil {
		p := v.InclusionProof
		t.InclusionProof = true
		if p.TreeSize != nil {
			t.TreeSize = *p.TreeSize
		}
		if p.RootHash != nil {
			t.RootHash = *p.RootHash
		}
	}
	return t
}

// signerPEM is what a verifier checks the signature with: the Fulcio
// certificate (keyless) or the public key.
func (s *Signer) signerPEM() ([]byte, error) {
	if len(s.cert) > 0 {
		return s.cert, nil
	}
	return s.PublicKeyPEM()
}

// bundle returns the static options that attach the certificate chain
// (keyless) and, with a transparency log, uploads the signature with
// upload and attaches the entry as a bundle.
func (s *Signer) bundle(ctx context.Context, upload func(t *tlog, signer []byte) (*models.LogEntryAnon, error)) ([]static.Option, *TlogEntry, error) {
	var opts []static.Option
	if len(s.cert) > 0 {
		opts = append(opts, static.WithCertChain(s.cert, s.chain))
	}
	if s.tlog == nil {
		return opts, nil, nil
	}
	signer, err := s.signerPEM()
	if err != nil {
		return nil, nil, err
	}
	e, err := upload(s.tlog, signer)
	if err != nil {
		return nil, nil, fmt.Errorf("upload to transparency log %s: %w", s.tlog.url, err)
	}
	return append(opts, static.WithBundle(cbundle.EntryToBundle(e))), entryOf(s.tlog.url, e), nil
}

func sha256Of(b []byte) hash.Hash {
	h := sha256.New()
	h.Write(b)
	return h
}

// WithTlog makes a key signer upload every signature to the Rekor log at
// url ("" is DefaultRekorURL) and attach the entry as a bundle, like
// `cosign sign --key k` with its default --tlog-upload=true. Keyless
// signers always do.
func (s *Signer) WithTlog(url string) error {
	t, err := newTlog(url)
	if err != nil {
		return err
	}
	s.tlog = t
	return nil
}
