package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/tollgate/tollgate"
	"github.com/tollgate/tollgate/report"
	"github.com/tollgate/tollgate/sign"
)

// signFlags are scan's signing flags: what to sign and with which identity.
type signFlags struct {
	sign       bool
	key        string
	keyless    bool
	idToken    string
	fulcioURL  string
	rekorURL   string
	tlogUpload bool
	signReport string
}

func (f *signFlags) addFlags(fl *pflag.FlagSet) {
	fl.BoolVar(&f.sign, "sign", false, "sign passing images with cosign, with --key or --keyless")
	fl.StringVar(&f.key, "key", "", "cosign private key for --sign/--sign-report: a file (password from COSIGN_PASSWORD), env://VAR, awskms://, gcpkms://, azurekms:// or hashivault://")
	fl.BoolVar(&f.keyless, "keyless", false, "sign without a key: a Fulcio certificate for the OIDC identity (the GitHub Actions token, needs `id-token: write`), recorded in Rekor")
	fl.StringVar(&f.idToken, "identity-token", "", "OIDC identity token for --keyless (default $SIGSTORE_ID_TOKEN, then the GitHub Actions token)")
	fl.StringVar(&f.fulcioURL, "fulcio-url", sign.DefaultFulcioURL, "Fulcio certificate authority for --keyless")
	fl.StringVar(&f.rekorURL, "rekor-url", sign.DefaultRekorURL, "Rekor transparency log for --keyless and --tlog-upload")
	fl.BoolVar(&f.tlogUpload, "tlog-upload", false, "with --key: also record each signature in the Rekor log (--rekor-url), as cosign does by default; --keyless always does")
	fl.StringVar(&f.signReport, "sign-report", "", "write a cosign blob bundle over the JSON report (--format json=FILE) to PATH, when the scan passed; `cosign verify-blob --bundle PATH FILE` checks it")
}

// options turns the flags into tollgate.SignOptions; nil when nothing is
// to be signed.
func (f *signFlags) options(cmd *cobra.Command) (*tollgate.SignOptions, error) {
	fl := cmd.Flags()
	if !f.sign && f.signReport == "" {
		for _, name := range []string{"key", "keyless", "identity-token", "fulcio-url", "rekor-url", "tlog-upload"} {
			if fl.Changed(name) {
				return nil, fmt.Errorf("--%s is only used with --sign or --sign-report", name)
			}
		}
		return nil, nil
	}
	if !f.keyless {
		for _, name := range []string{"identity-token", "fulcio-url"} {
			if fl.Changed(name) {
				return nil, fmt.Errorf("--%s is only used with --keyless", name)
			}
		}
		if fl.Changed("rekor-url") && !f.tlogUpload {
			return nil, errors.New("--rekor-url is only used with --keyless or --tlog-upload")
		}
	} else if fl.Changed("tlog-upload") {
		return nil, errors.New("--keyless always records signatures in Rekor: drop --tlog-upload")
	}
	switch {
	case f.keyless && f.key != "":
		return nil, errors.New("--keyless signs without a key: drop --key")
	case !f.keyless && f.key == "" && f.sign:
		return nil, errors.New("--sign needs --key or --keyless")
	case !f.keyless && f.key == "":
		return nil, errors.New("--sign-report needs --key or --keyless")
	}
	o := &tollgate.SignOptions{KeyPath: f.key, Password: []byte(os.Getenv("COSIGN_PASSWORD")), ReportOnly: !f.sign}
	if f.keyless {
		o.Keyless = &sign.KeylessOptions{IDToken: f.idToken, FulcioURL: f.fulcioURL, RekorURL: f.rekorURL}
	} else if f.tlogUpload {
		o.TlogUpload, o.RekorURL = true, f.rekorURL
	}
	return o, nil
}

// jsonReport is the JSON report file --sign-report signs.
func (f *signFlags) jsonReport(outs []report.Output) (string, error) {
	if f.signReport == "" {
		return "", nil
	}
	for _, o := range outs {
		if o.Format == "json" && o.Path != "" && o.Path != "-" {
			return o.Path, nil
		}
	}
	return "", errors.New("--sign-report signs the JSON report file: add --format json=FILE")
}

// signReport signs the written JSON report; a failure is a failed scan.
func (f *signFlags) signReportFile(cmd *cobra.Command, res *tollgate.Result, path string, quiet bool) error {
	if path == "" {
		return nil
	}
	signed, err := res.SignReport(cmd.Context(), path, f.signReport)
	switch {
	case errors.Is(err, tollgate.ErrReportNotSigned) && res.ExitCode() != tollgate.ExitPassed:
		if !quiet {
			fmt.Fprintln(cmd.ErrOrStderr(), "tollgate:", err)
		}
		return nil // the verdict already fails the scan
	case err != nil:
		fmt.Fprintln(cmd.ErrOrStderr(), "tollgate: error:", err)
		return &exitError{code: tollgate.ExitError}
	}
	if !quiet {
		fmt.Fprintf(cmd.ErrOrStderr(), "tollgate: signed report %s (bundle %s)\n", signed.Report, signed.Bundle)
	}
	return nil
}

// signedBy says who signed keyless and where the log recorded it.
func signedBy(s report.SignedImage) string {
	var by string
	if s.Identity != "" {
		by = fmt.Sprintf(" as %s (issuer %s)", s.Identity, s.Issuer)
	}
	if s.Tlog != nil {
		by += fmt.Sprintf(", Rekor log index %d at %s", s.Tlog.LogIndex, s.Tlog.URL)
	}
	return by
}
