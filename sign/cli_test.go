package sign_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tollgate/tollgate/internal/testtools"
)

type cli struct {
	bin string
	env []string
	dir string
}

func newCLI(t *testing.T) cli {
	t.Helper()
	bin := testtools.Cosign(t)
	dir := t.TempDir()
	return cli{bin: bin, env: testtools.CosignEnv(dir), dir: dir}
}

// run runs cosign and returns its stdout; a non-zero exit is an error that
// carries stderr.
func (c cli) run(args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, c.bin, args...)
	cmd.Env = c.env
	cmd.Dir = c.dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return stdout.String(), fmt.Errorf("cosign %s: %w\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return stdout.String(), nil
}

func (c cli) write(t *testing.T, file string, b []byte) string {
	t.Helper()
	p := filepath.Join(c.dir, file)
	if err := os.WriteFile(p, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestCosignCLIVerifies(t *testing.T) {
	c := newCLI(t)
	cliRoundTrip(t, c, newRegistry(t))
}

// TestRealRegistry runs the round trip against Debian's docker-registry
// started by scripts/test.sh (TOLLGATE_TEST_REGISTRY=host:port).
func TestRealRegistry(t *testing.T) {
	host := testtools.Registry(t)
	// The in-process check first, so a missing CLI still leaves it run.
	ctx := context.Background()
	repo := fmt.Sprintf("%s/tollgate-sign-test/lib-%d", host, time.Now().UnixNano())
	d := pushRandom(t, repo+":v1")
	k := newKeys(t)
	if _, err := k.signer.SignImage(ctx, repo+":v1"); err != nil {
		t.Fatal(err)
	}
	if err := k.signer.AttestImage(ctx, d.String(), "vsa", testVSA(t, d)); err != nil {
		t.Fatal(err)
	}
	if _, err := k.verifier.VerifyImage(ctx, d.String()); err != nil {
		t.Fatal(err)
	}
	if _, err := k.verifier.VerifyAttestation(ctx, d.String(), "vsa"); err != nil {
		t.Fatal(err)
	}
	cliRoundTrip(t, newCLI(t), host)
}

// cliRoundTrip signs and attests with this package, verifies with the
// cosign CLI, then the other way round.
func cliRoundTrip(t *testing.T, c cli, host string) {
	ctx := context.Background()
	repo := fmt.Sprintf("%s/tollgate-sign-test/cli-%d", host, time.Now().UnixNano())
	d := pushRandom(t, repo+":v1")
	k := newKeys(t)
	if _, err := k.signer.SignImage(ctx, d.String()); err != nil {
		t.Fatal(err)
	}
	if err := k.signer.AttestImage(ctx, d.String(), "cyclonedx", readBOM(t)); err != nil {
		t.Fatal(err)
	}
	if err := k.signer.AttestImage(ctx, d.String(), "vsa", testVSA(t, d)); err != nil {
		t.Fatal(err)
	}
	pub := c.write(t, "cosign.pub", k.pub)
	offline := []string{"--insecure-ignore-tlog=true", "--allow-insecure-registry"}

	t.Run("verify", func(t *testing.T) {
		out, err := c.run(append(append([]string{"verify", "--key", pub}, offline...), d.String())...)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out, d.DigestStr()) {
			t.Errorf("cosign verify output does not name %s:\n%s", d.DigestStr(), out)
		}
	})
	for _, typ := range []string{"cyclonedx", "https://slsa.dev/verification_summary/v1"} {
		t.Run("verify-attestation "+typ, func(t *testing.T) {
			args := append(append([]string{"verify-attestation", "--key", pub, "--type", typ}, offline...), d.String())
			if _, err := c.run(args...); err != nil {
				t.Fatal(err)
			}
		})
	}
	t.Run("verify-attestation spdxjson fails", func(t *testing.T) {
		args := append(append([]string{"verify-attestation", "--key", pub, "--type", "spdxjson"}, offline...), d.String())
		_, err := c.run(args...)
		if err == nil || !strings.Contains(err.Error(), "none of the attestations matched the predicate type") {
			t.Fatalf("cosign verify-attestation --type spdxjson with no SPDX attestation: err = %v", err)
		}
	})
	t.Run("wrong key fails", func(t *testing.T) {
		wrong := c.write(t, "wrong.pub", newKeys(t).pub)
		_, err := c.run(append(append([]string{"verify", "--key", wrong}, offline...), d.String())...)
		var ee *exec.ExitError
		if !errors.As(err, &ee) || !strings.Contains(err.Error(), "no matching signatures") {
			t.Fatalf("cosign verify with a wrong key: err = %v, want a non-zero exit for no matching signatures", err)
		}
	})
	t.Run("cli signs, library verifies", func(t *testing.T) {
		d2 := pushRandom(t, repo+":v2")
		key := c.write(t, "cosign.key", k.priv)
		c := c
		c.env = append(c.env, "COSIGN_PASSWORD="+string(password))
		args := []string{"sign", "--key", key, "--tlog-upload=false", "--allow-insecure-registry", d2.String()}
		if _, err := c.run(args...); err != nil {
			t.Fatal(err)
		}
		bom := c.write(t, "bom.cdx.json", readBOM(t))
		args = []string{"attest", "--key", key, "--type", "cyclonedx", "--predicate", bom, "--tlog-upload=false", "--allow-insecure-registry", d2.String()}
		if _, err := c.run(args...); err != nil {
			t.Fatal(err)
		}
		sigs, err := k.verifier.VerifyImage(ctx, d2.String())
		if err != nil || len(sigs) != 1 || sigs[0].Digest != d2.DigestStr() {
			t.Fatalf("VerifyImage of a CLI signature = %+v, %v", sigs, err)
		}
		preds, err := k.verifier.VerifyAttestation(ctx, d2.String(), "cyclonedx")
		if err != nil || len(preds) != 1 {
			t.Fatalf("VerifyAttestation of a CLI attestation = %d, %v", len(preds), err)
		}
		sameJSON(t, preds[0], readBOM(t))
	})
}
