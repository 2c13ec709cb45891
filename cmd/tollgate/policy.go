package main

import (
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/tollgate/tollgate/policies"
	"github.com/tollgate/tollgate/report"
)

func newPolicyCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "policy",
		Short: "List, document and test policies",
	}
	cmd.AddCommand(newPolicyListCommand(), newPolicyDocCommand(), newPolicyTestCommand())
	return cmd
}

type policyListFlags struct {
	format string
	filter policies.Filter
	dirs   []string
}

func newPolicyListCommand() *cobra.Command {
	var f policyListFlags
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the rules: built in and from --policy directories",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			e, err := loadPolicies(cmd, f.dirs)
			if err != nil {
				return err
			}
			if f.format != "table" && f.format != "json" {
				return usage(cmd, "--format %q: want table or json", f.format)
			}
			return policies.WriteList(cmd.OutOrStdout(), policies.Select(e.Rules(), f.filter), f.format)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.format, "format", "table", "table or json")
	fl.StringVar(&f.filter.Category, "category", "", "only this category (access, encryption, backup, audit)")
	fl.StringVar(&f.filter.Provider, "provider", "", "only this provider (aws, azure, gcp, kubernetes, docker, image, sbom...)")
	fl.StringVar(&f.filter.Framework, "framework", "", "only rules mapped to this framework (cis, nist-800-53, soc2, pci-dss...)")
	fl.StringVar(&f.filter.Severity, "severity", "", "only this severity")
	fl.StringArrayVar(&f.dirs, "policy", nil, "your own Rego policies: a directory, or an OCI bundle oci://REGISTRY/REPO@sha256:... (repeatable)")
	return cmd
}

func newPolicyDocCommand() *cobra.Command {
	var out string
	var coverage bool
	cmd := &cobra.Command{
		Use:   "doc",
		Short: "Write the Markdown catalogue of the built-in rules (policies/README.md), or with --coverage the peer coverage map (policies/COVERAGE.md)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			e, err := loadPolicies(cmd, nil)
			if err != nil {
				return err
			}
			write := policies.WriteDoc
			if coverage {
				write = policies.WriteCoverage
			}
			if out == "" || out == "-" {
				return write(cmd.OutOrStdout(), e.Rules())
			}
			return report.WriteFileAtomic(out, func(f *os.File) error { return write(f, e.Rules()) })
		},
	}
	cmd.Flags().StringVarP(&out, "output", "o", "", "file to write (default stdout)")
	cmd.Flags().BoolVar(&coverage, "coverage", false, "write the map of the peers' checks (Trivy, tfsec, Checkov) to the rules that cover them")
	return cmd
}

func newPolicyTestCommand() *cobra.Command {
	var verbose bool
	cmd := &cobra.Command{
		Use:   "test DIR...",
		Short: "Run the Rego tests of your policies, with tollgate's helper library",
		Args:  cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, dirs []string) error {
			results, err := policies.RunTests(cmd.Context(), dirs...)
			if err != nil {
				return usage(cmd, "%v", err)
			}
			failed, err := policies.WriteTestResults(cmd.OutOrStdout(), results, verbose)
			if err != nil {
				return err
			}
			if len(results) == 0 {
				return usage(cmd, "no Rego tests found in %s", strings.Join(dirs, ", "))
			}
			if failed > 0 {
				return &exitError{code: 1}
			}
			return nil
		},
	}
	cmd.Flags().BoolVarP(&verbose, "verbose", "v", false, "list passing tests too")
	return cmd
}

func loadPolicies(cmd *cobra.Command, dirs []string) (*policies.Engine, error) {
	var opts []policies.Option
	for _, d := range dirs {
		opts = append(opts, policies.WithPolicyDir(d))
	}
	e, err := policies.Load(cmd.Context(), opts...)
	if err != nil {
		return nil, usage(cmd, "%v", err)
	}
	return e, nil
}
