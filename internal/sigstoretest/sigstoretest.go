// Package sigstoretest runs a private Sigstore in-process for offline tests:
// an OIDC issuer, a Fulcio certificate authority built on Fulcio's own
// steps (a precertificate with the CT poison extension, an SCT from an
// in-process CT log, the final certificate with the SCT embedded) and a Rekor log that canonicalises entries with Rekor's own
// types and signs entry timestamps.
package sigstoretest

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"github.com/cyberphone/json-canonicalization/go/src/webpki.org/jsoncanonicalizer"
	"github.com/go-openapi/runtime"
	"github.com/go-openapi/swag"
	ct "github.com/google/certificate-transparency-go"
	cttls "github.com/google/certificate-transparency-go/tls"
	ctx509 "github.com/google/certificate-transparency-go/x509"
	"github.com/sigstore/cosign/v2/pkg/cosign"
	cbundle "github.com/sigstore/cosign/v2/pkg/cosign/bundle"
	fulcioapi "github.com/sigstore/fulcio/pkg/api"
	"github.com/sigstore/fulcio/pkg/certificate"
	"github.com/sigstore/rekor/pkg/generated/models"
	rekortypes "github.com/sigstore/rekor/pkg/types"
	_ "github.com/sigstore/rekor/pkg/types/dsse/v0.0.1"         // attestations
	_ "github.com/sigstore/rekor/pkg/types/hashedrekord/v0.0.1" // signatures, blobs
	_ "github.com/sigstore/rekor/pkg/types/intoto/v0.0.2"
	"github.com/sigstore/sigstore-go/pkg/root"
	"github.com/sigstore/sigstore/pkg/cryptoutils"
	"github.com/sigstore/sigstore/pkg/signature"
)

// ClientID is the audience Sigstore tokens are issued for.
const ClientID = "sigstore"

// Sigstore is a running private Sigstore.
type Sigstore struct {
	// IssuerURL is the OIDC issuer, FulcioURL and RekorURL the services.
	IssuerURL, FulcioURL, RekorURL string
	// RootPEM is the Fulcio root certificate, CTLogPublicKeyPEM and
	// RekorPublicKeyPEM the logs' keys: what a verifier trusts.
	RootPEM, CTLogPublicKeyPEM, RekorPublicKeyPEM []byte

	oidcKey  *rsa.PrivateKey
	caKey    *ecdsa.PrivateKey
	caCert   *x509.Certificate
	ctKey    *ecdsa.PrivateKey
	rekorKey *ecdsa.PrivateKey

	mu      sync.Mutex
	entries int64
	// Issued counts the certificates Fulcio issued, Logged the entries
	// Rekor accepted.
	Issued, Logged int
}

// New starts the issuer, Fulcio and Rekor on loopback; they stop when the
// test ends.
func New(t testing.TB) *Sigstore {
	t.Helper()
	s := &Sigstore{}
	var err error
	if s.oidcKey, err = rsa.GenerateKey(rand.Reader, 2048); err != nil {
		t.Fatal(err)
	}
	for _, k := range []**ecdsa.PrivateKey{&s.caKey, &s.ctKey, &s.rekorKey} {
		if *k, err = ecdsa.GenerateKey(elliptic.P256(), rand.Reader); err != nil {
			t.Fatal(err)
		}
	}
	root := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{Organization: []string{"sigstoretest"}, CommonName: "sigstoretest root"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().AddDate(1, 0, 0),
		IsCA:                  true,
		BasicConstraintsValid: true,
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign,
	}
	der, err := x509.CreateCertificate(rand.Reader, root, root, s.caKey.Public(), s.caKey)
	if err != nil {
		t.Fatal(err)
	}
	if s.caCert, err = x509.ParseCertificate(der); err != nil {
		t.Fatal(err)
	}
	if s.RootPEM, err = cryptoutils.MarshalCertificateToPEM(s.caCert); err != nil {
		t.Fatal(err)
	}
	if s.CTLogPublicKeyPEM, err = cryptoutils.MarshalPublicKeyToPEM(s.ctKey.Public()); err != nil {
		t.Fatal(err)
	}
	if s.RekorPublicKeyPEM, err = cryptoutils.MarshalPublicKeyToPEM(s.rekorKey.Public()); err != nil {
		t.Fatal(err)
	}
	issuer := httptest.NewServer(http.HandlerFunc(s.serveOIDC))
	t.Cleanup(issuer.Close)
	s.IssuerURL = issuer.URL
	fulcio := httptest.NewServer(http.HandlerFunc(s.serveFulcio))
	t.Cleanup(fulcio.Close)
	s.FulcioURL = fulcio.URL
	rekor := httptest.NewServer(http.HandlerFunc(s.serveRekor))
	t.Cleanup(rekor.Close)
	s.RekorURL = rekor.URL
	return s
}

// Trust is where WriteTrust put the trust material.
type Trust struct {
	CARoots, CTLogPublicKey, RekorPublicKey string
}

// WriteTrust writes the Fulcio root, CT log and Rekor public keys to dir.
func (s *Sigstore) WriteTrust(t testing.TB, dir string) Trust {
	t.Helper()
	tr := Trust{
		CARoots:        filepath.Join(dir, "fulcio-root.pem"),
		CTLogPublicKey: filepath.Join(dir, "ctlog.pub"),
		RekorPublicKey: filepath.Join(dir, "rekor.pub"),
	}
	for path, b := range map[string][]byte{tr.CARoots: s.RootPEM, tr.CTLogPublicKey: s.CTLogPublicKeyPEM, tr.RekorPublicKey: s.RekorPublicKeyPEM} {
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return tr
}

// Env is the environment the cosign CLI reads this trust from.
func (tr Trust) Env() []string {
	return []string{
		"SIGSTORE_ROOT_FILE=" + tr.CARoots,
		"SIGSTORE_CT_LOG_PUBLIC_KEY_FILE=" + tr.CTLogPublicKey,
		"SIGSTORE_REKOR_PUBLIC_KEY=" + tr.RekorPublicKey,
	}
}

// EmailToken returns an identity token for a verified email address.
func (s *Sigstore) EmailToken(t testing.TB, email string) string {
	t.Helper()
	return s.Token(t, map[string]any{"sub": email, "email": email, "email_verified": true})
}

// GitHubWorkflow is the identity of a GitHub Actions job.
type GitHubWorkflow struct {
	// Repository is owner/name, Workflow the file under .github/workflows,
	// Ref the git ref (refs/heads/main), SHA the commit, Event the trigger.
	Repository, Workflow, Ref, SHA, Event string
}

// Identity is the certificate identity Fulcio gives the workflow:
// https://github.com/OWNER/REPO/.github/workflows/FILE@REF.
func (w GitHubWorkflow) Identity() string {
	return "https://github.com/" + w.Repository + "/.github/workflows/" + w.Workflow + "@" + w.Ref
}

// GitHubToken returns a token shaped like a GitHub Actions ID token (the
// claims Fulcio reads), issued by this issuer.
func (s *Sigstore) GitHubToken(t testing.TB, w GitHubWorkflow) string {
	t.Helper()
	return s.Token(t, map[string]any{
		"sub":              "repo:" + w.Repository + ":ref:" + w.Ref,
		"repository":       w.Repository,
		"ref":              w.Ref,
		"sha":              w.SHA,
		"workflow":         w.Workflow,
		"event_name":       w.Event,
		"job_workflow_ref": w.Repository + "/.github/workflows/" + w.Workflow + "@" + w.Ref,
	})
}

// Token signs claims (with iss, aud, iat and exp added) as an RS256 JWT.
func (s *Sigstore) Token(t testing.TB, claims map[string]any) string {
	t.Helper()
	now := time.Now()
	c := map[string]any{"iss": s.IssuerURL, "aud": ClientID, "iat": now.Unix(), "exp": now.Add(10 * time.Minute).Unix()}
	for k, v := range claims {
		c[k] = v
	}
	enc := func(v any) string {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		return base64.RawURLEncoding.EncodeToString(b)
	}
	in := enc(map[string]string{"alg": "RS256", "kid": "1", "typ": "JWT"}) + "." + enc(c)
	h := sha256.Sum256([]byte(in))
	sig, err := rsa.SignPKCS1v15(rand.Reader, s.oidcKey, crypto.SHA256, h[:])
	if err != nil {
		t.Fatal(err)
	}
	return in + "." + base64.RawURLEncoding.EncodeToString(sig)
}

func (s *Sigstore) serveOIDC(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	switch r.URL.Path {
	case "/.well-known/openid-configuration":
		_ = json.NewEncoder(w).Encode(map[string]any{
			"issuer": s.IssuerURL, "jwks_uri": s.IssuerURL + "/jwks",
			"authorization_endpoint": s.IssuerURL + "/auth", "token_endpoint": s.IssuerURL + "/token",
			"id_token_signing_alg_values_supported": []string{"RS256"},
		})
	case "/jwks":
		pub := s.oidcKey.PublicKey
		_ = json.NewEncoder(w).Encode(map[string]any{"keys": []map[string]string{{
			"kty": "RSA", "kid": "1", "alg": "RS256", "use": "sig",
			"n": base64.RawURLEncoding.EncodeToString(pub.N.Bytes()),
			"e": base64.RawURLEncoding.EncodeToString(big.NewInt(int64(pub.E)).Bytes()),
		}}})
	default:
		http.NotFound(w, r)
	}
}

// serveFulcio answers POST /api/v1/signingCert, the call cosign makes:
// it verifies the token and the proof of possession, then issues a
// ten-minute certificate with an embedded SCT, as Fulcio does.
func (s *Sigstore) serveFulcio(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost || r.URL.Path != "/api/v1/signingCert" {
		http.NotFound(w, r)
		return
	}
	fail := func(code int, err error) { http.Error(w, err.Error(), code) }
	raw, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok {
		fail(http.StatusUnauthorized, errors.New("no bearer token"))
		return
	}
	ctx := r.Context()
	provider, err := oidc.NewProvider(ctx, s.IssuerURL)
	if err != nil {
		fail(http.StatusInternalServerError, err)
		return
	}
	tok, err := provider.Verifier(&oidc.Config{ClientID: ClientID}).Verify(ctx, raw)
	if err != nil {
		fail(http.StatusUnauthorized, fmt.Errorf("verify token: %w", err))
		return
	}
	var claims struct {
		Email          string `json:"email"`
		EmailVerified  bool   `json:"email_verified"`
		JobWorkflowRef string `json:"job_workflow_ref"`
		Repository     string `json:"repository"`
		Ref            string `json:"ref"`
		SHA            string `json:"sha"`
		Workflow       string `json:"workflow"`
		EventName      string `json:"event_name"`
	}
	if err := tok.Claims(&claims); err != nil {
		fail(http.StatusBadRequest, err)
		return
	}
	var req fulcioapi.CertificateRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		fail(http.StatusBadRequest, err)
		return
	}
	pub, err := cryptoutils.UnmarshalPEMToPublicKey(req.PublicKey.Content)
	if err != nil {
		fail(http.StatusBadRequest, err)
		return
	}
	subject := tok.Subject
	p := principal{ext: certificate.Extensions{Issuer: tok.Issuer}}
	switch {
	case claims.JobWorkflowRef != "":
		p.uri = "https://github.com/" + claims.JobWorkflowRef
		p.ext.GithubWorkflowTrigger = claims.EventName
		p.ext.GithubWorkflowSHA = claims.SHA
		p.ext.GithubWorkflowName = claims.Workflow
		p.ext.GithubWorkflowRepository = claims.Repository
		p.ext.GithubWorkflowRef = claims.Ref
	case claims.Email != "" && claims.EmailVerified:
		subject, p.email = claims.Email, claims.Email
	default:
		fail(http.StatusBadRequest, errors.New("token has neither a verified email nor job_workflow_ref"))
		return
	}
	v, err := signature.LoadVerifier(pub, crypto.SHA256)
	if err == nil {
		err = v.VerifySignature(strings.NewReader(string(req.SignedEmailAddress)), strings.NewReader(subject))
	}
	if err != nil {
		fail(http.StatusBadRequest, fmt.Errorf("proof of possession: %w", err))
		return
	}
	certPEM, chainPEM, err := s.issue(ctx, p, pub)
	if err != nil {
		fail(http.StatusInternalServerError, err)
		return
	}
	s.mu.Lock()
	s.Issued++
	s.mu.Unlock()
	w.Header().Set("Content-Type", "application/pem-certificate-chain")
	w.WriteHeader(http.StatusCreated)
	_, _ = w.Write(append(certPEM, chainPEM...))
}

// OIDs of the certificate transparency extensions (RFC 6962).
var (
	oidCTPoison  = asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 11129, 2, 4, 3}
	oidCTSCTList = asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 11129, 2, 4, 2}
)

// issue does what Fulcio's CA does (pkg/ca/baseca): a precertificate with
// the CT poison extension, an SCT for it from the CT log, then the final
// certificate with the SCT list in place of the poison.
func (s *Sigstore) issue(ctx context.Context, p principal, pub crypto.PublicKey) (certPEM, chainPEM []byte, err error) {
	skid, err := cryptoutils.SKID(pub)
	if err != nil {
		return nil, nil, err
	}
	serial, err := cryptoutils.GenerateSerialNumber()
	if err != nil {
		return nil, nil, err
	}
	tmpl := &x509.Certificate{
		SerialNumber: serial,
		NotBefore:    time.Now(),
		NotAfter:     time.Now().Add(10 * time.Minute),
		SubjectKeyId: skid,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageCodeSigning},
		KeyUsage:     x509.KeyUsageDigitalSignature,
	}
	if err := p.Embed(ctx, tmpl); err != nil {
		return nil, nil, err
	}
	exts := tmpl.ExtraExtensions
	tmpl.ExtraExtensions = append(exts, pkix.Extension{Id: oidCTPoison, Critical: true, Value: asn1.NullBytes})
	preDER, err := x509.CreateCertificate(rand.Reader, tmpl, s.caCert, pub, s.caKey)
	if err != nil {
		return nil, nil, fmt.Errorf("precertificate: %w", err)
	}
	var chain []*ctx509.Certificate
	for _, der := range [][]byte{preDER, s.caCert.Raw} {
		cc, err := ctx509.ParseCertificate(der)
		if err != nil {
			return nil, nil, err
		}
		chain = append(chain, cc)
	}
	ts := uint64(time.Now().UnixMilli())
	leaf, err := ct.MerkleTreeLeafFromChain(chain, ct.PrecertLogEntryType, ts)
	if err != nil {
		return nil, nil, err
	}
	der, err := x509.MarshalPKIXPublicKey(s.ctKey.Public())
	if err != nil {
		return nil, nil, err
	}
	sct := ct.SignedCertificateTimestamp{SCTVersion: ct.V1, LogID: ct.LogID{KeyID: sha256.Sum256(der)}, Timestamp: ts}
	in, err := ct.SerializeSCTSignatureInput(sct, ct.LogEntry{Leaf: *leaf})
	if err != nil {
		return nil, nil, err
	}
	sig, err := cttls.CreateSignature(*s.ctKey, cttls.SHA256, in)
	if err != nil {
		return nil, nil, err
	}
	sct.Signature = ct.DigitallySigned(sig)
	sctBytes, err := cttls.Marshal(sct)
	if err != nil {
		return nil, nil, err
	}
	list, err := cttls.Marshal(ctx509.SignedCertificateTimestampList{SCTList: []ctx509.SerializedSCT{{Val: sctBytes}}})
	if err != nil {
		return nil, nil, err
	}
	listExt, err := asn1.Marshal(list)
	if err != nil {
		return nil, nil, err
	}
	tmpl.ExtraExtensions = append(exts, pkix.Extension{Id: oidCTSCTList, Value: listExt})
	finalDER, err := x509.CreateCertificate(rand.Reader, tmpl, s.caCert, pub, s.caKey)
	if err != nil {
		return nil, nil, fmt.Errorf("final certificate: %w", err)
	}
	certPEM = pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: finalDER})
	return certPEM, s.RootPEM, nil
}

// principal is the identity Fulcio embeds: an email address or a URI, and
// the Sigstore extensions (issuer .1.1 and .1.8, GitHub .1.2-.1.6).
type principal struct {
	email, uri string
	ext        certificate.Extensions
}

func (p principal) Name(context.Context) string {
	if p.email != "" {
		return p.email
	}
	return p.uri
}

func (p principal) Embed(_ context.Context, c *x509.Certificate) error {
	if p.email != "" {
		c.EmailAddresses = []string{p.email}
	} else {
		u, err := parseURL(p.uri)
		if err != nil {
			return err
		}
		c.URIs = append(c.URIs, u)
	}
	exts, err := p.ext.Render()
	if err != nil {
		return err
	}
	c.ExtraExtensions = append(c.ExtraExtensions, exts...)
	return nil
}

// serveRekor answers POST /api/v1/log/entries as Rekor does: the entry
// canonicalised by Rekor's own types, a log index, an integrated time and
// a signed entry timestamp over them.
func (s *Sigstore) serveRekor(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost || r.URL.Path != "/api/v1/log/entries" {
		http.NotFound(w, r)
		return
	}
	fail := func(code int, err error) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(code)
		_ = json.NewEncoder(w).Encode(map[string]any{"code": code, "message": err.Error()})
	}
	pe, err := models.UnmarshalProposedEntry(r.Body, runtime.JSONConsumer())
	if err != nil {
		fail(http.StatusBadRequest, err)
		return
	}
	ctx := r.Context()
	ei, err := rekortypes.CreateVersionedEntry(pe)
	if err != nil {
		fail(http.StatusBadRequest, err)
		return
	}
	body, err := rekortypes.CanonicalizeEntry(ctx, ei)
	if err != nil {
		fail(http.StatusBadRequest, err)
		return
	}
	logID, err := cosign.GetTransparencyLogID(s.rekorKey.Public())
	if err != nil {
		fail(http.StatusInternalServerError, err)
		return
	}
	s.mu.Lock()
	index := s.entries
	s.entries++
	s.Logged++
	s.mu.Unlock()
	payload := cbundle.RekorPayload{
		Body:           base64.StdEncoding.EncodeToString(body),
		IntegratedTime: time.Now().Unix(),
		LogIndex:       index,
		LogID:          logID,
	}
	b, err := json.Marshal(payload)
	if err == nil {
		b, err = jsoncanonicalizer.Transform(b)
	}
	if err != nil {
		fail(http.StatusInternalServerError, err)
		return
	}
	h := sha256.Sum256(b)
	set, err := ecdsa.SignASN1(rand.Reader, s.rekorKey, h[:])
	if err != nil {
		fail(http.StatusInternalServerError, err)
		return
	}
	leaf := sha256.Sum256(append([]byte{0}, body...))
	uuid := fmt.Sprintf("%x", leaf)
	entry := models.LogEntry{uuid: models.LogEntryAnon{
		Body:           payload.Body,
		IntegratedTime: swag.Int64(payload.IntegratedTime),
		LogID:          swag.String(logID),
		LogIndex:       swag.Int64(index),
		Verification:   &models.LogEntryAnonVerification{SignedEntryTimestamp: set},
	}}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Location", "/api/v1/log/entries/"+uuid)
	w.WriteHeader(http.StatusCreated)
	_ = json.NewEncoder(w).Encode(entry)
}

func parseURL(s string) (*url.URL, error) {
	u, err := url.Parse(s)
	if err != nil || u.Scheme == "" {
		return nil, fmt.Errorf("identity URI %q: %v", s, err)
	}
	return u, nil
}

// WriteTrustedRoot writes the same trust as a Sigstore trusted_root.json
// (what `cosign verify --trusted-root` and sigstore-go read) to dir.
func (s *Sigstore) WriteTrustedRoot(t testing.TB, dir string) string {
	t.Helper()
	logOf := func(url string, k *ecdsa.PrivateKey) (string, *root.TransparencyLog) {
		der, err := x509.MarshalPKIXPublicKey(k.Public())
		if err != nil {
			t.Fatal(err)
		}
		id := sha256.Sum256(der)
		return fmt.Sprintf("%x", id), &root.TransparencyLog{BaseURL: url, ID: id[:], ValidityPeriodStart: time.Now().Add(-time.Hour),
			HashFunc: crypto.SHA256, PublicKey: k.Public(), SignatureHashFunc: crypto.SHA256}
	}
	ctID, ctLog := logOf("http://ctlog.invalid", s.ctKey)
	rekorID, rekorLog := logOf(s.RekorURL, s.rekorKey)
	tr, err := root.NewTrustedRoot(root.TrustedRootMediaType01,
		[]root.CertificateAuthority{&root.FulcioCertificateAuthority{Root: s.caCert, ValidityPeriodStart: s.caCert.NotBefore, URI: s.FulcioURL}},
		map[string]*root.TransparencyLog{ctID: ctLog}, nil, map[string]*root.TransparencyLog{rekorID: rekorLog})
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(tr)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "trusted_root.json")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}
