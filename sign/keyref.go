package sign

import (
	"context"
	"crypto"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/sigstore/sigstore/pkg/cryptoutils"
	"github.com/sigstore/sigstore/pkg/signature"
	"github.com/sigstore/sigstore/pkg/signature/kms"
)

// EnvKeyPrefix names a key held in an environment variable: env://VAR.
const EnvKeyPrefix = "env://"

// KMSSchemes are the key reference schemes served by a KMS, as cosign
// spells them.
var KMSSchemes = []string{"awskms://", "gcpkms://", "azurekms://", "hashivault://"}

// IsKMS reports whether ref names a key in a KMS (awskms://, gcpkms://,
// azurekms://, hashivault://).
func IsKMS(ref string) bool {
	for _, s := range KMSSchemes {
		if strings.HasPrefix(ref, s) {
			return true
		}
	}
	return false
}

// LoadKeyRef loads a signing key the way cosign's --key reads it: a KMS
// reference (awskms://, gcpkms://, azurekms://, hashivault://; the
// provider reads its credentials from the environment, as cosign's do),
// env://VAR (an encrypted cosign private key PEM in $VAR), or a cosign
// private key file. password decrypts env:// and file keys.
func LoadKeyRef(ctx context.Context, ref string, password []byte) (*Signer, error) {
	switch {
	case IsKMS(ref):
		sv, err := kms.Get(ctx, ref, crypto.SHA256)
		if err != nil {
			return nil, fmt.Errorf("load KMS key %s: %w", ref, err)
		}
		// Ask once now: a key that does not exist or may not be read
		// fails before the scan, not after it passed.
		if _, err := sv.PublicKey(); err != nil {
			return nil, fmt.Errorf("load KMS key %s: %w", ref, err)
		}
		return &Signer{sv: sv}, nil
	case strings.HasPrefix(ref, EnvKeyPrefix):
		b, err := envKey(ref)
		if err != nil {
			return nil, err
		}
		s, err := LoadKey(b, password)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", ref, err)
		}
		return s, nil
	case strings.Contains(ref, "://"):
		return nil, fmt.Errorf("key %s: unsupported scheme: want a file, env://VAR, %s", ref, strings.Join(KMSSchemes, ", "))
	}
	return LoadKeyFile(ref, password)
}

// LoadPublicKeyRef loads a verification key the way cosign's verify --key
// reads it: a KMS reference (its public key, fetched once and used
// locally), env://VAR (a PEM public key in $VAR), or a PEM file.
func LoadPublicKeyRef(ctx context.Context, ref string) (*Verifier, error) {
	switch {
	case IsKMS(ref):
		sv, err := kms.Get(ctx, ref, crypto.SHA256)
		if err != nil {
			return nil, fmt.Errorf("load KMS key %s: %w", ref, err)
		}
		pk, err := sv.PublicKey()
		if err != nil {
			return nil, fmt.Errorf("load KMS key %s: %w", ref, err)
		}
		v, err := signature.LoadVerifier(pk, crypto.SHA256)
		if err != nil {
			return nil, fmt.Errorf("load KMS key %s: %w", ref, err)
		}
		return &Verifier{pub: v}, nil
	case strings.HasPrefix(ref, EnvKeyPrefix):
		b, err := envKey(ref)
		if err != nil {
			return nil, err
		}
		if _, err := cryptoutils.UnmarshalPEMToPublicKey(b); err != nil {
			return nil, fmt.Errorf("%s: want a PEM public key: %w", ref, err)
		}
		v, err := LoadPublicKey(b)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", ref, err)
		}
		return v, nil
	case strings.Contains(ref, "://"):
		return nil, fmt.Errorf("key %s: unsupported scheme: want a file, env://VAR, %s", ref, strings.Join(KMSSchemes, ", "))
	}
	return LoadPublicKeyFile(ref)
}

func envKey(ref string) ([]byte, error) {
	name := strings.TrimPrefix(ref, EnvKeyPrefix)
	if name == "" {
		return nil, errors.New("key env://: want env://VAR")
	}
	v, ok := os.LookupEnv(name)
	if !ok || strings.TrimSpace(v) == "" {
		return nil, fmt.Errorf("key %s: $%s is not set", ref, name)
	}
	return []byte(v), nil
}
