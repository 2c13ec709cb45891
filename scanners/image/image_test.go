package image

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"

	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/layout"
	"github.com/google/go-containerregistry/pkg/v1/random"
)

func TestParseRef(t *testing.T) {
	for in, want := range map[string]Ref{
		"registry:localhost:5000/app:1.0":                 {Scheme: SchemeRegistry, Ref: "localhost:5000/app:1.0"},
		"localhost:5000/app@sha256:abc":                   {Scheme: SchemeRegistry, Ref: "localhost:5000/app@sha256:abc"},
		"oci-dir:out/oci":                                 {Scheme: SchemeOCIDir, Ref: "out/oci"},
		"docker-archive:app.tar":                          {Scheme: SchemeDockerArchive, Ref: "app.tar"},
		"oci-dir:out/oci:v1.2":                            {Scheme: SchemeOCIDir, Ref: "out/oci", Tag: "v1.2"},
		"oci-dir:out/oci:docker.io/library/alpine:3.19":   {Scheme: SchemeOCIDir, Ref: "out/oci", Tag: "docker.io/library/alpine:3.19"},
		"oci-dir:out/oci@" + testDigest:                   {Scheme: SchemeOCIDir, Ref: "out/oci", Digest: testDigest},
		"docker-archive:app.tar:example.com:5000/app:1.0": {Scheme: SchemeDockerArchive, Ref: "app.tar", Tag: "example.com:5000/app:1.0"},
		"docker-archive:app.tar@" + testDigest:            {Scheme: SchemeDockerArchive, Ref: "app.tar", Digest: testDigest},
	} {
		got, err := ParseRef(in)
		if err != nil || got != want {
			t.Errorf("ParseRef(%q) = %+v, %v; want %+v", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "oci-dir:", "registry:", "oci-dir:out:", "oci-dir:out@sha256:abc", "oci-dir::v1", "docker-archive:@" + testDigest} {
		if _, err := ParseRef(bad); err == nil {
			t.Errorf("ParseRef(%q): no error", bad)
		}
	}
}

const testDigest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

// TestParseRefExistingPath: a path that exists is taken whole, colons and
// all, and String gives back what was parsed.
func TestParseRefExistingPath(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a:b")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	got, err := ParseRef("oci-dir:" + dir)
	if err != nil || got != (Ref{Scheme: SchemeOCIDir, Ref: dir}) {
		t.Errorf("ParseRef of an existing path with a colon = %+v, %v", got, err)
	}
	got, _ = ParseRef("oci-dir:" + dir + ":v1")
	if got.Ref != filepath.Dir(dir)+"/a" || got.Tag != "b"+":v1" {
		// the path ends at the first colon when the whole does not exist
		t.Errorf("ParseRef of a missing path = %+v", got)
	}
	for _, s := range []string{"oci-dir:out/oci:v1", "oci-dir:out@" + testDigest, "docker-archive:x.tar:a/b:1", "registry:r.io/a:1"} {
		r, err := ParseRef(s)
		if err != nil || r.String() != s {
			t.Errorf("ParseRef(%q).String() = %q, %v", s, r.String(), err)
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
	im := &Image{Ref: Ref{Scheme: SchemeOCIDir, Ref: dir}}
	if err := im.fromLayout(context.Background(), Options{}, testBudget(Options{})); err != nil {
		t.Fatal(err)
	}
	got, _ := im.Image.Digest()
	want, _ := imgs["amd64"].Digest()
	if got != want {
		t.Errorf("picked %s, want the amd64 image %s", got, want)
	}
	if err := im.fromLayout(context.Background(), Options{Platform: &v1.Platform{OS: "linux", Architecture: "s390x"}}, testBudget(Options{})); err == nil {
		t.Error("no error when no image fits the platform")
	}
	if _, err := Load(context.Background(), "oci-dir:"+filepath.Join(t.TempDir(), "none"), Options{}); err == nil {
		t.Error("a missing layout is not an error")
	}
}

// testBudget is the budget of one image under o's limits (defaults for
// zero fields).
func testBudget(o Options) *budget {
	o, err := o.withDefaults()
	if err != nil {
		panic(err)
	}
	return &budget{o: o}
}

// TestSampleLayouts: the shipped sample layouts load, SBOM and all, as the
// digest their index.json names; a docker-save tar of the same image too.
func TestSampleLayouts(t *testing.T) {
	for l, user := range map[string]string{"pass": "10001:10001", "fail": ""} {
		dir := filepath.Join("..", "..", "testdata", "image", "oci", l)
		idx, err := layout.ImageIndexFromPath(dir)
		if err != nil {
			t.Fatal(err)
		}
		m, _ := idx.IndexManifest()
		im, err := Load(context.Background(), "oci-dir:"+dir, Options{})
		if err != nil {
			t.Fatalf("%s: %v", l, err)
		}
		cfg := im.Document.Resource["config"].(map[string]any)
		if im.Digest != m.Manifests[0].Digest.String() || im.SBOM.Artifacts.Packages.PackageCount() != 2 || cfg["user"] != user {
			t.Errorf("%s: digest %s (index %s), %d packages, user %q", l, im.Digest, m.Manifests[0].Digest, im.SBOM.Artifacts.Packages.PackageCount(), cfg["user"])
		}
	}
	p := filepath.Join(t.TempDir(), "app.tar")
	dockerSave(t, p, dockerImage{tags: []string{"app:1"}, layers: [][]byte{testimageLayer(t)}})
	im, err := Load(context.Background(), "docker-archive:"+p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if im.SBOM.Artifacts.Packages.PackageCount() != 2 || im.Document.Name != "docker-archive:"+p {
		t.Errorf("docker-save tar: %d packages, named %s", im.SBOM.Artifacts.Packages.PackageCount(), im.Document.Name)
	}
}

// testimageLayer is the uncompressed layer of the sample image.
func testimageLayer(t *testing.T) []byte {
	t.Helper()
	ls, err := sample(t, "1").Layers()
	if err != nil {
		t.Fatal(err)
	}
	rc, err := ls[0].Uncompressed()
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
