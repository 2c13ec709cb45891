// Command tollgate scans a release's IaC and images against security
// policies, reports the findings, gates CI on them and signs what passed.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"

	"github.com/anchore/stereoscope"
	"github.com/spf13/cobra"

	"tollgate"
)

// exitError carries the exit code a command decided on, to main.
type exitError struct{ code int }

func (e *exitError) Error() string { return fmt.Sprintf("exit %d", e.code) }

func newRootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:           "tollgate",
		Short:         "Security and compliance gate for releases: IaC, images, SBOMs, signing",
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       tollgate.Version,
	}
	root.AddCommand(newScanCommand(), newVersionCommand())
	return root
}

func main() {
	os.Exit(run())
}

func run() int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	defer stereoscope.Cleanup()
	err := newRootCommand().ExecuteContext(ctx)
	var ee *exitError
	switch {
	case err == nil:
		return tollgate.ExitPassed
	case errors.As(err, &ee):
		return ee.code
	}
	fmt.Fprintln(os.Stderr, "tollgate: error:", err)
	return tollgate.ExitError
}
