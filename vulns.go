package tollgate

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/anchore/syft/syft/artifact"
	"github.com/anchore/syft/syft/sbom"

	"github.com/tollgate/tollgate/report"
	"github.com/tollgate/tollgate/scanners/image"
	"github.com/tollgate/tollgate/scanners/source"
	"github.com/tollgate/tollgate/vulns"
)

// Vulnerability matching modes (Options.Vulns, tollgate scan --vulns).
const (
	// VulnsAuto matches when a database is installed, and says once in
	// the report that matching was skipped when none is.
	VulnsAuto = "auto"
	// VulnsOff never matches.
	VulnsOff = "off"
	// VulnsRequired makes a missing, stale or unusable database a scan
	// error.
	VulnsRequired = "required"
)

// DefaultDBDir is the vulnerability database directory when Options.DBDir
// is "": the user cache directory's tollgate/db.
func DefaultDBDir() (string, error) { return userCacheDir("db") }

// vulnScan is the vulnerability side of one scan: the open database (nil
// when matching is off or skipped) and the check it records.
type vulnScan struct {
	db    *vulns.DB
	check report.Check
	opts  vulns.Options
}

// openVulns opens the database the options call for. With VulnsRequired
// (or --sbom-in, which asks for nothing but matching) a database that is
// missing, stale or unusable is an error; with VulnsAuto matching is then
// skipped, and the report's checks and warnings say why.
func openVulns(o Options, now time.Time) (*vulnScan, error) {
	mode := o.Vulns
	if mode == "" {
		mode = VulnsAuto
	}
	switch mode {
	case VulnsAuto, VulnsRequired, VulnsOff:
	default:
		return nil, usagef("--vulns %q: want auto, off or required", o.Vulns)
	}
	for _, p := range append(append([]string(nil), o.VEX...), o.SBOMIn...) {
		if _, err := os.Stat(p); err != nil {
			return nil, &UsageError{Err: err}
		}
	}
	vs := &vulnScan{opts: vulns.Options{VEX: o.VEX, IgnoreUnfixed: o.IgnoreUnfixed}}
	if mode == VulnsOff {
		if len(o.SBOMIn) > 0 {
			return nil, usagef("--sbom-in needs vulnerability matching (--vulns=auto or required)")
		}
		vs.check = report.Check{Name: report.CheckVulnerabilities, Status: report.CheckSkipped, Reason: "--vulns=off"}
		return vs, nil
	}
	dir := o.DBDir
	if dir == "" {
		d, err := DefaultDBDir()
		if err != nil {
			return nil, usagef("%v; set --db-dir", err)
		}
		dir = d
	}
	db, err := vulns.Open(dir, o.DBMaxAge, now)
	if err != nil {
		if mode == VulnsRequired || len(o.SBOMIn) > 0 {
			return nil, fmt.Errorf("vulnerability matching (--vulns=%s): %w", mode, err)
		}
		reason := err.Error()
		if errors.Is(err, vulns.ErrNoDatabase) {
			// Without the directory: the report of a runner is the same
			// wherever its cache is.
			reason = "no vulnerability database installed: run `tollgate db update` (or `tollgate db import FILE`), or give --db-dir"
		}
		vs.check = report.Check{Name: report.CheckVulnerabilities, Status: report.CheckSkipped, Reason: reason}
		return vs, nil
	}
	info := db.Info()
	vs.db = db
	vs.check = report.Check{Name: report.CheckVulnerabilities, Status: report.CheckRan,
		DBBuilt: info.Built.UTC().Format(time.RFC3339), DBSchema: info.Schema}
	return vs, nil
}

// close releases the database.
func (vs *vulnScan) close() {
	if vs != nil && vs.db != nil {
		vs.db.Close()
	}
}

// vulnTarget is one SBOM matched: an image, the source tree or an
// --sbom-in file.
type vulnTarget struct {
	// name is how reports name it (an image reference, ".", a file).
	name string
	sbom *sbom.SBOM
	// file is an --sbom-in file, read by grype's decoders.
	file  string
	image *image.Image
	// lines locate a source tree's packages on their manifest lines.
	lines map[artifact.ID]source.PackageLine
}

// match matches every target and appends the findings, their rules and
// each finding's resource start line (for inline exceptions) to the
// report. A target that cannot be matched is an error in the report.
func (vs *vulnScan) match(ctx context.Context, targets []vulnTarget, rep *report.Report, resStart []int) []int {
	if vs == nil || vs.db == nil {
		return resStart
	}
	byID := map[string][]vulns.Match{}
	for _, t := range targets {
		var res *vulns.Result
		var err error
		if t.file != "" {
			res, err = vs.db.MatchFile(ctx, t.file, vs.opts)
		} else {
			res, err = vs.db.Match(ctx, t.sbom, vs.opts)
		}
		if err != nil {
			rep.Errors = append(rep.Errors, report.Error{Path: t.name, Message: fmt.Sprintf("vulnerability matching: %v", err)})
			continue
		}
		if t.file != "" {
			rep.Targets = append(rep.Targets, report.Target{Path: t.file, Format: "sbom", Status: report.StatusScanned, Resources: res.Packages})
		}
		add := func(m vulns.Match, sup *report.Suppression) {
			f := vulnFinding(t, m)
			f.Suppression = sup
			rep.Findings = append(rep.Findings, f)
			resStart = append(resStart, f.Location.StartLine)
			byID[m.ID] = append(byID[m.ID], m)
		}
		for _, m := range res.Matches {
			add(m, nil)
		}
		for _, m := range res.VEX {
			add(m, &report.Suppression{Kind: "vex", Reason: vexReason(m), Source: strings.Join(vs.opts.VEX, ", ")})
		}
	}
	ids := make([]string, 0, len(byID))
	for id := range byID {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		rep.Rules = append(rep.Rules, vulnRule(byID[id]))
	}
	return resStart
}

func vexReason(m vulns.Match) string {
	if m.VEXJustification != "" {
		return "VEX " + m.VEXStatus + ": " + m.VEXJustification
	}
	return "VEX " + m.VEXStatus
}

// vulnSeverity maps grype's severities onto tollgate's: negligible is
// info; unknown takes the CVSS score's band when there is one, else
// medium (unknown is not harmless).
func vulnSeverity(m vulns.Match) string {
	switch m.Severity {
	case report.SeverityCritical, report.SeverityHigh, report.SeverityMedium, report.SeverityLow:
		return m.Severity
	case "negligible":
		return report.SeverityInfo
	}
	switch s := m.MaxScore(); {
	case s >= 9:
		return report.SeverityCritical
	case s >= 7:
		return report.SeverityHigh
	case s >= 4 || s == 0:
		return report.SeverityMedium
	}
	return report.SeverityLow
}

func vulnLink(m vulns.Match) string {
	if m.DataSource != "" {
		return m.DataSource
	}
	if len(m.URLs) > 0 {
		return m.URLs[0]
	}
	return ""
}

// vulnRule documents one vulnerability from its matches (one per
// vulnerable package found): the highest severity and CVSS score, the fix
// of each package, every reference.
func vulnRule(ms []vulns.Match) report.Rule {
	first := ms[0]
	r := report.Rule{
		ID:          first.ID,
		Title:       first.ID,
		Description: first.Description,
		Category:    report.CategoryVulnerability,
	}
	if len(first.Aliases) > 0 {
		r.Title += " (" + strings.Join(first.Aliases, ", ") + ")"
	}
	fixes, refs := map[string]bool{}, map[string]bool{}
	for _, m := range ms {
		if report.SeverityRank(vulnSeverity(m)) > report.SeverityRank(r.Severity) {
			r.Severity = vulnSeverity(m)
		}
		r.CVSSScore = max(r.CVSSScore, m.MaxScore())
		if r.Description == "" {
			r.Description = m.Description
		}
		if len(m.FixedIn) > 0 {
			fixes[fmt.Sprintf("upgrade %s to %s or later", m.Package.Name, strings.Join(m.FixedIn, " or "))] = true
		} else {
			fixes[fmt.Sprintf("%s has no fixed version (%s): remove it, or record why it is not exploitable (VEX, exception)", m.Package.Name, m.FixState)] = true
		}
		if link := vulnLink(m); link != "" {
			refs[link] = true
		}
		for _, u := range m.URLs {
			refs[u] = true
		}
	}
	r.Remediation = strings.Join(sortedSet(fixes), "; ")
	if r.Remediation != "" {
		r.Remediation = strings.ToUpper(r.Remediation[:1]) + r.Remediation[1:] + "."
	}
	r.References = sortedSet(refs)
	return r
}

func vulnFinding(t vulnTarget, m vulns.Match) report.Finding {
	fixed := "no fixed version"
	if len(m.FixedIn) > 0 {
		fixed = "fixed in " + strings.Join(m.FixedIn, ", ")
	}
	f := report.Finding{
		RuleID:   m.ID,
		Title:    fmt.Sprintf("%s in %s", m.ID, m.Package.Name),
		Severity: vulnSeverity(m),
		Category: report.CategoryVulnerability,
		Message:  fmt.Sprintf("%s %s is vulnerable to %s (%s)", m.Package.Name, m.Package.Version, m.ID, fixed),
		Resource: t.name + ":" + firstNonEmpty(m.Package.PURL, m.Package.Name+"@"+m.Package.Version),
		Vulnerability: &report.Vulnerability{
			ID: m.ID, Aliases: m.Aliases, Package: m.Package.Name, Version: m.Package.Version,
			Type: m.Package.Type, PURL: m.Package.PURL, FixedVersions: m.FixedIn, FixState: m.FixState, URL: vulnLink(m),
		},
	}
	for _, c := range m.CVSS {
		f.Vulnerability.CVSS = append(f.Vulnerability.CVSS, report.CVSS{Version: c.Version, Vector: c.Vector, Score: c.Score})
	}
	var where string
	if len(m.Package.Locations) > 0 {
		where = m.Package.Locations[0].Path
	}
	switch {
	case t.image != nil:
		f.Location = report.Location{Image: t.name, Digest: t.image.Digest, ImagePath: where}
		if len(m.Package.Locations) > 0 {
			f.Location.Layer = m.Package.Locations[0].Layer
		}
	case t.file != "":
		f.Location = report.Location{Path: t.file, StartLine: 1, EndLine: 1}
	default:
		pl, ok := t.lines[artifact.ID(m.Package.ID)]
		if !ok {
			pl = source.PackageLine{Path: strings.TrimPrefix(where, "/"), Line: 1}
		}
		f.Location = report.Location{Path: pl.Path, StartLine: pl.Line, EndLine: pl.Line}
	}
	// Stable across runs: the id, the package and where it is, never a
	// line number.
	f.Fingerprint = fingerprint(m.ID, f.Resource, t.name+"\x00"+where)
	return f
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// vulnTargets are the SBOMs a scan matches: each image's, the source
// tree's and each --sbom-in file.
func vulnTargets(o Options, images []*image.Image, tree *source.Tree) []vulnTarget {
	var out []vulnTarget
	for _, im := range images {
		out = append(out, vulnTarget{name: im.Document.Path, sbom: im.SBOM, image: im})
	}
	if tree != nil {
		out = append(out, vulnTarget{name: tree.Display, sbom: tree.SBOM, lines: tree.Lines()})
	}
	for _, f := range o.SBOMIn {
		out = append(out, vulnTarget{name: f, file: f})
	}
	return out
}

// attestedChecks are the checks a passing scan's verification summary
// names besides the policies (those that ran: vulnerabilities, secrets),
// and the versions of what they ran with (the vulnerability database).
func attestedChecks(rep *report.Report) ([]string, map[string]string) {
	var checks []string
	comps := map[string]string{}
	for _, c := range rep.Summary.Checks {
		if c.Status != report.CheckRan || c.Name == report.CheckPolicies {
			continue
		}
		checks = append(checks, c.Name)
		if c.DBBuilt != "" {
			comps["grype-db"] = c.DBSchema + " built " + c.DBBuilt
		}
	}
	return checks, comps
}

// nothingToMatch is the reason of a vulnerabilities check skipped for want
// of an SBOM: a shard that read no image says it, not the whole scan.
const nothingToMatch = "no image, --source-sbom or --sbom-in to match"

// mergeChecks combines the checks of shards' reports as one scan would
// have recorded them: a check ran when it ran in any shard; else the
// reason of a shard that had something to match.
func mergeChecks(reports []*report.Report) []report.Check {
	var out []report.Check
	at := map[string]int{}
	for _, r := range reports {
		for _, c := range r.Summary.Checks {
			i, seen := at[c.Name]
			if !seen {
				at[c.Name] = len(out)
				out = append(out, c)
				continue
			}
			cur := out[i]
			switch {
			case cur.Status == report.CheckRan:
			case c.Status == report.CheckRan, cur.Reason == nothingToMatch:
				out[i] = c
			}
		}
	}
	return out
}
