package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/tollgate/tollgate"
	"github.com/tollgate/tollgate/report"
)

type mergeFlags struct {
	failOn     string
	formats    []string
	severity   []string
	skipErrors bool
}

func newMergeCommand() *cobra.Command {
	var f mergeFlags
	cmd := &cobra.Command{
		Use:   "merge REPORT...",
		Short: "Combine the JSON reports of scan shards into one report and one verdict",
		Long: `Merge reads the JSON reports of the shards of one scan (tollgate scan --shard
K/N --format json=PATH), checks that they are every shard of one scan by one
tollgate version and rule set, and writes the report the unsharded scan would
have written, in any format, with one gate verdict: it exits 0 when the gate
passed, 1 when findings reach --fail-on, and 2 when an input of a shard could
not be scanned, a report cannot be merged or the command line is wrong.`,
		Example: `  tollgate merge shard-1.json shard-2.json shard-3.json \
    --format table --format sarif=tollgate.sarif --fail-on high`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runMerge(cmd, args, &f)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.failOn, "fail-on", "", "lowest severity that fails the gate: critical, high, medium, low, info, none; per category: encryption=medium,access=high (default: the one the shards were gated with)")
	fl.StringSliceVar(&f.severity, "severity", nil, "show only findings of these severities (display only: the gate still sees every finding)")
	fl.BoolVar(&f.skipErrors, "skip-errors", false, "do not fail closed on inputs a shard could not read (they are still reported)")
	fl.StringArrayVar(&f.formats, "format", nil, "report FORMAT[=PATH]: table, json, sarif, junit, markdown, github, html, outputs (no PATH means stdout; repeatable; default table)")
	return cmd
}

func runMerge(cmd *cobra.Command, args []string, f *mergeFlags) error {
	outs, err := reportOutputs(cmd, f.formats, f.severity, true)
	if err != nil {
		return err
	}
	reports := make([]*report.Report, len(args))
	for i, path := range args {
		r, err := tollgate.ReadReport(path)
		if err != nil {
			return usage(cmd, "%v", err)
		}
		reports[i] = r
	}
	res, err := tollgate.Merge(reports, tollgate.MergeOptions{Names: args, FailOn: f.failOn, SkipErrors: f.skipErrors})
	if err != nil {
		return usage(cmd, "%v", err)
	}
	if err := writeReports(cmd, res.Report, outs, f.severity); err != nil {
		return err
	}
	fmt.Fprintln(cmd.ErrOrStderr(), tollgate.Verdict(res.Report))
	if code := res.ExitCode(); code != tollgate.ExitPassed {
		return &exitError{code: code}
	}
	return nil
}
