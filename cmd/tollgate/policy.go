package main

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"tollgate/policies"
	"tollgate/report"
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
			rules := policies.Select(e.Rules(), f.filter)
			switch f.format {
			case "json":
				enc := json.NewEncoder(cmd.OutOrStdout())
				enc.SetIndent("", "  ")
				if rules == nil {
					rules = []policies.Rule{}
				}
				return enc.Encode(rules)
			case "table":
				tw := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 0, 2, ' ', 0)
				fmt.Fprintln(tw, "ID\tSEVERITY\tCATEGORY\tPROVIDER\tTITLE")
				for _, r := range rules {
					fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", r.ID, strings.ToUpper(r.Severity), r.Category, r.Provider, r.Title)
				}
				fmt.Fprintf(tw, "\n%d rules\n", len(rules))
				return tw.Flush()
			}
			return usage(cmd, "--format %q: want table or json", f.format)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.format, "format", "table", "table or json")
	fl.StringVar(&f.filter.Category, "category", "", "only this category (access, encryption, backup, audit)")
	fl.StringVar(&f.filter.Provider, "provider", "", "only this provider (aws, azure, gcp, kubernetes, docker, image, sbom...)")
	fl.StringVar(&f.filter.Framework, "framework", "", "only rules mapped to this framework (cis, nist-800-53, soc2, pci-dss...)")
	fl.StringVar(&f.filter.Severity, "severity", "", "only this severity")
	fl.StringArrayVar(&f.dirs, "policy", nil, "directory of your own Rego policies (repeatable)")
	return cmd
}

func newPolicyDocCommand() *cobra.Command {
	var out string
	cmd := &cobra.Command{
		Use:   "doc",
		Short: "Write the Markdown catalogue of the built-in rules (policies/README.md)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			e, err := loadPolicies(cmd, nil)
			if err != nil {
				return err
			}
			if out == "" || out == "-" {
				return policies.WriteDoc(cmd.OutOrStdout(), e.Rules())
			}
			return report.WriteFileAtomic(out, func(f *os.File) error { return policies.WriteDoc(f, e.Rules()) })
		},
	}
	cmd.Flags().StringVarP(&out, "output", "o", "", "file to write (default stdout)")
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
			failed := 0
			for _, r := range results {
				status := "PASS"
				if !r.Passed {
					status = "FAIL"
					failed++
				}
				if !r.Passed || verbose {
					fmt.Fprintf(cmd.OutOrStdout(), "%s %s.%s (%s)\n", status, strings.TrimPrefix(r.Package, "data."), r.Name, r.Location)
				}
				if r.Error != nil {
					fmt.Fprintf(cmd.OutOrStdout(), "  error: %v\n", r.Error)
				}
			}
			fmt.Fprintf(cmd.OutOrStdout(), "%d passed, %d failed\n", len(results)-failed, failed)
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
