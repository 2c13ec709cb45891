package sign_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/sigstore/cosign/v2/pkg/cosign"

	"github.com/tollgate/tollgate/internal/sigstoretest"
	"github.com/tollgate/tollgate/internal/testtools"
	"github.com/tollgate/tollgate/sign"
)

// keylessFixture is a private Sigstore, its trust written to files, and
// an image in an in-process registry signed keyless with its SBOM and VSA
// attested.
type keylessFixture struct {
	ss     *sigstoretest.Sigstore
	trust  sigstoretest.Trust
	signer *sign.Signer
	digest name.Digest
	signed sign.Signed
}

func newKeylessFixture(t *testing.T, token string, ss *sigstoretest.Sigstore) keylessFixture {
	t.Helper()
	ctx := context.Background()
	f := keylessFixture{ss: ss, trust: ss.WriteTrust(t, t.TempDir())}
	var err error
	f.signer, err = sign.Keyless(ctx, sign.KeylessOptions{IDToken: token, FulcioURL: ss.FulcioURL, RekorURL: ss.RekorURL})
	if err != nil {
		t.Fatal(err)
	}
	f.digest = pushRandom(t, newRegistry(t)+"/app:v1")
	if err := f.signer.AttestImage(ctx, f.digest.String(), "cyclonedx", readBOM(t)); err != nil {
		t.Fatal(err)
	}
	if err := f.signer.AttestImage(ctx, f.digest.String(), "vsa", testVSA(t, f.digest)); err != nil {
		t.Fatal(err)
	}
	if f.signed, err = f.signer.SignImage(ctx, f.digest.String()); err != nil {
		t.Fatal(err)
	}
	return f
}

func (f keylessFixture) verifier(t *testing.T, ids ...sign.Identity) (*sign.Verifier, error) {
	t.Helper()
	return sign.NewKeylessVerifier(context.Background(), sign.KeylessVerifyOptions{
		Identities: ids,
		Trust: sign.Trust{CARoots: f.trust.CARoots, CTLogPublicKeys: []string{f.trust.CTLogPublicKey},
			RekorPublicKeys: []string{f.trust.RekorPublicKey}},
	})
}

func TestKeylessSignVerify(t *testing.T) {
	ctx := context.Background()
	ss := sigstoretest.New(t)
	const email = "release@example.com"
	f := newKeylessFixture(t, ss.EmailToken(t, email), ss)

	if id, iss := f.signer.Identity(); id != email || iss != ss.IssuerURL {
		t.Errorf("Identity() = %q, %q, want %q, %q", id, iss, email, ss.IssuerURL)
	}
	// One certificate for all three signatures, each in the log.
	if ss.Issued != 1 || ss.Logged != 3 {
		t.Errorf("Fulcio issued %d certificates, Rekor logged %d entries; want 1 and 3", ss.Issued, ss.Logged)
	}
	if e := f.signed.Tlog; e == nil || e.URL != ss.RekorURL || e.LogIndex != 2 || e.UUID == "" || e.IntegratedTime.IsZero() {
		t.Errorf("SignImage tlog entry = %+v, want log index 2 at %s", e, ss.RekorURL)
	}

	v, err := f.verifier(t, sign.Identity{Subject: email, Issuer: ss.IssuerURL})
	if err != nil {
		t.Fatal(err)
	}
	sigs, err := v.VerifyImage(ctx, f.digest.String())
	if err != nil {
		t.Fatal(err)
	}
	if len(sigs) != 1 || sigs[0].Digest != f.digest.DigestStr() || sigs[0].CertificateIdentity != email ||
		sigs[0].CertificateIssuer != ss.IssuerURL || sigs[0].Tlog == nil || sigs[0].Tlog.LogIndex != 2 {
		t.Errorf("VerifyImage = %+v", sigs)
	}
	for _, typ := range []string{"cyclonedx", "vsa"} {
		if _, err := v.VerifyAttestation(ctx, f.digest.String(), typ); err != nil {
			t.Errorf("VerifyAttestation %s: %v", typ, err)
		}
	}

	t.Run("regexp identity", func(t *testing.T) {
		v, err := f.verifier(t, sign.Identity{SubjectRegexp: `^release@example\.com$`, IssuerRegexp: `^http://127\.0\.0\.1:`})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := v.VerifyImage(ctx, f.digest.String()); err != nil {
			t.Fatal(err)
		}
	})
	for name, id := range map[string]sign.Identity{
		"other identity": {Subject: "mallory@example.com", Issuer: ss.IssuerURL},
		"other issuer":   {Subject: email, Issuer: "https://token.actions.githubusercontent.com"},
	} {
		t.Run(name+" fails", func(t *testing.T) {
			v, err := f.verifier(t, id)
			if err != nil {
				t.Fatal(err)
			}
			_, err = v.VerifyImage(ctx, f.digest.String())
			var nm *cosign.ErrNoMatchingSignatures
			if !errors.As(err, &nm) {
				t.Fatalf("VerifyImage = %v, want *cosign.ErrNoMatchingSignatures", err)
			}
			if _, err := v.VerifyAttestation(ctx, f.digest.String(), "vsa"); err == nil {
				t.Fatal("VerifyAttestation with another identity passed")
			}
		})
	}
	t.Run("other Sigstore's roots fail", func(t *testing.T) {
		other := sigstoretest.New(t).WriteTrust(t, t.TempDir())
		for _, tr := range []sign.Trust{
			{CARoots: other.CARoots, CTLogPublicKeys: []string{f.trust.CTLogPublicKey}, RekorPublicKeys: []string{f.trust.RekorPublicKey}},
			{CARoots: f.trust.CARoots, CTLogPublicKeys: []string{other.CTLogPublicKey}, RekorPublicKeys: []string{f.trust.RekorPublicKey}},
			{CARoots: f.trust.CARoots, CTLogPublicKeys: []string{f.trust.CTLogPublicKey}, RekorPublicKeys: []string{other.RekorPublicKey}},
		} {
			v, err := sign.NewKeylessVerifier(ctx, sign.KeylessVerifyOptions{
				Identities: []sign.Identity{{Subject: email, Issuer: ss.IssuerURL}}, Trust: tr})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := v.VerifyImage(ctx, f.digest.String()); err == nil {
				t.Errorf("VerifyImage trusting %+v passed", tr)
			}
		}
	})
	t.Run("trust from the environment", func(t *testing.T) {
		for _, kv := range f.trust.Env() {
			k, v, _ := strings.Cut(kv, "=")
			t.Setenv(k, v)
		}
		v, err := sign.NewKeylessVerifier(ctx, sign.KeylessVerifyOptions{Identities: []sign.Identity{{Subject: email, Issuer: ss.IssuerURL}}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := v.VerifyImage(ctx, f.digest.String()); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("trusted root file", func(t *testing.T) {
		tr := ss.WriteTrustedRoot(t, t.TempDir())
		v, err := sign.NewKeylessVerifier(ctx, sign.KeylessVerifyOptions{
			Identities: []sign.Identity{{Subject: email, Issuer: ss.IssuerURL}}, Trust: sign.Trust{TrustedRoot: tr}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := v.VerifyImage(ctx, f.digest.String()); err != nil {
			t.Fatal(err)
		}
		if _, err := v.VerifyAttestation(ctx, f.digest.String(), "vsa"); err != nil {
			t.Fatal(err)
		}
		other := sigstoretest.New(t).WriteTrustedRoot(t, t.TempDir())
		v, err = sign.NewKeylessVerifier(ctx, sign.KeylessVerifyOptions{
			Identities: []sign.Identity{{Subject: email, Issuer: ss.IssuerURL}}, Trust: sign.Trust{TrustedRoot: other}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := v.VerifyImage(ctx, f.digest.String()); err == nil {
			t.Error("VerifyImage trusting another Sigstore's root passed")
		}
		c := newCLI(t)
		if _, err := c.run("verify", "--trusted-root", tr, "--certificate-identity", email, "--certificate-oidc-issuer", ss.IssuerURL,
			"--allow-insecure-registry", f.digest.String()); err != nil {
			t.Errorf("cosign verify --trusted-root: %v", err)
		}
	})

	t.Run("cosign CLI verifies", func(t *testing.T) {
		c := newCLI(t)
		c.env = append(c.env, f.trust.Env()...)
		id := []string{"--certificate-identity", email, "--certificate-oidc-issuer", ss.IssuerURL, "--allow-insecure-registry"}
		out, err := c.run(append(append([]string{"verify"}, id...), f.digest.String())...)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out, f.digest.DigestStr()) {
			t.Errorf("cosign verify output does not name %s:\n%s", f.digest.DigestStr(), out)
		}
		for _, typ := range []string{"cyclonedx", sign.PredicateVSA} {
			if _, err := c.run(append(append([]string{"verify-attestation", "--type", typ}, id...), f.digest.String())...); err != nil {
				t.Error(err)
			}
		}
		bad := []string{"verify", "--certificate-identity", "mallory@example.com", "--certificate-oidc-issuer", ss.IssuerURL, "--allow-insecure-registry", f.digest.String()}
		if _, err := c.run(bad...); err == nil || !strings.Contains(err.Error(), "no matching signatures") {
			t.Errorf("cosign verify with another identity: err = %v, want no matching signatures", err)
		}
	})
}

// TestKeylessAmbientGitHub signs with the GitHub Actions token a job with
// id-token: write gets from ACTIONS_ID_TOKEN_REQUEST_URL, as cosign's
// provider fetches it, and verifies the workflow claims.
func TestKeylessAmbientGitHub(t *testing.T) {
	ctx := context.Background()
	ss := sigstoretest.New(t)
	wf := sigstoretest.GitHubWorkflow{Repository: "acme/app", Workflow: "release.yml", Ref: "refs/tags/v1.2.0",
		SHA: "0123456789abcdef0123456789abcdef01234567", Event: "push"}
	token := ss.GitHubToken(t, wf)
	var asked string
	actions := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		asked = r.URL.Query().Get("audience")
		if r.Header.Get("Authorization") != "bearer request-token" {
			http.Error(w, "bad request token", http.StatusUnauthorized)
			return
		}
		_ = json.NewEncoder(w).Encode(map[string]string{"value": token})
	}))
	t.Cleanup(actions.Close)
	t.Setenv("SIGSTORE_ID_TOKEN", "")
	if sign.IDTokenAvailable(ctx) {
		t.Fatal("IDTokenAvailable with no token and no ambient provider")
	}
	_, err := sign.Keyless(ctx, sign.KeylessOptions{FulcioURL: ss.FulcioURL, RekorURL: ss.RekorURL})
	if !errors.Is(err, sign.ErrNoIDToken) {
		t.Fatalf("Keyless without a token: err = %v, want ErrNoIDToken", err)
	}
	t.Setenv("ACTIONS_ID_TOKEN_REQUEST_URL", actions.URL+"/token?api-version=2.0")
	t.Setenv("ACTIONS_ID_TOKEN_REQUEST_TOKEN", "request-token")
	if !sign.IDTokenAvailable(ctx) {
		t.Fatal("IDTokenAvailable = false in a GitHub Actions job")
	}
	f := newKeylessFixture(t, "", ss)
	if asked != "sigstore" {
		t.Errorf("token requested for audience %q, want sigstore", asked)
	}
	if id, _ := f.signer.Identity(); id != wf.Identity() {
		t.Errorf("Identity() = %q, want %q", id, wf.Identity())
	}
	v, err := sign.NewKeylessVerifier(ctx, sign.KeylessVerifyOptions{
		Identities: []sign.Identity{{SubjectRegexp: `^https://github\.com/acme/app/\.github/workflows/release\.yml@refs/tags/v`, Issuer: ss.IssuerURL}},
		GitHub:     sign.GitHubClaims{Repository: wf.Repository, Trigger: "push", SHA: wf.SHA, Ref: wf.Ref},
		Trust: sign.Trust{CARoots: f.trust.CARoots, CTLogPublicKeys: []string{f.trust.CTLogPublicKey},
			RekorPublicKeys: []string{f.trust.RekorPublicKey}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := v.VerifyImage(ctx, f.digest.String()); err != nil {
		t.Fatal(err)
	}
	wrong, err := sign.NewKeylessVerifier(ctx, sign.KeylessVerifyOptions{
		Identities: []sign.Identity{{Subject: wf.Identity(), Issuer: ss.IssuerURL}},
		GitHub:     sign.GitHubClaims{Repository: "acme/other"},
		Trust:      sign.Trust{CARoots: f.trust.CARoots, CTLogPublicKeys: []string{f.trust.CTLogPublicKey}, RekorPublicKeys: []string{f.trust.RekorPublicKey}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := wrong.VerifyImage(ctx, f.digest.String()); err == nil {
		t.Error("VerifyImage requiring another repository passed")
	}

	t.Run("cosign CLI verifies", func(t *testing.T) {
		c := newCLI(t)
		c.env = append(c.env, f.trust.Env()...)
		_, err := c.run("verify", "--certificate-identity", wf.Identity(), "--certificate-oidc-issuer", ss.IssuerURL,
			"--certificate-github-workflow-repository", wf.Repository, "--allow-insecure-registry", f.digest.String())
		if err != nil {
			t.Fatal(err)
		}
	})
}

func TestKeylessVerifyOptions(t *testing.T) {
	ctx := context.Background()
	for name, o := range map[string]sign.KeylessVerifyOptions{
		"no identity":     {},
		"no issuer":       {Identities: []sign.Identity{{Subject: "a@example.com"}}},
		"two subjects":    {Identities: []sign.Identity{{Subject: "a", SubjectRegexp: "a", Issuer: "i"}}},
		"bad regexp":      {Identities: []sign.Identity{{SubjectRegexp: "(", Issuer: "i"}}},
		"missing CA file": {Identities: []sign.Identity{{Subject: "a", Issuer: "i"}}, Trust: sign.Trust{CARoots: filepath.Join(t.TempDir(), "none.pem")}},
	} {
		if _, err := sign.NewKeylessVerifier(ctx, o); err == nil {
			t.Errorf("%s: NewKeylessVerifier passed", name)
		}
	}
}

// TestKeylessSignBlob writes the bundle `cosign verify-blob` reads: the
// real cosign accepts it with the identity and rejects a changed blob.
func TestKeylessSignBlob(t *testing.T) {
	ctx := context.Background()
	ss := sigstoretest.New(t)
	const email = "release@example.com"
	s, err := sign.Keyless(ctx, sign.KeylessOptions{IDToken: ss.EmailToken(t, email), FulcioURL: ss.FulcioURL, RekorURL: ss.RekorURL})
	if err != nil {
		t.Fatal(err)
	}
	blob := []byte(`{"summary":{"result":"passed"}}` + "\n")
	bundle, entry, err := s.SignBlob(ctx, blob)
	if err != nil {
		t.Fatal(err)
	}
	if entry == nil || entry.LogIndex != 0 {
		t.Errorf("SignBlob tlog entry = %+v, want log index 0", entry)
	}
	var lsp cosign.LocalSignedPayload
	if err := json.Unmarshal(bundle, &lsp); err != nil || lsp.Cert == "" || lsp.Bundle == nil || lsp.Base64Signature == "" {
		t.Fatalf("bundle = %s (%v), want signature, certificate and Rekor bundle", bundle, err)
	}
	c := newCLI(t)
	c.env = append(c.env, ss.WriteTrust(t, t.TempDir()).Env()...)
	file := c.write(t, "report.json", blob)
	b := c.write(t, "report.json.bundle", bundle)
	id := []string{"--certificate-identity", email, "--certificate-oidc-issuer", ss.IssuerURL, "--bundle", b}
	if _, err := c.run(append(append([]string{"verify-blob"}, id...), file)...); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, []byte(`{"summary":{"result":"failed"}}`+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := c.run(append(append([]string{"verify-blob"}, id...), file)...); err == nil {
		t.Fatal("cosign verify-blob of a changed report passed")
	}
}

// TestKeylessRealRegistry signs keyless into Debian's docker-registry
// started by scripts/test.sh (TOLLGATE_TEST_REGISTRY); the real cosign
// verifies the signature and both attestations there.
func TestKeylessRealRegistry(t *testing.T) {
	host := testtools.Registry(t)
	ctx := context.Background()
	ss := sigstoretest.New(t)
	const email = "release@example.com"
	trust := ss.WriteTrust(t, t.TempDir())
	s, err := sign.Keyless(ctx, sign.KeylessOptions{IDToken: ss.EmailToken(t, email), FulcioURL: ss.FulcioURL, RekorURL: ss.RekorURL})
	if err != nil {
		t.Fatal(err)
	}
	d := pushRandom(t, fmt.Sprintf("%s/tollgate-sign-test/keyless-%d:v1", host, time.Now().UnixNano()))
	if err := s.AttestImage(ctx, d.String(), "cyclonedx", readBOM(t)); err != nil {
		t.Fatal(err)
	}
	if err := s.AttestImage(ctx, d.String(), "vsa", testVSA(t, d)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SignImage(ctx, d.String()); err != nil {
		t.Fatal(err)
	}
	c := newCLI(t)
	c.env = append(c.env, trust.Env()...)
	id := []string{"--certificate-identity", email, "--certificate-oidc-issuer", ss.IssuerURL, "--allow-insecure-registry"}
	if _, err := c.run(append(append([]string{"verify"}, id...), d.String())...); err != nil {
		t.Fatal(err)
	}
	for _, typ := range []string{"cyclonedx", sign.PredicateVSA} {
		if _, err := c.run(append(append([]string{"verify-attestation", "--type", typ}, id...), d.String())...); err != nil {
			t.Error(err)
		}
	}
}

// A Fulcio that accepts the request and never answers fails the signing
// once FulcioTimeout has passed, instead of hanging the job.
func TestKeylessFulcioStallTimesOut(t *testing.T) {
	ss := sigstoretest.New(t)
	stalled := make(chan struct{})
	fulcio := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done(): // the client gave up
		case <-stalled:
		}
	}))
	defer fulcio.Close()
	defer close(stalled) // before Close, which waits for the handler
	done := make(chan error, 1)
	go func() {
		_, err := sign.Keyless(context.Background(), sign.KeylessOptions{IDToken: ss.EmailToken(t, "dev@example.com"),
			FulcioURL: fulcio.URL, RekorURL: ss.RekorURL, FulcioTimeout: 500 * time.Millisecond})
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "get signing certificate from "+fulcio.URL) {
			t.Errorf("Keyless against a stalled Fulcio: %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("Keyless hung on a stalled Fulcio")
	}
}
