package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/tollgate/tollgate"
)

func newKeygenCommand() *cobra.Command {
	var o tollgate.KeygenOptions
	cmd := &cobra.Command{
		Use:   "keygen",
		Short: "Write a cosign key pair (cosign.key, cosign.pub) for --sign --key",
		Long: `Keygen writes a new ECDSA P-256 key pair in cosign's format, as
` + "`cosign generate-key-pair`" + ` does: PREFIX.key, encrypted with $COSIGN_PASSWORD
(mode 0600), and PREFIX.pub. It never overwrites an existing file.
It exits 0 when both files were written, 2 otherwise.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			pw, ok := os.LookupEnv("COSIGN_PASSWORD")
			if !ok {
				return usage(cmd, "keygen encrypts the private key with $COSIGN_PASSWORD: set it (empty for no password)")
			}
			o.Password = []byte(pw)
			priv, pub, err := tollgate.Keygen(o)
			if err != nil {
				return usage(cmd, "%v", err)
			}
			_, err = fmt.Fprintf(cmd.OutOrStdout(), "Private key written to %s\nPublic key written to %s\n", priv, pub)
			return err
		},
	}
	cmd.Flags().StringVar(&o.Prefix, "output-key-prefix", "cosign", "path prefix of the key files: PREFIX.key and PREFIX.pub")
	return cmd
}
