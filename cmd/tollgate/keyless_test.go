package main

import (
	"fmt"
	"io"
	"log"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/registry"
	"github.com/google/go-containerregistry/pkg/v1/remote"

	"github.com/tollgate/tollgate/internal/sigstoretest"
	"github.com/tollgate/tollgate/internal/testimage"
	"github.com/tollgate/tollgate/internal/testtools"
)

// TestKeylessSignVerifyCLI: `scan --sign --keyless --sign-report` against
// a private Sigstore, then `verify` with the identity flags, and the real
// cosign checks the report bundle.
func TestKeylessSignVerifyCLI(t *testing.T) {
	srv := httptest.NewServer(registry.New(registry.Logger(log.New(io.Discard, "", 0))))
	defer srv.Close()
	img, err := testimage.Passing(filepath.Join(testtools.Repo(), "testdata", "image", "rootfs"))
	if err != nil {
		t.Fatal(err)
	}
	ref := strings.TrimPrefix(srv.URL, "http://") + "/app:1.0"
	tag, err := name.NewTag(ref)
	if err != nil {
		t.Fatal(err)
	}
	if err := remote.Write(tag, img); err != nil {
		t.Fatal(err)
	}
	ss := sigstoretest.New(t)
	out := t.TempDir()
	trust := ss.WriteTrust(t, out)
	const email = "release@example.com"
	rep, bundle := filepath.Join(out, "report.json"), filepath.Join(out, "report.json.bundle")
	keyless := []string{"--keyless", "--identity-token", ss.EmailToken(t, email), "--fulcio-url", ss.FulcioURL, "--rekor-url", ss.RekorURL}

	code, _, stderr := runCLI(t, append([]string{"scan", "--image", ref, "--sign", "--format", "json=" + rep, "--sign-report", bundle}, keyless...)...)
	if code != 0 {
		t.Fatalf("scan --sign --keyless: exit %d\n%s", code, stderr)
	}
	for _, want := range []string{"tollgate: signed " + ref, "as " + email + " (issuer " + ss.IssuerURL + "), Rekor log index 2", "tollgate: signed report " + rep} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	b, _ := os.ReadFile(rep)
	if !strings.Contains(string(b), `"identity": "`+email+`"`) || !strings.Contains(string(b), `"log_index": `) {
		t.Errorf("the JSON report does not record the identity and the Rekor entry:\n%s", b)
	}

	trustFlags := []string{"--ca-roots", trust.CARoots, "--ct-log-public-key", trust.CTLogPublicKey, "--rekor-public-key", trust.RekorPublicKey}
	code, stdout, stderr := runCLI(t, append(append([]string{"verify", "--certificate-identity", email, "--certificate-oidc-issuer", ss.IssuerURL}, trustFlags...), ref)...)
	if code != 0 || !strings.Contains(stdout, "VERIFIED") || !strings.Contains(stdout, "signed by "+email) {
		t.Fatalf("verify: exit %d\n%s%s", code, stdout, stderr)
	}
	code, _, stderr = runCLI(t, append(append([]string{"verify", "--certificate-identity-regexp", "^mallory@", "--certificate-oidc-issuer", ss.IssuerURL}, trustFlags...), ref)...)
	if code != 1 || !strings.Contains(stderr, "NOT VERIFIED") {
		t.Errorf("verify with another identity: exit %d, want 1\n%s", code, stderr)
	}

	cmd := exec.Command(testtools.Cosign(t), "verify-blob", "--certificate-identity", email, "--certificate-oidc-issuer", ss.IssuerURL, "--bundle", bundle, rep)
	cmd.Env = append(testtools.CosignEnv(t.TempDir()), trust.Env()...)
	if o, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("cosign verify-blob of the report: %v\n%s", err, o)
	}
}

func TestSigningFlagErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"--keyless with --key", []string{"--sign", "--keyless", "--key", "x.key"}, "--keyless signs without a key"},
		{"--identity-token without --keyless", []string{"--sign", "--key", "x.key", "--identity-token", "t"}, "--identity-token is only used with --keyless"},
		{"--key without signing", []string{"--key", "x.key"}, "--key is only used with --sign or --sign-report"},
		{"--sign-report without a JSON file", []string{"--sign-report", "r.bundle", "--key", "x.key"}, "add --format json=FILE"},
		{"--sign-report without an identity", []string{"--sign-report", "r.bundle", "--format", "json=r.json"}, "--sign-report needs --key or --keyless"},
		{"an unknown key scheme", []string{"--sign-report", "r.bundle", "--format", "json=" + filepath.Join(t.TempDir(), "r.json"), "--key", "pkcs11://x"}, "unsupported scheme"},
		{"--tlog-upload with --keyless", []string{"--sign-report", "r.bundle", "--format", "json=r.json", "--keyless", "--tlog-upload"}, "drop --tlog-upload"},
		{"--rekor-url with a key, no upload", []string{"--sign-report", "r.bundle", "--format", "json=r.json", "--key", "x.key", "--rekor-url", "http://r"}, "--rekor-url is only used with --keyless or --tlog-upload"},
		{"--keyless without a token", []string{"--sign-report", "r.bundle", "--format", "json=" + filepath.Join(t.TempDir(), "r.json"), "--keyless"}, "needs an OIDC identity token"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("SIGSTORE_ID_TOKEN", "")
			t.Setenv("ACTIONS_ID_TOKEN_REQUEST_URL", "")
			code, _, stderr := runCLI(t, append([]string{"scan", "terraform/pass"}, tc.args...)...)
			if code != 2 || !strings.Contains(stderr, tc.want) {
				t.Errorf("exit %d, want 2 with %q:\n%s", code, tc.want, stderr)
			}
		})
	}
}

func TestKeygenCLI(t *testing.T) {
	dir := t.TempDir()
	prefix := filepath.Join(dir, "release")
	t.Setenv("COSIGN_PASSWORD", "pw")
	code, stdout, stderr := runCLI(t, "keygen", "--output-key-prefix", prefix)
	if code != 0 || !strings.Contains(stdout, prefix+".key") {
		t.Fatalf("keygen: exit %d\n%s%s", code, stdout, stderr)
	}
	if code, _, stderr = runCLI(t, "keygen", "--output-key-prefix", prefix); code != 2 || !strings.Contains(stderr, "already exists") {
		t.Errorf("second keygen: exit %d, want 2: already exists\n%s", code, stderr)
	}
	cmd := exec.Command(testtools.Cosign(t), "public-key", "--key", prefix+".key")
	cmd.Env = append(testtools.CosignEnv(t.TempDir()), "COSIGN_PASSWORD=pw")
	o, err := cmd.Output()
	if err != nil {
		t.Fatalf("cosign public-key: %v", err)
	}
	if pub, _ := os.ReadFile(prefix + ".pub"); strings.TrimSpace(string(o)) != strings.TrimSpace(string(pub)) {
		t.Errorf("cosign derives another public key from %s.key:\n%s\nwant\n%s", prefix, o, pub)
	}
	os.Unsetenv("COSIGN_PASSWORD")
	if code, _, stderr = runCLI(t, "keygen", "--output-key-prefix", filepath.Join(dir, "other")); code != 2 || !strings.Contains(stderr, "COSIGN_PASSWORD") {
		t.Errorf("keygen without COSIGN_PASSWORD: exit %d, want 2\n%s", code, stderr)
	}
}

// TestSignReportCLI: `scan --sign-report` with an env:// key whose
// signature is recorded in Rekor (--tlog-upload); the real cosign checks
// the bundle exactly as an auditor would, `cosign verify-blob --key
// cosign.pub --bundle B report.json`, trusting the log's key; a failing
// scan writes no bundle.
func TestSignReportCLI(t *testing.T) {
	ss := sigstoretest.New(t)
	dir := t.TempDir()
	t.Setenv("COSIGN_PASSWORD", "pw")
	if code, _, stderr := runCLI(t, "keygen", "--output-key-prefix", filepath.Join(dir, "cosign")); code != 0 {
		t.Fatalf("keygen: exit %d\n%s", code, stderr)
	}
	priv, _ := os.ReadFile(filepath.Join(dir, "cosign.key"))
	t.Setenv("TG_CLI_SIGNING_KEY", string(priv))
	rep, bundle := filepath.Join(dir, "report.json"), filepath.Join(dir, "report.json.bundle")
	sign := []string{"--format", "json=" + rep, "--sign-report", bundle, "--key", "env://TG_CLI_SIGNING_KEY", "--tlog-upload", "--rekor-url", ss.RekorURL}

	code, _, stderr := runCLI(t, append([]string{"scan", "terraform/fail"}, sign...)...)
	if _, err := os.Stat(bundle); code != 1 || !strings.Contains(stderr, "report not signed") || err == nil {
		t.Fatalf("failing scan: exit %d, bundle %v; want 1 and no bundle\n%s", code, err, stderr)
	}
	code, _, stderr = runCLI(t, append([]string{"scan", "terraform/pass"}, sign...)...)
	if code != 0 || !strings.Contains(stderr, "signed report") {
		t.Fatalf("passing scan: exit %d\n%s", code, stderr)
	}
	verify := func() error {
		cmd := exec.Command(testtools.Cosign(t), "verify-blob", "--key", "cosign.pub", "--bundle", bundle, "report.json")
		cmd.Dir = dir
		cmd.Env = append(testtools.CosignEnv(t.TempDir()), "SIGSTORE_REKOR_PUBLIC_KEY="+filepath.Join(dir, "rekor.pub"))
		out, err := cmd.CombinedOutput()
		if err != nil {
			return fmt.Errorf("%w\n%s", err, out)
		}
		return nil
	}
	os.WriteFile(filepath.Join(dir, "rekor.pub"), ss.RekorPublicKeyPEM, 0o644)
	if err := verify(); err != nil {
		t.Fatalf("cosign verify-blob --key cosign.pub --bundle B report.json: %v", err)
	}
	b, _ := os.ReadFile(rep)
	os.WriteFile(rep, []byte(strings.Replace(string(b), `"passed"`, `"failed"`, 1)), 0o644)
	if err := verify(); err == nil {
		t.Fatal("cosign verify-blob of a tampered report passed")
	}
}
