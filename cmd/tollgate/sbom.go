package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/tollgate/tollgate"
)

func newSBOMCommand() *cobra.Command {
	var sboms []string
	cmd := &cobra.Command{
		Use:   "sbom DIR",
		Short: "Write the SBOM of a directory: a source tree, or built binaries",
		Long: `Catalogue a directory as syft does (package manifests and lock files, and the Go
build information of binaries in it) and write its SBOM. The release script uses it
for tollgate's own binaries. A directory that cannot be read is an error (exit 2).`,
		Example: `  tollgate sbom . --sbom cyclonedx-json=sbom.cdx.json --sbom spdx-json=sbom.spdx.json`,
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			n, err := tollgate.DirectorySBOM(cmd.Context(), args[0], sbomOutputs(sboms))
			if err != nil {
				return err
			}
			_, err = fmt.Fprintf(cmd.ErrOrStderr(), "tollgate: %d packages in %s\n", n, args[0])
			return err
		},
	}
	cmd.Flags().StringArrayVar(&sboms, "sbom", nil, "write the SBOM: FORMAT=PATH with FORMAT cyclonedx-json or spdx-json (repeatable)")
	return cmd
}
