package image

import (
	"context"
	"path/filepath"
	"testing"

	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/layout"
	"github.com/google/go-containerregistry/pkg/v1/random"
)

func TestParseRef(t *testing.T) {
	for in, want := range map[string]Ref{
		"registry:localhost:5000/app:1.0": {SchemeRegistry, "localhost:5000/app:1.0"},
		"localhost:5000/app@sha256:abc":   {SchemeRegistry, "localhost:5000/app@sha256:abc"},
		"oci-dir:out/oci":                 {SchemeOCIDir, "out/oci"},
		"docker-archive:app.tar":          {SchemeDockerArchive, "app.tar"},
	} {
		got, err := ParseRef(in)
		if err != nil || got != want {
			t.Errorf("ParseRef(%q) = %+v, %v; want %+v", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "oci-dir:", "registry:"} {
		if _, err := ParseRef(bad); err == nil {
			t.Errorf("ParseRef(%q): no error", bad)
		}
	}
}

func TestInsecureRegistry(t *testing.T) {
	hosts := []string{"registry.internal:5000"}
	if !InsecureRegistry("registry.internal:5000/app:1", hosts) || InsecureRegistry("ghcr.io/app:1", hosts) {
		t.Error("insecure registries are matched by host:port")
	}
}

// TestLayoutPicksPlatform: an OCI layout holding several platforms gives the
// linux/amd64 image by default, and refuses to guess when none fits.
func TestLayoutPicksPlatform(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "oci")
	p, err := layout.Write(dir, empty.Index)
	if err != nil {
		t.Fatal(err)
	}
	imgs := map[string]v1.Image{}
	for _, arch := range []string{"arm64", "amd64"} {
		img, _ := random.Image(64, 1)
		imgs[arch] = img
		if err := p.AppendImage(img, layout.WithPlatform(v1.Platform{OS: "linux", Architecture: arch})); err != nil {
			t.Fatal(err)
		}
	}
	im := &Image{Ref: Ref{SchemeOCIDir, dir}}
	if err := im.fromLayout(Options{}); err != nil {
		t.Fatal(err)
	}
	got, _ := im.Image.Digest()
	want, _ := imgs["amd64"].Digest()
	if got != want {
		t.Errorf("picked %s, want the amd64 image %s", got, want)
	}
	if err := im.fromLayout(Options{Platform: &v1.Platform{OS: "linux", Architecture: "s390x"}}); err == nil {
		t.Error("no error when no image fits the platform")
	}
	if _, err := Load(context.Background(), "oci-dir:"+filepath.Join(t.TempDir(), "none"), Options{}); err == nil {
		t.Error("a missing layout is not an error")
	}
}
