package tollgate

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tollgate/tollgate/report"
)

// Regression tests for the hostile-input defects of issue 8, end to end
// through Scan: what a malicious pull request writes cannot make the scan
// read outside the repository, leak the process environment or pass.

// writeTree writes files (slash-separated, relative to dir); a value
// starting with "->" makes a symbolic link to the rest.
func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for p, body := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if target, ok := strings.CutPrefix(body, "->"); ok {
			if err := os.Symlink(target, full); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.WriteFile(full, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// allReports renders the report in every format.
func allReports(t *testing.T, r *report.Report) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for name, write := range report.Formats {
		var buf bytes.Buffer
		if err := write(&buf, r); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out[name] = buf.Bytes()
	}
	return out
}

// TestLinksOutOfTheRootNeverLeak is D01: Helm's .Files.Get, a Kustomize
// configMapGenerator, a Compose .env and a Terraform module directory, each
// through a symbolic link to a file outside the scan root or to the process
// environment. Each is an error naming the link, the scan fails closed, and
// neither the outside file nor the environment reaches any report.
func TestLinksOutOfTheRootNeverLeak(t *testing.T) {
	const canary = "canary-cosign-pw-777"
	t.Setenv("COSIGN_PASSWORD", canary)
	dir := t.TempDir()
	outside, root := filepath.Join(dir, "outside"), filepath.Join(dir, "root")
	writeTree(t, outside, map[string]string{
		"config.json": `{"auths":{"ghcr.io":{"auth":"` + canary + `"}}}`,
		"env":         "DB_PASSWORD=" + canary + "\n",
		"mod/main.tf": "resource \"aws_s3_bucket\" \"m\" {\n  bucket = \"" + canary + "\"\n}\n",
	})
	writeTree(t, root, map[string]string{
		"chart/Chart.yaml":  "apiVersion: v2\nname: c\nversion: 0.1.0\n",
		"chart/files/creds": "->" + filepath.Join(outside, "config.json"),
		"chart/files/env":   "->/proc/self/environ",
		"chart/templates/pod.yaml": `apiVersion: v1
kind: Pod
metadata:
  name: exfil
spec:
  containers:
    - name: a
      image: "leak-{{ .Files.Get "files/creds" }}"
    - name: b
      image: "env-{{ .Files.Get "files/env" | replace "\u0000" ";" }}"
`,
		"k/environ":  "->/proc/self/environ",
		"k/creds":    "->" + filepath.Join(outside, "config.json"),
		"k/pod.yaml": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: exfil\nspec:\n  containers:\n    - name: a\n      image: placeholder\n",
		"k/kustomization.yaml": `resources:
  - pod.yaml
configMapGenerator:
  - name: leak
    files:
      - environ
      - creds
replacements:
  - source: {kind: ConfigMap, name: leak, fieldPath: data.environ}
    targets:
      - select: {kind: Pod}
        fieldPaths: [spec.containers.0.image]
`,
		"compose/compose.yaml": "services:\n  db:\n    image: postgres:16\n    environment:\n      PASSWORD_COPY: ${DB_PASSWORD}\n    command: [\"${DB_PASSWORD}\"]\n",
		"compose/.env":         "->" + filepath.Join(outside, "env"),
		"tf/main.tf":           "module \"m\" {\n  source = \"./mod\"\n}\n",
		"tf/mod":               "->" + filepath.Join(outside, "mod"),
	})
	res := scan(t, Options{Root: root, Targets: []string{filepath.Join(root, "chart"), filepath.Join(root, "k"), filepath.Join(root, "compose"), filepath.Join(root, "tf")}})
	if res.ExitCode() != ExitError {
		t.Errorf("exit %d, want %d (fail closed)", res.ExitCode(), ExitError)
	}
	errs := map[string]string{}
	for _, e := range res.Report.Errors {
		errs[e.Path] += e.Message + "\n"
	}
	for _, want := range []string{"chart", "k", "compose", "tf"} {
		found := false
		for p, msg := range errs {
			if strings.HasPrefix(p, want+"/") && strings.Contains(msg, "outside the scan root") {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: no error naming a link out of the root; errors: %v", want, errs)
		}
	}
	for format, b := range allReports(t, res.Report) {
		for _, leak := range []string{canary, "PATH=", "HOME="} {
			if bytes.Contains(b, []byte(leak)) {
				t.Errorf("%s report carries %q", format, leak)
			}
		}
	}
}
