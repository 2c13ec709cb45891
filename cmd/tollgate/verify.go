package main

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/tollgate/tollgate"
)

func newVerifyCommand() *cobra.Command {
	var o tollgate.VerifyOptions
	cmd := &cobra.Command{
		Use:   "verify --key cosign.pub IMAGE",
		Short: "Check that an image was released through a passing tollgate scan",
		Long: `Verify checks, offline, that IMAGE carries what tollgate signs after a passing
scan: the cosign signature of its digest, the CycloneDX SBOM attestation and a
SLSA verification summary whose result is PASSED, all verifying with the key.
It exits 0 when they do, 1 when they do not, 2 on a usage error.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if o.KeyPath == "" {
				return usage(cmd, "verify needs --key")
			}
			o.Image = args[0]
			v, err := tollgate.Verify(cmd.Context(), o)
			var ve *tollgate.VerificationError
			switch {
			case errors.As(err, &ve):
				fmt.Fprintf(cmd.ErrOrStderr(), "tollgate: NOT VERIFIED: %s: %v\n", o.Image, ve.Err)
				return &exitError{code: 1}
			case err != nil:
				return usage(cmd, "%v", err)
			}
			_, err = fmt.Fprintf(cmd.OutOrStdout(), "tollgate: VERIFIED: %s: %d signature(s), SBOM attestation (%d components), verification summary %s at %s by %s (policy %s)\n",
				v.Reference(), v.Signatures, v.SBOMComponents, v.Summary.VerificationResult,
				v.Summary.TimeVerified.Format("2006-01-02T15:04:05Z"), v.Summary.Verifier.ID, v.Summary.Policy.URI)
			return err
		},
	}
	cmd.Flags().StringVar(&o.KeyPath, "key", "", "cosign public key file (cosign.pub)")
	cmd.Flags().StringArrayVar(&o.InsecureRegistries, "insecure-registry", nil, "registry HOST[:PORT] reached over plain HTTP (repeatable)")
	return cmd
}
