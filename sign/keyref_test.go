package sign_test

import (
	"context"
	"strings"
	"testing"

	"github.com/tollgate/tollgate/internal/sigstoretest"
	"github.com/tollgate/tollgate/sign"
)

// TestEnvKey signs with an encrypted cosign key held in an environment
// variable (env://VAR), verifies with the public key from another, and the
// real cosign verifies the image and the blob bundle.
func TestEnvKey(t *testing.T) {
	ctx := context.Background()
	k := newKeys(t)
	t.Setenv("TG_TEST_COSIGN_KEY", string(k.priv))
	t.Setenv("TG_TEST_COSIGN_PUB", string(k.pub))
	s, err := sign.LoadKeyRef(ctx, "env://TG_TEST_COSIGN_KEY", password)
	if err != nil {
		t.Fatal(err)
	}
	d := pushRandom(t, newRegistry(t)+"/app:v1")
	if _, err := s.SignImage(ctx, d.String()); err != nil {
		t.Fatal(err)
	}
	v, err := sign.LoadPublicKeyRef(ctx, "env://TG_TEST_COSIGN_PUB")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := v.VerifyImage(ctx, d.String()); err != nil {
		t.Fatal(err)
	}
	blob := []byte("report\n")
	bundle, entry, err := s.SignBlob(ctx, blob)
	if err != nil || entry != nil {
		t.Fatalf("SignBlob = %v, entry %+v; want no transparency log entry for a key", err, entry)
	}

	for name, ref := range map[string]string{"unset": "env://TG_TEST_UNSET_VAR", "empty": "env://", "public key": "env://TG_TEST_COSIGN_PUB"} {
		if _, err := sign.LoadKeyRef(ctx, ref, password); err == nil || !strings.Contains(err.Error(), strings.TrimSuffix(ref, "/")) {
			t.Errorf("%s: LoadKeyRef(%s) = %v, want an error naming it", name, ref, err)
		}
	}
	if _, err := sign.LoadKeyRef(ctx, "env://TG_TEST_COSIGN_KEY", []byte("wrong")); err == nil || !strings.Contains(err.Error(), "wrong password") {
		t.Errorf("LoadKeyRef with a wrong password = %v", err)
	}
	if _, err := sign.LoadKeyRef(ctx, "pkcs11://slot", password); err == nil || !strings.Contains(err.Error(), "unsupported scheme") {
		t.Errorf("LoadKeyRef(pkcs11://) = %v, want unsupported scheme", err)
	}

	t.Run("cosign CLI verifies", func(t *testing.T) {
		c := newCLI(t)
		c.env = append(c.env, "TG_TEST_COSIGN_PUB="+string(k.pub))
		if _, err := c.run("verify", "--key", "env://TG_TEST_COSIGN_PUB", "--insecure-ignore-tlog=true", "--allow-insecure-registry", d.String()); err != nil {
			t.Fatal(err)
		}
		pub := c.write(t, "cosign.pub", k.pub)
		file := c.write(t, "report.json", blob)
		b := c.write(t, "report.json.bundle", bundle)
		if _, err := c.run("verify-blob", "--key", pub, "--bundle", b, "--insecure-ignore-tlog=true", file); err != nil {
			t.Fatal(err)
		}
		c.write(t, "report.json", []byte("tampered\n"))
		if _, err := c.run("verify-blob", "--key", pub, "--bundle", b, "--insecure-ignore-tlog=true", file); err == nil {
			t.Fatal("cosign verify-blob of a changed blob passed")
		}
	})
}

// TestHashiVaultKey signs through sigstore's hashivault:// provider
// against an in-process transit engine; the key never leaves it.
func TestHashiVaultKey(t *testing.T) {
	ctx := context.Background()
	vault := sigstoretest.NewVault(t)
	pub := vault.AddKey(t, "release")
	t.Setenv("VAULT_ADDR", vault.URL)
	t.Setenv("VAULT_TOKEN", vault.Token)
	s, err := sign.LoadKeyRef(ctx, "hashivault://release", nil)
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.PublicKeyPEM()
	if err != nil || string(got) != string(pub) {
		t.Fatalf("PublicKeyPEM = %s, %v; want the transit key", got, err)
	}
	d := pushRandom(t, newRegistry(t)+"/app:v1")
	if err := s.AttestImage(ctx, d.String(), "vsa", testVSA(t, d)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SignImage(ctx, d.String()); err != nil {
		t.Fatal(err)
	}
	if vault.Signed != 2 {
		t.Errorf("the transit engine made %d signatures, want 2", vault.Signed)
	}
	for _, ref := range []string{"hashivault://release"} {
		v, err := sign.LoadPublicKeyRef(ctx, ref)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := v.VerifyImage(ctx, d.String()); err != nil {
			t.Fatal(err)
		}
		if _, err := v.VerifyAttestation(ctx, d.String(), "vsa"); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := sign.LoadKeyRef(ctx, "hashivault://missing", nil); err == nil {
		t.Error("LoadKeyRef of a missing transit key passed")
	}
	t.Run("cosign CLI verifies", func(t *testing.T) {
		c := newCLI(t)
		key := c.write(t, "vault.pub", pub)
		if _, err := c.run("verify", "--key", key, "--insecure-ignore-tlog=true", "--allow-insecure-registry", d.String()); err != nil {
			t.Fatal(err)
		}
	})
}

// TestKeyWithTlog: a key signer that records its signatures in Rekor, as
// `cosign sign --key` does by default; the real cosign then verifies the
// image and the blob bundle without --insecure-ignore-tlog, trusting the
// log's key.
func TestKeyWithTlog(t *testing.T) {
	ctx := context.Background()
	ss := sigstoretest.New(t)
	k := newKeys(t)
	if err := k.signer.WithTlog(ss.RekorURL); err != nil {
		t.Fatal(err)
	}
	d := pushRandom(t, newRegistry(t)+"/app:v1")
	signed, err := k.signer.SignImage(ctx, d.String())
	if err != nil {
		t.Fatal(err)
	}
	if signed.Tlog == nil || signed.Tlog.LogIndex != 0 {
		t.Fatalf("SignImage tlog entry = %+v, want log index 0", signed.Tlog)
	}
	blob := []byte(`{"summary":{"result":"passed"}}` + "\n")
	bundle, entry, err := k.signer.SignBlob(ctx, blob)
	if err != nil || entry == nil || entry.LogIndex != 1 {
		t.Fatalf("SignBlob = %v, entry %+v; want log index 1", err, entry)
	}
	c := newCLI(t)
	c.env = append(c.env, "SIGSTORE_REKOR_PUBLIC_KEY="+c.write(t, "rekor.pub", ss.RekorPublicKeyPEM))
	pub := c.write(t, "cosign.pub", k.pub)
	if _, err := c.run("verify", "--key", pub, "--allow-insecure-registry", d.String()); err != nil {
		t.Fatal(err)
	}
	file := c.write(t, "report.json", blob)
	b := c.write(t, "report.json.bundle", bundle)
	if _, err := c.run("verify-blob", "--key", pub, "--bundle", b, file); err != nil {
		t.Fatal(err)
	}
	c.write(t, "report.json", []byte("{}\n"))
	if _, err := c.run("verify-blob", "--key", pub, "--bundle", b, file); err == nil {
		t.Fatal("cosign verify-blob of a changed report passed")
	}
}
