package tollgate

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/tollgate/tollgate/report"
	"github.com/tollgate/tollgate/sign"
)

// signerSource is the identity a scan signs with. A key is loaded (and its
// password checked) before the scan; a keyless certificate is asked for
// only once the scan passed, since it is valid for ten minutes.
type signerSource struct {
	opts   SignOptions
	signer *sign.Signer
	err    error
}

// newSignerSource checks the signing options and loads a key.
func newSignerSource(ctx context.Context, o *SignOptions) (*signerSource, error) {
	if o == nil {
		return nil, nil
	}
	src := &signerSource{opts: *o}
	if o.Keyless != nil {
		if o.KeyPath != "" {
			return nil, usagef("--keyless signs without a key: drop --key")
		}
		if o.TlogUpload || o.RekorURL != "" {
			return nil, usagef("keyless signing always uploads to Rekor: set its URL in Keyless.RekorURL")
		}
		if o.Keyless.IDToken == "" && !sign.IDTokenAvailable(ctx) {
			return nil, &UsageError{Err: sign.ErrNoIDToken}
		}
		return src, nil
	}
	if o.KeyPath == "" {
		return nil, usagef("signing needs --key (a cosign key file, env://VAR or a KMS key) or --keyless")
	}
	s, err := sign.LoadKeyRef(ctx, o.KeyPath, o.Password)
	if err != nil {
		if len(o.Password) == 0 && !sign.IsKMS(o.KeyPath) {
			err = fmt.Errorf("%w (COSIGN_PASSWORD is empty)", err)
		}
		return nil, &UsageError{Err: err}
	}
	if o.TlogUpload {
		if err := s.WithTlog(o.RekorURL); err != nil {
			return nil, &UsageError{Err: err}
		}
	}
	src.signer = s
	return src, nil
}

// get returns the signer, getting the keyless certificate the first time.
func (s *signerSource) get(ctx context.Context) (*sign.Signer, error) {
	if s.signer == nil && s.err == nil {
		s.signer, s.err = sign.Keyless(ctx, *s.opts.Keyless)
	}
	return s.signer, s.err
}

// name is what a signing error is reported against.
func (s *signerSource) name() string {
	if s.opts.Keyless != nil {
		url := s.opts.Keyless.FulcioURL
		if url == "" {
			url = sign.DefaultFulcioURL
		}
		return url
	}
	return s.opts.KeyPath
}

// ErrReportNotSigned is returned by Result.SignReport for a scan that did
// not pass cleanly: a report that gated nothing must not look endorsed.
var ErrReportNotSigned = errors.New("report not signed")

// SignedReport is a report signature bundle that was written.
type SignedReport struct {
	// Report is the signed file, Bundle the bundle next to it.
	Report, Bundle string
	// Tlog is the Rekor entry of the signature (keyless).
	Tlog *report.TlogEntry
}

// SignReport signs the JSON report file at reportPath (as written, byte
// for byte) with the scan's signing identity and writes the bundle that
// `cosign verify-blob --bundle BUNDLE REPORT` checks to bundlePath. It
// signs only a scan that passed with no error and whose images, if any
// were to be signed, were: otherwise it returns an error wrapping
// ErrReportNotSigned and writes nothing.
func (r *Result) SignReport(ctx context.Context, reportPath, bundlePath string) (*SignedReport, error) {
	if r.signer == nil {
		return nil, usagef("--sign-report needs a signing identity: --key or --keyless")
	}
	rep := r.Report
	if rep.Summary.Result != report.ResultPassed || len(rep.Errors) > 0 {
		return nil, fmt.Errorf("%w: scan result is %q with %s", ErrReportNotSigned, rep.Summary.Result, plural(len(rep.Errors), "error"))
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrReportNotSigned, err)
	}
	blob, err := os.ReadFile(reportPath)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrReportNotSigned, err)
	}
	signer, err := r.signer.get(ctx)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrReportNotSigned, err)
	}
	bundle, entry, err := signer.SignBlob(ctx, blob)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrReportNotSigned, reportPath, err)
	}
	if err := writeFileAtomic(bundlePath, bundle); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrReportNotSigned, err)
	}
	return &SignedReport{Report: reportPath, Bundle: bundlePath, Tlog: reportTlog(entry)}, nil
}

// writeFileAtomic writes b to path through a temporary file in the same
// directory, so a reader never sees half a bundle.
func writeFileAtomic(path string, b []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".tollgate-*")
	if err != nil {
		return err
	}
	if _, err := f.Write(append(b, '\n')); err != nil {
		f.Close()
		os.Remove(f.Name())
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(f.Name())
		return err
	}
	if err := os.Chmod(f.Name(), 0o644); err != nil {
		os.Remove(f.Name())
		return err
	}
	if err := os.Rename(f.Name(), path); err != nil {
		os.Remove(f.Name())
		return err
	}
	return nil
}

// KeygenOptions says where `tollgate keygen` writes a key pair.
type KeygenOptions struct {
	// Prefix is the path prefix of PREFIX.key and PREFIX.pub; "" is "cosign".
	Prefix string
	// Password encrypts the private key (COSIGN_PASSWORD).
	Password []byte
}

// Keygen writes a new cosign key pair, encrypted the way
// `cosign generate-key-pair` does: PREFIX.key (mode 0600) and PREFIX.pub.
// It never overwrites: an existing file is an error and nothing is written.
func Keygen(o KeygenOptions) (privPath, pubPath string, err error) {
	prefix := o.Prefix
	if prefix == "" {
		prefix = "cosign"
	}
	privPath, pubPath = prefix+".key", prefix+".pub"
	for _, p := range []string{privPath, pubPath} {
		if _, err := os.Lstat(p); err == nil {
			return "", "", usagef("%s already exists: not overwriting a key", p)
		} else if !errors.Is(err, os.ErrNotExist) {
			return "", "", &UsageError{Err: err}
		}
	}
	priv, pub, err := sign.GenerateKeyPair(o.Password)
	if err != nil {
		return "", "", err
	}
	if err := writeNew(privPath, priv, 0o600); err != nil {
		return "", "", err
	}
	if err := writeNew(pubPath, pub, 0o644); err != nil {
		os.Remove(privPath)
		return "", "", err
	}
	return privPath, pubPath, nil
}

// writeNew creates path, failing if it exists (O_EXCL: no race with another
// writer between the check and the write).
func writeNew(path string, b []byte, mode os.FileMode) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, mode)
	if err != nil {
		return fmt.Errorf("write key: %w", err)
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		os.Remove(path)
		return fmt.Errorf("write key %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		os.Remove(path)
		return fmt.Errorf("write key %s: %w", path, err)
	}
	return nil
}
