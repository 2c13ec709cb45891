package image

import (
	"archive/tar"
	"bytes"
	"context"
	"errors"
	"io"
	"log"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/registry"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/layout"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/remote"
)

// platformImage is the sample image (two dpkg packages) for platform p.
func platformImage(t testing.TB, p v1.Platform) v1.Image {
	t.Helper()
	img := sample(t, "10001")
	cf, err := img.ConfigFile()
	if err != nil {
		t.Fatal(err)
	}
	cf = cf.DeepCopy()
	cf.OS, cf.Architecture, cf.Variant = p.OS, p.Architecture, p.Variant
	if img, err = mutate.ConfigFile(img, cf); err != nil {
		t.Fatal(err)
	}
	return img
}

var (
	amd64 = v1.Platform{OS: "linux", Architecture: "amd64"}
	arm64 = v1.Platform{OS: "linux", Architecture: "arm64", Variant: "v8"}
)

// twoPlatformIndex is an index of the sample image for linux/amd64 and
// linux/arm64/v8, with a buildx-style attestation manifest beside them.
func twoPlatformIndex(t testing.TB) (v1.ImageIndex, map[string]v1.Hash) {
	t.Helper()
	digests := map[string]v1.Hash{}
	var adds []mutate.IndexAddendum
	for _, p := range []v1.Platform{amd64, arm64} {
		img := platformImage(t, p)
		digests[PlatformString(p)] = digestOf(t, img)
		adds = append(adds, mutate.IndexAddendum{Add: img, Descriptor: v1.Descriptor{Platform: &p}})
	}
	att := sample(t, "att")
	adds = append(adds, mutate.IndexAddendum{Add: att, Descriptor: v1.Descriptor{Platform: &v1.Platform{OS: "unknown", Architecture: "unknown"},
		Annotations: map[string]string{"vnd.docker.reference.type": "attestation-manifest"}}})
	return mutate.AppendManifests(empty.Index, adds...), digests
}

func newTestRegistry(t testing.TB) string {
	t.Helper()
	srv := httptest.NewServer(registry.New(registry.Logger(log.New(io.Discard, "", 0))))
	t.Cleanup(srv.Close)
	return strings.TrimPrefix(srv.URL, "http://")
}

func TestParsePlatforms(t *testing.T) {
	ps, all, err := ParsePlatforms([]string{"linux/amd64,linux/arm64/v8", "linux/amd64"})
	if err != nil || all || len(ps) != 2 || PlatformString(ps[1]) != "linux/arm64/v8" {
		t.Errorf("got %v %v %v", ps, all, err)
	}
	if _, all, err := ParsePlatforms([]string{"all"}); err != nil || !all {
		t.Errorf("all: %v %v", all, err)
	}
	for _, bad := range []string{"linux", "linux/", "/amd64", "linux/arm/v7/x", "all,linux/amd64"} {
		if _, _, err := ParsePlatforms([]string{bad}); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

// TestRegistryIndexPerPlatform: a tag naming a two-platform index is read
// per platform (each image by its own digest, the index recorded), the
// default being the runner's platform; a platform the index lacks is an
// error listing the ones it has; the attestation manifest is no platform.
func TestRegistryIndexPerPlatform(t *testing.T) {
	host := newTestRegistry(t)
	idx, digests := twoPlatformIndex(t)
	tag, _ := name.NewTag(host + "/multi:1")
	if err := remote.WriteIndex(tag, idx); err != nil {
		t.Fatal(err)
	}
	idxDigest, _ := idx.Digest()
	ref := "registry:" + host + "/multi:1"

	ims, err := LoadAll(context.Background(), ref, Options{AllPlatforms: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(ims) != 2 {
		t.Fatalf("%d images, want 2", len(ims))
	}
	for _, im := range ims {
		p := PlatformString(*im.Platform)
		if im.Digest != digests[p].String() || im.Index != idxDigest.String() || im.SBOM.Artifacts.Packages.PackageCount() != 2 {
			t.Errorf("%s: digest %s (want %s), index %s, %d packages", p, im.Digest, digests[p], im.Index, im.SBOM.Artifacts.Packages.PackageCount())
		}
		// Several images of one reference: each document is named by its digest.
		if im.Document.Name != host+"/multi@"+im.Digest || im.Ref.String() != ref || im.DigestRef() != host+"/multi@"+im.Digest {
			t.Errorf("%s: document %q, ref %s, digest ref %s", p, im.Document.Name, im.Ref, im.DigestRef())
		}
	}

	ims, err = LoadAll(context.Background(), ref, Options{Platforms: []v1.Platform{{OS: "linux", Architecture: "arm64"}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(ims) != 1 || ims[0].Digest != digests["linux/arm64/v8"].String() || ims[0].Document.Name != host+"/multi:1" {
		t.Errorf("linux/arm64: %d images, %s, named %s", len(ims), ims[0].Digest, ims[0].Document.Name)
	}

	// No platform asked: the runner's.
	ims, err = LoadAll(context.Background(), ref, Options{})
	if want, ok := digests[PlatformString(RunnerPlatform())]; ok {
		if err != nil || len(ims) != 1 || ims[0].Digest != want.String() {
			t.Errorf("runner's platform: %v", err)
		}
	} else {
		wantErr(t, err, "has no "+PlatformString(RunnerPlatform()), "the runner's platform")
	}

	_, err = LoadAll(context.Background(), ref, Options{Platforms: []v1.Platform{{OS: "linux", Architecture: "s390x"}}})
	wantErr(t, err, "has no linux/s390x", "it has: linux/amd64, linux/arm64/v8")
	if !errors.Is(err, ErrPlatform) {
		t.Errorf("%v does not wrap ErrPlatform", err)
	}

	// A single image: its own platform is fine, another is an error.
	single, _ := name.NewTag(host + "/single:1")
	if err := remote.Write(single, platformImage(t, amd64)); err != nil {
		t.Fatal(err)
	}
	if ims, err := LoadAll(context.Background(), "registry:"+host+"/single:1", Options{Platforms: []v1.Platform{amd64}}); err != nil || len(ims) != 1 || ims[0].Index != "" {
		t.Errorf("single image, its platform: %v", err)
	}
	_, err = LoadAll(context.Background(), "registry:"+host+"/single:1", Options{Platforms: []v1.Platform{arm64}})
	wantErr(t, err, "single linux/amd64 image", "no linux/arm64/v8")
}

// TestLayoutAndArchiveIndexPerPlatform: an OCI layout and an OCI archive
// holding a two-platform index are read per platform too.
func TestLayoutAndArchiveIndexPerPlatform(t *testing.T) {
	idx, digests := twoPlatformIndex(t)
	dir := filepath.Join(t.TempDir(), "oci")
	p, err := layout.Write(dir, empty.Index)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.AppendIndex(idx, layout.WithAnnotations(map[string]string{AnnotationRefName: "multi:1"})); err != nil {
		t.Fatal(err)
	}
	archive := filepath.Join(t.TempDir(), "multi.oci.tar")
	tarDirectory(t, dir, archive)
	for _, src := range []string{"oci-dir:" + dir, "oci-dir:" + dir + ":multi:1", "oci-archive:" + archive} {
		ims, err := LoadAll(context.Background(), src, Options{AllPlatforms: true})
		if err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		if len(ims) != 2 {
			t.Fatalf("%s: %d images", src, len(ims))
		}
		for _, im := range ims {
			ps := PlatformString(*im.Platform)
			if im.Digest != digests[ps].String() || im.SBOM.Artifacts.Packages.PackageCount() != 2 || !strings.HasSuffix(im.Document.Name, "@"+im.Digest) {
				t.Errorf("%s %s: %s, %d packages, named %s", src, ps, im.Digest, im.SBOM.Artifacts.Packages.PackageCount(), im.Document.Name)
			}
		}
		_, err = LoadAll(context.Background(), src, Options{Platforms: []v1.Platform{{OS: "windows", Architecture: "amd64"}}})
		wantErr(t, err, "has no windows/amd64", "linux/amd64, linux/arm64/v8")
		ims, err = LoadAll(context.Background(), src, Options{Platforms: []v1.Platform{amd64}})
		if err != nil || len(ims) != 1 || ims[0].Digest != digests["linux/amd64"].String() {
			t.Errorf("%s linux/amd64: %v", src, err)
		}
	}
}

// tarDirectory writes the files under dir to a tar at out, as an OCI
// archive holds its layout.
func tarDirectory(t testing.TB, dir, out string) {
	t.Helper()
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	err := filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
		if err != nil || fi.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if err := tw.WriteHeader(&tar.Header{Name: filepath.ToSlash(rel), Mode: 0o644, Size: int64(len(b)), Typeflag: tar.TypeReg}); err != nil {
			return err
		}
		_, err = tw.Write(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}
