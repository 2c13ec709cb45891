package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tollgate/tollgate/vulns"
	"github.com/tollgate/tollgate/vulns/vulnstest"
)

func TestDBImportStatusAndScan(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "db")
	code, _, stderr := runCLI(t, "db", "status", "--db-dir", dir)
	if code != 2 || !strings.Contains(stderr, "no vulnerability database") {
		t.Errorf("status of nothing: exit %d, %s", code, stderr)
	}
	file, err := vulnstest.DBFile(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runCLI(t, "db", "import", "--db-dir", dir, file)
	if code != 0 || !strings.Contains(stdout, "vulnerability database imported") {
		t.Fatalf("import: exit %d\n%s%s", code, stdout, stderr)
	}
	code, stdout, stderr = runCLI(t, "db", "status", "--db-dir", dir, "--json")
	var info vulns.Info
	if code != 0 || json.Unmarshal([]byte(stdout), &info) != nil || info.From != "manual import" || time.Since(info.Built) > time.Hour {
		t.Fatalf("status: exit %d\n%s%s", code, stdout, stderr)
	}

	// A scan with the imported database: a source tree's go.mod.
	src, err := vulnstest.Fixture(t.TempDir(), "source")
	if err != nil {
		t.Fatal(err)
	}
	report := filepath.Join(t.TempDir(), "r.json")
	code, stdout, stderr = runCLI(t, "scan", src, "--root", src, "--source-sbom", "cyclonedx-json="+filepath.Join(t.TempDir(), "s.json"),
		"--vulns", "required", "--db-dir", dir, "--fail-on", "none,vulnerability=critical", "--format", "json="+report, "--no-cache")
	if code != 1 {
		t.Fatalf("scan: exit %d, want 1 (a critical vulnerability)\n%s%s", code, stdout, stderr)
	}
	b, _ := os.ReadFile(report)
	if !strings.Contains(string(b), `"rule_id": "GHSA-v778-237x-gjrc"`) || !strings.Contains(string(b), `"db_schema": "v6.`) {
		t.Errorf("report lacks the vulnerability or the check:\n%.2000s", b)
	}
	// --db-max-age 1ns: stale, an error with --vulns=required.
	code, _, stderr = runCLI(t, "scan", src, "--root", src, "--source-sbom", "cyclonedx-json="+filepath.Join(t.TempDir(), "s.json"),
		"--vulns", "required", "--db-dir", dir, "--db-max-age", "1ns", "--no-cache")
	if code != 2 || !strings.Contains(stderr, "stale") {
		t.Errorf("stale: exit %d\n%s", code, stderr)
	}
}
