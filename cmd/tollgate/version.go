package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/tollgate/tollgate"
)

func newVersionCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the tollgate version",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, err := fmt.Fprintln(cmd.OutOrStdout(), "tollgate", tollgate.Version)
			return err
		},
	}
}
