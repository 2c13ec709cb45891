package main

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/tollgate/tollgate"
	"github.com/tollgate/tollgate/vulns"
)

// vulnFlags are the scan flags of vulnerability matching.
type vulnFlags struct {
	mode          string
	dbDir         string
	maxAge        time.Duration
	ignoreUnfixed bool
	vex           []string
	sbomIn        []string
}

func (f *vulnFlags) addFlags(fl *pflag.FlagSet) {
	fl.StringVar(&f.mode, "vulns", tollgate.VulnsAuto, "match the packages of the images, --source-sbom and --sbom-in against the vulnerability database: auto (when one is installed; else say so and skip), off, or required (a missing or stale database is an error)")
	fl.StringVar(&f.dbDir, "db-dir", "", "vulnerability database directory, as tollgate db update fills it (default: the user cache directory's tollgate/db)")
	fl.DurationVar(&f.maxAge, "db-max-age", vulns.DefaultMaxAge, "age past which the vulnerability database is stale: --vulns=required fails, auto reports an error")
	fl.BoolVar(&f.ignoreUnfixed, "ignore-unfixed", false, "leave out vulnerabilities no released version fixes")
	fl.StringArrayVar(&f.vex, "vex", nil, "OpenVEX or CSAF VEX document: vulnerabilities it declares not_affected or fixed are reported as suppressed, with its justification (repeatable)")
	fl.StringArrayVar(&f.sbomIn, "sbom-in", nil, "existing SBOM (CycloneDX, SPDX or syft JSON) whose packages are matched against the vulnerability database (repeatable)")
}

func (f *vulnFlags) apply(o *tollgate.Options) {
	o.Vulns, o.DBDir, o.DBMaxAge, o.IgnoreUnfixed, o.VEX, o.SBOMIn = f.mode, f.dbDir, f.maxAge, f.ignoreUnfixed, f.vex, f.sbomIn
	if f.maxAge == 0 {
		o.DBMaxAge = -1 // --db-max-age 0: no limit
	}
}

func newDBCommand() *cobra.Command {
	var dir string
	cmd := &cobra.Command{
		Use:   "db",
		Short: "Keep the vulnerability database: update, status, import",
		Long: `The vulnerability database is grype's. tollgate scan never downloads it:
tollgate db update does, from grype's listing (checked against the listing's
sha256), into --db-dir; cache that directory between CI runs. tollgate db import
installs a database file or archive on a runner without network access.`,
	}
	cmd.PersistentFlags().StringVar(&dir, "db-dir", "", "vulnerability database directory (default: the user cache directory's tollgate/db)")
	resolve := func(cmd *cobra.Command) (string, error) {
		if dir != "" {
			return dir, nil
		}
		d, err := tollgate.DefaultDBDir()
		if err != nil {
			return "", usage(cmd, "%v; set --db-dir", err)
		}
		return d, nil
	}

	var uo vulns.UpdateOptions
	update := &cobra.Command{
		Use:   "update",
		Short: "Download the latest vulnerability database when it is newer than the one installed",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			d, err := resolve(cmd)
			if err != nil {
				return err
			}
			info, updated, err := vulns.Update(d, uo)
			if err != nil {
				return failed(cmd, err)
			}
			verb := "up to date"
			if updated {
				verb = "installed"
			}
			fmt.Fprintf(cmd.OutOrStdout(), "vulnerability database %s: built %s, schema %s, %s\n", verb, info.Built.Format(time.RFC3339), info.Schema, info.Path)
			return nil
		},
	}
	update.Flags().StringVar(&uo.ListingURL, "url", vulns.DefaultListingURL, "listing of databases (reads URL/v6/latest.json; a URL ending in .json is the listing itself)")
	update.Flags().StringVar(&uo.CACert, "ca-cert", "", "PEM file of CA certificates trusted for the download, besides the system's")
	update.Flags().DurationVar(&uo.CheckTimeout, "check-timeout", 30*time.Second, "time limit for fetching the listing")
	update.Flags().DurationVar(&uo.DownloadTimeout, "download-timeout", 5*time.Minute, "time limit for downloading the database")

	var asJSON bool
	status := &cobra.Command{
		Use:   "status",
		Short: "Print the installed vulnerability database's build date and schema; exit 2 when there is none or it is unusable",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			d, err := resolve(cmd)
			if err != nil {
				return err
			}
			info, err := vulns.Status(d)
			if err != nil {
				return failed(cmd, err)
			}
			if asJSON {
				enc := json.NewEncoder(cmd.OutOrStdout())
				enc.SetIndent("", "  ")
				return enc.Encode(info)
			}
			age := time.Since(info.Built).Round(time.Minute)
			fmt.Fprintf(cmd.OutOrStdout(), "path:   %s\nbuilt:  %s (%s ago)\nschema: %s\nfrom:   %s\n", info.Path, info.Built.Format(time.RFC3339), age, info.Schema, info.From)
			return nil
		},
	}
	status.Flags().BoolVar(&asJSON, "json", false, "print the status as JSON")

	imp := &cobra.Command{
		Use:   "import FILE",
		Short: "Install a vulnerability database file (vulnerability.db) or archive (.tar.gz, .tar.zst), for runners without network access",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			d, err := resolve(cmd)
			if err != nil {
				return err
			}
			info, err := vulns.Import(d, args[0])
			if err != nil {
				return failed(cmd, err)
			}
			fmt.Fprintf(cmd.OutOrStdout(), "vulnerability database imported: built %s, schema %s, %s\n", info.Built.Format(time.RFC3339), info.Schema, info.Path)
			return nil
		},
	}
	cmd.AddCommand(update, status, imp)
	return cmd
}

// failed prints err and exits 2.
func failed(cmd *cobra.Command, err error) error {
	fmt.Fprintf(cmd.ErrOrStderr(), "tollgate: error: %v\n", err)
	return &exitError{code: tollgate.ExitError}
}
