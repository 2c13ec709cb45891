package main

import (
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"time"

	units "github.com/docker/go-units"
	"github.com/spf13/cobra"

	"github.com/tollgate/tollgate"
	"github.com/tollgate/tollgate/report"
	"github.com/tollgate/tollgate/scanners/image"
)

type scanFlags struct {
	downloadModules bool
	downloadCharts  bool
	downloadBases   bool
	downloadCache   string

	images   []string
	insecure []string
	platform []string
	policies []string
	failOn   string
	formats  []string
	sboms    []string
	signing  signFlags
	root     string

	severity   []string
	baseline   string
	config     string
	skipErrors bool
	skipDirs   []string
	skipFiles  []string
	rules      []string
	categories []string
	frameworks []string
	compliance []string
	noInline   bool
	composeEnv []string
	helmValues []string
	helmSet    []string
	varFiles   []string
	vars       []string
	sourceSBOM []string
	timeout    time.Duration
	shard      string
	quiet      bool
	debug      bool
	maxLayer   string
	maxImage   string
	cacheDir   string
	noCache    bool
	secrets    bool
	vulns      vulnFlags
}

func newScanCommand() *cobra.Command {
	var f scanFlags
	cmd := &cobra.Command{
		Use:   "scan [PATH...] [--image REF...]",
		Short: "Scan IaC files and images, report findings, gate and sign",
		Long: `Scan reads the IaC under the given paths (Terraform and plans, Kubernetes,
Helm, Kustomize, Dockerfile, docker-compose, CloudFormation, Ansible) and the
images given with --image, evaluates the policies, writes the reports (table,
json, sarif, junit, markdown, github, html, outputs), signs passing images with
--sign, and exits 0 when the gate passed, 1 when findings reach --fail-on, and 2
when an input could not be scanned or the command line is wrong.`,
		Example: `  tollgate scan infra/ k8s/ --image registry:localhost:5000/app:1.0 \
    --format table --format sarif=tollgate.sarif --sbom cyclonedx-json=sbom.cdx.json \
    --fail-on high --sign --key cosign.key`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runScan(cmd, args, &f)
		},
	}
	fl := cmd.Flags()
	fl.StringArrayVar(&f.images, "image", nil, "image to scan: registry:REF (or bare REF), oci-dir:PATH, oci-archive:PATH.tar, docker-archive:PATH.tar, docker:REF, podman:REF (repeatable)")
	fl.StringArrayVar(&f.platform, "platform", nil, "platform of a multi-platform image to scan: os/arch[/variant] (repeatable), or all; each is scanned, reported and signed on its own; default the runner's")
	fl.StringArrayVar(&f.insecure, "insecure-registry", nil, "registry HOST[:PORT] reached over plain HTTP (repeatable)")
	fl.StringArrayVar(&f.policies, "policy", nil, "your own Rego policies: a directory, or an OCI bundle oci://REGISTRY/REPO@sha256:... (repeatable)")
	fl.StringVar(&f.failOn, "fail-on", "", "lowest severity that fails the gate: critical, high, medium, low, info, none; per category: encryption=medium,access=high (default high, or the config file's)")
	fl.StringSliceVar(&f.severity, "severity", nil, "show only findings of these severities (display only: the gate still sees every finding)")
	fl.StringVar(&f.baseline, "baseline", "", "previous JSON or SARIF report: gate only on findings not in it")
	fl.StringVar(&f.config, "config", "", "config file (default: .tollgate.yaml in --root when present)")
	fl.BoolVar(&f.skipErrors, "skip-errors", false, "do not fail closed on inputs that could not be read (they are still reported; nothing is signed)")
	fl.StringSliceVar(&f.skipDirs, "skip-dirs", nil, "directories to leave out: glob patterns from --root, ** for any depth (e.g. testdata,**/fixtures; repeatable; also skip_dirs in the config file and a .tollgateignore at --root in gitignore syntax)")
	fl.StringSliceVar(&f.rules, "rules", nil, "apply only these rules: ids, a trailing * for a prefix (e.g. TG-AWS-*,TG-K8S-001; repeatable)")
	fl.StringSliceVar(&f.categories, "category", nil, "apply only the rules of these categories: access, encryption, backup, audit, custom (repeatable)")
	fl.StringSliceVar(&f.frameworks, "framework", nil, "apply only the rules mapped to these compliance frameworks, e.g. nist-800-53, cis-kubernetes-1.8 (repeatable; tollgate policy list shows each rule's)")
	fl.StringSliceVar(&f.compliance, "compliance", nil, "add a compliance view to the json, markdown and html reports: each control of these frameworks, e.g. cis-aws-2.0, soc2, passed or failed by the rules evaluated (repeatable; tollgate policy list shows each rule's)")
	fl.StringSliceVar(&f.skipFiles, "skip-files", nil, "files to leave out: glob patterns from --root, ** for any depth (e.g. **/*.example.tf; repeatable; also skip_files in the config file)")
	fl.StringArrayVar(&f.varFiles, "var-file", nil, "Terraform .tfvars file applied to every root module after its auto-loaded ones, as terraform -var-file (repeatable; relative to --root)")
	fl.StringArrayVar(&f.vars, "var", nil, "Terraform variable NAME=VALUE for every root module that declares it, as terraform -var (repeatable)")
	fl.BoolVar(&f.downloadModules, "download-modules", false, "download the remote Terraform modules terraform init has not installed (module registry, git over HTTPS, HTTPS archives) and check them; without it they are reported as not read")
	fl.BoolVar(&f.downloadCharts, "download-charts", false, "download the Helm chart dependencies not vendored in charts/ (https:// chart repositories, oci:// registries) and check them; without it they are an error")
	fl.BoolVar(&f.downloadBases, "download-bases", false, "download the Kustomize remote bases (git repositories over HTTPS) and check them; without it they are an error")
	fl.StringVar(&f.downloadCache, "download-cache", "", "directory downloaded modules and charts are kept in (default: the user cache directory's tollgate)")
	fl.StringVar(&f.cacheDir, "cache-dir", "", "directory the results of unchanged files are kept in, so a rescan reads only what changed, and images' SBOMs by digest, in its images directory (default: the user cache directory's tollgate/scan; off for files with --download-*)")
	fl.BoolVar(&f.noCache, "no-cache", false, "read and evaluate every file and image afresh, and write no cache")
	fl.StringArrayVar(&f.helmValues, "helm-values", nil, "Helm values file applied to every chart, in order, as helm template -f (repeatable)")
	fl.StringArrayVar(&f.helmSet, "helm-set", nil, "Helm --set expression K=V applied after the values files (repeatable)")
	fl.StringArrayVar(&f.composeEnv, "compose-env", nil, "KEY=VALUE for docker-compose interpolation, besides the .env file (repeatable; the process environment is never read)")
	fl.BoolVar(&f.noInline, "no-inline-exceptions", false, "ignore tollgate:ignore comments (they are reported as ignored)")
	fl.BoolVar(&f.secrets, "secrets", true, "check every IaC file read and every image's layers, env and history for secrets (gitleaks rules; category secret); --secrets=false turns it off")
	fl.StringArrayVar(&f.formats, "format", nil, "report FORMAT[=PATH]: table, json, sarif, junit, markdown, github, html, outputs (no PATH means stdout; repeatable; default table)")
	fl.StringArrayVar(&f.sboms, "sbom", nil, "write the image SBOM: FORMAT=PATH with FORMAT cyclonedx-json or spdx-json (repeatable)")
	fl.StringArrayVar(&f.sourceSBOM, "source-sbom", nil, "catalogue the dependencies the source tree (--root) declares, check them with the SBOM rules and write the SBOM: FORMAT=PATH (repeatable)")
	f.signing.addFlags(fl)
	f.vulns.addFlags(fl)
	fl.StringVar(&f.maxLayer, "max-layer-size", "4GiB", "largest decompressed image layer read; a larger one is an error")
	fl.StringVar(&f.maxImage, "max-image-size", "16GiB", "largest decompressed image (all layers) read; a larger one is an error")
	fl.BoolVarP(&f.quiet, "quiet", "q", false, "print only the verdict line: no table unless --format asks for one, no warnings, no progress (errors are still printed)")
	fl.BoolVar(&f.debug, "debug", false, "log each step of the scan (policies loaded, files read and evaluated, images, signing) with its duration on stderr")
	fl.StringVar(&f.shard, "shard", "", "read only shard K of N (K/N, e.g. 2/4): configurations, charts, files and images are dealt by a hash of their path, never split; combine the shards' JSON reports with tollgate merge. Never signs")
	fl.DurationVar(&f.timeout, "timeout", tollgate.DefaultTimeout, "time limit for the whole scan (0 means none); a scan that runs out of time writes no report and exits 2")
	fl.StringVar(&f.root, "root", "", "directory report paths are relative to, and outside which nothing is read (default: the git work tree holding the targets, else the working directory)")
	return cmd
}

func runScan(cmd *cobra.Command, args []string, f *scanFlags) error {
	opts := tollgate.Options{
		Root:               f.root,
		Targets:            args,
		Images:             f.images,
		InsecureRegistries: f.insecure,
		Platforms:          f.platform,
		PolicyDirs:         f.policies,
		FailOn:             f.failOn,
		Baseline:           f.baseline,
		ConfigPath:         f.config,
		SkipErrors:         f.skipErrors,
		SkipDirs:           f.skipDirs,
		SkipFiles:          f.skipFiles,
		Select:             tollgate.Selection{Rules: f.rules, Categories: f.categories, Frameworks: f.frameworks},
		Compliance:         f.compliance,
		NoInlineExceptions: f.noInline,
		HelmValues:         f.helmValues,
		HelmSet:            f.helmSet,
		TerraformVarFiles:  f.varFiles,
		DownloadModules:    f.downloadModules,
		DownloadCharts:     f.downloadCharts,
		DownloadBases:      f.downloadBases,
		DownloadCache:      f.downloadCache,
		CacheDir:           f.cacheDir,
		NoCache:            f.noCache,
		NoSecrets:          !f.secrets,
		Timeout:            f.timeout,
	}
	if f.timeout == 0 {
		opts.Timeout = -1
	}
	if f.shard != "" {
		var k, n int
		if _, err := fmt.Sscanf(f.shard, "%d/%d", &k, &n); err != nil || fmt.Sprintf("%d/%d", k, n) != f.shard || n < 1 || k < 1 || k > n {
			return usage(cmd, "--shard %q: want K/N with 1 <= K <= N, e.g. 2/4", f.shard)
		}
		opts.Shard = &report.Shard{Index: k, Total: n}
	}
	for _, sz := range []struct {
		flag, value string
		dst         *int64
	}{{"--max-layer-size", f.maxLayer, &opts.MaxLayerSize}, {"--max-image-size", f.maxImage, &opts.MaxImageSize}} {
		n, err := units.RAMInBytes(sz.value)
		if err != nil || n <= 0 {
			return usage(cmd, "%s %q: want a size such as 512MiB or 4GiB", sz.flag, sz.value)
		}
		*sz.dst = n
	}
	var err error
	if opts.TerraformVars, err = keyValues("--var", f.vars); err != nil {
		return usage(cmd, "%v", err)
	}
	if opts.ComposeEnv, err = keyValues("--compose-env", f.composeEnv); err != nil {
		return usage(cmd, "%v", err)
	}
	if f.quiet && f.debug {
		return usage(cmd, "--quiet and --debug cannot be used together")
	}
	outs, err := reportOutputs(cmd, f.formats, f.severity, !f.quiet)
	if err != nil {
		return err
	}
	opts.SBOMs = sbomOutputs(f.sboms)
	if opts.Keychain, err = image.EnvKeychain(os.Getenv); err != nil {
		return usage(cmd, "%v", err)
	}
	opts.SourceSBOMs = sbomOutputs(f.sourceSBOM)
	f.vulns.apply(&opts)
	if opts.Sign, err = f.signing.options(cmd); err != nil {
		return usage(cmd, "%v", err)
	}
	reportFile, err := f.signing.jsonReport(outs)
	if err != nil {
		return usage(cmd, "%v", err)
	}

	var progress *progressLine
	switch {
	case f.debug:
		opts.Logger = slog.New(slog.NewTextHandler(cmd.ErrOrStderr(), &slog.HandlerOptions{Level: slog.LevelDebug}))
	case !f.quiet:
		if progress = newProgressLine(cmd.ErrOrStderr()); progress != nil {
			opts.Progress = progress.update
		}
	}
	res, err := tollgate.Scan(cmd.Context(), opts)
	progress.clear()
	var interrupted *tollgate.InterruptedError
	var timedOut *tollgate.TimeoutError
	if errors.As(err, &timedOut) {
		fmt.Fprintf(cmd.ErrOrStderr(), "tollgate: error: %v: no report written, nothing signed\n", timedOut)
		return &exitError{code: tollgate.ExitError}
	}
	if errors.As(err, &interrupted) {
		return err // main says so and exits 128+signal
	}
	if err != nil {
		return usage(cmd, "%v", err)
	}
	if err := cmd.Context().Err(); err != nil {
		return err // interrupted after the scan: no report either
	}
	if err := writeReports(cmd, res.Report, outs, f.severity); err != nil {
		return err
	}
	if err := f.signing.signReportFile(cmd, res, reportFile, f.quiet); err != nil {
		return err
	}
	if !f.quiet {
		printPolicyWarnings(cmd.ErrOrStderr(), res.Report.Warnings)
	}
	fmt.Fprintln(cmd.ErrOrStderr(), tollgate.Verdict(res.Report))
	if sig := res.Report.Signing; sig != nil && !f.quiet {
		for _, s := range sig.Signed {
			fmt.Fprintf(cmd.ErrOrStderr(), "tollgate: signed %s@%s (%s)%s\n", s.Reference, s.Digest, s.Signature, signedBy(s))
		}
		if sig.Skipped != "" {
			fmt.Fprintln(cmd.ErrOrStderr(), "tollgate: not signed:", sig.Skipped)
		}
	}
	if code := res.ExitCode(); code != tollgate.ExitPassed {
		return &exitError{code: code}
	}
	return nil
}

func usage(cmd *cobra.Command, format string, args ...any) error {
	fmt.Fprintf(cmd.ErrOrStderr(), "tollgate: error: "+format+"\n", args...)
	return &exitError{code: tollgate.ExitError}
}

// reportOutputs checks --severity and parses the --format flags; without
// any, the table on stdout when table is set.
func reportOutputs(cmd *cobra.Command, formats, severity []string, table bool) ([]report.Output, error) {
	for _, s := range severity {
		if report.SeverityRank(s) == 0 {
			return nil, usage(cmd, "--severity %q: want critical, high, medium, low or info", s)
		}
	}
	if len(formats) == 0 && table {
		formats = []string{"table"}
	}
	var outs []report.Output
	for _, s := range formats {
		o, err := report.ParseOutput(s)
		if err != nil {
			return nil, usage(cmd, "--format: %v", err)
		}
		outs = append(outs, o)
	}
	if err := report.CheckOutputs(outs); err != nil {
		return nil, usage(cmd, "--format: %v", err)
	}
	return outs, nil
}

// writeReports writes every report asked for, then, inside GitHub Actions,
// the Markdown summary into the job summary.
func writeReports(cmd *cobra.Command, r *report.Report, outs []report.Output, severity []string) error {
	if err := report.WriteAll(report.FilterSeverity(r, severity), outs, cmd.OutOrStdout()); err != nil {
		fmt.Fprintln(cmd.ErrOrStderr(), "tollgate: error:", err)
		return &exitError{code: tollgate.ExitError}
	}
	if path := os.Getenv("GITHUB_STEP_SUMMARY"); path != "" {
		if err := appendStepSummary(path, r); err != nil {
			// The job summary is a courtesy: it never changes the verdict.
			fmt.Fprintln(cmd.ErrOrStderr(), "tollgate: warning: step summary not written:", err)
		}
	}
	return nil
}

// appendStepSummary adds the Markdown summary to a GitHub Actions job
// summary file, which earlier steps may have written to.
func appendStepSummary(path string, r *report.Report) error {
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	if err := report.WriteMarkdown(f, r); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// keyValues reads repeated KEY=VALUE flags; nil when none is given.
func keyValues(flag string, list []string) (map[string]string, error) {
	if len(list) == 0 {
		return nil, nil
	}
	out := make(map[string]string, len(list))
	for _, kv := range list {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || k == "" {
			return nil, fmt.Errorf("%s %q: want NAME=VALUE", flag, kv)
		}
		out[k] = v
	}
	return out, nil
}

// sbomOutputs reads repeated FORMAT=PATH flags; the library checks them.
func sbomOutputs(list []string) []tollgate.SBOMOutput {
	var out []tollgate.SBOMOutput
	for _, s := range list {
		format, path, _ := strings.Cut(s, "=")
		out = append(out, tollgate.SBOMOutput{Format: format, Path: path})
	}
	return out
}
