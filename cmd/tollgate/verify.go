package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/tollgate/tollgate"
	"github.com/tollgate/tollgate/scanners/image"
	"github.com/tollgate/tollgate/sign"
)

func newVerifyCommand() *cobra.Command {
	var o tollgate.VerifyOptions
	var id sign.Identity
	var kv sign.KeylessVerifyOptions
	cmd := &cobra.Command{
		Use:   "verify (--key KEY | --certificate-identity ID --certificate-oidc-issuer URL) IMAGE",
		Short: "Check that an image was released through a passing tollgate scan",
		Long: `Verify checks that IMAGE carries what tollgate signs after a passing scan: the
cosign signature of its digest, the CycloneDX SBOM attestation and a SLSA
verification summary whose result is PASSED.

With --key (a PEM file, env://VAR or a KMS key) they must verify with the key,
offline. Keyless signatures must carry a Fulcio certificate for the identity
(--certificate-identity[-regexp]) and OIDC issuer
(--certificate-oidc-issuer[-regexp]), chaining to the trusted roots, with an
SCT and a Rekor bundle. The roots are the public-good Sigstore ones (fetched
with TUF) unless --trusted-root, --ca-roots, --ct-log-public-key and
--rekor-public-key, or cosign's SIGSTORE_ROOT_FILE,
SIGSTORE_CT_LOG_PUBLIC_KEY_FILE and SIGSTORE_REKOR_PUBLIC_KEY, name private ones.
It exits 0 when they do, 1 when they do not, 2 on a usage error.`,
		Example: `  tollgate verify --key cosign.pub registry.example.com/app:1.2.0
  tollgate verify --certificate-identity-regexp '^https://github.com/acme/app/.github/workflows/release.yml@refs/tags/v' \
    --certificate-oidc-issuer https://token.actions.githubusercontent.com registry.example.com/app:1.2.0`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if id != (sign.Identity{}) {
				kv.Identities = []sign.Identity{id}
				o.Keyless = &kv
			} else if kv.GitHub != (sign.GitHubClaims{}) || kv.Trust.TrustedRoot != "" || kv.Trust.CARoots != "" ||
				len(kv.Trust.CTLogPublicKeys) > 0 || len(kv.Trust.RekorPublicKeys) > 0 {
				return usage(cmd, "the keyless trust and GitHub flags need --certificate-identity[-regexp] and --certificate-oidc-issuer[-regexp]")
			}
			o.Image = args[0]
			kc, err := image.EnvKeychain(os.Getenv)
			if err != nil {
				return usage(cmd, "%v", err)
			}
			o.Keychain = kc
			v, err := tollgate.Verify(cmd.Context(), o)
			var ve *tollgate.VerificationError
			switch {
			case errors.As(err, &ve):
				fmt.Fprintf(cmd.ErrOrStderr(), "tollgate: NOT VERIFIED: %s: %v\n", o.Image, ve.Err)
				return &exitError{code: 1}
			case err != nil:
				return usage(cmd, "%v", err)
			}
			by := ""
			if v.Identity != "" {
				by = fmt.Sprintf(", signed by %s (issuer %s)", v.Identity, v.Issuer)
				if v.Tlog != nil {
					by += fmt.Sprintf(", Rekor log index %d", v.Tlog.LogIndex)
				}
			}
			_, err = fmt.Fprintf(cmd.OutOrStdout(), "tollgate: VERIFIED: %s: %d signature(s)%s, SBOM attestation (%d components), verification summary %s at %s by %s (policy %s)\n",
				v.Reference(), v.Signatures, by, v.SBOMComponents, v.Summary.VerificationResult,
				v.Summary.TimeVerified.Format("2006-01-02T15:04:05Z"), v.Summary.Verifier.ID, v.Summary.Policy.URI)
			return err
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&o.KeyPath, "key", "", "cosign public key: a PEM file (cosign.pub), env://VAR, awskms://, gcpkms://, azurekms:// or hashivault://")
	fl.StringArrayVar(&o.InsecureRegistries, "insecure-registry", nil, "registry HOST[:PORT] reached over plain HTTP (repeatable)")
	fl.StringSliceVar(&o.Require, "require", nil, "checks the verification summary must record as run and passed besides the policies: vulnerabilities, secrets (repeatable)")
	fl.StringVar(&id.Subject, "certificate-identity", "", "keyless: the identity the certificate must carry (an email or a workflow URI)")
	fl.StringVar(&id.SubjectRegexp, "certificate-identity-regexp", "", "keyless: a regular expression the certificate identity must match")
	fl.StringVar(&id.Issuer, "certificate-oidc-issuer", "", "keyless: the OIDC issuer of the identity (GitHub Actions: https://token.actions.githubusercontent.com)")
	fl.StringVar(&id.IssuerRegexp, "certificate-oidc-issuer-regexp", "", "keyless: a regular expression the OIDC issuer must match")
	fl.StringVar(&kv.GitHub.Trigger, "certificate-github-workflow-trigger", "", "keyless: the GitHub event that triggered the signing workflow")
	fl.StringVar(&kv.GitHub.SHA, "certificate-github-workflow-sha", "", "keyless: the commit the signing workflow ran on")
	fl.StringVar(&kv.GitHub.Name, "certificate-github-workflow-name", "", "keyless: the signing workflow's name")
	fl.StringVar(&kv.GitHub.Repository, "certificate-github-workflow-repository", "", "keyless: the repository (owner/name) of the signing workflow")
	fl.StringVar(&kv.GitHub.Ref, "certificate-github-workflow-ref", "", "keyless: the git ref the signing workflow ran on")
	fl.StringVar(&kv.Trust.TrustedRoot, "trusted-root", "", "keyless: a Sigstore trusted_root.json to trust instead of the public-good root")
	fl.StringVar(&kv.Trust.CARoots, "ca-roots", "", "keyless: PEM file of Fulcio root and intermediate certificates (default $SIGSTORE_ROOT_FILE, else public good)")
	fl.StringArrayVar(&kv.Trust.CTLogPublicKeys, "ct-log-public-key", nil, "keyless with --ca-roots: PEM public key of a trusted CT log (repeatable; default $SIGSTORE_CT_LOG_PUBLIC_KEY_FILE)")
	fl.StringArrayVar(&kv.Trust.RekorPublicKeys, "rekor-public-key", nil, "keyless with --ca-roots: PEM public key of a trusted Rekor log (repeatable; default $SIGSTORE_REKOR_PUBLIC_KEY)")
	return cmd
}
