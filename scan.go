// Package tollgate is the scanner's library API: read the release's inputs,
// evaluate policies over them, gate on the findings, sign what passed and
// report. The CLI in cmd/tollgate only maps flags onto Options.
package tollgate

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/google/go-containerregistry/pkg/v1/remote"

	"github.com/tollgate/tollgate/policies"
	"github.com/tollgate/tollgate/report"
	"github.com/tollgate/tollgate/scanners"
	"github.com/tollgate/tollgate/scanners/ansible"
	"github.com/tollgate/tollgate/scanners/cloudformation"
	"github.com/tollgate/tollgate/scanners/compose"
	"github.com/tollgate/tollgate/scanners/dockerfile"
	"github.com/tollgate/tollgate/scanners/fetch"
	"github.com/tollgate/tollgate/scanners/helm"
	"github.com/tollgate/tollgate/scanners/image"
	"github.com/tollgate/tollgate/scanners/kubernetes"
	"github.com/tollgate/tollgate/scanners/kustomize"
	"github.com/tollgate/tollgate/scanners/source"
	"github.com/tollgate/tollgate/scanners/terraform"
	"github.com/tollgate/tollgate/scanners/tfplan"
	"github.com/tollgate/tollgate/sign"
)

// Version is the tollgate version, set at build time.
var Version = "dev"

// Exit codes.
const (
	ExitPassed = 0 // no finding at or above the threshold, every input read
	ExitFailed = 1 // findings at or above the threshold
	ExitError  = 2 // an input could not be read or evaluated, or a usage error
)

// Options describes one scan.
type Options struct {
	// Root is the directory report paths are relative to, and outside
	// which nothing is read; "" means the git work tree holding the
	// targets, else the working directory (see scanRoot).
	Root string
	// Targets are IaC files and directories.
	Targets []string
	// SkipDirs and SkipFiles are glob patterns (doublestar syntax, matched
	// against paths from Root) of what the walk under the targets leaves
	// out, besides the config file's and the .tollgateignore file's at
	// Root (gitignore syntax). A target itself is never left out.
	SkipDirs, SkipFiles []string
	// Select narrows the rules applied (all of them when empty).
	Select Selection
	// Shard, when set, reads only shard Index of Total: the Terraform
	// configurations, charts, kustomizations, other files and images are
	// dealt to the shards by a hash of their path, never split, so the
	// reports of shards 1 to Total, merged (Merge), are one scan's report.
	// A shard that reads nothing passes; the merge checks the whole.
	Shard *report.Shard
	// Logger receives what a scan does and how long each step takes, at
	// debug level (tollgate scan --debug); nil logs nothing.
	Logger *slog.Logger
	// Progress, when set, is told how far the scan has got after each file
	// and image, from several goroutines one at a time; it must return
	// quickly (tollgate draws a status line on a terminal).
	Progress func(Progress)
	// Compliance names the frameworks (nist-800-53, cis-aws-2.0...) whose
	// controls the report's compliance view shows passed or failed, as the
	// selected rules check them. A name no selected rule maps to is a
	// usage error.
	Compliance []string
	// Images are image references: registry:REF, oci-dir:PATH,
	// docker-archive:PATH, or a bare registry REF.
	Images []string
	// InsecureRegistries are registry hosts reached over plain HTTP.
	InsecureRegistries []string
	// Platforms choose the images of a multi-platform index: os/arch[/variant]
	// values, or "all"; none means the runner's platform. Each platform is
	// scanned, reported and signed as an image of its own (images.go).
	Platforms []string
	// Keychain resolves registry credentials; nil means the docker config
	// and its credential helpers (image.EnvKeychain adds the environment's).
	Keychain authn.Keychain
	// DaemonHost is the docker or podman API endpoint for docker: and
	// podman: images; "" means the environment's (image.DaemonHost).
	DaemonHost string
	// PolicyDirs hold the user's own Rego policies.
	PolicyDirs []string
	// FailOn is the gate threshold as ParseThreshold reads it: "high",
	// "none", "encryption=medium,access=high". "" means the config file's,
	// else high.
	FailOn string
	// SkipErrors lets a scan whose inputs could not all be read pass or
	// fail on its findings; the errors are still reported. Nothing is ever
	// signed after an error.
	SkipErrors bool
	// Baseline is a previous JSON or SARIF report: findings whose
	// fingerprint it holds are reported but not gated.
	Baseline string
	// ConfigPath is the config file; "" means .tollgate.yaml in Root when
	// it exists.
	ConfigPath string
	// NoInlineExceptions ignores tollgate:ignore comments (they are
	// reported as ignored).
	NoInlineExceptions bool
	// NoSecrets turns secret detection off. Detection is on by default:
	// every file the IaC readers read, and every image's layers, config
	// environment and history, are checked with gitleaks' rules; findings
	// are in category "secret", their values masked in every output
	// (tollgate scan --secrets=false).
	NoSecrets bool
	// TerraformVarFiles are .tfvars files applied to every root module after
	// its auto-loaded ones (terraform -var-file), relative to Root;
	// TerraformVars are -var NAME=VALUE settings applied after them.
	TerraformVarFiles []string
	TerraformVars     map[string]string
	// HelmValues are values files applied to every chart (helm -f), in
	// order; HelmSet are --set expressions applied after them.
	HelmValues []string
	HelmSet    []string
	// DownloadModules fetches the remote Terraform modules that terraform
	// init has not installed (a module registry, git over HTTPS, HTTPS
	// archives), and DownloadCharts the Helm chart dependencies not
	// vendored in charts/ (https:// chart repositories, oci:// registries),
	// so that what they create is checked; a download that fails is an
	// error. Without them nothing is downloaded. Both keep what they fetch
	// in DownloadCache ("" means the user cache directory's tollgate).
	DownloadModules bool
	DownloadCharts  bool
	// DownloadBases fetches Kustomize remote bases (git repositories over
	// HTTPS) the same way.
	DownloadBases bool
	DownloadCache string
	// ComposeEnv are the variables docker-compose files are interpolated
	// with, besides the .env file beside them; the process environment is
	// never read.
	ComposeEnv map[string]string
	// CacheDir keeps what each unit of files (a Terraform configuration,
	// a chart, a manifest) came to, so that a rescan reads and evaluates
	// only the units whose inputs changed; "" means the user cache
	// directory's tollgate/scan. NoCache reads everything afresh and
	// writes nothing. The cache is off while downloads are on. Images'
	// SBOMs are kept by image digest in its images directory (downloads
	// or not), so a rescan of an image reads none of its layers.
	CacheDir string
	NoCache  bool
	// Now is the clock exceptions expire by; nil means time.Now.
	Now func() time.Time
	// SBOMs are the SBOM files to write for the images.
	SBOMs []SBOMOutput
	// SourceSBOMs, when set, catalogue the dependencies the source tree
	// (Root) declares, write its SBOM to each output, and hand its packages
	// to the SBOM rules (license deny list, banned packages).
	SourceSBOMs []SBOMOutput
	// Sign, when set, signs every passing registry image.
	Sign *SignOptions
	// Vulns is how the packages of the images, of the source tree
	// (SourceSBOMs) and of SBOMIn are matched against grype's
	// vulnerability database: VulnsAuto (""), VulnsOff or VulnsRequired
	// (vulns.go). DBDir is the database directory ("" means
	// DefaultDBDir); DBMaxAge the age past which it is stale (0 means
	// vulns.DefaultMaxAge). IgnoreUnfixed leaves out vulnerabilities with
	// no fixed version; VEX are OpenVEX or CSAF documents whose
	// not_affected and fixed statements suppress findings.
	Vulns         string
	DBDir         string
	DBMaxAge      time.Duration
	IgnoreUnfixed bool
	VEX           []string
	// SBOMIn are existing SBOM files (CycloneDX, SPDX, syft JSON) whose
	// packages are matched against the vulnerability database.
	SBOMIn []string
	// MaxLayerSize and MaxImageSize bound the decompressed size of one
	// image layer and of one image; 0 means image.DefaultMaxLayerSize and
	// image.DefaultMaxImageSize.
	MaxLayerSize, MaxImageSize int64
	// Timeout bounds the whole scan; 0 means DefaultTimeout, a negative
	// value none. A scan that runs out of time is interrupted: no result,
	// nothing signed.
	Timeout time.Duration
}

// DefaultTimeout is the time a scan may take when Options.Timeout is 0:
// long enough for large images on a slow registry, short enough that a
// stalled input cannot hold a CI runner for its whole job limit.
const DefaultTimeout = 30 * time.Minute

// SBOMOutput is one SBOM file: a syft format name and a path. With several
// images, the path must contain {image}, replaced by the image's name.
type SBOMOutput struct {
	Format string
	Path   string
}

// SignOptions is the identity that signs passing images (and, with
// Result.SignReport, the report): a cosign key or keyless.
type SignOptions struct {
	// KeyPath is a cosign private key: a file (encrypted, as written by
	// `cosign generate-key-pair` or `tollgate keygen`), env://VAR (such a
	// key in $VAR), or a KMS key (awskms://, gcpkms://, azurekms://,
	// hashivault://; credentials from the provider's environment).
	KeyPath string
	// Password decrypts a file or env:// key (COSIGN_PASSWORD).
	Password []byte
	// TlogUpload uploads a key's signatures to the Rekor log at RekorURL
	// ("" is sign.DefaultRekorURL) and attaches the entries, as cosign does
	// by default; false keeps key signing offline.
	TlogUpload bool
	RekorURL   string
	// Keyless, when set instead of KeyPath, signs with an ephemeral key
	// and a Fulcio certificate for the OIDC identity, recorded in Rekor.
	Keyless *sign.KeylessOptions
	// ReportOnly signs no image: the identity is only for
	// Result.SignReport (--sign-report without --sign).
	ReportOnly bool
}

// UsageError is a problem with the options themselves.
type UsageError struct{ Err error }

func (e *UsageError) Error() string { return e.Err.Error() }
func (e *UsageError) Unwrap() error { return e.Err }

func usagef(format string, args ...any) error {
	return &UsageError{Err: fmt.Errorf(format, args...)}
}

// InterruptedError is returned by Scan when its context was cancelled
// before the scan finished (a signal, a deadline). Cause is the context's
// cause.
type InterruptedError struct{ Cause error }

func (e *InterruptedError) Error() string { return "scan interrupted: " + e.Cause.Error() }
func (e *InterruptedError) Unwrap() error { return e.Cause }

// TimeoutError is the cause of an InterruptedError when the scan ran out
// of its Options.Timeout.
type TimeoutError struct{ Limit time.Duration }

func (e *TimeoutError) Error() string {
	return fmt.Sprintf("the scan took longer than its %s time limit (--timeout)", e.Limit)
}

// Result is a finished scan.
type Result struct {
	Report *report.Report
	// Images are the images read, with their SBOMs.
	Images []*image.Image
	// signer is Options.Sign's identity, for SignReport.
	signer *signerSource
	// keychain is Options.Keychain: signing pushes with the credentials
	// the images were read with.
	keychain authn.Keychain
}

// ExitCode is the process exit code the scan's verdict calls for.
func (r *Result) ExitCode() int {
	switch r.Report.Summary.Result {
	case report.ResultPassed:
		return ExitPassed
	case report.ResultFailed:
		return ExitFailed
	}
	return ExitError
}

// Scan reads every input, evaluates the policies, gates, writes the SBOMs
// and signs passing images. Problems with inputs are recorded in the
// report (and fail the scan closed); the error return is for problems with
// the options or the policies themselves.
//
// A scan whose context is cancelled before it finishes returns an
// *InterruptedError and no result: its findings are partial, so there is
// no report to write, and nothing is signed.
func Scan(ctx context.Context, o Options) (*Result, error) {
	timeout := o.Timeout
	if timeout == 0 {
		timeout = DefaultTimeout
	}
	if timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeoutCause(ctx, timeout, &TimeoutError{Limit: timeout})
		defer cancel()
	}
	res, err := scanInputs(ctx, o)
	if ctx.Err() != nil {
		return nil, &InterruptedError{Cause: context.Cause(ctx)}
	}
	return res, err
}

func scanInputs(ctx context.Context, o Options) (*Result, error) {
	root, err := scanRoot(o.Root, o.Targets)
	if err != nil {
		return nil, err
	}
	cfg, err := loadConfigFor(o, root)
	if err != nil {
		return nil, &UsageError{Err: err}
	}
	if o.FailOn == "" && cfg != nil {
		o.FailOn = string(cfg.FailOn)
	}
	threshold, err := ParseThreshold(o.FailOn)
	if err != nil {
		return nil, err
	}
	allowInline := !o.NoInlineExceptions && (cfg == nil || cfg.InlineExceptions == nil || *cfg.InlineExceptions)
	skipErrors := o.SkipErrors || (cfg != nil && cfg.SkipErrors)
	now := time.Now
	if o.Now != nil {
		now = o.Now
	}
	if len(o.Targets) == 0 && len(o.Images) == 0 && len(o.SBOMIn) == 0 {
		return nil, usagef("nothing to scan: give IaC paths, --image and/or --sbom-in")
	}
	if err := checkImageOptions(o); err != nil {
		return nil, err
	}
	if err := checkSBOMOutputs("--sbom", o.SBOMs, imageCount(o)); err != nil {
		return nil, err
	}
	if err := checkSBOMOutputs("--source-sbom", o.SourceSBOMs, 1); err != nil {
		return nil, err
	}
	if s := o.Shard; s != nil && (s.Total < 1 || s.Index < 1 || s.Index > s.Total) {
		return nil, usagef("shard %d/%d: want INDEX/TOTAL with 1 <= INDEX <= TOTAL", s.Index, s.Total)
	}
	if err := checkSignable(o); err != nil {
		return nil, err
	}
	var known map[string]bool
	if o.Baseline != "" {
		if known, err = loadBaseline(o.Baseline); err != nil {
			return nil, &UsageError{Err: err}
		}
	}
	signer, err := newSignerSource(ctx, o.Sign)
	if err != nil {
		return nil, err
	}
	log := o.logger()
	log.Debug("scan", "root", root, "targets", len(o.Targets), "images", len(o.Images))
	sec, err := newSecretScanner(o)
	if err != nil {
		return nil, err
	}
	// The vulnerability database is opened first: a scan that must match
	// and has none fails before it pulls anything.
	vs := &vulnScan{check: report.Check{Name: report.CheckVulnerabilities, Status: report.CheckSkipped, Reason: nothingToMatch}}
	if len(o.Images) > 0 || len(o.SourceSBOMs) > 0 || len(o.SBOMIn) > 0 {
		if vs, err = openVulns(o, now()); err != nil {
			return nil, err
		}
		defer vs.close()
	}
	images, stopImages, err := loadImages(ctx, o, sec.detector()) // options checked by checkImageOptions
	if err != nil {
		return nil, err
	}
	defer stopImages()
	start := time.Now()
	engine, err := loadEngine(ctx, o, cfg)
	if err != nil {
		return nil, &UsageError{Err: err}
	}
	log.Debug("policies loaded", "rules", len(engine.Rules()), "packages", len(engine.Packages()), "took", since(start))
	// The secret category is known whether or not detection is on, so
	// that a gate written for it is not a usage error when it is off.
	categories := map[string]bool{"custom": true, SecretCategory: true, report.CategoryVulnerability: true}
	for _, r := range engine.Rules() {
		categories[r.Category] = true
	}
	if err := threshold.checkCategories(categories); err != nil {
		return nil, err
	}
	selected, nSelected, err := o.Select.compile(append(engine.Rules(), sec.policyRules()...))
	if err != nil {
		return nil, err
	}
	frameworks, evaluated, err := complianceRules(o.Compliance, engine.Rules(), selected, o.Select)
	if err != nil {
		return nil, err
	}

	rep := &report.Report{
		Version:  report.SchemaVersion,
		Tool:     report.Tool{Name: "tollgate", Version: Version, URI: "https://github.com/tollgate/tollgate"},
		Findings: []report.Finding{},
		Errors:   []report.Error{},
		Rules:    []report.Rule{},
		Targets:  []report.Target{},
	}
	// The library compiles while the files are read (loadEngine):
	// evaluations wait for it, and a library that does not compile stops
	// the reading.
	walkCtx, stopWalk := context.WithCancel(ctx)
	defer stopWalk()
	ev := newEvaluator(walkCtx, engine, rep, selected)
	ev.abort = stopWalk
	if sec != nil {
		ev.extraRules = sec.rules
	}
	ev.progress = o.Progress
	var skipped []scanners.Skipped
	if len(o.Targets) > 0 {
		scs, err := fileScanners(o)
		if err != nil {
			return nil, err
		}
		exclude, err := excludeFor(o, cfg, root)
		if err != nil {
			return nil, err
		}
		// Its error is taken after the walk.
		drain := func() { ev.flush() } //nolint:errcheck
		wopts := []scanners.WalkOption{scanners.WithExclude(exclude), scanners.WithResults(ev.file), scanners.WithDrain(drain)}
		if o.Shard != nil {
			wopts = append(wopts, scanners.WithShard(o.Shard.Index, o.Shard.Total))
		}
		cache, why := openCache(o, cfg, root)
		if cache != nil {
			wopts = append(wopts, scanners.WithUnitHook(cache.hook(ev, sec)))
		} else {
			log.Debug("cache off", "why", why)
			if sec != nil {
				wopts = append(wopts, scanners.WithUnitHook(sec.hook(ev)))
			}
		}
		start := time.Now()
		walked, err := scanners.Walk(walkCtx, root, o.Targets, scs, wopts...)
		// A compile that failed stopped the walk: its error, not the
		// walk's, is the scan's.
		if lerr := ev.libraryError(ctx, false); lerr != nil {
			return nil, lerr
		}
		if err != nil {
			return nil, err
		}
		if cache != nil {
			log.Debug("cache", "dir", cache.dir, "hits", cache.hits.Load(), "misses", cache.misses.Load(),
				"stored", cache.stored.Load(), "write_failures", cache.failed.Load())
		}
		log.Debug("files read and evaluated", "files", rep.Summary.FilesScanned+rep.Summary.FilesFailed,
			"skipped", len(walked.Skipped), "resources", rep.Summary.Resources, "findings", len(rep.Findings), "took", since(start))
		skipped = walked.Skipped
	}
	// Images and SBOMs are evaluated here: the library must be compiled
	// (a rescan the cache answered whole has not compiled it).
	if err := ev.libraryError(ctx, len(images) > 0 || len(o.SourceSBOMs) > 0 || len(o.SBOMIn) > 0); err != nil {
		return nil, err
	}
	res := &Result{Report: rep, keychain: o.Keychain}
	var tree *source.Tree
	if len(o.SourceSBOMs) > 0 && inShard(o.Shard, "source-sbom") {
		if tree = sourceTree(ctx, root, o.SourceSBOMs, rep); tree != nil {
			ev.docs([]scanners.Document{tree.Document})
		}
	}
	for _, l := range images {
		ref := l.ref
		if o.Progress != nil {
			ev.report(ref)
		}
		select {
		case <-l.done:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		if l.err != nil {
			rep.Errors = append(rep.Errors, report.Error{Path: ref, Message: l.err.Error()})
			rep.Targets = append(rep.Targets, report.Target{Path: ref, Format: "image", Status: report.StatusFailed, Reason: l.err.Error()})
			continue
		}
		for _, im := range l.ims {
			res.Images = append(res.Images, im)
			ev.docs([]scanners.Document{im.Document})
			ev.apply(imageOutcome(im.Document.Path, im.Digest, im.Secrets))
			log.Debug("image read and evaluated", "image", ref, "digest", im.Digest, "packages", im.SBOM.Artifacts.Packages.PackageCount(), "sbom_cached", im.SBOMCached, "read_took", l.took)
			rep.Images = append(rep.Images, reportImage(ref, im))
		}
		rep.Targets = append(rep.Targets, report.Target{Path: ref, Format: "image", Status: report.StatusScanned, Resources: len(l.ims)})
	}

	resStart := ev.finish(skipped)
	vstart, nFindings := time.Now(), len(rep.Findings)
	resStart = vs.match(ctx, vulnTargets(o, res.Images, tree), rep, resStart)
	log.Debug("vulnerabilities matched", "check", vs.check.Status, "findings", len(rep.Findings)-nFindings, "took", since(vstart))
	if vs.db == nil && vs.check.Status == report.CheckSkipped && o.Vulns != VulnsOff && len(o.Images)+len(o.SourceSBOMs) > 0 {
		rep.Warnings = append(rep.Warnings, report.Error{Message: "vulnerability matching skipped: " + vs.check.Reason})
		log.Info("vulnerability matching skipped", "why", vs.check.Reason)
	}
	secretsCheck := report.Check{Name: report.CheckSecrets, Status: report.CheckRan}
	if sec == nil {
		secretsCheck = report.Check{Name: report.CheckSecrets, Status: report.CheckSkipped, Reason: "turned off (--secrets=false)"}
	}
	rep.Summary.Checks = append([]report.Check{{Name: report.CheckPolicies, Status: report.CheckRan}, vs.check, secretsCheck}, rep.Summary.Checks...)
	inline, inlineErrs := inlineExceptions(root, ev.mayHoldExceptions(findingFiles(rep)), now(), allowInline)
	rep.Errors = append(rep.Errors, inlineErrs...)
	applyExceptions(rep, resStart, append(inline, configExceptions(cfg, now())...), allowInline)
	applyBaseline(rep, known)
	attachCode(rep, root, mask(rep, ev.secretValues()))

	for _, out := range o.SBOMs {
		if err := writeSBOMs(out, res.Images); err != nil {
			rep.Errors = append(rep.Errors, report.Error{Path: out.Path, Message: err.Error()})
		}
	}
	if len(o.Targets) > 0 && rep.Summary.FilesScanned == 0 && rep.Summary.FilesFailed == 0 && len(o.Images) == 0 && len(o.SourceSBOMs) == 0 && len(o.SBOMIn) == 0 && o.Shard == nil {
		// A gate that read nothing must not pass as if it had checked.
		rep.Errors = append(rep.Errors, report.Error{Path: strings.Join(o.Targets, " "),
			Message: fmt.Sprintf("nothing to scan: no IaC file tollgate reads under the given paths (%s skipped)", plural(rep.Summary.FilesSkipped, "file"))})
	}
	gate(rep, threshold, skipErrors)
	rep.Summary.RulesEvaluated = nSelected
	if o.Shard != nil {
		sh := *o.Shard
		rep.Summary.Shard = &sh
	}
	if len(frameworks) > 0 {
		rep.Compliance = report.NewCompliance(frameworks, evaluated, rep.Findings)
	}
	if ctx.Err() != nil {
		return nil, ctx.Err() // Scan says why
	}
	res.signer = signer
	if signer != nil && !o.Sign.ReportOnly {
		start := time.Now()
		signPassing(ctx, signer, res)
		log.Debug("signing done", "took", since(start))
	}
	rep.Sort()
	return res, nil
}

// Progress is how far a scan has got.
type Progress struct {
	// Files and Resources count the files read and the resources
	// evaluated so far.
	Files, Resources int
	// Image, when set, is the image being pulled and catalogued.
	Image string
}

// since is the time elapsed since start, rounded for logs.
func since(start time.Time) time.Duration { return time.Since(start).Round(time.Millisecond) }

// logger is o.Logger, or one that discards.
func (o Options) logger() *slog.Logger {
	if o.Logger != nil {
		return o.Logger
	}
	return slog.New(slog.DiscardHandler)
}

// inShard reports whether the input named key falls to shard s (every
// input does without sharding).
func inShard(s *report.Shard, key string) bool {
	return s == nil || scanners.ShardOf(key, s.Total) == s.Index
}

// scanRoot is the directory report paths are relative to: the one given,
// which must exist and contain every target; else the git work tree that
// holds every target (as the peers do: SARIF paths are then relative to the
// repository, and a module calling ../modules/x or an overlay reaching
// ../../base is read from any directory); else the working directory when
// it contains them all, else their deepest common directory, so that paths
// (and so resource addresses and fingerprints) of different targets never
// collide.
func scanRoot(root string, targets []string) (string, error) {
	if root != "" {
		st, err := os.Stat(root)
		if err != nil || !st.IsDir() {
			return "", usagef("--root %s: not a directory", root)
		}
		for _, t := range targets {
			if !within(root, t) {
				return "", usagef("target %s is outside --root %s", t, root)
			}
		}
		return root, nil
	}
	common := ""
	all := true
	for _, t := range targets {
		if !within(".", t) {
			all = false
		}
		abs, err := filepath.Abs(t)
		if err != nil {
			return "", &UsageError{Err: err}
		}
		dir := abs
		if st, err := os.Stat(abs); err == nil && !st.IsDir() {
			dir = filepath.Dir(abs)
		}
		if common == "" {
			common = dir
			continue
		}
		for !within(common, dir) {
			common = filepath.Dir(common)
		}
	}
	if common == "" {
		return ".", nil
	}
	if tree := gitWorkTree(common); tree != "" {
		if cwd, err := filepath.Abs("."); err == nil && cwd == tree {
			return ".", nil
		}
		return tree, nil
	}
	if all {
		return ".", nil
	}
	return common, nil
}

// gitWorkTree returns the top directory of the git work tree holding dir
// (the nearest directory with a .git directory or file, as a linked work
// tree or a submodule has), or "" when dir is in none.
func gitWorkTree(dir string) string {
	for {
		if _, err := os.Lstat(filepath.Join(dir, ".git")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// within reports whether path is dir or lies under it.
func within(dir, path string) bool {
	d, err1 := filepath.Abs(dir)
	p, err2 := filepath.Abs(path)
	if err1 != nil || err2 != nil {
		return false
	}
	rel, err := filepath.Rel(d, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// excludeFor is what the walk leaves out: the options' patterns, the
// config file's, and the ignore file at the root. A bad pattern is a usage
// error; an ignore file that cannot be read fails the scan (it would
// otherwise silently scan what it excludes, or the reverse).
func excludeFor(o Options, cfg *Config, root string) (*scanners.Exclude, error) {
	dirs, files := o.SkipDirs, o.SkipFiles
	if cfg != nil {
		dirs = append(append([]string(nil), dirs...), cfg.SkipDirs...)
		files = append(append([]string(nil), files...), cfg.SkipFiles...)
	}
	ex, err := scanners.NewExclude(dirs, files)
	if err != nil {
		return nil, &UsageError{Err: err}
	}
	fsys, err := scanners.OpenRoot(root)
	if err != nil {
		return nil, err
	}
	defer fsys.Close()
	if err := ex.ReadIgnoreFile(fsys, scanners.IgnoreFile); err != nil {
		return nil, err
	}
	return ex, nil
}

// loadConfigFor reads the config file the options name, or the default one
// in root when it exists. The default one is part of the scanned tree, so it
// is read as every input is: confined to the root.
func loadConfigFor(o Options, root string) (*Config, error) {
	if o.ConfigPath != "" {
		return LoadConfig(o.ConfigPath)
	}
	fsys, err := scanners.OpenRoot(root)
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	defer fsys.Close()
	if _, err := fsys.Stat(DefaultConfigFile); errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	b, err := fsys.ReadFile(DefaultConfigFile)
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	return parseConfig(filepath.Join(root, DefaultConfigFile), b)
}

func loadEngine(ctx context.Context, o Options, cfg *Config) (*policies.Engine, error) {
	var popts []policies.Option
	dirs := o.PolicyDirs
	if cfg != nil {
		dirs = append(append([]string{}, cfg.Policies...), dirs...)
		if cfg.Params != nil {
			popts = append(popts, policies.WithParams(cfg.Params))
		}
	}
	for _, d := range dirs {
		if strings.HasPrefix(d, policies.BundleScheme) {
			popts = append(popts, policies.WithPolicyBundle(d, policies.BundleOptions{
				Insecure: image.InsecureRegistry(strings.TrimPrefix(d, policies.BundleScheme), o.InsecureRegistries),
			}))
			continue
		}
		popts = append(popts, policies.WithPolicyDir(d))
	}
	// Compiled while the files are read: Engine.Wait has its errors.
	popts = append(popts, policies.WithBackgroundCompile())
	if len(o.Targets) == 0 && len(o.SourceSBOMs) == 0 && len(o.Images) > 0 {
		// Images alone: only the rules an image document can meet are
		// compiled (about 0.6 s of a second less on 2 cores).
		popts = append(popts, policies.WithOnlyKinds(policies.Kind{Format: image.DocumentFormat, Type: image.DocumentType}))
	}
	if !o.NoCache {
		// The library's rules, packages and warnings are kept with the
		// scan cache: a rescan the cache answers whole never compiles it.
		dir, why := scanCacheDir(o)
		key, why2 := policyDigest(o, cfg)
		if why == "" && why2 == "" {
			popts = append(popts, policies.WithCatalog(dir, key))
		}
	}
	return policies.Load(ctx, popts...)
}

// findingFiles lists the files with findings, for reading inline
// exceptions.
func findingFiles(rep *report.Report) []string {
	seen := map[string]bool{}
	var out []string
	for _, f := range rep.Findings {
		if p := f.Location.Path; p != "" && !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	return out
}

// Readers are the IaC readers a scan with options o uses, in the order it
// offers them a file, for tools that read as a scan does without
// evaluating (bench/readonly, tollgate's parse-only floor).
func Readers(o Options) ([]scanners.FileScanner, error) { return fileScanners(o) }

// fileScanners are the IaC readers, in the order the walker offers them a
// file: the first that matches takes it.
// Helm and Kustomize come before plain Kubernetes, so chart templates and
// the manifests an overlay builds on are read the way they are deployed.
func fileScanners(o Options) ([]scanners.FileScanner, error) {
	cacheDir := func() (string, error) {
		if o.DownloadCache != "" {
			return o.DownloadCache, nil
		}
		dir, err := userCacheDir("")
		if err != nil {
			return "", &UsageError{Err: fmt.Errorf("%v; set --download-cache", err)}
		}
		return dir, nil
	}
	tfOpts := []terraform.Option{terraform.WithVarFiles(o.TerraformVarFiles...), terraform.WithVars(o.TerraformVars)}
	helmOpts := []helm.Option{helm.WithValuesFiles(o.HelmValues...), helm.WithSet(o.HelmSet...)}
	var kOpts []kustomize.Option
	if o.DownloadModules || o.DownloadCharts || o.DownloadBases {
		dir, err := cacheDir()
		if err != nil {
			return nil, err
		}
		if o.DownloadModules {
			tfOpts = append(tfOpts, terraform.WithModuleFetcher(&fetch.Getter{CacheDir: filepath.Join(dir, "modules")}))
		}
		if o.DownloadBases {
			kOpts = append(kOpts, kustomize.WithGetter(&fetch.Getter{CacheDir: filepath.Join(dir, "bases")}))
		}
		if o.DownloadCharts {
			helmOpts = append(helmOpts, helm.WithChartFetcher(&helm.ChartFetcher{CacheDir: filepath.Join(dir, "charts"),
				Registry: []remote.Option{remote.WithAuthFromKeychain(authn.DefaultKeychain)}, InsecureRegistries: o.InsecureRegistries}))
		}
	}
	hs, err := helm.New(helmOpts...)
	if err != nil {
		return nil, &UsageError{Err: err}
	}
	return []scanners.FileScanner{
		terraform.New(tfOpts...),
		tfplan.New(),
		hs,
		kustomize.New(kOpts...),
		cloudformation.New(),
		ansible.New(), // before kubernetes: a task using the k8s module holds apiVersion and kind
		dockerfile.New(),
		compose.New(compose.WithEnvironment(o.ComposeEnv)),
		kubernetes.New(),
	}, nil
}
