package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tollgate/tollgate/internal/testtools"
)

// scanJSON runs tollgate scan ARGS --format json=PATH and returns PATH and
// the exit code.
func scanJSON(t *testing.T, path string, args ...string) int {
	t.Helper()
	code, _, stderr := runCLI(t, append(append([]string{"scan"}, args...), "--format", "json="+path)...)
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("scan %v wrote no report (exit %d): %s", args, code, stderr)
	}
	return code
}

// TestMergeCommand merges the reports of two scans of two halves and
// checks the result against one scan of the whole: the same JSON report,
// verdict line and exit code; then every format, and the exit codes.
func TestMergeCommand(t *testing.T) {
	dir := t.TempDir()
	p := func(name string) string { return filepath.Join(dir, name) }
	halves := [][]string{{"terraform/fail", "kubernetes/syntax-error"}, {"kubernetes/fail", "helm/basic"}}
	scanJSON(t, p("a.json"), halves[0]...)
	scanJSON(t, p("b.json"), halves[1]...)
	wholeCode, _, wholeStderr := runCLI(t, "scan", "terraform/fail", "kubernetes/syntax-error", "kubernetes/fail", "helm/basic", "--format", "json="+p("whole.json"))
	code, stdout, stderr := runCLI(t, "merge", p("a.json"), p("b.json"), "--format", "json="+p("merged.json"))
	if code != wholeCode || code != 2 || stdout != "" {
		t.Errorf("merge exit %d, stdout %q; the whole scan's exit %d, want 2 (a syntax error); stderr %s", code, stdout, wholeCode, stderr)
	}
	if stderr != wholeStderr {
		t.Errorf("merge verdict:\n%s\nwhole scan's:\n%s", stderr, wholeStderr)
	}
	merged, _ := os.ReadFile(p("merged.json"))
	whole, _ := os.ReadFile(p("whole.json"))
	if !bytes.Equal(merged, whole) || len(whole) == 0 {
		t.Errorf("merged JSON report differs from the whole scan's:\n%s", merged)
	}

	// The same with --skip-errors on both sides: the findings decide.
	wholeCode, _, wholeStderr = runCLI(t, "scan", "terraform/fail", "kubernetes/syntax-error", "kubernetes/fail", "helm/basic", "--skip-errors")
	code, _, stderr = runCLI(t, "merge", p("a.json"), p("b.json"), "--skip-errors", "--format", "table="+p("merged.txt"))
	if code != wholeCode || code != 1 || stderr != wholeStderr {
		t.Errorf("--skip-errors: merge exit %d %q, whole scan exit %d %q", code, stderr, wholeCode, wholeStderr)
	}

	t.Run("every format", func(t *testing.T) {
		args := []string{"merge", p("a.json"), p("b.json"), "--skip-errors"}
		files := map[string]string{}
		for _, f := range []string{"json", "sarif", "junit", "markdown", "github", "html", "outputs", "table"} {
			files[f] = p("every." + f)
			args = append(args, "--format", f+"="+files[f])
		}
		t.Setenv("GITHUB_STEP_SUMMARY", p("summary.md"))
		os.WriteFile(p("summary.md"), []byte("# earlier step\n"), 0o644)
		if code, stdout, stderr := runCLI(t, args...); code != 1 || stdout != "" {
			t.Fatalf("exit %d, stdout %q, stderr %s", code, stdout, stderr)
		}
		read := func(f string) []byte {
			b, err := os.ReadFile(files[f])
			if err != nil || len(b) == 0 {
				t.Fatalf("%s report not written: %v", f, err)
			}
			return b
		}
		if err := testtools.ValidateJSON("sarif-2.1.0", read("sarif")); err != nil {
			t.Errorf("merged SARIF is not valid against the official schema: %v", err)
		}
		sch, err := testtools.Schema(filepath.Join(testtools.Repo(), "report", "schema", "report.schema.json"), nil)
		if err != nil {
			t.Fatal(err)
		}
		if err := testtools.Validate(sch, read("json")); err != nil {
			t.Errorf("merged JSON report is not valid against report.schema.json: %v", err)
		}
		for f := range files {
			if b := read(f); f != "outputs" && !bytes.Contains(b, []byte("TG-K8S-001")) {
				t.Errorf("%s report lacks the findings of the second report:\n%.400s", f, b)
			}
		}
		if b := read("outputs"); !bytes.Contains(b, []byte("result=failed\n")) {
			t.Errorf("outputs lack the verdict:\n%s", b)
		}
		summary, _ := os.ReadFile(p("summary.md"))
		if !bytes.HasPrefix(summary, []byte("# earlier step\n")) || !bytes.Contains(summary, []byte("FAILED")) {
			t.Errorf("step summary not appended with the verdict:\n%s", summary)
		}
	})

	// Reports that cannot be merged, and command lines that are wrong.
	os.WriteFile(p("broken.json"), []byte("{\n  \"version\": \"1\",\n  oops\n}\n"), 0o644)
	a, _ := os.ReadFile(p("a.json"))
	os.WriteFile(p("other.json"), bytes.Replace(a, []byte(`"version": "dev`), []byte(`"version": "v0.0.1`), 1), 0o644)
	for _, tc := range []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"findings over the threshold", []string{p("a.json"), p("b.json"), "--skip-errors"}, 1, "; threshold high tripped"},
		{"threshold given to the merge", []string{p("a.json"), p("b.json"), "--skip-errors", "--fail-on", "critical"}, 0, "; fail-on critical;"},
		{"per-category threshold", []string{p("a.json"), p("b.json"), "--skip-errors", "--fail-on", "none,access=high"}, 1, "threshold access=high tripped"},
		{"an input error fails closed", []string{p("a.json"), p("b.json"), "--fail-on", "none"}, 2, "tollgate: ERROR: 1 input error, failing closed"},
		{"--severity filters the display, not the gate", []string{p("a.json"), p("b.json"), "--skip-errors", "--severity", "low"}, 1, "threshold high tripped"},
		{"one report", []string{p("b.json")}, 1, "threshold high tripped"},
		{"broken JSON", []string{p("a.json"), p("broken.json")}, 2, "broken.json:3: not JSON"},
		{"missing report", []string{p("a.json"), p("missing.json")}, 2, "missing.json: no such file"},
		{"another tollgate version", []string{p("a.json"), p("other.json")}, 2, "of tollgate v0.0.1: merge reports of one tollgate version"},
		{"no report", nil, 2, "requires at least 1 arg"},
		{"bad --fail-on", []string{p("a.json"), "--fail-on", "severe"}, 2, `tollgate: error: --fail-on "severe"`},
		{"misspelt category", []string{p("a.json"), "--fail-on", "none,encyption=low"}, 2, `no rule has category "encyption"`},
		{"bad --format", []string{p("a.json"), "--format", "xml"}, 2, `--format: unknown report format "xml"`},
		{"two machine reports on stdout", []string{p("a.json"), "--format", "json", "--format", "sarif"}, 2, "cannot share stdout"},
		{"bad --severity", []string{p("a.json"), "--severity", "severe"}, 2, `--severity "severe"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := runCLI(t, append([]string{"merge"}, tc.args...)...)
			if code != tc.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tc.code, stderr)
			}
			if !strings.Contains(stderr, tc.stderr) {
				t.Errorf("stderr %q does not contain %q", stderr, tc.stderr)
			}
			if n := strings.Count(strings.TrimSpace(stderr), "\n"); n > 0 {
				t.Errorf("stderr has %d lines, want one:\n%s", n+1, stderr)
			}
		})
	}
}
