package tollgate

import (
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/registry"
	"github.com/google/go-containerregistry/pkg/v1/remote"

	"github.com/tollgate/tollgate/internal/release"
)

// TestReleaseImage builds tollgate's own image as the release does (the
// real binary and CA certificates on an empty base, non-root, labelled),
// checks that two builds give one digest, pushes it with the same code to
// a registry, and scans the OCI layout with tollgate itself: our own image
// passes our own image rules.
func TestReleaseImage(t *testing.T) {
	bin := buildTollgate(t)
	ca := []byte("-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ0r3\n-----END CERTIFICATE-----\n")
	if b, err := os.ReadFile("/etc/ssl/certs/ca-certificates.crt"); err == nil {
		ca = b
	}
	o := release.ImageOptions{Version: "v0.9.0-test", Revision: "abc123", Source: "https://github.com/tollgate/tollgate",
		Created: time.Unix(1700000000, 0).UTC(), CACerts: ca, Binaries: []release.Binary{{OS: "linux", Arch: "amd64", Path: bin}}}
	idx, err := release.Image(o)
	if err != nil {
		t.Fatal(err)
	}
	again, err := release.Image(o)
	if err != nil {
		t.Fatal(err)
	}
	d1, _ := idx.Digest()
	d2, _ := again.Digest()
	if d1 != d2 {
		t.Errorf("two builds differ: %s, %s", d1, d2)
	}
	m, err := idx.IndexManifest()
	if err != nil || len(m.Manifests) != 1 || m.Manifests[0].Platform == nil || m.Manifests[0].Platform.Architecture != "amd64" {
		t.Fatalf("index %+v, %v", m, err)
	}
	img, err := idx.Image(m.Manifests[0].Digest)
	if err != nil {
		t.Fatal(err)
	}
	cf, err := img.ConfigFile()
	if err != nil {
		t.Fatal(err)
	}
	if cf.Config.User != release.User || cf.Config.Labels["org.opencontainers.image.version"] != "v0.9.0-test" ||
		cf.Config.Entrypoint[0] != "/usr/local/bin/tollgate" {
		t.Errorf("config %+v", cf.Config)
	}

	dir := filepath.Join(t.TempDir(), "image")
	if err := release.WriteLayout(dir, idx); err != nil {
		t.Fatal(err)
	}
	// The gate passes, and the only findings are TG-SBOM-003 (low): a Go
	// binary's build information names its modules, not their licenses.
	res := scan(t, Options{Images: []string{"oci-dir:" + dir}})
	var other []string
	for _, f := range res.Report.Findings {
		if f.RuleID != "TG-SBOM-003" {
			other = append(other, f.RuleID+" "+f.Message)
		}
	}
	if res.ExitCode() != ExitPassed || len(other) > 0 || res.Report.Summary.ImagesScanned != 1 {
		t.Errorf("our scan of our image: exit %d, errors %v, summary %+v, findings:\n%s", res.ExitCode(), res.Report.Errors, res.Report.Summary, strings.Join(other, "\n"))
	}

	srv := httptest.NewServer(registry.New())
	defer srv.Close()
	ref, err := name.ParseReference(strings.TrimPrefix(srv.URL, "http://") + "/tollgate:v0.9.0-test")
	if err != nil {
		t.Fatal(err)
	}
	if err := remote.WriteIndex(ref, idx); err != nil {
		t.Fatal(err)
	}
	desc, err := remote.Get(ref)
	if err != nil || desc.Digest != d1 {
		t.Errorf("pushed %v, %v; want %s", desc, err, d1)
	}
}
