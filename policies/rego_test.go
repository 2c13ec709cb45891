package policies

import (
	"context"
	"io/fs"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/tester"
)

// builtinModules parses every embedded .rego file, tests included.
func builtinModules(t *testing.T) map[string]*ast.Module {
	t.Helper()
	caps := Capabilities()
	mods := map[string]*ast.Module{}
	err := fs.WalkDir(FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".rego") {
			return err
		}
		src, err := fs.ReadFile(FS, p)
		if err != nil {
			return err
		}
		m, err := parse("policies/"+p, src, caps)
		if err != nil {
			return err
		}
		mods["policies/"+p] = m
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return mods
}

// TestRego runs every built-in Rego test; each is a Go subtest.
func TestRego(t *testing.T) {
	mods := builtinModules(t)
	ch, err := tester.NewRunner().
		SetModules(mods).
		CapturePrintOutput(true).
		RaiseBuiltinErrors(true).
		SetTimeout(30*time.Second).
		RunTests(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for r := range ch {
		n++
		name := strings.TrimPrefix(r.Package, "data.") + "." + r.Name
		t.Run(name, func(t *testing.T) {
			if r.Error != nil {
				t.Fatalf("%s: error: %v", r.Location, r.Error)
			}
			if r.Fail {
				t.Fatalf("%s: failed; output: %s", r.Location, r.Output)
			}
		})
	}
	if n == 0 {
		t.Fatal("no Rego tests found")
	}
}

var ruleIDRE = regexp.MustCompile(`^TG-[A-Z0-9]+-[0-9]{3}$`)

// TestBuiltinRuleMetadata checks that every built-in rule documents itself
// fully and that each has a failing and a passing test.
func TestBuiltinRuleMetadata(t *testing.T) {
	e, err := Load(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	tests := map[string]bool{}
	for _, m := range builtinModules(t) {
		for _, r := range m.Rules {
			if n := r.Head.Name.String(); strings.HasPrefix(n, "test_") {
				tests[n] = true
			}
		}
	}
	categories := map[string]int{}
	rules := e.Rules()
	for _, r := range rules {
		if !r.Builtin {
			continue
		}
		categories[r.Category]++
		if !ruleIDRE.MatchString(r.ID) {
			t.Errorf("%s:%d: rule id %q is not of the form TG-PROVIDER-NNN", r.File, r.Line, r.ID)
		}
		switch r.Category {
		case "access", "encryption", "backup", "audit":
		default:
			t.Errorf("%s: category %q is not access, encryption, backup or audit", r.ID, r.Category)
		}
		if r.Description == "" || r.Remediation == "" {
			t.Errorf("%s: needs a description and a remediation", r.ID)
		}
		if strings.HasPrefix(r.File, "policies/checks/") {
			// A value check: its category is data, and its fail and pass
			// inputs (required by LoadChecks) run in TestValueChecks.
			continue
		}
		if !strings.Contains(r.File, "/"+r.Category+"/") {
			t.Errorf("%s: lives in %s, not under its category %s/", r.ID, r.File, r.Category)
		}
		base := "test_" + strings.ToLower(strings.ReplaceAll(r.ID, "-", "_"))
		for _, suffix := range []string{"_violation", "_compliant"} {
			if !tests[base+suffix] {
				t.Errorf("%s: no Rego test %s%s", r.ID, base, suffix)
			}
		}
	}
	for _, c := range []string{"access", "encryption", "backup", "audit"} {
		if categories[c] < 2 {
			t.Errorf("category %s has %d rules, want at least 2", c, categories[c])
		}
	}
}

// TestBuiltinRulesAreIndexedByType keeps the library cheap per document:
// every built-in deny rule names the input types it applies to with a
// top-level input.type comparison, so a document's query leaves its
// package out for every other type (and OPA's index skips the rule).
// Packages whose rules are meant for a whole format (guarded by
// input.format) are listed here.
func TestBuiltinRulesAreIndexedByType(t *testing.T) {
	wholeFormat := map[string]bool{
		"data.tollgate.access.kubernetes.namespace": true, // objects in the default namespace, of any kind
	}
	e, err := Load(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range e.packages {
		if !strings.HasPrefix(p.path, "data.tollgate.") {
			continue
		}
		switch {
		case p.types == nil && p.formats == nil:
			t.Errorf("%s: a deny rule has no top-level input.type == \"T\", input.type in {...} or input.format == \"F\" with literal values", p.path)
		case p.formats != nil && !wholeFormat[p.path]:
			t.Errorf("%s: a deny rule names a format, not the types it applies to", p.path)
		}
	}
}
