package vulns

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/anchore/grype/grype"
	v6dist "github.com/anchore/grype/grype/db/v6/distribution"
	"github.com/anchore/grype/grype/distro"
	"github.com/anchore/grype/grype/match"
	"github.com/anchore/grype/grype/matcher"
	"github.com/anchore/grype/grype/matcher/dpkg"
	"github.com/anchore/grype/grype/matcher/golang"
	"github.com/anchore/grype/grype/matcher/rpm"
	"github.com/anchore/grype/grype/matcher/stock"
	grypepkg "github.com/anchore/grype/grype/pkg"
	"github.com/anchore/grype/grype/version"
	"github.com/anchore/grype/grype/vex"
	vexStatus "github.com/anchore/grype/grype/vex/status"
	"github.com/anchore/grype/grype/vulnerability"
	"github.com/anchore/syft/syft/format/syftjson"
	syftpkg "github.com/anchore/syft/syft/pkg"
	"github.com/anchore/syft/syft/sbom"
)

// DB is an open vulnerability database.
type DB struct {
	info Info
	vp   vulnerability.Provider
}

// Open loads the database installed in root for matching. A missing
// database is a *NoDatabaseError (errors.Is ErrNoDatabase), one built more
// than maxAge before now a *StaleError (maxAge 0 means DefaultMaxAge, a
// negative one no limit), one that cannot be read or fails its checksum a
// *CorruptError. Nothing is downloaded.
func Open(root string, maxAge time.Duration, now time.Time) (*DB, error) {
	info, err := Status(root)
	if err != nil {
		return nil, err
	}
	if maxAge == 0 {
		maxAge = DefaultMaxAge
	}
	if now.IsZero() {
		now = time.Now()
	}
	if age := now.Sub(info.Built); maxAge > 0 && age > maxAge {
		return nil, &StaleError{Path: info.Path, Built: info.Built, MaxAge: maxAge, Age: age}
	}
	vp, _, err := grype.LoadVulnerabilityDB(v6dist.DefaultConfig(), curatorConfig(root), false)
	if err != nil {
		return nil, &CorruptError{Path: info.Path, Err: err}
	}
	return &DB{info: info, vp: vp}, nil
}

// Info describes the database.
func (db *DB) Info() Info { return db.info }

// Close releases the database.
func (db *DB) Close() error { return db.vp.Close() }

// Options configures a match.
type Options struct {
	// VEX are OpenVEX or CSAF VEX documents (file paths): a match they
	// declare not_affected or fixed is returned in Result.VEX rather than
	// Result.Matches.
	VEX []string
	// IgnoreUnfixed leaves out the matches with no fixed version
	// (not-fixed, wont-fix, unknown), as grype --only-fixed does.
	IgnoreUnfixed bool
}

// Result is what a match found.
type Result struct {
	// Matches are the vulnerabilities found, sorted by id then package.
	Matches []Match
	// VEX are the matches a VEX document set aside, with its statement.
	VEX []Match
	// Unfixed counts the matches left out by Options.IgnoreUnfixed.
	Unfixed int
	// Packages is the number of packages matched.
	Packages int
}

// Match is one vulnerability of one package.
type Match struct {
	// ID is the vulnerability id (CVE-..., GHSA-...), Aliases its other
	// ids.
	ID      string
	Aliases []string
	// Severity is the advisory's severity, lowercase: critical, high,
	// medium, low, negligible or unknown.
	Severity string
	// CVSS are the advisory's CVSS scores.
	CVSS []CVSS
	// Namespace is the feed the advisory comes from (debian:distro:debian:12,
	// github:language:javascript); DataSource its page; URLs other
	// references.
	Namespace, DataSource string
	URLs                  []string
	Description           string
	Package               Package
	// FixedIn are the versions that fix it; FixState is fixed, not-fixed,
	// wont-fix or unknown.
	FixedIn  []string
	FixState string
	// MatchType is how grype matched it (exact-direct-match,
	// exact-indirect-match, cpe-match).
	MatchType string
	// VEXStatus and VEXJustification are set for a match a VEX document
	// set aside.
	VEXStatus, VEXJustification string
}

// CVSS is one CVSS score of an advisory.
type CVSS struct {
	Version, Vector, Source string
	Score                   float64
}

// Package is the package a match concerns.
type Package struct {
	// ID is syft's package id (the SBOM's).
	ID                        string
	Name, Version, Type, PURL string
	Language                  string
	// Locations are where syft found it: the file that declares it (a
	// package database, a manifest) first, and, in an image, the layer
	// holding each file.
	Locations []Location
}

// Location is one file a package was found in.
type Location struct {
	// Path is the file's path (in the image, or relative to the source
	// tree's root).
	Path string
	// Layer is the diff id of the image layer holding the file; "" for
	// a source tree.
	Layer string
}

// ignoreKernelHeaders are grype's default ignore rules for kernel headers
// matched through the kernel's source package (cmd/grype/cli/commands:
// ignoreLinuxKernelHeaders; grype --match-upstream-kernel-headers turns
// them off).
var ignoreKernelHeaders = []match.IgnoreRule{
	{Package: match.IgnoreRulePackage{Name: "kernel-headers", UpstreamName: "kernel", Type: string(syftpkg.RpmPkg)}, MatchType: match.ExactIndirectMatch},
	{Package: match.IgnoreRulePackage{Name: "linux(-.*)?-headers-.*", UpstreamName: "linux.*", Type: string(syftpkg.DebPkg)}, MatchType: match.ExactIndirectMatch},
	{Package: match.IgnoreRulePackage{Name: "linux-libc-dev", UpstreamName: "linux", Type: string(syftpkg.DebPkg)}, MatchType: match.ExactIndirectMatch},
	{Package: match.IgnoreRulePackage{Name: "linux-kbuild-.*", UpstreamName: "linux.*", Type: string(syftpkg.DebPkg)}, MatchType: match.ExactIndirectMatch},
}

// ignoreNonFixed are grype's --only-fixed rules.
var ignoreNonFixed = []match.IgnoreRule{
	{FixState: string(vulnerability.FixStateNotFixed)},
	{FixState: string(vulnerability.FixStateWontFix)},
	{FixState: string(vulnerability.FixStateUnknown)},
}

// matchers are the grype CLI's default matchers and their default
// configuration (cmd/grype/cli/options defaultMatchConfig): CPEs only for
// packages no ecosystem matcher takes.
func matchers() []match.Matcher {
	return matcher.NewDefaultMatchers(matcher.Config{
		Golang: golang.MatcherConfig{},
		Stock:  stock.MatcherConfig{UseCPEs: true},
		Dpkg:   dpkg.MatcherConfig{MissingEpochStrategy: version.MissingEpochStrategyZero},
		Rpm:    rpm.MatcherConfig{MissingEpochStrategy: version.MissingEpochStrategyAuto},
	})
}

// Match matches the packages of a syft SBOM. The SBOM goes through
// syft-json, exactly as `grype sbom:FILE` reads it, so that the packages,
// their distribution and grype's removal of packages owned by others are
// the CLI's.
func (db *DB) Match(ctx context.Context, s *sbom.SBOM, o Options) (*Result, error) {
	var buf bytes.Buffer
	if err := syftjson.NewFormatEncoder().Encode(&buf, *s); err != nil {
		return nil, fmt.Errorf("encode SBOM: %w", err)
	}
	return db.MatchReader(ctx, bytes.NewReader(buf.Bytes()), o)
}

// MatchFile matches the packages of an SBOM file: CycloneDX, SPDX or
// syft JSON (whatever syft's decoders read).
func (db *DB) MatchFile(ctx context.Context, path string, o Options) (*Result, error) {
	if err := checkInputFile(path, MaxSBOMSize); err != nil {
		return nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	res, err := db.MatchReader(ctx, f, o)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return res, nil
}

// MatchReader matches the packages of an SBOM document.
func (db *DB) MatchReader(ctx context.Context, r io.ReadSeeker, o Options) (*Result, error) {
	pkgs, pctx, _, err := grypepkg.ProvideFromReader(r, grypepkg.ProviderConfig{
		SynthesisConfig: grypepkg.SynthesisConfig{Distro: grypepkg.DistroConfig{FixChannels: distro.DefaultFixChannels()}},
	})
	if err != nil {
		return nil, fmt.Errorf("read SBOM: %w", err)
	}
	rules := append([]match.IgnoreRule(nil), ignoreKernelHeaders...)
	if o.IgnoreUnfixed {
		rules = append(rules, ignoreNonFixed...)
	}
	vm := grype.VulnerabilityMatcher{VulnerabilityProvider: db.vp, IgnoreRules: rules, Matchers: matchers()}
	if len(o.VEX) > 0 {
		for _, p := range o.VEX {
			if err := checkInputFile(p, MaxVEXSize); err != nil {
				return nil, fmt.Errorf("vex: %w", err)
			}
		}
		// No ignore rules: the processor then sets aside what a statement
		// calls not_affected or fixed (what grype's CLI does when given
		// VEX documents) and keeps the statement's justification.
		proc, err := vex.NewProcessor(vex.ProcessorOptions{Documents: o.VEX})
		if err != nil {
			return nil, fmt.Errorf("vex: %w", err)
		}
		vm.VexProcessor = proc
	}
	remaining, ignored, err := vm.FindMatchesContext(ctx, pkgs, pctx)
	if err != nil {
		return nil, fmt.Errorf("match: %w", err)
	}
	res := &Result{Packages: len(pkgs)}
	for _, m := range remaining.Sorted() {
		res.Matches = append(res.Matches, convert(m))
	}
	for _, im := range ignored {
		if r, ok := vexRule(im.AppliedIgnoreRules); ok {
			m := convert(im.Match)
			m.VEXStatus, m.VEXJustification = r.VexStatus, r.VexJustification
			res.VEX = append(res.VEX, m)
			continue
		}
		if o.IgnoreUnfixed && isUnfixed(im.Vulnerability.Fix.State) {
			res.Unfixed++
		}
	}
	sortMatches(res.Matches)
	sortMatches(res.VEX)
	return res, nil
}

func vexRule(rules []match.IgnoreRule) (match.IgnoreRule, bool) {
	for _, r := range rules {
		if r.VexStatus == string(vexStatus.NotAffected) || r.VexStatus == string(vexStatus.Fixed) {
			return r, true
		}
	}
	return match.IgnoreRule{}, false
}

func isUnfixed(s vulnerability.FixState) bool {
	return s == vulnerability.FixStateNotFixed || s == vulnerability.FixStateWontFix || s == vulnerability.FixStateUnknown || s == ""
}

func sortMatches(ms []Match) {
	sort.SliceStable(ms, func(i, j int) bool {
		a, b := ms[i], ms[j]
		if a.ID != b.ID {
			return a.ID < b.ID
		}
		if a.Package.Name != b.Package.Name {
			return a.Package.Name < b.Package.Name
		}
		if a.Package.Version != b.Package.Version {
			return a.Package.Version < b.Package.Version
		}
		return a.Package.ID < b.Package.ID
	})
}

func convert(m match.Match) Match {
	v := m.Vulnerability
	out := Match{
		ID:        v.ID,
		Namespace: v.Namespace,
		FixedIn:   append([]string(nil), v.Fix.Versions...),
		FixState:  string(v.Fix.State),
		Severity:  "unknown",
		Package: Package{
			ID: string(m.Package.ID), Name: m.Package.Name, Version: m.Package.Version,
			Type: string(m.Package.Type), PURL: m.Package.PURL, Language: string(m.Package.Language),
		},
	}
	if out.FixState == "" {
		out.FixState = string(vulnerability.FixStateUnknown)
	}
	for _, r := range v.RelatedVulnerabilities {
		if r.ID != v.ID && !contains(out.Aliases, r.ID) {
			out.Aliases = append(out.Aliases, r.ID)
		}
	}
	if md := v.Metadata; md != nil {
		if md.Severity != "" {
			out.Severity = strings.ToLower(md.Severity)
		}
		out.DataSource, out.Description = md.DataSource, md.Description
		out.URLs = append([]string(nil), md.URLs...)
		for _, c := range md.Cvss {
			out.CVSS = append(out.CVSS, CVSS{Version: c.Version, Vector: c.Vector, Source: c.Source, Score: c.Metrics.BaseScore})
		}
	}
	if len(m.Details) > 0 {
		out.MatchType = string(m.Details[0].Type)
	}
	// The file that declares the package (syft's primary evidence: the
	// package database, the manifest) first, then the others.
	locs := m.Package.Locations.ToSlice()
	sort.SliceStable(locs, func(i, j int) bool {
		return locs[i].Annotations[syftpkg.EvidenceAnnotationKey] == syftpkg.PrimaryEvidenceAnnotation &&
			locs[j].Annotations[syftpkg.EvidenceAnnotationKey] != syftpkg.PrimaryEvidenceAnnotation
	})
	for _, l := range locs {
		out.Package.Locations = append(out.Package.Locations, Location{Path: l.RealPath, Layer: l.FileSystemID})
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// MaxScore is the highest CVSS base score of the match, 0 when it has none.
func (m Match) MaxScore() float64 {
	var best float64
	for _, c := range m.CVSS {
		if c.Score > best {
			best = c.Score
		}
	}
	return best
}

// Limits of the documents a scan is given to read: an SBOM of a large
// image is tens of megabytes, a VEX document far less.
const (
	MaxSBOMSize = 256 << 20
	MaxVEXSize  = 32 << 20
)

// checkInputFile refuses what is not a regular file (opening a FIFO would
// block, a device never end) or is larger than limit, before it is opened.
func checkInputFile(path string, limit int64) error {
	st, err := os.Stat(path)
	if err != nil {
		return err
	}
	if !st.Mode().IsRegular() {
		return fmt.Errorf("%s: not a regular file", path)
	}
	if st.Size() > limit {
		return fmt.Errorf("%s: %d MiB, over the %d MiB limit", path, st.Size()>>20, limit>>20)
	}
	return nil
}
