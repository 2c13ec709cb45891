package tollgate

import (
	"bufio"
	"bytes"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/tollgate/tollgate/internal/testtools"
	"github.com/tollgate/tollgate/report"
	"github.com/tollgate/tollgate/sign"
)

// yamlToJSON turns a YAML file into JSON for schema validation.
func yamlToJSON(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var v any
	if err := yaml.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	out, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestActionMetadataSchema(t *testing.T) {
	if err := testtools.ValidateJSON("github-action", yamlToJSON(t, "action.yml")); err != nil {
		t.Errorf("action.yml is not valid against the github-action schema: %v", err)
	}
}

// TestExampleWorkflow checks the README's workflow: schema-valid, clean
// under actionlint, and the same text as examples/github-workflow.yml.
func TestExampleWorkflow(t *testing.T) {
	const path = "examples/github-workflow.yml"
	if err := testtools.ValidateJSON("github-workflow", yamlToJSON(t, path)); err != nil {
		t.Errorf("%s is not valid against the github-workflow schema: %v", path, err)
	}
	wf, _ := os.ReadFile(path)
	readme, _ := os.ReadFile("README.md")
	if !bytes.Contains(readme, wf) {
		t.Errorf("README.md does not contain %s verbatim", path)
	}
	out, err := exec.Command(testtools.Actionlint(t), "-no-color", path).CombinedOutput()
	if err != nil {
		t.Errorf("actionlint %s: %v\n%s", path, err, out)
	}
}

// buildTollgate builds the CLI once for the action tests.
func buildTollgate(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "tollgate")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/tollgate")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

func readOutputs(t *testing.T, path string) map[string]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		k, v, _ := strings.Cut(sc.Text(), "=")
		out[k] = v
	}
	return out
}

// TestActionRun runs the action's scan step as the runner would: inputs as
// the step's env, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files.
func TestActionRun(t *testing.T) {
	bin := buildTollgate(t)
	wd, _ := os.Getwd()
	// The runner's workspace is the repository's checkout: a git work tree
	// holding the fixtures.
	workspace := t.TempDir()
	if err := os.CopyFS(workspace, os.DirFS(filepath.Join(wd, "testdata"))); err != nil {
		t.Fatal(err)
	}
	os.Mkdir(filepath.Join(workspace, ".git"), 0o755)
	run := func(t *testing.T, env map[string]string) (int, map[string]string, string, string) {
		t.Helper()
		return runActionStep(t, bin, workspace, env)
	}

	t.Run("failing", func(t *testing.T) {
		sarif := filepath.Join(t.TempDir(), "out.sarif")
		code, out, summary, log := run(t, map[string]string{
			"TOLLGATE_TARGETS": "terraform/fail\nkubernetes/fail", "TOLLGATE_FAIL_ON": "high", "TOLLGATE_SARIF_FILE": sarif,
		})
		if code != ExitFailed || out["result"] != "failed" || out["high"] == "0" || out["high"] == "" || out["sarif-file"] != sarif {
			t.Errorf("exit %d, outputs %v\n%s", code, out, log)
		}
		if !strings.HasPrefix(summary, "# earlier step\n") || !strings.Contains(summary, "FAILED") || !strings.Contains(summary, "TG-AWS-001") {
			t.Errorf("step summary not appended with the verdict:\n%s", summary)
		}
		if !strings.Contains(log, "::error file=terraform/fail/main.tf,line=4") {
			t.Errorf("no annotation for TG-AWS-001 in the log:\n%s", log)
		}
		if b, err := os.ReadFile(sarif); err != nil || testtools.ValidateJSON("sarif-2.1.0", b) != nil {
			t.Errorf("SARIF missing or invalid: %v", err)
		}
	})

	t.Run("passing image with SBOM", func(t *testing.T) {
		sbom := filepath.Join(t.TempDir(), "sbom.cdx.json")
		code, out, summary, log := run(t, map[string]string{
			"TOLLGATE_TARGETS": "terraform/pass", "TOLLGATE_IMAGES": "oci-dir:image/oci/pass",
			"TOLLGATE_SBOM": "cyclonedx-json=" + sbom, "TOLLGATE_SARIF_FILE": filepath.Join(t.TempDir(), "x.sarif"),
		})
		if code != ExitPassed || out["result"] != "passed" || !strings.HasPrefix(out["digest"], "sha256:") || out["sbom-file"] != sbom {
			t.Errorf("exit %d, outputs %v\n%s", code, out, log)
		}
		if !strings.Contains(summary, "PASSED") {
			t.Errorf("summary:\n%s", summary)
		}
		if _, err := os.Stat(sbom); err != nil {
			t.Error(err)
		}
	})

	t.Run("exclusions and list inputs", func(t *testing.T) {
		// kubernetes/ holds a failing manifest and one that does not
		// parse: left out by pattern (never expanded by the shell), the
		// rest passes; the other list inputs reach their flags.
		code, out, _, log := run(t, map[string]string{
			"TOLLGATE_TARGETS": "kubernetes", "TOLLGATE_SKIP_DIRS": "**/fail\n**/syntax-error", "TOLLGATE_SKIP_FILES": "realistic/*.yaml",
			"TOLLGATE_FAIL_ON": "none", "TOLLGATE_SKIP_ERRORS": "true", "TOLLGATE_SARIF_FILE": filepath.Join(t.TempDir(), "x.sarif"),
		})
		if code != ExitPassed || out["result"] != "passed" || out["errors"] != "0" {
			t.Errorf("exit %d, outputs %v\n%s", code, out, log)
		}
		code, _, _, log = run(t, map[string]string{"TOLLGATE_TARGETS": "terraform/pass", "TOLLGATE_POLICY": "no/such/policies",
			"TOLLGATE_SARIF_FILE": filepath.Join(t.TempDir(), "x.sarif")})
		if code != ExitError || !strings.Contains(log, "no/such/policies") {
			t.Errorf("policy input: exit %d\n%s", code, log)
		}
		// Each compliance framework reaches its flag: the view in the
		// report and the job summary, and a misspelt one is a usage error.
		jsonReport := filepath.Join(t.TempDir(), "report.json")
		code, _, summary, log := run(t, map[string]string{"TOLLGATE_TARGETS": "terraform/pass", "TOLLGATE_COMPLIANCE": "cis-aws-2.0\nsoc2",
			"TOLLGATE_FORMAT": "json=" + jsonReport, "TOLLGATE_SARIF_FILE": filepath.Join(t.TempDir(), "x.sarif")})
		var rep report.Report
		b, _ := os.ReadFile(jsonReport)
		if code != ExitPassed || json.Unmarshal(b, &rep) != nil || len(rep.Compliance) != 2 || !strings.Contains(summary, "#### soc2") {
			t.Errorf("compliance input: exit %d, compliance %+v\n%s", code, rep.Compliance, log)
		}
		code, _, _, log = run(t, map[string]string{"TOLLGATE_TARGETS": "terraform/pass", "TOLLGATE_COMPLIANCE": "soc2 cis-aws-1.5",
			"TOLLGATE_SARIF_FILE": filepath.Join(t.TempDir(), "x.sarif")})
		if code != ExitError || !strings.Contains(log, "--compliance cis-aws-1.5: no rule maps to it") {
			t.Errorf("misspelt compliance input: exit %d\n%s", code, log)
		}
	})

	t.Run("platform and secrets inputs", func(t *testing.T) {
		// secrets: false turns detection off (the report's checks say
		// so); a malformed platform reaches --platform and is refused.
		jsonReport := filepath.Join(t.TempDir(), "report.json")
		code, _, _, log := run(t, map[string]string{"TOLLGATE_TARGETS": "terraform/pass", "TOLLGATE_SECRETS": "false",
			"TOLLGATE_FORMAT": "json=" + jsonReport, "TOLLGATE_SARIF_FILE": filepath.Join(t.TempDir(), "x.sarif")})
		var rep report.Report
		b, _ := os.ReadFile(jsonReport)
		if code != ExitPassed || json.Unmarshal(b, &rep) != nil || !strings.Contains(fmt.Sprint(rep.Summary.Checks), "secrets skipped") {
			t.Errorf("secrets input: exit %d, checks %+v\n%s", code, rep.Summary.Checks, log)
		}
		code, _, _, log = run(t, map[string]string{"TOLLGATE_TARGETS": "terraform/pass", "TOLLGATE_IMAGES": "oci-dir:image/oci/pass",
			"TOLLGATE_PLATFORM": "linux/", "TOLLGATE_SARIF_FILE": filepath.Join(t.TempDir(), "x.sarif")})
		if code != ExitError || !strings.Contains(log, "platform") {
			t.Errorf("platform input: exit %d\n%s", code, log)
		}
	})

	t.Run("report signing inputs", func(t *testing.T) {
		// An env:// key signs the JSON report; keyless without an OIDC
		// token (no id-token: write) is a usage error naming the fix.
		priv, _, err := sign.GenerateKeyPair([]byte("pw"))
		if err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		rep, bundle := filepath.Join(dir, "report.json"), filepath.Join(dir, "report.json.bundle")
		code, _, _, log := run(t, map[string]string{"TOLLGATE_TARGETS": "terraform/pass", "TOLLGATE_FORMAT": "json=" + rep,
			"TOLLGATE_SIGN_REPORT": bundle, "TOLLGATE_KEY": "env://TG_ACTION_KEY", "TG_ACTION_KEY": string(priv),
			"COSIGN_PASSWORD": "pw", "TOLLGATE_SARIF_FILE": filepath.Join(dir, "x.sarif")})
		if _, err := os.Stat(bundle); code != ExitPassed || err != nil {
			t.Errorf("env:// key: exit %d, bundle %v\n%s", code, err, log)
		}
		code, _, _, log = run(t, map[string]string{"TOLLGATE_TARGETS": "terraform/pass", "TOLLGATE_FORMAT": "json=" + rep,
			"TOLLGATE_SIGN_REPORT": bundle, "TOLLGATE_KEYLESS": "true", "SIGSTORE_ID_TOKEN": "", "ACTIONS_ID_TOKEN_REQUEST_URL": "",
			"TOLLGATE_SARIF_FILE": filepath.Join(dir, "x.sarif")})
		if code != ExitError || !strings.Contains(log, "id-token: write") {
			t.Errorf("keyless without a token: exit %d\n%s", code, log)
		}
	})

	t.Run("unreadable input", func(t *testing.T) {
		code, out, _, log := run(t, map[string]string{"TOLLGATE_TARGETS": "no/such/dir", "TOLLGATE_SARIF_FILE": filepath.Join(t.TempDir(), "x.sarif")})
		if code != ExitError || out["result"] != "error" || out["errors"] != "1" {
			t.Errorf("exit %d, outputs %v\n%s", code, out, log)
		}
	})
}

// TestActionInstall runs the Action's install step against a local HTTPS
// server standing in for the release host: a release ref is downloaded,
// its checksums verified against the cosign signature (made by the real
// cosign, checked by the script with openssl) and cached in the tool cache;
// a second run uses the cache; a tampered archive or a foreign signature is
// refused; a branch ref or an action without a release key builds from
// source (no bin output).
func TestActionInstall(t *testing.T) {
	cosign := testtools.Cosign(t)
	bin := buildTollgate(t)
	keys := t.TempDir()
	gen := func(dir string) {
		c := exec.Command(cosign, "generate-key-pair")
		c.Dir = dir
		c.Env = append(os.Environ(), "COSIGN_PASSWORD=x")
		if out, err := c.CombinedOutput(); err != nil {
			t.Fatalf("cosign generate-key-pair: %v\n%s", err, out)
		}
	}
	gen(keys)
	other := t.TempDir()
	gen(other)

	// A release v1.2.3 for linux/amd64, as release.sh lays it out.
	rel := t.TempDir()
	stage := t.TempDir()
	data, err := os.ReadFile(bin)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(stage, "tollgate"), data, 0o755)
	archive := "tollgate_1.2.3_linux_amd64.tar.gz"
	if out, err := exec.Command("tar", "-czf", filepath.Join(rel, archive), "-C", stage, "tollgate").CombinedOutput(); err != nil {
		t.Fatalf("tar: %v\n%s", err, out)
	}
	c := exec.Command("sha256sum", archive)
	c.Dir = rel
	sums, err := c.Output()
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(rel, "checksums.txt"), sums, 0o644)
	sign := func(keyDir string) {
		c := exec.Command(cosign, "sign-blob", "--yes", "--key", filepath.Join(keyDir, "cosign.key"), "--tlog-upload=false",
			"--bundle", filepath.Join(rel, "checksums.txt.bundle"), filepath.Join(rel, "checksums.txt"))
		c.Env = append(os.Environ(), "COSIGN_PASSWORD=x")
		if out, err := c.CombinedOutput(); err != nil {
			t.Fatalf("cosign sign-blob: %v\n%s", err, out)
		}
	}
	sign(keys)
	gets := 0
	srv := httptest.NewTLSServer(http.StripPrefix("/releases/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gets++
		http.ServeFile(w, r, filepath.Join(rel, strings.TrimPrefix(r.URL.Path, "v1.2.3/")))
	})))
	defer srv.Close()
	ca := filepath.Join(t.TempDir(), "ca.pem")
	os.WriteFile(ca, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw}), 0o644)

	wd, _ := os.Getwd()
	toolCache := t.TempDir()
	actionPath := wd
	install := func(t *testing.T, ref, key string) (string, string, error) {
		t.Helper()
		outputs := filepath.Join(t.TempDir(), "outputs")
		cmd := exec.Command("bash", filepath.Join(wd, "scripts", "action-install.sh"))
		cmd.Env = append(os.Environ(), "TOLLGATE_REF="+ref, "GITHUB_OUTPUT="+outputs, "GITHUB_ACTION_PATH="+actionPath,
			"RUNNER_OS=Linux", "RUNNER_ARCH=X64", "RUNNER_TOOL_CACHE="+toolCache, "RUNNER_TEMP="+t.TempDir(),
			"TOLLGATE_RELEASES="+srv.URL+"/releases", "TOLLGATE_RELEASE_KEY="+key, "TOLLGATE_CURL_CACERT="+ca)
		log, err := cmd.CombinedOutput()
		out, _ := os.ReadFile(outputs)
		return strings.TrimPrefix(strings.TrimSpace(string(out)), "bin="), string(log), err
	}
	pub := filepath.Join(keys, "cosign.pub")

	got, log, err := install(t, "v1.2.3", pub)
	if err != nil || got != filepath.Join(toolCache, "tollgate", "1.2.3", "amd64", "tollgate") {
		t.Fatalf("install: bin %q, %v\n%s", got, err, log)
	}
	if out, err := exec.Command(got, "version").Output(); err != nil || !strings.HasPrefix(string(out), "tollgate ") {
		t.Errorf("installed binary: %q %v", out, err)
	}
	before := gets
	if again, log, err := install(t, "v1.2.3", pub); err != nil || again != got || gets != before {
		t.Errorf("second install: %q, %v, %d requests (want the tool cache, none)\n%s", again, err, gets-before, log)
	}
	// A major tag resolves through the action's release/VERSION.
	actionPath = t.TempDir()
	os.MkdirAll(filepath.Join(actionPath, "release"), 0o755)
	os.WriteFile(filepath.Join(actionPath, "release", "VERSION"), []byte("v1.2.3\n"), 0o644)
	if major, log, err := install(t, "v1", pub); err != nil || major != got {
		t.Errorf("v1 with release/VERSION v1.2.3: bin %q, %v\n%s", major, err, log)
	}
	if other, _, err := install(t, "v2", pub); err != nil || other != "" {
		t.Errorf("v2 with release/VERSION v1.2.3: bin %q, %v; want a build from source", other, err)
	}
	actionPath = wd
	for _, ref := range []string{"main", "3f2c1a9b8e7d6c5b4a39281706f5e4d3c2b1a098", "v1"} {
		if bin, log, err := install(t, ref, pub); err != nil || bin != "" {
			t.Errorf("%s: bin %q, %v; want no bin (build from source)\n%s", ref, bin, err, log)
		}
	}
	if bin, _, err := install(t, "v1.2.3", filepath.Join(t.TempDir(), "none.pub")); err != nil || bin != "" {
		t.Errorf("without a release key: bin %q, %v; want a build from source", bin, err)
	}

	// A release signed by another key, then a tampered archive: refused.
	os.RemoveAll(toolCache)
	sign(other)
	if bin, log, err := install(t, "v1.2.3", pub); err == nil || bin != "" || !strings.Contains(log, "not signed by the release key") {
		t.Errorf("foreign signature: bin %q, %v\n%s", bin, err, log)
	}
	sign(keys)
	f, _ := os.OpenFile(filepath.Join(rel, archive), os.O_APPEND|os.O_WRONLY, 0)
	f.Write([]byte("tampered"))
	f.Close()
	if bin, log, err := install(t, "v1.2.3", pub); err == nil || bin != "" || !strings.Contains(log, "does not match the signed checksums") {
		t.Errorf("tampered archive: bin %q, %v\n%s", bin, err, log)
	}
}

// runActionStep runs scripts/action-run.sh, the action's scan step, in dir
// with the tollgate binary bin and the step's environment, as the runner
// does; the job summary starts with an earlier step's line. It returns the
// exit code, the step outputs, the job summary and the log.
func runActionStep(t *testing.T, bin, dir string, env map[string]string) (code int, outputs map[string]string, summary, log string) {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	outPath, sumPath := filepath.Join(tmp, "outputs"), filepath.Join(tmp, "summary.md")
	os.WriteFile(sumPath, []byte("# earlier step\n"), 0o644)
	cmd := exec.Command("bash", filepath.Join(wd, "scripts", "action-run.sh"))
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "TOLLGATE_BIN="+bin, "GITHUB_OUTPUT="+outPath, "GITHUB_STEP_SUMMARY="+sumPath,
		"GITHUB_ACTION_PATH="+wd, "GITHUB_ACTIONS=true")
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err = cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	s, _ := os.ReadFile(sumPath)
	return code, readOutputs(t, outPath), string(s), out.String()
}
