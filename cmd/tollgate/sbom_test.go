package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSBOMCommand: tollgate sbom writes the SBOM of an image and of a
// directory; an unreadable source exits 2.
func TestSBOMCommand(t *testing.T) {
	out := t.TempDir()
	code, _, stderr := runCLI(t, "sbom", "oci-dir:image/oci/pass", "image/rootfs", "--sbom", "cyclonedx-json="+filepath.Join(out, "{image}.cdx.json"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "2 packages in oci-dir:image/oci/pass sha256:") {
		t.Errorf("stderr: %s", stderr)
	}
	for _, f := range []string{"image_oci_pass.cdx.json", "image_rootfs.cdx.json"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Error(err)
		}
	}
	code, _, stderr = runCLI(t, "sbom", "oci-dir:image/oci/missing", "--sbom", "spdx-json="+filepath.Join(out, "x.json"))
	if code != 2 || !strings.Contains(stderr, "image/oci/missing") {
		t.Errorf("unreadable source: exit %d: %s", code, stderr)
	}
	code, _, stderr = runCLI(t, "sbom", "image/oci/pass", "--sbom", "cyclonedx-json="+filepath.Join(out, "y.json"), "--platform", "linux")
	if code != 2 || !strings.Contains(stderr, "os/arch") {
		t.Errorf("bad platform: exit %d: %s", code, stderr)
	}
}

// TestDockerSourceIsParsed: docker:REF is an image source, not a
// reference that fails to parse; without a daemon the error says so.
func TestDockerSourceIsParsed(t *testing.T) {
	t.Setenv("DOCKER_HOST", "unix://"+filepath.Join(t.TempDir(), "none.sock"))
	code, stdout, stderr := runCLI(t, "scan", "--image", "docker:app:1", "--format", "json", "--no-cache")
	all := stdout + stderr
	if code != 2 || strings.Contains(all, "could not parse reference") || !strings.Contains(all, "docker daemon at unix://") || !strings.Contains(all, "is the daemon running") {
		t.Errorf("exit %d:\n%s", code, all)
	}
}
