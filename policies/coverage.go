package policies

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"path"
	"regexp"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// coverageFS holds the coverage map: for each peer scanner (trivy, tfsec,
// checkov), every check of its catalogue and the built-in rules that cover it,
// one file per peer and provider (coverage/<peer>/<provider>.yaml).
//
//go:embed coverage/*/*.yaml
var coverageFS embed.FS

// Coverage statuses of a peer check.
const (
	CoverageCovered       = "covered"
	CoverageMissing       = "missing"
	CoverageNotApplicable = "not-applicable"
	CoverageOutOfScope    = "out-of-scope"
)

// coverageCategories are the categories a peer check in scope can have,
// tollgate's own.
var coverageCategories = []string{"access", "encryption", "backup", "audit"}

// coverageProviders lists the providers a peer check can be about, in the
// order the report shows them.
var coverageProviders = []string{"aws", "cloudformation", "azure", "gcp", "kubernetes", "dockerfile", "ansible", "general"}

// coveragePeers lists the peers in the order the report shows them; a data
// file of another peer comes after them.
var coveragePeers = []string{"trivy", "tfsec", "checkov"}

var (
	coverageCommitRE = regexp.MustCompile(`^[0-9a-f]{40}$`)
	coverageRuleRE   = regexp.MustCompile(`\bTG-[A-Z0-9]+-[0-9]+\b`)
)

// PeerCheck is one check of a peer scanner and how the built-in rules cover
// it.
type PeerCheck struct {
	ID       string `yaml:"id"`
	LongID   string `yaml:"long_id,omitempty"`
	Title    string `yaml:"title"`
	Provider string `yaml:"provider"`
	Service  string `yaml:"service,omitempty"`
	// Category is access, encryption, backup or audit, or out-of-scope.
	Category string `yaml:"category"`
	// Resources are the resource types (or Kubernetes kinds, or control
	// plane components) the check targets, the main one first.
	Resources []string `yaml:"resources"`
	// Setting is a normalized label of what the check looks at; with the
	// first resource it groups the missing list.
	Setting string `yaml:"setting"`
	Status  string `yaml:"status"`
	// Tollgate lists the rules that cover the check (status covered only).
	Tollgate []string `yaml:"tollgate,omitempty"`
	Reason   string   `yaml:"reason,omitempty"`
	// File is the data file the check was read from.
	File string `yaml:"-"`
}

// PeerSource names the catalogue a coverage file was made from.
type PeerSource struct {
	Peer       string `yaml:"peer"`
	Repository string `yaml:"repository"`
	Commit     string `yaml:"commit"`
}

// PeerCoverage is the coverage of one peer's catalogue (one directory of
// policies/coverage, a file per provider).
type PeerCoverage struct {
	File   string      `yaml:"-"`
	Source PeerSource  `yaml:"source"`
	Checks []PeerCheck `yaml:"checks"`
}

// Coverage reads the embedded coverage map, one PeerCoverage per peer.
func Coverage() ([]PeerCoverage, error) {
	return readCoverage(coverageFS, "coverage")
}

func readCoverage(fsys fs.FS, dir string) ([]PeerCoverage, error) {
	names, err := fs.Glob(fsys, path.Join(dir, "*", "*.yaml"))
	if err != nil {
		return nil, err
	}
	byPeer := map[string]*PeerCoverage{}
	var peers []*PeerCoverage
	for _, name := range names {
		src, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("coverage: %w", err)
		}
		file := "policies/" + name
		var f PeerCoverage
		dec := yaml.NewDecoder(bytes.NewReader(src))
		dec.KnownFields(true)
		if err := dec.Decode(&f); err != nil {
			return nil, fmt.Errorf("coverage: %s: %w", file, err)
		}
		peer := path.Base(path.Dir(name))
		provider := strings.TrimSuffix(path.Base(name), ".yaml")
		if f.Source.Peer != peer {
			return nil, fmt.Errorf("coverage: %s: source.peer %q, want %q (the directory's name)", file, f.Source.Peer, peer)
		}
		for i := range f.Checks {
			if f.Checks[i].Provider != provider {
				return nil, fmt.Errorf("coverage: %s: check %s has provider %q, want %q (the file's name)", file, f.Checks[i].ID, f.Checks[i].Provider, provider)
			}
			f.Checks[i].File = file
		}
		p := byPeer[peer]
		if p == nil {
			p = &PeerCoverage{File: "policies/" + path.Dir(name) + "/", Source: f.Source}
			byPeer[peer] = p
			peers = append(peers, p)
		} else if p.Source != f.Source {
			return nil, fmt.Errorf("coverage: %s: source %+v differs from the other files of %s (%+v)", file, f.Source, p.File, p.Source)
		}
		p.Checks = append(p.Checks, f.Checks...)
	}
	out := make([]PeerCoverage, len(peers))
	for i, p := range peers {
		out[i] = *p
	}
	sort.SliceStable(out, func(i, j int) bool {
		return orderOf(coveragePeers, out[i].Source.Peer) < orderOf(coveragePeers, out[j].Source.Peer)
	})
	return out, nil
}

// orderOf is the position of s in order, or len(order) when it is not there.
func orderOf(order []string, s string) int {
	for i, o := range order {
		if o == s {
			return i
		}
	}
	return len(order)
}

// ValidateCoverage checks the coverage map against rules (the built-in
// ones): every rule id it names exists and a covered check's category is one
// of its rules' categories, statuses and categories are known, covered
// checks and only they name rules, not-applicable and out-of-scope checks
// say why, and no peer lists a check twice for the same provider.
func ValidateCoverage(peers []PeerCoverage, rules []Rule) error {
	byID := make(map[string]Rule, len(rules))
	for _, r := range rules {
		byID[r.ID] = r
	}
	var errs []error
	seenPeer := map[string]string{}
	for _, p := range peers {
		fail := func(format string, args ...any) {
			errs = append(errs, fmt.Errorf("%s: "+format, append([]any{p.File}, args...)...))
		}
		switch {
		case p.Source.Peer == "":
			fail("source.peer is empty")
		case seenPeer[p.Source.Peer] != "":
			fail("peer %s is also described by %s", p.Source.Peer, seenPeer[p.Source.Peer])
		default:
			seenPeer[p.Source.Peer] = p.File
		}
		if !strings.HasPrefix(p.Source.Repository, "https://") {
			fail("source.repository %q is not an https URL", p.Source.Repository)
		}
		if !coverageCommitRE.MatchString(p.Source.Commit) {
			fail("source.commit %q is not a 40-hex commit id", p.Source.Commit)
		}
		if len(p.Checks) == 0 {
			fail("no checks")
		}
		seen := map[string]int{}
		for i, c := range p.Checks {
			file := p.File
			if c.File != "" {
				file = c.File
			}
			at := fmt.Sprintf("check %d (%s %s)", i+1, c.Provider, c.ID)
			fail := func(format string, args ...any) {
				errs = append(errs, fmt.Errorf("%s: "+format, append([]any{file}, args...)...))
			}
			if c.ID == "" || c.Title == "" || c.Setting == "" {
				fail("%s: id, title and setting are required", at)
			}
			if orderOf(coverageProviders, c.Provider) == len(coverageProviders) {
				fail("%s: unknown provider %q (want one of %s)", at, c.Provider, strings.Join(coverageProviders, ", "))
			}
			key := c.Provider + "\x00" + c.ID
			if prev, dup := seen[key]; dup {
				fail("%s: duplicate of check %d", at, prev)
			} else {
				seen[key] = i + 1
			}
			switch c.Status {
			case CoverageCovered, CoverageMissing, CoverageNotApplicable:
				if orderOf(coverageCategories, c.Category) == len(coverageCategories) {
					fail("%s: category %q, want one of %s for status %s", at, c.Category, strings.Join(coverageCategories, ", "), c.Status)
				}
			case CoverageOutOfScope:
				if c.Category != CoverageOutOfScope {
					fail("%s: an out-of-scope check must have category out-of-scope, not %q", at, c.Category)
				}
			default:
				fail("%s: unknown status %q (want covered, missing, not-applicable or out-of-scope)", at, c.Status)
			}
			if c.Status == CoverageCovered && len(c.Tollgate) == 0 {
				fail("%s: covered but names no tollgate rule", at)
			}
			if c.Status != CoverageCovered && len(c.Tollgate) > 0 {
				fail("%s: status %s but names tollgate rules %s", at, c.Status, strings.Join(c.Tollgate, ", "))
			}
			if (c.Status == CoverageNotApplicable || c.Status == CoverageOutOfScope) && strings.TrimSpace(c.Reason) == "" {
				fail("%s: status %s needs a reason", at, c.Status)
			}
			cats := map[string]bool{}
			for _, id := range c.Tollgate {
				r, ok := byID[id]
				if !ok {
					fail("%s: unknown tollgate rule %s", at, id)
					continue
				}
				cats[r.Category] = true
			}
			if c.Status == CoverageCovered && len(cats) > 0 && !cats[c.Category] {
				fail("%s: category %s is not the category of its rules (%s)", at, c.Category, strings.Join(sortedKeys(cats), ", "))
			}
			for _, id := range coverageRuleRE.FindAllString(c.Reason, -1) {
				if _, ok := byID[id]; !ok {
					fail("%s: reason names unknown tollgate rule %s", at, id)
				}
			}
		}
	}
	return errors.Join(errs...)
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// WriteCoverage validates the embedded coverage map against rules (the
// built-in ones) and writes it as Markdown: the share of each peer's
// applicable checks the rules cover, by provider and category, the missing
// checks grouped by provider and resource type for rule authors, and every
// check. policies/COVERAGE.md is generated with it.
func WriteCoverage(w io.Writer, rules []Rule) error {
	peers, err := Coverage()
	if err != nil {
		return err
	}
	return writeCoverage(w, peers, rules)
}

func writeCoverage(w io.Writer, peers []PeerCoverage, rules []Rule) error {
	if err := ValidateCoverage(peers, rules); err != nil {
		return fmt.Errorf("coverage map: %w", err)
	}
	var b strings.Builder
	b.WriteString("# Coverage of peer scanners' checks\n\n")
	b.WriteString("Generated from `policies/coverage/*/*.yaml` by `policies.WriteCoverage`; do not edit by hand. ")
	b.WriteString("Regenerate with `tollgate policy doc --coverage -o policies/COVERAGE.md` (or `go test ./policies -run TestCoverageIsCurrent -update`).\n\n")
	b.WriteString("Each check of the peers' catalogues is classified into tollgate's categories (access, encryption, backup, audit) or out of scope, ")
	b.WriteString("and mapped to the built-in rules that cover it (same resource type, same setting, same handling of an unset attribute), ")
	b.WriteString("marked missing, or not applicable (deprecated or removed upstream, a duplicate, or not expressible in IaC). ")
	b.WriteString("The rules of thumb are written at the top of each data file. ")
	b.WriteString("A share is covered / applicable, where applicable = covered + missing.\n\n")

	b.WriteString("## Sources\n\n| peer | repository | commit | checks | covered | missing | not applicable | out of scope |\n|---|---|---|---|---|---|---|---|\n")
	for _, p := range peers {
		n := countStatus(p.Checks)
		fmt.Fprintf(&b, "| %s | %s | `%s` | %d | %d | %d | %d | %d |\n", p.Source.Peer, p.Source.Repository, p.Source.Commit,
			len(p.Checks), n[CoverageCovered], n[CoverageMissing], n[CoverageNotApplicable], n[CoverageOutOfScope])
	}

	b.WriteString("\n## Summary\n")
	for _, p := range peers {
		fmt.Fprintf(&b, "\n### %s\n\n| provider | access | encryption | backup | audit | all | not applicable | out of scope |\n|---|---|---|---|---|---|---|---|\n", p.Source.Peer)
		for _, prov := range providersOf(p.Checks) {
			writeSummaryRow(&b, prov, filterChecks(p.Checks, func(c PeerCheck) bool { return c.Provider == prov }))
		}
		writeSummaryRow(&b, "**all**", p.Checks)
	}

	families := missingFamilies(peers)
	b.WriteString("\n## Most common missing families\n\nResource type and setting, counted over every peer's missing checks.\n\n| # | provider | resource | setting | missing checks |\n|---|---|---|---|---|\n")
	for i, f := range families {
		if i == 30 {
			break
		}
		fmt.Fprintf(&b, "| %d | %s | %s | %s | %d |\n", i+1, f.provider, mdEscape(f.resource), mdEscape(f.setting), f.count)
	}

	b.WriteString("\n## Missing, by provider and resource\n\nFor rule authors: every missing check of every peer, grouped by provider and by the resource type it targets first, larger groups first. ")
	b.WriteString("The note says what the closest tollgate rule leaves out, when there is one.\n")
	writeMissing(&b, peers)

	b.WriteString("\n## Checks\n")
	for _, p := range peers {
		for _, prov := range providersOf(p.Checks) {
			fmt.Fprintf(&b, "\n### %s: %s\n\n| id | title | category | status | tollgate | reason |\n|---|---|---|---|---|---|\n", p.Source.Peer, prov)
			for _, c := range p.Checks {
				if c.Provider != prov {
					continue
				}
				fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s |\n", mdEscape(c.ID), mdEscape(c.Title), c.Category, c.Status,
					strings.Join(c.Tollgate, ", "), mdEscape(c.Reason))
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func countStatus(checks []PeerCheck) map[string]int {
	n := map[string]int{}
	for _, c := range checks {
		n[c.Status]++
	}
	return n
}

func filterChecks(checks []PeerCheck, keep func(PeerCheck) bool) []PeerCheck {
	var out []PeerCheck
	for _, c := range checks {
		if keep(c) {
			out = append(out, c)
		}
	}
	return out
}

// providersOf lists the providers of checks in report order.
func providersOf(checks []PeerCheck) []string {
	seen := map[string]bool{}
	for _, c := range checks {
		seen[c.Provider] = true
	}
	var out []string
	for _, p := range coverageProviders {
		if seen[p] {
			out = append(out, p)
		}
	}
	return out
}

func writeSummaryRow(b *strings.Builder, label string, checks []PeerCheck) {
	fmt.Fprintf(b, "| %s |", label)
	for _, cat := range coverageCategories {
		b.WriteString(" " + share(filterChecks(checks, func(c PeerCheck) bool { return c.Category == cat })) + " |")
	}
	n := countStatus(checks)
	fmt.Fprintf(b, " %s | %d | %d |\n", share(checks), n[CoverageNotApplicable], n[CoverageOutOfScope])
}

// share renders covered / applicable (percent), or a dash when no check
// applies.
func share(checks []PeerCheck) string {
	n := countStatus(checks)
	applicable := n[CoverageCovered] + n[CoverageMissing]
	if applicable == 0 {
		return "–"
	}
	return fmt.Sprintf("%d/%d (%d%%)", n[CoverageCovered], applicable, int(math.Round(100*float64(n[CoverageCovered])/float64(applicable))))
}

// resourceOf is the resource type a check is grouped under.
func resourceOf(c PeerCheck) string {
	if len(c.Resources) == 0 {
		return "(any resource)"
	}
	return c.Resources[0]
}

type family struct {
	provider, resource, setting string
	count                       int
}

// missingFamilies counts the missing checks of every peer by provider,
// resource type and setting, most common first.
func missingFamilies(peers []PeerCoverage) []family {
	counts := map[family]int{}
	for _, p := range peers {
		for _, c := range p.Checks {
			if c.Status == CoverageMissing {
				counts[family{provider: c.Provider, resource: resourceOf(c), setting: c.Setting}]++
			}
		}
	}
	out := make([]family, 0, len(counts))
	for f, n := range counts {
		f.count = n
		out = append(out, f)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.count != b.count {
			return a.count > b.count
		}
		if a.provider != b.provider {
			return orderOf(coverageProviders, a.provider) < orderOf(coverageProviders, b.provider)
		}
		if a.resource != b.resource {
			return a.resource < b.resource
		}
		return a.setting < b.setting
	})
	return out
}

type peerMissing struct {
	peer  string
	check PeerCheck
}

func writeMissing(b *strings.Builder, peers []PeerCoverage) {
	groups := map[string]map[string][]peerMissing{} // provider -> resource -> checks
	for _, p := range peers {
		for _, c := range p.Checks {
			if c.Status != CoverageMissing {
				continue
			}
			if groups[c.Provider] == nil {
				groups[c.Provider] = map[string][]peerMissing{}
			}
			r := resourceOf(c)
			groups[c.Provider][r] = append(groups[c.Provider][r], peerMissing{p.Source.Peer, c})
		}
	}
	for _, prov := range coverageProviders {
		byRes := groups[prov]
		if len(byRes) == 0 {
			continue
		}
		total := 0
		resources := make([]string, 0, len(byRes))
		for r, l := range byRes {
			resources = append(resources, r)
			total += len(l)
		}
		sort.Slice(resources, func(i, j int) bool {
			a, b := byRes[resources[i]], byRes[resources[j]]
			if len(a) != len(b) {
				return len(a) > len(b)
			}
			return resources[i] < resources[j]
		})
		fmt.Fprintf(b, "\n### %s (%d missing)\n", prov, total)
		for _, r := range resources {
			l := byRes[r]
			sort.SliceStable(l, func(i, j int) bool {
				if l[i].check.Setting != l[j].check.Setting {
					return l[i].check.Setting < l[j].check.Setting
				}
				if l[i].peer != l[j].peer {
					return orderOf(coveragePeers, l[i].peer) < orderOf(coveragePeers, l[j].peer)
				}
				return l[i].check.ID < l[j].check.ID
			})
			fmt.Fprintf(b, "\n#### %s (%d)\n\n| setting | category | peer | id | title | note |\n|---|---|---|---|---|---|\n", mdEscape(r), len(l))
			for _, m := range l {
				c := m.check
				fmt.Fprintf(b, "| %s | %s | %s | %s | %s | %s |\n", mdEscape(c.Setting), c.Category, m.peer, mdEscape(c.ID), mdEscape(c.Title), mdEscape(c.Reason))
			}
		}
	}
}
