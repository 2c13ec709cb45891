package tollgate

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-containerregistry/pkg/registry"

	"github.com/tollgate/tollgate/internal/sigstoretest"
	"github.com/tollgate/tollgate/internal/testtools"
	"github.com/tollgate/tollgate/report"
	"github.com/tollgate/tollgate/sign"
)

// writeJSONReport writes the report as --format json=PATH does.
func writeJSONReport(t *testing.T, r *report.Report, path string) {
	t.Helper()
	var b bytes.Buffer
	if err := report.WriteJSON(&b, r); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// cosignRun runs the real cosign with extra environment.
func cosignRun(t *testing.T, env []string, args ...string) (string, error) {
	t.Helper()
	cmd := exec.Command(testtools.Cosign(t), args...)
	cmd.Env = append(testtools.CosignEnv(t.TempDir()), env...)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// TestKeylessScanSignVerify signs a passing scan keyless against a private
// Sigstore, verifies it with Verify and the identity, and signs the
// report; a failing scan never asks Fulcio for a certificate.
func TestKeylessScanSignVerify(t *testing.T) {
	srv := httptest.NewServer(registry.New(registry.Logger(log.New(io.Discard, "", 0))))
	defer srv.Close()
	host := strings.TrimPrefix(srv.URL, "http://")
	failImg, passImg := sampleImages(t)
	failRef := pushImage(t, host, "app:fail", failImg)
	passRef := pushImage(t, host, "app:pass", passImg)
	ss := sigstoretest.New(t)
	trust := ss.WriteTrust(t, t.TempDir())
	const email = "release@example.com"
	keyless := &SignOptions{Keyless: &sign.KeylessOptions{IDToken: ss.EmailToken(t, email), FulcioURL: ss.FulcioURL, RekorURL: ss.RekorURL}}
	verifyKeyless := func(subject string) *sign.KeylessVerifyOptions {
		return &sign.KeylessVerifyOptions{
			Identities: []sign.Identity{{Subject: subject, Issuer: ss.IssuerURL}},
			Trust:      sign.Trust{CARoots: trust.CARoots, CTLogPublicKeys: []string{trust.CTLogPublicKey}, RekorPublicKeys: []string{trust.RekorPublicKey}},
		}
	}
	ctx := context.Background()

	t.Run("failing image", func(t *testing.T) {
		res := scan(t, Options{Images: []string{failRef}, Sign: keyless})
		if res.ExitCode() != ExitFailed || res.Report.Signing == nil || res.Report.Signing.Skipped == "" {
			t.Fatalf("exit %d, signing %+v; want 1 and skipped", res.ExitCode(), res.Report.Signing)
		}
		if ss.Issued != 0 || ss.Logged != 0 {
			t.Errorf("a failing scan got %d certificates and %d log entries; want none", ss.Issued, ss.Logged)
		}
		dir := t.TempDir()
		rep, bundle := filepath.Join(dir, "report.json"), filepath.Join(dir, "report.json.bundle")
		writeJSONReport(t, res.Report, rep)
		if _, err := res.SignReport(ctx, rep, bundle); !errors.Is(err, ErrReportNotSigned) {
			t.Errorf("SignReport of a failing scan: err = %v, want ErrReportNotSigned", err)
		}
		if _, err := os.Stat(bundle); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("a failing scan left a report bundle: %v", err)
		}
	})

	t.Run("certificate authority failure fails closed", func(t *testing.T) {
		broken := &SignOptions{Keyless: &sign.KeylessOptions{IDToken: ss.EmailToken(t, email), FulcioURL: ss.IssuerURL, RekorURL: ss.RekorURL}}
		res := scan(t, Options{Images: []string{passRef}, Sign: broken})
		if res.ExitCode() != ExitError || len(res.Report.Signing.Signed) != 0 || len(res.Report.Errors) != 1 ||
			res.Report.Errors[0].Path != ss.IssuerURL || !strings.Contains(res.Report.Errors[0].Message, "signing certificate") {
			t.Fatalf("exit %d, signing %+v, errors %+v; want exit 2, nothing signed, the Fulcio error", res.ExitCode(), res.Report.Signing, res.Report.Errors)
		}
		dir := t.TempDir()
		rep, bundle := filepath.Join(dir, "report.json"), filepath.Join(dir, "report.json.bundle")
		writeJSONReport(t, res.Report, rep)
		if _, err := res.SignReport(ctx, rep, bundle); !errors.Is(err, ErrReportNotSigned) {
			t.Errorf("SignReport after a signing failure: err = %v, want ErrReportNotSigned", err)
		}
		if ss.Logged != 0 {
			t.Errorf("%d log entries after a certificate failure", ss.Logged)
		}
	})

	t.Run("passing image", func(t *testing.T) {
		res := scan(t, Options{Images: []string{passRef}, Sign: keyless})
		if res.ExitCode() != ExitPassed {
			t.Fatalf("exit %d: %+v", res.ExitCode(), res.Report.Errors)
		}
		s := res.Report.Signing
		if s == nil || len(s.Signed) != 1 {
			t.Fatalf("signing %+v", s)
		}
		si := s.Signed[0]
		if si.Identity != email || si.Issuer != ss.IssuerURL || si.Tlog == nil || si.Tlog.URL != ss.RekorURL || si.Tlog.UUID == "" {
			t.Errorf("signed image %+v (tlog %+v): want the identity, issuer and Rekor entry", si, si.Tlog)
		}
		var out bytes.Buffer
		if err := report.WriteJSON(&out, res.Report); err != nil {
			t.Fatal(err)
		}
		// The closed schema: every field the keyless entry adds is documented.
		schema, err := testtools.Schema(filepath.Join("report", "schema", "report.schema.json"), testtools.CloseObjects)
		if err != nil {
			t.Fatal(err)
		}
		if err := testtools.Validate(schema, out.Bytes()); err != nil {
			t.Errorf("report does not match its closed schema: %v", err)
		}

		v, err := Verify(ctx, VerifyOptions{Image: passRef, Keyless: verifyKeyless(email)})
		if err != nil {
			t.Fatalf("Verify: %v", err)
		}
		if v.Identity != email || v.Issuer != ss.IssuerURL || v.Tlog == nil || v.Tlog.LogIndex != si.Tlog.LogIndex || v.Summary.VerificationResult != "PASSED" {
			t.Errorf("verification %+v", v)
		}
		var ve *VerificationError
		if _, err := Verify(ctx, VerifyOptions{Image: passRef, Keyless: verifyKeyless("mallory@example.com")}); !errors.As(err, &ve) {
			t.Errorf("Verify with another identity: err = %v, want a VerificationError", err)
		}
		if _, err := Verify(ctx, VerifyOptions{Image: failRef, Keyless: verifyKeyless(email)}); !errors.As(err, &ve) {
			t.Errorf("Verify of the failing image: err = %v, want a VerificationError", err)
		}

		dir := t.TempDir()
		rep, bundle := filepath.Join(dir, "report.json"), filepath.Join(dir, "report.json.bundle")
		writeJSONReport(t, res.Report, rep)
		sr, err := res.SignReport(ctx, rep, bundle)
		if err != nil {
			t.Fatal(err)
		}
		if sr.Tlog == nil || ss.Issued != 1 {
			t.Errorf("report signature %+v with %d certificates issued; want a Rekor entry and the scan's one certificate", sr, ss.Issued)
		}
		id := []string{"verify-blob", "--certificate-identity", email, "--certificate-oidc-issuer", ss.IssuerURL, "--bundle", bundle, rep}
		if out, err := cosignRun(t, trust.Env(), id...); err != nil {
			t.Fatalf("cosign verify-blob: %v\n%s", err, out)
		}
		b, _ := os.ReadFile(rep)
		os.WriteFile(rep, bytes.Replace(b, []byte(`"passed"`), []byte(`"failed"`), 1), 0o644)
		if out, err := cosignRun(t, trust.Env(), id...); err == nil {
			t.Fatalf("cosign verify-blob of a tampered report passed:\n%s", out)
		}
	})
}

// TestKeygenEnvKeySignsReport: keygen writes a cosign pair, refuses to
// overwrite it; the private key in an environment variable (env://) signs
// the report of an IaC-only scan, which the real cosign verifies.
func TestKeygenEnvKeySignsReport(t *testing.T) {
	dir := t.TempDir()
	prefix := filepath.Join(dir, "cosign")
	priv, pub, err := Keygen(KeygenOptions{Prefix: prefix, Password: []byte("pw")})
	if err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(priv); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("%s: %v, mode %v; want 0600", priv, err, st)
	}
	before, _ := os.ReadFile(priv)
	var ue *UsageError
	if _, _, err := Keygen(KeygenOptions{Prefix: prefix, Password: []byte("pw")}); !errors.As(err, &ue) || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("second Keygen: err = %v, want a usage error: already exists", err)
	}
	if after, _ := os.ReadFile(priv); !bytes.Equal(before, after) {
		t.Error("Keygen overwrote the private key")
	}
	if out, err := cosignRun(t, []string{"COSIGN_PASSWORD=pw"}, "public-key", "--key", priv); err != nil {
		t.Fatalf("cosign public-key of the keygen key: %v\n%s", err, out)
	}

	t.Setenv("TG_TEST_SIGNING_KEY", string(before))
	res := scan(t, Options{Targets: []string{"testdata/terraform/pass"}, Sign: &SignOptions{KeyPath: "env://TG_TEST_SIGNING_KEY", Password: []byte("pw"), ReportOnly: true}})
	if res.ExitCode() != ExitPassed || res.Report.Signing != nil {
		t.Fatalf("exit %d, signing %+v; want 0 and no image signing", res.ExitCode(), res.Report.Signing)
	}
	rep, bundle := filepath.Join(dir, "report.json"), filepath.Join(dir, "report.bundle")
	writeJSONReport(t, res.Report, rep)
	sr, err := res.SignReport(context.Background(), rep, bundle)
	if err != nil || sr.Tlog != nil {
		t.Fatalf("SignReport = %+v, %v; want a bundle without a log entry", sr, err)
	}
	args := []string{"verify-blob", "--key", pub, "--bundle", bundle, "--insecure-ignore-tlog=true", rep}
	if out, err := cosignRun(t, nil, args...); err != nil {
		t.Fatalf("cosign verify-blob: %v\n%s", err, out)
	}
	os.WriteFile(rep, []byte("{}\n"), 0o644)
	if out, err := cosignRun(t, nil, args...); err == nil {
		t.Fatalf("cosign verify-blob of a tampered report passed:\n%s", out)
	}

	if _, err := Scan(context.Background(), Options{Root: "testdata", Targets: []string{"testdata/terraform/pass"},
		Sign: &SignOptions{KeyPath: "env://TG_TEST_SIGNING_KEY", Password: []byte("wrong"), ReportOnly: true}}); !errors.As(err, &ue) {
		t.Errorf("a wrong password: err = %v, want a usage error before the scan", err)
	}
	t.Setenv("SIGSTORE_ID_TOKEN", "")
	t.Setenv("ACTIONS_ID_TOKEN_REQUEST_URL", "")
	if _, err := Scan(context.Background(), Options{Root: "testdata", Targets: []string{"testdata/terraform/pass"},
		Sign: &SignOptions{Keyless: &sign.KeylessOptions{}, ReportOnly: true}}); !errors.Is(err, sign.ErrNoIDToken) {
		t.Errorf("keyless without a token: err = %v, want ErrNoIDToken before the scan", err)
	}
}
