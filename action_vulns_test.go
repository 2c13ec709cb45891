package tollgate

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestActionVulnerabilityInputs runs the action's db update and scan
// steps as action.yml does: the database directory from the cache step,
// vulns required by default.
func TestActionVulnerabilityInputs(t *testing.T) {
	bin := buildTollgate(t)
	dbDir, debian, _, _ := vulnFixtures(t)
	b, err := os.ReadFile("action.yml")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"vulns:\n", "default: required", "actions/cache@", "db update --db-dir", "TOLLGATE_DB_DIR: ${{ steps.db.outputs.dir }}"} {
		if !bytes.Contains(b, []byte(want)) {
			t.Errorf("action.yml lacks %q", want)
		}
	}
	run := func(t *testing.T, env map[string]string) (int, map[string]string, string) {
		t.Helper()
		dir := t.TempDir()
		env["TOLLGATE_SARIF_FILE"], env["TOLLGATE_TARGETS"] = filepath.Join(dir, "x.sarif"), "."
		code, out, _, log := runActionStep(t, bin, dir, env)
		return code, out, log
	}
	image := "oci-dir:" + debian

	code, out, log := run(t, map[string]string{"TOLLGATE_IMAGES": image, "TOLLGATE_VULNS": "required", "TOLLGATE_DB_DIR": t.TempDir()})
	if code != ExitError || out["result"] != "error" || !strings.Contains(log, "no vulnerability database") {
		t.Errorf("required, no database: exit %d outputs %v\n%s", code, out, log)
	}
	code, out, log = run(t, map[string]string{"TOLLGATE_IMAGES": image, "TOLLGATE_VULNS": "required", "TOLLGATE_DB_DIR": dbDir,
		"TOLLGATE_FAIL_ON": "none,vulnerability=high"})
	if code != ExitFailed || out["result"] != "failed" || !strings.Contains(log, "GHSA-35jh-r3h4-6jhm") {
		t.Errorf("required, fixture database: exit %d outputs %v\n%s", code, out, log)
	}
	code, out, log = run(t, map[string]string{"TOLLGATE_IMAGES": image, "TOLLGATE_VULNS": "required", "TOLLGATE_DB_DIR": dbDir,
		"TOLLGATE_FAIL_ON": "none,vulnerability=high", "TOLLGATE_IGNORE_UNFIXED": "true", "TOLLGATE_VEX": filepath.Join(t.TempDir(), "missing.json")})
	if code != ExitError {
		t.Errorf("a missing VEX file: exit %d outputs %v\n%s", code, out, log)
	}
}
