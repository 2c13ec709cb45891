package tollgate

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tollgate/tollgate/policies"
	"github.com/tollgate/tollgate/report"
	"github.com/tollgate/tollgate/scanners"
)

// TestValueChecks runs the tests of every value check (policies/checks/*.yaml)
// end to end: each input is written in its own format, read by the real
// scanner, evaluated with the whole library, and must produce the check's
// finding at the stated line (fail:) or none of it (pass:).
func TestValueChecks(t *testing.T) {
	checks, err := policies.LoadChecks(policies.FS, "checks")
	if err != nil {
		t.Fatal(err)
	}
	if len(checks) == 0 {
		t.Fatal("no value checks loaded")
	}
	engine, err := policies.Load(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	scs, err := fileScanners(Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range checks {
		if _, ok := engine.Rule(c.ID); !ok {
			t.Errorf("%s:%d: check %s is not among the engine's rules", c.File, c.Line, c.ID)
		}
		for i, tc := range c.Tests {
			src, fail := tc.Fail, true
			if src == "" {
				src, fail = tc.Pass, false
			}
			dir := t.TempDir()
			file := filepath.Join(dir, checkTestFile(c.Resource[0]))
			if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
				t.Fatal(err)
			}
			rep := &report.Report{}
			ev := newEvaluator(context.Background(), engine, rep, func(string) bool { return true })
			if _, err := scanners.Walk(context.Background(), dir, []string{dir}, scs, scanners.WithResults(ev.file)); err != nil {
				t.Fatal(err)
			}
			ev.finish(nil)
			if len(rep.Errors) > 0 || rep.Summary.Resources == 0 {
				t.Errorf("%s test %d: input not read: %+v", c.ID, i+1, rep.Errors)
				continue
			}
			var lines []int
			for _, f := range rep.Findings {
				if f.RuleID == c.ID {
					lines = append(lines, f.Location.StartLine)
				}
			}
			switch {
			case fail && len(lines) == 0:
				t.Errorf("%s:%d: %s fail test %d: no finding", c.File, c.Line, c.ID, i+1)
			case fail && tc.Line != 0 && lines[0] != tc.Line:
				t.Errorf("%s:%d: %s fail test %d: finding at line %v, want %d", c.File, c.Line, c.ID, i+1, lines, tc.Line)
			case !fail && len(lines) > 0:
				t.Errorf("%s:%d: %s pass test %d: finding at line %v", c.File, c.Line, c.ID, i+1, lines)
			}
		}
	}
}

// checkTestFile names a test input by the format of the resource type.
func checkTestFile(resourceType string) string {
	switch {
	case strings.HasPrefix(resourceType, "AWS::"):
		return "template.yaml"
	case strings.Contains(resourceType, "_") && strings.ToLower(resourceType) == resourceType:
		return "main.tf"
	}
	return "manifest.yaml"
}
