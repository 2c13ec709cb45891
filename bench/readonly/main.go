// Command readonly is tollgate's parse-only floor: it walks the targets with
// the IaC readers of a scan (scanners.Walk, each reader with its default
// options, in the order tollgate.Scan offers them a file) and reads every
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

	"github.com/tollgate/tollgate/scanners"
	"github.com/tollgate/tollgate/scanners/ansible"
	"github.com/tollgate/tollgate/scanners/cloudformation"
	"github.com/tollgate/tollgate/scanners/compose"
	"github.com/tollgate/tollgate/scanners/dockerfile"
	"github.com/tollgate/tollgate/scanners/helm"
	"github.com/tollgate/tollgate/scanners/kubernetes"
	"github.com/tollgate/tollgate/scanners/kustomize"
	"github.com/tollgate/tollgate/scanners/terraform"
	"github.com/tollgate/tollgate/scanners/tfplan"
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
	scs, err := readers()
	if err != nil {
		fmt.Fprintln(stderr, "readonly:", err)
		return 2
	}
	walked, err := scanners.Walk(ctx, *root, fl.Args(), scs)
	if err != nil {
		fmt.Fprintln(stderr, "readonly:", err)
		return 2
	}
	var docs, failed int
	for _, r := range walked.Results {
		docs += len(r.Documents)
		for _, e := range r.Errors {
			if failed < 10 {
				fmt.Fprintln(stderr, "readonly:", e)
			}
			failed++
		}
	}
	fmt.Fprintf(stdout, "readonly: %d files read, %d skipped, %d documents, %d errors\n",
		len(walked.Results), len(walked.Skipped), docs, failed)
	if failed > 0 {
		return 2
	}
	return 0
}

// readers are the IaC readers of tollgate.Scan with no option set (no
// downloads, no variables or values given on the command line), in its
// order: the first that matches a file takes it. Keep in step with
// fileScanners in scan.go.
func readers() ([]scanners.FileScanner, error) {
	hs, err := helm.New()
	if err != nil {
		return nil, err
	}
	return []scanners.FileScanner{
		terraform.New(),
		tfplan.New(),
		hs,
		kustomize.New(),
		cloudformation.New(),
		ansible.New(),
		dockerfile.New(),
		compose.New(),
		kubernetes.New(),
	}, nil
}
