package policies

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"
	"testing/fstest"
)

var updateCoverage = flag.Bool("update", false, "rewrite COVERAGE.md from the coverage map")

// builtinRules loads the built-in library and returns its rules.
func builtinRules(t *testing.T) []Rule {
	t.Helper()
	e, err := Load(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var rules []Rule
	for _, r := range e.Rules() {
		if r.Builtin {
			rules = append(rules, r)
		}
	}
	if len(rules) == 0 {
		t.Fatal("no built-in rules")
	}
	return rules
}

// TestCoverageValid checks the shipped coverage map against the real
// built-in rules.
func TestCoverageValid(t *testing.T) {
	peers, err := Coverage()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range peers {
		names = append(names, p.Source.Peer)
	}
	if got := strings.Join(names, ","); got != "trivy,tfsec,checkov" {
		t.Errorf("peers %s, want trivy,tfsec,checkov", got)
	}
	if err := ValidateCoverage(peers, builtinRules(t)); err != nil {
		t.Error(err)
	}
}

// TestCoverageIsCurrent keeps policies/COVERAGE.md equal to what
// WriteCoverage generates from the coverage map; -update rewrites it.
func TestCoverageIsCurrent(t *testing.T) {
	var b bytes.Buffer
	if err := WriteCoverage(&b, builtinRules(t)); err != nil {
		t.Fatal(err)
	}
	if *updateCoverage {
		if err := os.WriteFile("COVERAGE.md", b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile("COVERAGE.md")
	if err != nil || !bytes.Equal(want, b.Bytes()) {
		t.Errorf("policies/COVERAGE.md is stale: run go test ./policies -run TestCoverageIsCurrent -update")
	}
}

func testRules() []Rule {
	return []Rule{
		{ID: "TG-T-001", Category: "encryption"},
		{ID: "TG-T-002", Category: "access"},
	}
}

func testPeer(checks ...PeerCheck) PeerCoverage {
	return PeerCoverage{
		File:   "policies/coverage/peer.yaml",
		Source: PeerSource{Peer: "peer", Repository: "https://example.com/peer", Commit: strings.Repeat("a", 40)},
		Checks: checks,
	}
}

func peerCheck(id, provider, category, status string, rules ...string) PeerCheck {
	return PeerCheck{ID: id, Title: "title " + id, Provider: provider, Category: category, Resources: []string{"res_" + id},
		Setting: "setting", Status: status, Tollgate: rules}
}

func TestValidateCoverage(t *testing.T) {
	good := peerCheck("P-1", "aws", "encryption", CoverageCovered, "TG-T-001")
	if err := ValidateCoverage([]PeerCoverage{testPeer(good)}, testRules()); err != nil {
		t.Fatalf("valid map rejected: %v", err)
	}
	na := peerCheck("P-2", "aws", "access", CoverageNotApplicable)
	oos := peerCheck("P-3", "aws", CoverageOutOfScope, CoverageOutOfScope)
	withReason := func(c PeerCheck, r string) PeerCheck { c.Reason = r; return c }
	tests := []struct {
		name string
		peer PeerCoverage
		want string
	}{
		{"unknown rule", testPeer(peerCheck("P-1", "aws", "encryption", CoverageCovered, "TG-T-999")), "unknown tollgate rule TG-T-999"},
		{"unknown rule in reason", testPeer(withReason(peerCheck("P-1", "aws", "access", CoverageMissing), "TG-T-404 checks less")), "reason names unknown tollgate rule TG-T-404"},
		{"duplicate", testPeer(good, good), "duplicate of check 1"},
		{"same id, other provider", testPeer(good, func() PeerCheck { c := good; c.Provider = "cloudformation"; return c }()), ""},
		{"unknown status", testPeer(peerCheck("P-1", "aws", "access", "partial")), `unknown status "partial"`},
		{"unknown category", testPeer(peerCheck("P-1", "aws", "naming", CoverageMissing)), `category "naming"`},
		{"out of scope with a category", testPeer(withReason(peerCheck("P-1", "aws", "access", CoverageOutOfScope), "tags")), "must have category out-of-scope"},
		{"unknown provider", testPeer(peerCheck("P-1", "alibaba", "access", CoverageMissing)), `unknown provider "alibaba"`},
		{"covered without rules", testPeer(peerCheck("P-1", "aws", "access", CoverageCovered)), "covered but names no tollgate rule"},
		{"missing with rules", testPeer(peerCheck("P-1", "aws", "access", CoverageMissing, "TG-T-002")), "status missing but names tollgate rules TG-T-002"},
		{"category of another rule", testPeer(peerCheck("P-1", "aws", "access", CoverageCovered, "TG-T-001")), "category access is not the category of its rules (encryption)"},
		{"not applicable without reason", testPeer(na), "status not-applicable needs a reason"},
		{"out of scope without reason", testPeer(oos), "status out-of-scope needs a reason"},
		{"bad commit", func() PeerCoverage { p := testPeer(good); p.Source.Commit = "main"; return p }(), `source.commit "main"`},
		{"bad repository", func() PeerCoverage { p := testPeer(good); p.Source.Repository = "github.com/x"; return p }(), "is not an https URL"},
		{"no title", testPeer(func() PeerCheck { c := good; c.Title = ""; return c }()), "id, title and setting are required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := ValidateCoverage([]PeerCoverage{tt.peer}, testRules())
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("unexpected error: %v", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("error %v, want it to contain %q", err, tt.want)
			case tt.want != "" && !strings.Contains(err.Error(), "policies/coverage/peer.yaml: "):
				t.Errorf("error %v does not name the file", err)
			}
		})
	}
	two := []PeerCoverage{testPeer(good), testPeer(good)}
	two[1].File = "policies/coverage/again.yaml"
	if err := ValidateCoverage(two, testRules()); err == nil || !strings.Contains(err.Error(), "peer peer is also described by policies/coverage/peer.yaml") {
		t.Errorf("two files for one peer: %v", err)
	}
}

func TestReadCoverageOrder(t *testing.T) {
	file := func(peer string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("source:\n  peer: " + peer + "\n  repository: https://example.com\n  commit: x\nchecks: []\n")}
	}
	fsys := fstest.MapFS{"coverage/checkov/aws.yaml": file("checkov"), "coverage/other/aws.yaml": file("other"), "coverage/tfsec/gcp.yaml": file("tfsec"), "coverage/trivy/aws.yaml": file("trivy")}
	peers, err := readCoverage(fsys, "coverage")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range peers {
		got = append(got, p.Source.Peer+"="+p.File)
	}
	want := "trivy=policies/coverage/trivy/,tfsec=policies/coverage/tfsec/,checkov=policies/coverage/checkov/,other=policies/coverage/other/"
	if strings.Join(got, ",") != want {
		t.Errorf("order %s, want %s", strings.Join(got, ","), want)
	}
}

func TestReadCoverageRejectsUnknownFields(t *testing.T) {
	fsys := fstest.MapFS{"coverage/x/aws.yaml": {Data: []byte("source:\n  peer: x\nchecks:\n  - id: A\n    titel: typo\n")}}
	_, err := readCoverage(fsys, "coverage")
	if err == nil || !strings.Contains(err.Error(), "policies/coverage/x/aws.yaml") || !strings.Contains(err.Error(), "titel") {
		t.Errorf("error %v, want the file and the unknown field", err)
	}
}

// The files of one peer are merged; each check keeps its file for errors,
// and a file cannot disagree with its directory, its name or its siblings.
func TestReadCoverageMergesAPeersFiles(t *testing.T) {
	const src = "source:\n  peer: p\n  repository: https://example.com\n  commit: %s\nchecks:\n  - id: %s\n    title: t\n    provider: %s\n    category: access\n    resources: [r]\n    setting: s\n    status: missing\n"
	file := func(commit, id, provider string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte(fmt.Sprintf(src, commit, id, provider))}
	}
	c := strings.Repeat("a", 40)
	peers, err := readCoverage(fstest.MapFS{"coverage/p/aws.yaml": file(c, "A", "aws"), "coverage/p/gcp.yaml": file(c, "G", "gcp")}, "coverage")
	if err != nil || len(peers) != 1 || len(peers[0].Checks) != 2 {
		t.Fatalf("got %+v, %v; want one peer with two checks", peers, err)
	}
	if got := peers[0].Checks[1].File; got != "policies/coverage/p/gcp.yaml" {
		t.Errorf("check G read from %q", got)
	}
	bad := peers[0].Checks[1]
	bad.Status = "partial"
	p := peers[0]
	p.Checks = []PeerCheck{bad}
	if err := ValidateCoverage([]PeerCoverage{p}, nil); err == nil || !strings.HasPrefix(err.Error(), "policies/coverage/p/gcp.yaml: ") {
		t.Errorf("a check's error should name its file: %v", err)
	}
	for name, fsys := range map[string]fstest.MapFS{
		"provider": {"coverage/p/aws.yaml": file(c, "A", "gcp")},
		"peer":     {"coverage/q/aws.yaml": file(c, "A", "aws")},
		"source":   {"coverage/p/aws.yaml": file(c, "A", "aws"), "coverage/p/gcp.yaml": file(strings.Repeat("b", 40), "G", "gcp")},
	} {
		if _, err := readCoverage(fsys, "coverage"); err == nil {
			t.Errorf("a file with the wrong %s was accepted", name)
		}
	}
}

func TestWriteCoverage(t *testing.T) {
	missing := func(id, provider, category, resource, setting, reason string) PeerCheck {
		c := peerCheck(id, provider, category, CoverageMissing)
		c.Resources, c.Setting, c.Reason = []string{resource}, setting, reason
		return c
	}
	a := testPeer(
		peerCheck("A-1", "aws", "encryption", CoverageCovered, "TG-T-001"),
		peerCheck("A-2", "aws", "encryption", CoverageCovered, "TG-T-001"),
		missing("A-3", "aws", "encryption", "aws_s3_bucket", "customer-managed key", "TG-T-001 accepts the AWS managed key"),
		missing("A-4", "aws", "access", "aws_s3_bucket", "public network exposure", ""),
		withStatus(peerCheck("A-5", "aws", "access", CoverageNotApplicable), "deprecated upstream"),
		withStatus(peerCheck("A-6", "aws", CoverageOutOfScope, CoverageOutOfScope), "tags"),
		missing("A-7", "gcp", "audit", "google_storage_bucket", "audit and access logging", ""),
	)
	a.Source.Peer = "trivy"
	b := testPeer(missing("B-1", "aws", "encryption", "aws_s3_bucket", "customer-managed key", ""))
	b.Source.Peer, b.File = "checkov", "policies/coverage/checkov.yaml"
	var out bytes.Buffer
	if err := writeCoverage(&out, []PeerCoverage{a, b}, testRules()); err != nil {
		t.Fatal(err)
	}
	md := out.String()
	for _, want := range []string{
		"| trivy | https://example.com/peer | `" + strings.Repeat("a", 40) + "` | 7 | 2 | 3 | 1 | 1 |",
		// aws: encryption 2 covered of 3 applicable, access 0 of 1, backup and audit none.
		"| aws | 0/1 (0%) | 2/3 (67%) | – | – | 2/4 (50%) | 1 | 1 |",
		"| gcp | – | – | – | 0/1 (0%) | 0/1 (0%) | 0 | 0 |",
		"| **all** | 0/1 (0%) | 2/3 (67%) | – | 0/1 (0%) | 2/5 (40%) | 1 | 1 |",
		"| 1 | aws | aws_s3_bucket | customer-managed key | 2 |",
		"### aws (3 missing)",
		"#### aws_s3_bucket (3)",
		"| customer-managed key | encryption | trivy | A-3 | title A-3 | TG-T-001 accepts the AWS managed key |\n| customer-managed key | encryption | checkov | B-1 |",
		"### gcp (1 missing)",
		"| A-1 | title A-1 | encryption | covered | TG-T-001 |  |",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("report lacks %q:\n%s", want, md)
		}
	}
	bad := testPeer(peerCheck("X", "aws", "access", CoverageCovered, "TG-NOPE-1"))
	if err := writeCoverage(&out, []PeerCoverage{bad}, testRules()); err == nil {
		t.Error("an invalid map was written")
	}
}

func withStatus(c PeerCheck, reason string) PeerCheck {
	c.Reason = reason
	return c
}
