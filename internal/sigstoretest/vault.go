package sigstoretest

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/sigstore/sigstore/pkg/cryptoutils"
)

// Vault is a HashiCorp Vault transit secrets engine holding ECDSA P-256
// keys, serving the three calls sigstore's hashivault:// provider makes:
// read a key, sign a digest, verify a signature. Point the provider at it
// with VAULT_ADDR=URL and VAULT_TOKEN=Token.
type Vault struct {
	URL, Token string

	mu   sync.Mutex
	keys map[string]*ecdsa.PrivateKey
	// Signed counts the signatures made.
	Signed int
}

// NewVault starts the engine; it stops when the test ends.
func NewVault(t testing.TB) *Vault {
	t.Helper()
	v := &Vault{Token: "test-vault-token", keys: map[string]*ecdsa.PrivateKey{}}
	s := httptest.NewServer(http.HandlerFunc(v.serve))
	t.Cleanup(s.Close)
	v.URL = s.URL
	return v
}

// AddKey creates the transit key name and returns its public key PEM.
func (v *Vault) AddKey(t testing.TB, name string) []byte {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	v.mu.Lock()
	v.keys[name] = k
	v.mu.Unlock()
	pem, err := cryptoutils.MarshalPublicKeyToPEM(k.Public())
	if err != nil {
		t.Fatal(err)
	}
	return pem
}

func (v *Vault) serve(w http.ResponseWriter, r *http.Request) {
	reply := func(code int, data map[string]any) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(code)
		_ = json.NewEncoder(w).Encode(map[string]any{"data": data})
	}
	if r.Header.Get("X-Vault-Token") != v.Token {
		reply(http.StatusForbidden, nil)
		return
	}
	parts := strings.Split(strings.TrimPrefix(r.URL.Path, "/v1/transit/"), "/")
	if len(parts) < 2 {
		http.NotFound(w, r)
		return
	}
	v.mu.Lock()
	key := v.keys[parts[1]]
	v.mu.Unlock()
	if key == nil {
		http.NotFound(w, r)
		return
	}
	var req struct {
		Input     string `json:"input"`
		Signature string `json:"signature"`
	}
	if r.Method != http.MethodGet {
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
	}
	digest, _ := base64.StdEncoding.DecodeString(req.Input)
	switch {
	case parts[0] == "keys" && r.Method == http.MethodGet:
		pem, _ := cryptoutils.MarshalPublicKeyToPEM(key.Public())
		reply(http.StatusOK, map[string]any{"latest_version": 1, "keys": map[string]any{"1": map[string]any{"public_key": string(pem)}}})
	case parts[0] == "sign":
		sig, err := ecdsa.SignASN1(rand.Reader, key, digest)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		v.mu.Lock()
		v.Signed++
		v.mu.Unlock()
		reply(http.StatusOK, map[string]any{"signature": "vault:v1:" + base64.StdEncoding.EncodeToString(sig)})
	case parts[0] == "verify":
		sig, _ := base64.StdEncoding.DecodeString(strings.TrimPrefix(req.Signature, "vault:v1:"))
		reply(http.StatusOK, map[string]any{"valid": ecdsa.VerifyASN1(&key.PublicKey, digest, sig)})
	default:
		http.NotFound(w, r)
	}
}
