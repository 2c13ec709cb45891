// Command corpus writes the synthetic monorepo the benchmarks scan (see
// package gen): Terraform root modules for AWS calling shared local
// modules, and multi-document Kubernetes manifests, about half of them
// compliant. The same seed writes the same bytes.
//
//	go run ./bench/corpus -tf 5000 [-k8s 1250] [-seed 1] -o DIR
package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/tollgate/tollgate/bench/corpus/gen"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "corpus:", err)
		os.Exit(2)
	}
}

func run(args []string, stdout io.Writer) error {
	fl := flag.NewFlagSet("corpus", flag.ContinueOnError)
	tf := fl.Int("tf", 5000, "Terraform files to write (shared modules included)")
	k8s := fl.Int("k8s", -1, "Kubernetes manifest files to write (default: a quarter of -tf)")
	seed := fl.Uint64("seed", 1, "seed of the corpus")
	out := fl.String("o", "", "directory to write into (new or empty)")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if *out == "" || fl.NArg() > 0 {
		return fmt.Errorf("usage: corpus -tf N [-k8s M] [-seed S] -o DIR")
	}
	if *k8s < 0 {
		*k8s = *tf / 4
	}
	st, err := gen.Write(*out, gen.Options{TF: *tf, K8s: *k8s, Seed: *seed})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s: %d Terraform files (%d root modules, %d module calls, %d resource blocks), %d Kubernetes files (%d objects), %.1f MB\n",
		*out, st.TFFiles, st.RootModules, st.ModuleCalls, st.Resources, st.K8sFiles, st.Objects, float64(st.Bytes)/1e6)
	return nil
}
