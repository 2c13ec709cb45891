package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tollgate/tollgate/internal/testtools"
)

func TestPolicyListJSON(t *testing.T) {
	code, stdout, stderr := runCLI(t, "policy", "list", "--format", "json", "--policy", "policies/custom")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var rules []struct {
		ID, Title, Severity, Category string
		Frameworks                    map[string][]string
	}
	if err := json.Unmarshal([]byte(stdout), &rules); err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	categories := map[string]int{}
	for _, r := range rules {
		ids[r.ID] = true
		categories[r.Category]++
		if r.Title == "" || r.Severity == "" {
			t.Errorf("%s lacks title or severity", r.ID)
		}
	}
	if !ids["TG-AWS-001"] || !ids["ACME-001"] {
		t.Errorf("list lacks a built-in or the custom rule: %v", ids)
	}
	for _, c := range []string{"access", "encryption", "backup", "audit"} {
		if categories[c] == 0 {
			t.Errorf("no %s rules listed", c)
		}
	}

	code, stdout, _ = runCLI(t, "policy", "list", "--format", "json", "--category", "backup", "--provider", "aws")
	if code != 0 || !strings.Contains(stdout, "TG-AWS-020") || strings.Contains(stdout, "TG-AWS-001") {
		t.Errorf("filtered list: exit %d\n%s", code, stdout)
	}
}

func TestPolicyTest(t *testing.T) {
	code, stdout, stderr := runCLI(t, "policy", "test", "policies/custom")
	if code != 0 || !strings.Contains(stdout, "2 passed, 0 failed") {
		t.Errorf("exit %d\n%s%s", code, stdout, stderr)
	}
	// A failing test exits 1 and names the test.
	dir := t.TempDir()
	src, _ := os.ReadFile("policies/custom/tags.rego")
	os.WriteFile(filepath.Join(dir, "tags.rego"), src, 0o644)
	os.WriteFile(filepath.Join(dir, "tags_test.rego"), []byte("package tollgate.custom.tags_test\n\nimport data.tollgate.custom.tags\nimport rego.v1\n\ntest_wrong if {\n\tcount(tags.deny) == 1 with input as {\"type\": \"aws_s3_bucket\", \"resource\": {\"tags\": {\"owner\": \"x\"}, \"__loc\": {}}}\n}\n"), 0o644)
	code, stdout, _ = runCLI(t, "policy", "test", dir)
	if code != 1 || !strings.Contains(stdout, "FAIL tollgate.custom.tags_test.test_wrong") {
		t.Errorf("failing test: exit %d\n%s", code, stdout)
	}
}

func TestCustomPolicyScan(t *testing.T) {
	code, stdout, _ := runCLI(t, "scan", "terraform/pass", "--policy", "policies/custom", "--fail-on", "medium", "--format", "json")
	if code != 1 || !strings.Contains(stdout, `"rule_id": "ACME-001"`) {
		t.Errorf("exit %d, want ACME-001 to fail the gate:\n%s", code, stdout)
	}
}

// TestPolicyDocIsCurrent keeps policies/README.md equal to what
// `tollgate policy doc` generates from the real library.
func TestPolicyDocIsCurrent(t *testing.T) {
	code, stdout, stderr := runCLI(t, "policy", "doc")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	path := filepath.Join("..", "policies", "README.md")
	if *update {
		os.WriteFile(path, []byte(stdout), 0o644)
	}
	want, err := os.ReadFile(path)
	if err != nil || string(want) != stdout {
		t.Errorf("policies/README.md is stale: run go run ./cmd/tollgate policy doc -o policies/README.md (or go test ./cmd/tollgate -update)")
	}
}

// TestPolicyDocRule: one rule's page, with its fix, controls and a failing
// and a passing example from its tests; an unknown id is a usage error.
func TestPolicyDocRule(t *testing.T) {
	code, stdout, stderr := runCLI(t, "policy", "doc", "TG-AWS-001")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"# TG-AWS-001: ", "## Remediation\n", "## Compliance\n", "## Failing example\n", "## Passing example\n", "test_tg_aws_001_violation"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("page lacks %q:\n%s", want, stdout)
		}
	}
	code, stdout, _ = runCLI(t, "policy", "doc", "TG-AWS-200")
	if code != 0 || !strings.Contains(stdout, "```hcl\nresource \"aws_subnet\"") {
		t.Errorf("a value check's page shows its own inputs as examples:\n%s", stdout)
	}
	if code, _, stderr := runCLI(t, "policy", "doc", "TG-NOPE-001"); code != 2 || !strings.Contains(stderr, `no rule "TG-NOPE-001"`) {
		t.Errorf("unknown rule: exit %d, %s", code, stderr)
	}
}

// TestRulePagesAreCurrent keeps docs/rules (the pages SARIF's helpUri and
// the table's links point at) equal to what the library generates.
func TestRulePagesAreCurrent(t *testing.T) {
	dir := t.TempDir()
	if code, _, stderr := runCLI(t, "policy", "doc", "--rules-dir", dir); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	shipped := filepath.Join(testtools.Repo(), "docs", "rules")
	if *update {
		os.RemoveAll(shipped)
		if err := os.CopyFS(shipped, os.DirFS(dir)); err != nil {
			t.Fatal(err)
		}
	}
	want, _ := filepath.Glob(filepath.Join(dir, "*.md"))
	got, _ := filepath.Glob(filepath.Join(shipped, "*.md"))
	if len(want) != len(got) {
		t.Fatalf("docs/rules has %d pages, the library %d: run go run ./cmd/tollgate policy doc --rules-dir docs/rules (or go test ./cmd/tollgate -update)", len(got), len(want))
	}
	for _, p := range want {
		a, _ := os.ReadFile(p)
		b, err := os.ReadFile(filepath.Join(shipped, filepath.Base(p)))
		if err != nil || string(a) != string(b) {
			t.Errorf("docs/rules/%s is stale: run go run ./cmd/tollgate policy doc --rules-dir docs/rules (or go test ./cmd/tollgate -update)", filepath.Base(p))
		}
	}
}

// conftestPolicy is a Conftest policy copied as is: tollgate warns about
// each thing in it that would silently not work.
const conftestPolicy = `package main

import rego.v1

deny contains msg if {
	input.type == "aws_s3_bucket"
	msg := "bucket"
}

violation contains msg if {
	input.type == "aws_s3_bucket"
	msg := "never evaluated"
}
`

func TestPolicyWarnings(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.rego"), []byte(conftestPolicy), 0o644); err != nil {
		t.Fatal(err)
	}
	file := filepath.ToSlash(filepath.Join(dir, "main.rego"))

	code, stdout, stderr := runCLI(t, "policy", "lint", dir)
	if code != 1 || stderr != "" {
		t.Errorf("policy lint: exit %d, want 1; stderr %s", code, stderr)
	}
	for _, want := range []string{file + ":1: package main is Conftest's convention", file + ":5: deny rule has no METADATA with custom.id",
		"\n    # METADATA\n", file + `:10: rule "violation" is never evaluated`, "\n3 warnings\n"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("policy lint output lacks %q:\n%s", want, stdout)
		}
	}
	if code, stdout, _ := runCLI(t, "policy", "lint", "policies/custom"); code != 0 || stdout != "no warnings\n" {
		t.Errorf("policy lint of a clean policy: exit %d\n%s", code, stdout)
	}
	if code, _, stderr := runCLI(t, "policy", "lint", "no/such/dir"); code != 2 || !strings.Contains(stderr, "no/such/dir") {
		t.Errorf("policy lint of a missing dir: exit %d, %s", code, stderr)
	}

	// A scan prints each warning once on stderr and keeps it in the report.
	code, stdout, stderr = runCLI(t, "scan", "terraform/pass", "--policy", dir, "--policy", dir, "--format", "json")
	if code != 1 {
		t.Errorf("scan: exit %d, want 1 (the package main deny is still evaluated)\n%s", code, stderr)
	}
	if n := strings.Count(stderr, "tollgate: warning: "+file+":10: rule \"violation\" is never evaluated"); n != 1 {
		t.Errorf("the warning is printed %d times on stderr, want once:\n%s", n, stderr)
	}
	var rep struct {
		Warnings []struct {
			Path    string
			Line    int
			Message string
		}
	}
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatal(err)
	}
	lines := map[int]bool{}
	for _, w := range rep.Warnings {
		if w.Path == file {
			lines[w.Line] = true
		}
	}
	if !lines[1] || !lines[5] || !lines[10] {
		t.Errorf("the report's warnings lack the policy's (lines 1, 5, 10): %+v", rep.Warnings)
	}
}

func TestPolicyTestExplainsFailures(t *testing.T) {
	dir := t.TempDir()
	src, err := os.ReadFile(filepath.Join(testtools.Repo(), "testdata", "policies", "custom", "tags.rego"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "tags.rego"), src, 0o644)
	os.WriteFile(filepath.Join(dir, "tags_test.rego"), []byte(`package tollgate.custom.tags_test

import data.tollgate.custom.tags
import rego.v1

untagged := {"type": "aws_s3_bucket", "name": "logs", "resource": {"__loc": {"path": "main.tf", "start_line": 1, "end_line": 3}}}

test_untagged_passes if {
	count(tags.deny) == 0 with input as untagged
}
`), 0o644)
	code, stdout, _ := runCLI(t, "policy", "test", dir)
	test := filepath.ToSlash(filepath.Join(dir, "tags_test.rego"))
	want := "FAIL tollgate.custom.tags_test.test_untagged_passes (" + test + ":8)\n" +
		"  failed at " + test + ":9: count(tags.deny) == 0 with input as untagged\n" +
		"  tollgate.custom.tags.deny gave 1 result for that input:\n" +
		"    ACME-001 at main.tf:1-3: S3 bucket \"logs\" has no owner tag\n" +
		"0 passed, 1 failed\n"
	if code != 1 || stdout != want {
		t.Errorf("exit %d, output:\n%s\nwant:\n%s", code, stdout, want)
	}
}
