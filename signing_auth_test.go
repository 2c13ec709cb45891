package tollgate

import (
	"context"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/registry"
	"github.com/google/go-containerregistry/pkg/v1/remote"

	"github.com/tollgate/tollgate/scanners/image"
	"github.com/tollgate/tollgate/sign"
)

// TestSigningUsesTheScanCredentials: a registry that answers only with a
// user and password, given as CI gives them (TOLLGATE_REGISTRY_USERNAME,
// _PASSWORD, TOLLGATE_REGISTRY), is read and then signed with them: the
// signature and attestations are pushed with the credentials the image was
// read with, not only the docker config's.
func TestSigningUsesTheScanCredentials(t *testing.T) {
	reg := registry.New(registry.Logger(log.New(io.Discard, "", 0)))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if u, p, ok := r.BasicAuth(); !ok || u != "ci" || p != "s3cr3t-pass" {
			w.Header().Set("WWW-Authenticate", `Basic realm="test"`)
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		reg.ServeHTTP(w, r)
	}))
	defer srv.Close()
	host := strings.TrimPrefix(srv.URL, "http://")
	_, passImg := sampleImages(t)
	ref, err := name.ParseReference(host + "/app:pass")
	if err != nil {
		t.Fatal(err)
	}
	basic := &authn.Basic{Username: "ci", Password: "s3cr3t-pass"}
	if err := remote.Write(ref, passImg, remote.WithAuth(basic)); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{image.EnvRegistryUsername: "ci", image.EnvRegistryPassword: "s3cr3t-pass", image.EnvRegistry: host}
	kc, err := image.EnvKeychain(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	keys := writeKeys(t)
	res := scan(t, Options{Images: []string{ref.String()}, Keychain: kc, FailOn: "none",
		Sign: &SignOptions{KeyPath: keys.priv, Password: []byte("test-password")}})
	if res.ExitCode() != ExitPassed || res.Report.Signing == nil || len(res.Report.Signing.Signed) != 1 {
		t.Fatalf("exit %d, signing %+v, errors %v", res.ExitCode(), res.Report.Signing, res.Report.Errors)
	}
	verifier, err := sign.LoadPublicKeyFile(keys.pub)
	if err != nil {
		t.Fatal(err)
	}
	if sigs, err := verifier.VerifyImage(context.Background(), ref.String(), sign.WithKeychain(kc)); err != nil || len(sigs) != 1 {
		t.Errorf("verify with the credentials: %d signatures, %v", len(sigs), err)
	}
	// tollgate verify reads with the same credentials, and without them
	// the registry refuses.
	if _, err := Verify(context.Background(), VerifyOptions{Image: ref.String(), KeyPath: keys.pub, Keychain: kc}); err != nil {
		t.Errorf("Verify with the credentials: %v", err)
	}
	if _, err := Verify(context.Background(), VerifyOptions{Image: ref.String(), KeyPath: keys.pub}); err == nil || !strings.Contains(err.Error(), "401") {
		t.Errorf("Verify without credentials: %v, want a 401", err)
	}
}
