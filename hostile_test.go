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

// TestScanExecutesNothing is D16: a scan never runs a program on the
// repository's behalf (syft's Go cataloguer ran `go list`, so a pull
// request's go.mod decided what was downloaded and run). Every reader and
// the source-tree SBOM run over the shipped fixtures with a PATH whose every
// likely tool records that it was called.
func TestScanExecutesNothing(t *testing.T) {
	bin := t.TempDir()
	marker := filepath.Join(t.TempDir(), "executed")
	for _, tool := range []string{"go", "git", "helm", "kustomize", "kubectl", "terraform", "docker", "podman", "npm", "node", "python", "python3", "pip", "mvn", "gradle", "java", "cargo", "dotnet", "ruby", "bundle", "composer", "php", "sh", "bash", "curl", "wget", "ssh", "cosign", "syft", "grype"} {
		script := "#!/bin/sh\necho \"" + tool + " $*\" >> " + marker + "\n"
		if err := os.WriteFile(filepath.Join(bin, tool), []byte(script), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("PATH", bin)
	dir := t.TempDir()
	out := filepath.Join(t.TempDir(), "source.cdx.json")
	targets := []string{"terraform/fail", "kubernetes/fail", "helm/basic", "kustomize/basic", "compose/app", "dockerfile/simple", "cloudformation/yaml", "ansible/playbook", "source/app"}
	for _, tg := range targets {
		if err := os.CopyFS(filepath.Join(dir, tg), os.DirFS(filepath.Join("testdata", tg))); err != nil {
			t.Fatal(err)
		}
	}
	var paths []string
	for _, tg := range targets {
		paths = append(paths, filepath.Join(dir, tg))
	}
	res := scan(t, Options{Root: dir, Targets: paths, Images: []string{"oci-dir:" + filepath.Join("testdata", "image", "oci", "pass")},
		SourceSBOMs: []SBOMOutput{{Format: "cyclonedx-json", Path: out}}})
	if len(res.Report.Findings) == 0 {
		t.Fatalf("the scan found nothing: %+v", res.Report.Errors)
	}
	if b, err := os.ReadFile(marker); err == nil {
		t.Errorf("the scan executed programs:\n%s", b)
	}
	// The Go module of the source tree is still catalogued, from go.mod.
	if b, err := os.ReadFile(out); err != nil || !bytes.Contains(b, []byte("pkg:golang/")) {
		t.Errorf("source SBOM has no Go module (%v)", err)
	}
}
