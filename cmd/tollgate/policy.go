package main

import (
	"fmt"
	"io"
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
	cmd.AddCommand(newPolicyListCommand(), newPolicyDocCommand(), newPolicyTestCommand(), newPolicyLintCommand())
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
	var out, rulesDir string
	var coverage bool
	var dirs []string
	cmd := &cobra.Command{
		Use:   "doc [RULE-ID]",
		Short: "Document rules: one rule's page, the catalogue (policies/README.md), every rule's page (docs/rules) or the peer coverage map (policies/COVERAGE.md)",
		Example: `  tollgate policy doc TG-AWS-001
  tollgate policy doc -o policies/README.md
  tollgate policy doc --rules-dir docs/rules
  tollgate policy doc --coverage -o policies/COVERAGE.md`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			e, err := loadPolicies(cmd, dirs)
			if err != nil {
				return err
			}
			if len(args) == 1 {
				r, ok := e.Rule(args[0])
				if !ok {
					return usage(cmd, "policy doc: no rule %q (tollgate policy list shows them)", args[0])
				}
				return policies.WriteRulePage(cmd.OutOrStdout(), r)
			}
			if rulesDir != "" {
				var builtin []policies.Rule
				for _, r := range e.Rules() {
					if r.Builtin {
						builtin = append(builtin, r)
					}
				}
				return policies.WriteRulePages(rulesDir, builtin)
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
	cmd.Flags().StringVar(&rulesDir, "rules-dir", "", "write one page per built-in rule, and an index, into this directory")
	cmd.Flags().StringArrayVar(&dirs, "policy", nil, "also load your own policies from DIR, to document one of them (repeatable)")
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

func newPolicyLintCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "lint DIR...",
		Short: "Check your policies for what would silently not work: rules never evaluated, findings without a rule id, ignored METADATA keys",
		Long: `Load your policies as a scan would and print their warnings, one per
FILE:LINE. Exits 0 with no warnings, 1 with warnings, 2 when a policy does
not load.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, dirs []string) error {
			e, err := policies.Load(cmd.Context(), policyDirs(dirs)...)
			if err != nil {
				return usage(cmd, "%v", err)
			}
			ws := e.Warnings()
			var b strings.Builder
			for _, w := range ws {
				b.WriteString(w.String() + "\n")
			}
			switch len(ws) {
			case 0:
				b.WriteString("no warnings\n")
			case 1:
				b.WriteString("1 warning\n")
			default:
				fmt.Fprintf(&b, "%d warnings\n", len(ws))
			}
			if _, err := io.WriteString(cmd.OutOrStdout(), b.String()); err != nil {
				return err
			}
			if len(ws) > 0 {
				return &exitError{code: 1}
			}
			return nil
		},
	}
}

func policyDirs(dirs []string) []policies.Option {
	var opts []policies.Option
	for _, d := range dirs {
		opts = append(opts, policies.WithPolicyDir(d))
	}
	return opts
}

// loadPolicies loads the built-in and the user's policies, and prints the
// warnings about the user's on stderr.
func loadPolicies(cmd *cobra.Command, dirs []string) (*policies.Engine, error) {
	e, err := policies.Load(cmd.Context(), policyDirs(dirs)...)
	if err != nil {
		return nil, usage(cmd, "%v", err)
	}
	for _, w := range e.Warnings() {
		fmt.Fprintf(cmd.ErrOrStderr(), "tollgate: warning: %s\n", w)
	}
	return e, nil
}

// printPolicyWarnings prints, once each, a scan's warnings about the
// user's policies on stderr, where their authors look: report warnings
// about .rego files (tollgate scans none) are the policies'.
func printPolicyWarnings(w io.Writer, warnings []report.Error) {
	seen := map[string]bool{}
	for _, e := range warnings {
		if s := e.String(); strings.HasSuffix(e.Path, ".rego") && !seen[s] {
			seen[s] = true
			fmt.Fprintf(w, "tollgate: warning: %s\n", s)
		}
	}
}
