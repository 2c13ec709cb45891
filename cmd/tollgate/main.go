// Command tollgate scans a release's IaC and images against security
// policies, reports the findings, gates CI on them and signs what passed.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"os"
	"os/signal"
	"runtime/debug"

	"github.com/anchore/stereoscope"
	"github.com/sirupsen/logrus"
	"github.com/spf13/cobra"

	"github.com/tollgate/tollgate"
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
	root.AddCommand(newScanCommand(), newVerifyCommand(), newPolicyCommand(), newVersionCommand())
	return root
}

func main() {
	stampVersion()
	quietLibraries()
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// stampVersion fills tollgate.Version, when no -ldflags set it, from the
// build: the module version of `go install ...@vX`, else the VCS revision.
func stampVersion() {
	if tollgate.Version != "dev" {
		return
	}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return
	}
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		tollgate.Version = v
		return
	}
	for _, s := range bi.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 12 {
			tollgate.Version = "dev+" + s.Value[:12]
		}
	}
}

// quietLibraries stops the libraries tollgate embeds from writing their own
// warnings to stderr (compose-go through logrus, kustomize through the
// standard logger): tollgate's stderr is its one-line verdict, and what
// matters about an input is in the report.
func quietLibraries() {
	logrus.SetOutput(io.Discard)
	log.SetOutput(io.Discard)
}

// run executes the command line and returns the exit code.
func run(args []string, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	defer stereoscope.Cleanup()
	root := newRootCommand()
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.ExecuteContext(ctx)
	var ee *exitError
	switch {
	case err == nil:
		return tollgate.ExitPassed
	case errors.As(err, &ee):
		return ee.code
	}
	fmt.Fprintln(stderr, "tollgate: error:", err)
	return tollgate.ExitError
}
