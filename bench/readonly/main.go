// Command readonly is tollgate's parse-only floor: it walks the targets with
// the IaC readers of a scan (tollgate.Readers with default options,
// streamed through scanners.Walk as a scan reads) and reads every
// file into documents, then stops: no policy is compiled or evaluated and
// no report is written. bench/compare.sh times it beside a full scan, so
// that the cost of evaluation and reporting is the difference.
//
//	go run ./bench/readonly [-root DIR] PATH...
//
// It exits 2 when a file could not be read, as a scan would (the floor of a
// scan that fails is not a floor).
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"sync"

	"github.com/tollgate/tollgate"
	"github.com/tollgate/tollgate/scanners"
)

func main() {
	os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("readonly", flag.ContinueOnError)
	fl.SetOutput(stderr)
	root := fl.String("root", ".", "directory paths are relative to (tollgate scan --root)")
	if err := fl.Parse(args); err != nil {
		return 2
	}
	if fl.NArg() == 0 {
		fmt.Fprintln(stderr, "usage: readonly [-root DIR] PATH...")
		return 2
	}
	scs, err := tollgate.Readers(tollgate.Options{})
	if err != nil {
		fmt.Fprintln(stderr, "readonly:", err)
		return 2
	}
	// Streamed and dropped as a scan reads, so that its memory is a floor
	// too.
	var mu sync.Mutex
	// A module several configurations call is handed over once with each.
	files := map[string]bool{}
	var docs, failed int
	walked, err := scanners.Walk(ctx, *root, fl.Args(), scs, scanners.WithResults(func(r scanners.Result) {
		mu.Lock()
		defer mu.Unlock()
		files[r.Path] = true
		docs += len(r.Documents)
		for _, e := range r.Errors {
			if failed < 10 {
				fmt.Fprintln(stderr, "readonly:", e)
			}
			failed++
		}
	}))
	if err != nil {
		fmt.Fprintln(stderr, "readonly:", err)
		return 2
	}
	fmt.Fprintf(stdout, "readonly: %d files read, %d skipped, %d documents, %d errors\n",
		len(files), len(walked.Skipped), docs, failed)
	if failed > 0 {
		return 2
	}
	return 0
}
