package main

import (
	"bytes"
	"flag"
	"math"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/tollgate/tollgate/internal/testtools"
)

var update = flag.Bool("update", false, "rewrite testdata/golden")

// runCLI runs the command line in testdata and returns its exit code,
// stdout and stderr.
func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	t.Chdir(filepath.Join(testtools.Repo(), "testdata"))
	var stdout, stderr bytes.Buffer
	code := run(args, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

func TestExitCodes(t *testing.T) {
	for _, tc := range []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"failing IaC", []string{"scan", "terraform/fail"}, 1, "; threshold high tripped"},
		{"passing IaC", []string{"scan", "terraform/pass", "kubernetes/pass"}, 0, "tollgate: PASSED: no findings; fail-on high; 2 files, 0 images scanned"},
		{"threshold above the findings", []string{"scan", "terraform/fail", "--fail-on", "critical"}, 0, "; fail-on critical;"},
		{"passing image", []string{"scan", "--image", "oci-dir:image/oci/pass"}, 0, "1 image scanned"},
		{"failing image", []string{"scan", "--image", "oci-dir:image/oci/fail"}, 1, "tollgate: FAILED: "},
		{"missing input fails closed", []string{"scan", "terraform/pass", "no/such/dir"}, 2, "tollgate: ERROR: 1 input error, failing closed; no findings; first: no/such/dir: no such file or directory"},
		{"unreadable image fails closed", []string{"scan", "--image", "oci-dir:no/such/layout"}, 2, "tollgate: ERROR: 1 input error, failing closed"},
		{"per-category threshold", []string{"scan", "terraform/fail", "--fail-on", "none,encryption=medium"}, 1, "threshold encryption=medium tripped"},
		{"per-category threshold not reached", []string{"scan", "terraform/fail", "--fail-on", "critical,audit=high"}, 1, "threshold audit=high tripped"},
		{"--severity filters the display, not the gate", []string{"scan", "terraform/fail", "--severity", "critical", "--format", "table"}, 1, "threshold high tripped"},
		{"--skip-errors lets a clean scan pass with an unreadable input", []string{"scan", "terraform/pass", "no/such/dir", "--skip-errors"}, 0, "1 input error allowed by --skip-errors"},
		{"two machine reports on stdout", []string{"scan", "terraform/pass", "--format", "json", "--format", "sarif"}, 2, "cannot share stdout"},
		{"two reports to one file", []string{"scan", "terraform/pass", "--format", "json=x.out", "--format", "sarif=x.out"}, 2, "both written to x.out"},
		{"misspelt category", []string{"scan", "terraform/pass", "--fail-on", "none,encyption=low"}, 2, `no rule has category "encyption"`},
		{"missing --root", []string{"scan", "terraform/pass", "--root", "no/such/root"}, 2, "--root no/such/root: not a directory"},
		{"a path with no IaC fails closed", []string{"scan", "source/app"}, 2, "nothing to scan: no IaC file tollgate reads under the given paths (2 files skipped)"},
		{"nothing to scan", []string{"scan"}, 2, "tollgate: error: nothing to scan"},
		{"bad --fail-on", []string{"scan", "terraform/pass", "--fail-on", "severe"}, 2, `tollgate: error: --fail-on "severe"`},
		{"bad --format", []string{"scan", "terraform/pass", "--format", "xml"}, 2, `tollgate: error: --format: unknown report format "xml"`},
		{"--sign without --key", []string{"scan", "--image", "oci-dir:image/oci/pass", "--sign"}, 2, "tollgate: error: --sign needs --key"},
		{"--sign of a layout", []string{"scan", "--image", "oci-dir:image/oci/pass", "--sign", "--key", "x.key"}, 2, "is not in a registry"},
		{"bad --sbom format", []string{"scan", "--image", "oci-dir:image/oci/pass", "--sbom", "cyclonedx-xml=x"}, 2, "--sbom cyclonedx-xml: unknown format"},
		{"unknown flag", []string{"scan", "--frobnicate"}, 2, "unknown flag: --frobnicate"},
		{"bad --max-layer-size", []string{"scan", "terraform/pass", "--max-layer-size", "huge"}, 2, `--max-layer-size "huge": want a size`},
		{"a layer over --max-layer-size fails closed", []string{"scan", "--image", "oci-dir:image/oci/pass", "--max-layer-size", "1KiB"}, 2, "tollgate: ERROR: 1 input error, failing closed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := runCLI(t, tc.args...)
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

// TestSampleGolden pins the README's sample scan in every report format.
func TestSampleGolden(t *testing.T) {
	dir := t.TempDir()
	outs := map[string]string{
		"json":  filepath.Join(dir, "sample.json"),
		"sarif": filepath.Join(dir, "sample.sarif"),
		"table": filepath.Join(dir, "sample.txt"),
	}
	// --root pins the paths the README's command shows (run from the
	// repository, whose work tree is the default root), with or without a
	// .git directory.
	code, stdout, stderr := runCLI(t, "scan", "terraform/fail", "kubernetes/fail", "--image", "oci-dir:image/oci/fail", "--root", "..",
		"--format", "json="+outs["json"], "--format", "sarif="+outs["sarif"], "--format", "table="+outs["table"])
	if code != 1 || stdout != "" {
		t.Fatalf("exit %d, stdout %q, stderr %s", code, stdout, stderr)
	}
	sarif, err := os.ReadFile(outs["sarif"])
	if err != nil {
		t.Fatal(err)
	}
	if err := testtools.ValidateJSON("sarif-2.1.0", sarif); err != nil {
		t.Errorf("SARIF is not valid against the official schema: %v", err)
	}
	for format, path := range outs {
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		golden := filepath.Join("golden", "sample."+strings.TrimPrefix(filepath.Ext(path), "."))
		if *update {
			if err := os.WriteFile(golden, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s report differs from testdata/%s (go test ./cmd/tollgate -update to accept):\n%s", format, golden, got)
		}
	}
}

// TestTuneGC: the GC settings apply unless the user set GOGC or
// GOMEMLIMIT.
func TestTuneGC(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
	for _, tc := range []struct {
		env     map[string]string
		percent int
		limit   int64
	}{
		{nil, gcPercent, gcMemoryLimit},
		{map[string]string{"GOGC": "100"}, 100, math.MaxInt64},
		{map[string]string{"GOMEMLIMIT": "2GiB"}, 100, math.MaxInt64},
	} {
		debug.SetGCPercent(100)
		debug.SetMemoryLimit(math.MaxInt64)
		tuneGC(func(k string) string { return tc.env[k] })
		if p, l := debug.SetGCPercent(100), debug.SetMemoryLimit(-1); p != tc.percent || l != tc.limit {
			t.Errorf("env %v: GC percent %d, memory limit %d; want %d, %d", tc.env, p, l, tc.percent, tc.limit)
		}
	}
}
