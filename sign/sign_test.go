package sign_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/registry"
	"github.com/google/go-containerregistry/pkg/v1/random"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/sigstore/cosign/v2/pkg/cosign"
	ociremote "github.com/sigstore/cosign/v2/pkg/oci/remote"

	"github.com/tollgate/tollgate/sign"
)

var password = []byte("test")

// newRegistry serves an in-memory registry on 127.0.0.1 (plain HTTP) and
// returns its host:port.
func newRegistry(t testing.TB) string {
	t.Helper()
	s := httptest.NewServer(registry.New(registry.Logger(log.New(io.Discard, "", 0))))
	t.Cleanup(s.Close)
	return strings.TrimPrefix(s.URL, "http://")
}

// pushRandom pushes a random image to repo:tag and returns its digest.
func pushRandom(t testing.TB, repoTag string, opts ...remote.Option) name.Digest {
	t.Helper()
	img, err := random.Image(512, 1)
	if err != nil {
		t.Fatal(err)
	}
	tag, err := name.NewTag(repoTag, name.Insecure)
	if err != nil {
		t.Fatal(err)
	}
	if err := remote.Write(tag, img, opts...); err != nil {
		t.Fatalf("push %s: %v", tag, err)
	}
	h, err := img.Digest()
	if err != nil {
		t.Fatal(err)
	}
	return tag.Context().Digest(h.String())
}

type keys struct {
	priv, pub []byte
	signer    *sign.Signer
	verifier  *sign.Verifier
}

func newKeys(t testing.TB) keys {
	t.Helper()
	priv, pub, err := sign.GenerateKeyPair(password)
	if err != nil {
		t.Fatal(err)
	}
	s, err := sign.LoadKey(priv, password)
	if err != nil {
		t.Fatal(err)
	}
	v, err := sign.LoadPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	return keys{priv: priv, pub: pub, signer: s, verifier: v}
}

// layers counts the layers of the image at ref (a .sig or .att tag).
func layers(t *testing.T, ref name.Reference) int {
	t.Helper()
	img, err := remote.Image(ref)
	if err != nil {
		t.Fatalf("read %s: %v", ref, err)
	}
	ls, err := img.Layers()
	if err != nil {
		t.Fatal(err)
	}
	return len(ls)
}

func TestSignVerify(t *testing.T) {
	ctx := context.Background()
	host := newRegistry(t)
	d := pushRandom(t, host+"/app:v1")
	k := newKeys(t)

	got, err := k.signer.SignImage(ctx, d.String())
	if err != nil {
		t.Fatal(err)
	}
	want := sign.Signed{
		Reference:    d.String(),
		Digest:       d.DigestStr(),
		SignatureTag: host + "/app:" + strings.Replace(d.DigestStr(), ":", "-", 1) + ".sig",
	}
	if got != want {
		t.Errorf("SignImage = %+v, want %+v", got, want)
	}

	for _, ref := range []string{d.String(), host + "/app:v1"} {
		sigs, err := k.verifier.VerifyImage(ctx, ref)
		if err != nil {
			t.Fatalf("VerifyImage(%s): %v", ref, err)
		}
		if len(sigs) != 1 || sigs[0].Digest != d.DigestStr() || sigs[0].Identity != host+"/app" {
			t.Errorf("VerifyImage(%s) = %+v, want one signature of %s", ref, sigs, d.DigestStr())
		}
	}
}

func TestVerifyWrongKey(t *testing.T) {
	ctx := context.Background()
	d := pushRandom(t, newRegistry(t)+"/app:v1")
	if _, err := newKeys(t).signer.SignImage(ctx, d.String()); err != nil {
		t.Fatal(err)
	}
	_, err := newKeys(t).verifier.VerifyImage(ctx, d.String())
	var nm *cosign.ErrNoMatchingSignatures
	if !errors.As(err, &nm) {
		t.Fatalf("VerifyImage with another key: err = %v, want *cosign.ErrNoMatchingSignatures", err)
	}
}

func TestVerifyUnsigned(t *testing.T) {
	d := pushRandom(t, newRegistry(t)+"/app:v1")
	if _, err := newKeys(t).verifier.VerifyImage(context.Background(), d.String()); err == nil {
		t.Fatal("VerifyImage of an unsigned image: no error")
	}
}

func TestSignTwiceKeepsOneSignature(t *testing.T) {
	ctx := context.Background()
	d := pushRandom(t, newRegistry(t)+"/app:v1")
	k := newKeys(t)
	var s sign.Signed
	for range 2 {
		var err error
		if s, err = k.signer.SignImage(ctx, d.String()); err != nil {
			t.Fatal(err)
		}
	}
	tag, err := name.ParseReference(s.SignatureTag)
	if err != nil {
		t.Fatal(err)
	}
	if n := layers(t, tag); n != 1 {
		t.Errorf("after signing twice: %d signature layers, want 1", n)
	}
	sigs, err := k.verifier.VerifyImage(ctx, d.String())
	if err != nil || len(sigs) != 1 {
		t.Fatalf("VerifyImage = %d signatures, %v; want 1", len(sigs), err)
	}
}

func TestSignTagSignsDigest(t *testing.T) {
	ctx := context.Background()
	host := newRegistry(t)
	d := pushRandom(t, host+"/app:v1")
	k := newKeys(t)
	s, err := k.signer.SignImage(ctx, host+"/app:v1")
	if err != nil {
		t.Fatal(err)
	}
	if s.Reference != d.String() || s.Digest != d.DigestStr() {
		t.Errorf("SignImage(tag) = %+v, want digest %s", s, d)
	}
	sigs, err := k.verifier.VerifyImage(ctx, d.String())
	if err != nil {
		t.Fatal(err)
	}
	var p struct {
		Critical struct {
			Image struct {
				Digest string `json:"docker-manifest-digest"`
			} `json:"image"`
		} `json:"critical"`
	}
	if err := json.Unmarshal(sigs[0].Payload, &p); err != nil || p.Critical.Image.Digest != d.DigestStr() {
		t.Errorf("payload names %q (%v), want %s", p.Critical.Image.Digest, err, d.DigestStr())
	}
	// A tag moved to another image must not carry the old signature.
	pushRandom(t, host+"/app:v1")
	if _, err := k.verifier.VerifyImage(ctx, host+"/app:v1"); err == nil {
		t.Error("VerifyImage of a re-pushed tag: no error")
	}
}

func TestAnnotations(t *testing.T) {
	ctx := context.Background()
	d := pushRandom(t, newRegistry(t)+"/app:v1")
	k := newKeys(t)
	ann := sign.WithAnnotations(map[string]string{"tollgate.policy": "default"})
	if _, err := k.signer.SignImage(ctx, d.String(), ann); err != nil {
		t.Fatal(err)
	}
	sigs, err := k.verifier.VerifyImage(ctx, d.String(), ann)
	if err != nil {
		t.Fatal(err)
	}
	if len(sigs) != 1 || sigs[0].Annotations["tollgate.policy"] != "default" {
		t.Errorf("signatures = %+v, want one annotated tollgate.policy=default", sigs)
	}
	other := sign.WithAnnotations(map[string]string{"tollgate.policy": "strict"})
	if _, err := k.verifier.VerifyImage(ctx, d.String(), other); err == nil {
		t.Error("VerifyImage requiring another annotation value: no error")
	}
}

func readBOM(t testing.TB) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "sign", "bom.cdx.json"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func sameJSON(t *testing.T, got, want []byte) {
	t.Helper()
	var g, w any
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatalf("got invalid JSON: %v", err)
	}
	if err := json.Unmarshal(want, &w); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(g, w) {
		t.Errorf("JSON differs:\ngot  %s\nwant %s", got, want)
	}
}

func testVSA(t testing.TB, d name.Digest) []byte {
	t.Helper()
	vsa, err := sign.BuildVSA(sign.VSAInput{
		Version:     "test",
		ResourceURI: d.String(),
		Policy:      sign.ResourceDescriptor{URI: "https://github.com/tollgate/policies/default"},
	})
	if err != nil {
		t.Fatal(err)
	}
	return vsa
}

func TestAttestVerify(t *testing.T) {
	ctx := context.Background()
	d := pushRandom(t, newRegistry(t)+"/app:v1")
	k := newKeys(t)
	bom := readBOM(t)
	vsa := testVSA(t, d)

	if err := k.signer.AttestImage(ctx, d.String(), "cyclonedx", bom); err != nil {
		t.Fatal(err)
	}
	if err := k.signer.AttestImage(ctx, d.String(), "vsa", vsa); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		typ  string
		want []byte
	}{
		{"cyclonedx", bom},
		{sign.PredicateCycloneDX, bom},
		{"vsa", vsa},
		{"https://slsa.dev/verification_summary/v1", vsa},
	} {
		got, err := k.verifier.VerifyAttestation(ctx, d.String(), c.typ)
		if err != nil {
			t.Fatalf("VerifyAttestation(%s): %v", c.typ, err)
		}
		if len(got) != 1 {
			t.Fatalf("VerifyAttestation(%s): %d predicates, want 1", c.typ, len(got))
		}
		sameJSON(t, got[0], c.want)
	}
	if _, err := k.verifier.VerifyAttestation(ctx, d.String(), "spdxjson"); err == nil {
		t.Error("VerifyAttestation(spdxjson) with no SPDX attestation: no error")
	}
	if _, err := newKeys(t).verifier.VerifyAttestation(ctx, d.String(), "cyclonedx"); err == nil {
		t.Error("VerifyAttestation with another key: no error")
	}

	// Re-attesting a type replaces the old attestation of that type only.
	bom2 := []byte(strings.Replace(string(bom), `"version": 1`, `"version": 2`, 1))
	if err := k.signer.AttestImage(ctx, d.String(), "cyclonedx", bom2); err != nil {
		t.Fatal(err)
	}
	att, err := ociremote.AttestationTag(d)
	if err != nil {
		t.Fatal(err)
	}
	if n := layers(t, att); n != 2 {
		t.Errorf("after re-attesting cyclonedx: %d attestation layers, want 2 (cyclonedx, vsa)", n)
	}
	got, err := k.verifier.VerifyAttestation(ctx, d.String(), "cyclonedx")
	if err != nil || len(got) != 1 {
		t.Fatalf("VerifyAttestation(cyclonedx) after replace = %d, %v; want 1", len(got), err)
	}
	sameJSON(t, got[0], bom2)
	if _, err := k.verifier.VerifyAttestation(ctx, d.String(), "vsa"); err != nil {
		t.Errorf("VSA lost after replacing cyclonedx: %v", err)
	}
}

func TestAttestErrors(t *testing.T) {
	ctx := context.Background()
	host := newRegistry(t)
	d := pushRandom(t, host+"/app:v1")
	k := newKeys(t)
	for _, c := range []struct{ name, ref, typ, pred string }{
		{"tag", host + "/app:v1", "cyclonedx", `{}`},
		{"unknown type", d.String(), "bogus", `{}`},
		{"not JSON", d.String(), "vsa", `not json`},
	} {
		if err := k.signer.AttestImage(ctx, c.ref, c.typ, []byte(c.pred)); err == nil {
			t.Errorf("%s: AttestImage: no error", c.name)
		}
	}
}

func TestLoadKey(t *testing.T) {
	priv, pub, err := sign.GenerateKeyPair(password)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(priv), "ENCRYPTED SIGSTORE PRIVATE KEY") {
		t.Errorf("private key PEM type: %s", priv)
	}
	_, err = sign.LoadKey(priv, []byte("wrong"))
	if err == nil || !strings.Contains(err.Error(), "decrypt cosign key: wrong password?") {
		t.Errorf("LoadKey with a wrong password: err = %v", err)
	}
	if _, err := sign.LoadKey(pub, password); err == nil {
		t.Error("LoadKey of a public key: no error")
	}
	if _, err := sign.LoadKey([]byte("not pem"), password); err == nil {
		t.Error("LoadKey of garbage: no error")
	}

	dir := t.TempDir()
	path := filepath.Join(dir, "cosign.key")
	if err := os.WriteFile(path, priv, 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := sign.LoadKeyFile(path, password)
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.PublicKeyPEM()
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(pub) {
		t.Errorf("PublicKeyPEM = %s, want %s", got, pub)
	}
	if err := os.WriteFile(filepath.Join(dir, "cosign.pub"), pub, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := sign.LoadPublicKeyFile(filepath.Join(dir, "cosign.pub")); err != nil {
		t.Error(err)
	}
	if _, err := sign.LoadPublicKey(priv); err == nil {
		t.Error("LoadPublicKey of a private key: no error")
	}
}

// TestInsecure reaches the registry under a name ggcr would use HTTPS for:
// only WithInsecure makes it work, and WithRemoteOptions' transport is used
// for every request (the name does not resolve).
func TestInsecure(t *testing.T) {
	ctx := context.Background()
	addr := newRegistry(t)
	dialer := &net.Dialer{}
	tr := &http.Transport{DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
		return dialer.DialContext(ctx, network, addr)
	}}
	rt := sign.WithRemoteOptions(remote.WithTransport(tr))
	d := pushRandom(t, "registry.tollgate.test:5000/app:v1", remote.WithTransport(tr))
	k := newKeys(t)

	_, err := k.signer.SignImage(ctx, d.String(), rt)
	if err == nil || !strings.Contains(err.Error(), "HTTP response to HTTPS client") {
		t.Fatalf("SignImage over HTTP without WithInsecure: err = %v, want HTTPS refused", err)
	}
	if _, err := k.signer.SignImage(ctx, "registry.tollgate.test:5000/app:v1", rt, sign.WithInsecure()); err != nil {
		t.Fatal(err)
	}
	if err := k.signer.AttestImage(ctx, d.String(), "vsa", testVSA(t, d), rt, sign.WithInsecure()); err != nil {
		t.Fatal(err)
	}
	if _, err := k.verifier.VerifyImage(ctx, d.String(), rt, sign.WithInsecure()); err != nil {
		t.Fatal(err)
	}
	if _, err := k.verifier.VerifyAttestation(ctx, d.String(), "vsa", rt, sign.WithInsecure()); err != nil {
		t.Fatal(err)
	}
}

func TestBuildVSA(t *testing.T) {
	if _, err := sign.BuildVSA(sign.VSAInput{Policy: sign.ResourceDescriptor{URI: "p"}}); err == nil {
		t.Error("BuildVSA without a resource URI: no error")
	}
	if _, err := sign.BuildVSA(sign.VSAInput{ResourceURI: "r"}); err == nil {
		t.Error("BuildVSA without a policy URI: no error")
	}
	before := time.Now().Add(-time.Second)
	b, err := sign.BuildVSA(sign.VSAInput{ResourceURI: "r", Policy: sign.ResourceDescriptor{URI: "p"}})
	if err != nil {
		t.Fatal(err)
	}
	var v sign.VSA
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	if v.TimeVerified.Before(before) || v.TimeVerified.Location() != time.UTC {
		t.Errorf("timeVerified = %v, want now in UTC", v.TimeVerified)
	}
	if !reflect.DeepEqual(v.VerifiedLevels, []string{sign.DefaultVerifiedLevel}) || v.VerificationResult != "PASSED" {
		t.Errorf("VSA = %+v", v)
	}
}

func TestPredicateTypeURI(t *testing.T) {
	for in, want := range map[string]string{
		"cyclonedx":                 "https://cyclonedx.org/bom",
		"spdxjson":                  "https://spdx.dev/Document",
		"vsa":                       "https://slsa.dev/verification_summary/v1",
		"https://example.com/x/v1":  "https://example.com/x/v1",
		"urn:example:tollgate:pred": "urn:example:tollgate:pred",
		"bogus":                     "",
		"":                          "",
	} {
		got, err := sign.PredicateTypeURI(in)
		if got != want || (err != nil) != (want == "") {
			t.Errorf("PredicateTypeURI(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
}
