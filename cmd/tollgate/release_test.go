package main

import (
	"bytes"
	"debug/elf"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tollgate/tollgate/internal/testtools"
)

// TestReleaseScript builds a release for linux/amd64 twice with
// scripts/release.sh and checks what users download: the two builds agree
// byte for byte (archives and the container image), the binary is static, stripped and stamped with the
// version, the SBOM lists the binary's modules, and the checksums' bundle
// signed with a cosign key passes the real `cosign verify-blob`.
func TestReleaseScript(t *testing.T) {
	if testing.Short() {
		t.Skip("builds tollgate twice")
	}
	cosign := testtools.Cosign(t)
	repo := testtools.Repo()
	keyDir := t.TempDir()
	gen := exec.Command(cosign, "generate-key-pair")
	gen.Dir = keyDir
	gen.Env = append(os.Environ(), "COSIGN_PASSWORD=release-test")
	if out, err := gen.CombinedOutput(); err != nil {
		t.Fatalf("cosign generate-key-pair: %v\n%s", err, out)
	}
	build := func(out string) {
		t.Helper()
		cmd := exec.Command("bash", filepath.Join(repo, "scripts/release.sh"), "v0.9.0-test", out)
		cmd.Dir = repo
		cmd.Env = append(os.Environ(), "PLATFORMS=linux/amd64", "COSIGN_KEY="+filepath.Join(keyDir, "cosign.key"),
			"COSIGN_PASSWORD=release-test", "COSIGN="+cosign)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("release.sh: %v\n%s", err, out)
		}
	}
	a, b := t.TempDir(), t.TempDir()
	build(a)
	build(b)

	archive := "tollgate_0.9.0-test_linux_amd64.tar.gz"
	x, err := os.ReadFile(filepath.Join(a, archive))
	if err != nil {
		t.Fatal(err)
	}
	y, err := os.ReadFile(filepath.Join(b, archive))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(x, y) {
		t.Errorf("two builds of one commit differ: %s", archive)
	}
	for _, f := range []string{"image.digest", "tollgate_0.9.0-test_image_oci.tar.gz"} {
		x, _ := os.ReadFile(filepath.Join(a, f))
		y, _ := os.ReadFile(filepath.Join(b, f))
		if len(x) == 0 || !bytes.Equal(x, y) {
			t.Errorf("%s: two builds differ or it is missing (%d and %d bytes)", f, len(x), len(y))
		}
	}
	sums, err := os.ReadFile(filepath.Join(a, "checksums.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(sums), archive) || !strings.Contains(string(sums), "tollgate_0.9.0-test_linux_amd64.cdx.json") {
		t.Errorf("checksums.txt:\n%s", sums)
	}
	check := exec.Command("sha256sum", "--check", "--strict", "checksums.txt")
	check.Dir = a
	if out, err := check.CombinedOutput(); err != nil {
		t.Errorf("sha256sum --check: %v\n%s", err, out)
	}

	// The binary: static, stripped, stamped.
	ex := t.TempDir()
	if out, err := exec.Command("tar", "-xzf", filepath.Join(a, archive), "-C", ex).CombinedOutput(); err != nil {
		t.Fatalf("tar: %v\n%s", err, out)
	}
	bin := filepath.Join(ex, "tollgate")
	f, err := elf.Open(bin)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range f.Progs {
		if p.Type == elf.PT_INTERP {
			t.Error("the binary is dynamically linked (it has an interpreter)")
		}
	}
	if f.Section(".symtab") != nil {
		t.Error("the binary is not stripped (.symtab)")
	}
	f.Close()
	if out, err := exec.Command(bin, "version").Output(); err != nil || strings.TrimSpace(string(out)) != "tollgate v0.9.0-test" {
		t.Errorf("tollgate version: %q, %v", out, err)
	}
	for _, n := range []string{"LICENSE", "README.md"} {
		if _, err := os.Stat(filepath.Join(ex, n)); err != nil {
			t.Errorf("archive lacks %s", n)
		}
	}

	// The SBOM lists what the binary is built from.
	var bom struct {
		BOMFormat  string `json:"bomFormat"`
		Components []struct {
			Name string `json:"name"`
		} `json:"components"`
	}
	raw, err := os.ReadFile(filepath.Join(a, "tollgate_0.9.0-test_linux_amd64.cdx.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, &bom); err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, c := range bom.Components {
		names[c.Name] = true
	}
	for _, m := range []string{"github.com/open-policy-agent/opa", "github.com/anchore/syft", "github.com/sigstore/cosign/v2"} {
		if !names[m] {
			t.Errorf("SBOM (%s, %d components) lacks %s", bom.BOMFormat, len(bom.Components), m)
		}
	}

	// The signed checksums pass the real cosign.
	verify := exec.Command(cosign, "verify-blob", "--key", filepath.Join(keyDir, "cosign.pub"), "--insecure-ignore-tlog=true",
		"--bundle", filepath.Join(a, "checksums.txt.bundle"), filepath.Join(a, "checksums.txt"))
	if out, err := verify.CombinedOutput(); err != nil {
		t.Errorf("cosign verify-blob: %v\n%s", err, out)
	}
	tampered := filepath.Join(t.TempDir(), "checksums.txt")
	if err := os.WriteFile(tampered, append(sums, "0000  evil.tar.gz\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	verify = exec.Command(cosign, "verify-blob", "--key", filepath.Join(keyDir, "cosign.pub"), "--insecure-ignore-tlog=true",
		"--bundle", filepath.Join(a, "checksums.txt.bundle"), tampered)
	if err := verify.Run(); err == nil {
		t.Error("cosign verify-blob accepted altered checksums")
	}
}
