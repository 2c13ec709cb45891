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
	"runtime/pprof"
	"syscall"

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
	root.AddCommand(newScanCommand(), newMergeCommand(), newSBOMCommand(), newVerifyCommand(), newKeygenCommand(), newPolicyCommand(), newDBCommand(), newVersionCommand())
	return root
}

func main() {
	stampVersion()
	quietLibraries()
	tuneGC(os.Getenv)
	stop := profileCPU(os.Getenv("TOLLGATE_CPUPROFILE"), os.Stderr)
	code := run(os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// profileCPU writes a CPU profile of the whole run to path (for bench/ and
// for a user's report of a slow scan: TOLLGATE_CPUPROFILE=FILE), and
// returns what ends it; "" profiles nothing.
func profileCPU(path string, stderr io.Writer) func() {
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err == nil {
		err = pprof.StartCPUProfile(f)
	}
	if err != nil {
		fmt.Fprintf(stderr, "tollgate: TOLLGATE_CPUPROFILE: %v\n", err)
		return func() {}
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}
}

// GC settings of a tollgate process: Rego evaluation allocates a great
// deal of short-lived memory, and with Go's default (collect when the heap
// has doubled) a fifth of a scan's CPU went to the collector. Collecting
// when it has grown fivefold, under a soft limit of gcMemoryLimit, made the
// 6,250-file benchmark 15% faster and held the 25,000-file one at 752 MB
// instead of 883 MB (bench/RESULTS.md): below the limit the collector runs
// rarely, near it as often as it must (the runtime caps its CPU share, so
// a larger heap slows a scan rather than failing it).
const (
	gcPercent     = 400
	gcMemoryLimit = 640 << 20
)

// tuneGC applies the GC settings unless GOGC or GOMEMLIMIT, read through
// getenv, set the user's own.
func tuneGC(getenv func(string) string) {
	if getenv("GOGC") != "" || getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetGCPercent(gcPercent)
	debug.SetMemoryLimit(gcMemoryLimit)
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

// signalError is the cause of a context cancelled by a signal.
type signalError struct{ sig os.Signal }

func (e *signalError) Error() string { return "received " + signalName(e.sig) }

// exitCode is the shell's code for a process ended by the signal: 128+n.
func (e *signalError) exitCode() int {
	if s, ok := e.sig.(syscall.Signal); ok {
		return 128 + int(s)
	}
	return 130
}

func signalName(sig os.Signal) string {
	switch sig {
	case os.Interrupt:
		return "SIGINT"
	case syscall.SIGTERM:
		return "SIGTERM"
	}
	return sig.String()
}

// withSignals returns a context cancelled, with a *signalError cause, by
// the first SIGINT or SIGTERM (what Ctrl-C, timeout(1) and CI cancellation
// send). After that first one the signals have their default effect again,
// so a second one ends the process at once.
func withSignals(parent context.Context, sigs <-chan os.Signal) (context.Context, func()) {
	ctx, cancel := context.WithCancelCause(parent)
	done := make(chan struct{})
	go func() {
		select {
		case s := <-sigs:
			cancel(&signalError{sig: s})
		case <-done:
		}
	}()
	return ctx, func() { close(done); cancel(nil) }
}

// run executes the command line and returns the exit code.
func run(args []string, stdout, stderr io.Writer) int {
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	ctx, stop := withSignals(context.Background(), sigs)
	defer stop()
	go func() {
		<-ctx.Done()
		signal.Reset(os.Interrupt, syscall.SIGTERM)
	}()
	// Temporary files (spooled image layers) are removed on every way out
	// but a second signal.
	defer stereoscope.Cleanup()
	return execute(ctx, args, stdout, stderr)
}

// execute runs the command line under ctx and returns the exit code.
func execute(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	root := newRootCommand()
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.ExecuteContext(ctx)
	var ee *exitError
	var se *signalError
	switch {
	case errors.As(context.Cause(ctx), &se):
		// Whatever the command was doing, it did not finish: no verdict.
		fmt.Fprintf(stderr, "tollgate: interrupted (%s): no report written, nothing signed\n", signalName(se.sig))
		return se.exitCode()
	case err == nil:
		return tollgate.ExitPassed
	case errors.As(err, &ee):
		return ee.code
	}
	fmt.Fprintln(stderr, "tollgate: error:", err)
	return tollgate.ExitError
}
