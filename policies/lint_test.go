package policies

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
)

// writePolicies writes files (name -> source) into a new directory.
func writePolicies(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, src := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const ownerRule = `package acme.tags

import data.tollgate.lib
import rego.v1

# METADATA
# title: S3 buckets carry an owner tag
# custom:
#   id: ACME-001
#   severity: medium
#   category: audit
deny contains finding if {
	input.type == "aws_s3_bucket"
	not input.resource.tags.owner
	finding := lib.finding(rego.metadata.rule(), lib.loc(input.resource), "no owner")
}
`

func TestLoadWarnings(t *testing.T) {
	type want struct {
		line int
		has  []string
	}
	for _, tc := range []struct {
		name string
		src  string
		want []want
	}{
		{"a well-formed rule", ownerRule, nil},
		{"deny without METADATA", `package acme.nometa

import rego.v1

deny contains msg if {
	input.type == "aws_s3_bucket"
	msg := "no owner"
}
`, []want{{5, []string{`no METADATA with custom.id`, `reported as rule "acme.nometa" (title "acme.nometa", severity high, category custom)`,
			"    # METADATA\n    # title: What the rule checks\n    # custom:\n    #   id: ACME-001", "lib.finding(rego.metadata.rule()"}}}},
		{"Conftest's package main", `package main

import rego.v1

deny contains msg if {
	input.kind == "Deployment"
	msg := "conftest deny"
}

violation contains msg if {
	input.type == "Deployment"
	msg := "v"
}

warn contains msg if {
	input.type == "Deployment"
	msg := "w"
}

deny_privileged contains msg if {
	input.type == "Deployment"
	msg := "d"
}

warn_fn(x) := x

warn_threshold := 3
`, []want{
			{1, []string{"package main is Conftest's convention", `one rule "main"`}},
			{5, []string{`reported as rule "main"`}},
			{6, []string{"input.kind is always undefined", "a Kubernetes kind is input.type"}},
			{10, []string{`rule "violation" is never evaluated`, "rename it deny"}},
			{15, []string{`rule "warn" is never evaluated`, "severity low or info"}},
			{20, []string{`rule "deny_privileged" is never evaluated`, "deny_ prefix"}},
		}},
		{"METADATA keys OPA or tollgate ignore", `package acme.refs

import data.tollgate.lib
import rego.v1

# METADATA
# title: S3 bucket owner
# severity: high
# references:
#   - https://example.com
# titel: typo
# owner: data-team
# custom:
#   id: ACME-010
#   severity: medium
#   category: audit
#   remedation: fix it
#   description: in the wrong place
#   links: [https://example.com]
#   frameworks: cis-aws-2.0
#   team: platform
deny contains finding if {
	input.type == "aws_s3_bucket"
	finding := lib.finding(rego.metadata.rule(), lib.loc(input.resource), "no owner")
}
`, []want{
			{8, []string{`METADATA key "severity" is ignored at the top level`, "custom.severity"}},
			{9, []string{`METADATA key "references" is ignored: did you mean related_resources?`}},
			{11, []string{`METADATA key "titel" is ignored: did you mean title?`}},
			{12, []string{`METADATA key "owner" is ignored: OPA reads only`}},
			{17, []string{"custom.remedation is not read by tollgate: did you mean custom.remediation?"}},
			{18, []string{"custom.description is not read by tollgate: description is a top-level METADATA key"}},
			{19, []string{"custom.links is not read by tollgate: did you mean related_resources?"}},
			{20, []string{"custom.frameworks is ignored: it maps each framework to its controls"}},
		}},
		{"an id that is not a string", `package acme.num

import data.tollgate.lib
import rego.v1

# METADATA
# title: numbered
# custom:
#   id: 42
#   severity: low
#   category: audit
deny contains finding if {
	input.type == "aws_s3_bucket"
	finding := lib.finding(rego.metadata.rule(), lib.loc(input.resource), "x")
}
`, []want{{6, []string{"custom.id 42 is a number, not a string", `quote it (id: "42")`}}}},
		{"an id the results do not carry, and no category", `package acme.plain

import rego.v1

# METADATA
# title: plain
# custom:
#   id: ACME-020
#   severity: low
deny contains msg if {
	input.type == "aws_s3_bucket"
	msg := "plain message"
}
`, []want{
			{5, []string{"rule ACME-020 has no custom.category", "--fail-on audit=low"}},
			{10, []string{`deny rule ACME-020 adds results that do not carry its id`, `reported as rule "acme.plain"`, "not ACME-020"}},
		}},
		{"an id written in the rule, without METADATA", `package acme.literal

import data.tollgate.lib
import rego.v1

deny contains lib.finding({"custom": {"id": "LIT-1"}}, lib.loc(input.resource), "x") if {
	input.type == "aws_s3_bucket"
}
`, []want{{6, []string{"deny rule has no METADATA: its findings carry the id LIT-1 written in the rule, but no title", "    # METADATA\n"}}}},
		{"an id in a document-scope METADATA", `package acme.scoped

import data.tollgate.lib
import rego.v1

# METADATA
# scope: document
# title: scoped
# custom:
#   id: ACME-030
#   severity: low
#   category: audit
deny contains finding if {
	input.type == "aws_s3_bucket"
	finding := lib.finding(rego.metadata.rule(), lib.loc(input.resource), "x")
}
`, []want{{13, []string{"the custom.id of the METADATA at line 6 (scope document) is not read"}}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := writePolicies(t, map[string]string{"p.rego": tc.src})
			e, err := Load(context.Background(), WithoutBuiltins(), WithPolicyDir(dir))
			if err != nil {
				t.Fatal(err)
			}
			got := e.Warnings()
			file := filepath.ToSlash(filepath.Join(dir, "p.rego"))
			if len(got) != len(tc.want) {
				t.Errorf("%d warnings, want %d:\n%s", len(got), len(tc.want), warningsText(got))
			}
			for i, w := range tc.want {
				if i >= len(got) {
					break
				}
				g := got[i]
				if g.File != file || g.Line != w.line {
					t.Errorf("warning %d at %s:%d, want %s:%d: %s", i, g.File, g.Line, file, w.line, g.Message)
				}
				for _, s := range w.has {
					if !strings.Contains(g.Message, s) {
						t.Errorf("warning %d (line %d) lacks %q:\n%s", i, g.Line, s, g.Message)
					}
				}
			}
		})
	}
}

func warningsText(ws []Warning) string {
	var b strings.Builder
	for _, w := range ws {
		b.WriteString(w.String() + "\n")
	}
	return b.String()
}

// TestBuiltinsHaveNoWarnings holds the built-in library to what user
// policies are warned about: the engine never reports built-ins, so they
// are linted here as if they were the user's.
func TestBuiltinsHaveNoWarnings(t *testing.T) {
	e, err := Load(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if ws := e.Warnings(); len(ws) > 0 {
		t.Errorf("the built-in library loads with warnings:\n%s", warningsText(ws))
	}
	mods := builtinModules(t)
	if _, err := builtinChecks(mods, map[string]bool{}, Capabilities()); err != nil {
		t.Fatal(err)
	}
	policies := map[string]*ast.Module{}
	for name, m := range mods {
		if !strings.HasSuffix(name, "_test.rego") {
			policies[name] = m
		}
	}
	if ws := lint(policies, func(string) bool { return true }); len(ws) > 0 {
		t.Errorf("%d built-in policies would be warned about as user policies:\n%s", len(ws), warningsText(ws))
	}
	if ws := lintTests(mods); len(ws) > 0 {
		t.Errorf("built-in tests that cannot fail: %v", ws)
	}
}

// TestInputKeysAreDocumented keeps the fields lint knows equal to those
// policies/INPUT.md documents.
func TestInputKeysAreDocumented(t *testing.T) {
	doc, err := os.ReadFile("INPUT.md")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, m := range regexp.MustCompile(`input\.([a-z_]+)`).FindAllStringSubmatch(string(doc), -1) {
		seen[m[1]] = true
	}
	var documented []string
	for k := range seen {
		documented = append(documented, k)
	}
	sort.Strings(documented)
	known := append([]string(nil), inputKeys...)
	sort.Strings(known)
	if strings.Join(documented, ",") != strings.Join(known, ",") {
		t.Errorf("INPUT.md documents input.{%s}, lint knows input.{%s}", strings.Join(documented, ","), strings.Join(known, ","))
	}
}

func TestClosest(t *testing.T) {
	for s, want := range map[string]string{
		"remedation": "remediation", "severty": "severity", "catgeory": "category", "ID": "id", "ids": "id",
		"frameworks": "frameworks", "team": "", "owner": "", "xy": "",
	} {
		if got := closest(s, customKeys); got != want {
			t.Errorf("closest(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestFailingTestsAreExplained runs failing Rego tests and checks that
// each says where it failed, with what values, and what deny gave.
func TestFailingTestsAreExplained(t *testing.T) {
	dir := writePolicies(t, map[string]string{"tags.rego": ownerRule, "tags_test.rego": `package acme.tags_test

import data.acme.tags
import rego.v1

bucket(body) := {"type": "aws_s3_bucket", "name": "logs", "resource": object.union({"__loc": {"path": "main.tf", "start_line": 1, "end_line": 4}}, body)}

test_owned_bucket_passes if {
	count(tags.deny) == 0 with input as bucket({"tags": {"owner": "data-team"}})
}

test_count if {
	count(tags.deny) == 0 with input as bucket({})
}

test_some if {
	some f in tags.deny with input as bucket({"tags": {"owner": "x"}})
}

test_id if {
	some f in tags.deny with input as bucket({})
	f.rule_id == "ACME-002"
}

test_other_type if {
	count(tags.deny) == 1 with input as {"type": "aws_s3_object", "resource": {}}
}

test_cannot_fail if {
	tags.deny with input as bucket({"tags": {"owner": "x"}})
}
`})
	results, err := RunTests(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	failed, err := WriteTestResults(&out, results, false)
	if err != nil {
		t.Fatal(err)
	}
	if failed != 4 {
		t.Errorf("%d failed, want 4:\n%s", failed, out.String())
	}
	test := filepath.ToSlash(filepath.Join(dir, "tags_test.rego"))
	rule := filepath.ToSlash(filepath.Join(dir, "tags.rego"))
	for _, want := range []string{
		"FAIL acme.tags_test.test_count (" + test + ":12)\n" +
			"  failed at " + test + ":13: count(tags.deny) == 0 with input as bucket({})\n" +
			"  acme.tags.deny gave 1 result for that input:\n" +
			"    ACME-001 at main.tf:1-4: no owner\n",
		"FAIL acme.tags_test.test_some (" + test + ":16)\n" +
			"  failed at " + test + ":17: some f in tags.deny with input as bucket({\"tags\": {\"owner\": \"x\"}})\n" +
			"  acme.tags.deny gave nothing for that input:\n" +
			"    the rule at " + rule + ":12 stopped at line 14: not input.resource.tags.owner\n",
		"FAIL acme.tags_test.test_id (" + test + ":20)\n" +
			"  failed at " + test + ":22: f.rule_id == \"ACME-002\"\n" +
			"    f.rule_id = \"ACME-001\"\n" +
			"  acme.tags.deny gave 1 result for that input:\n" +
			"    ACME-001 at main.tf:1-4: no owner\n",
		"FAIL acme.tags_test.test_other_type (" + test + ":25)\n" +
			"  failed at " + test + ":26: count(tags.deny) == 1 with input as {\"type\": \"aws_s3_object\", \"resource\": {}}\n" +
			"  acme.tags.deny gave nothing for that input: none of its rules applies to it (OPA's index matched none for input.type \"aws_s3_object\")\n",
		"PASS acme.tags_test.test_cannot_fail (" + test + ":29)\n" +
			"  warning: " + test + ":30: tags.deny with input as bucket({\"tags\": {\"owner\": \"x\"}}) holds even when deny gives nothing",
		"2 passed, 4 failed\n",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks\n%s\n--- output:\n%s", want, out.String())
		}
	}
	if strings.Contains(out.String(), "test_owned_bucket_passes") {
		t.Errorf("a passing test is listed without -v:\n%s", out.String())
	}

	// --verbose adds OPA's trace of the failed tests.
	out.Reset()
	if _, err := WriteTestResults(&out, results, true); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "  trace:\n") || !strings.Contains(out.String(), "| Enter data.acme.tags.deny") {
		t.Errorf("verbose output has no trace:\n%s", out.String())
	}
}
