package image

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
)

// fuzzOptions are small limits, so that an input cannot make an iteration
// slow by being big.
var fuzzOptions = Options{MaxLayerSize: 1 << 20, MaxImageSize: 2 << 20, MaxLayers: 16, MaxFiles: 1000}

const sampleLayouts = "../../testdata/image/oci"

// fuzzResolve resolves ref and streams the layers of what it found. The
// property: no panic, no hang (everything is bounded by the limits and a
// deadline), and no silent failure: without an error there is an image
// whose manifest is the one its digest names.
func fuzzResolve(t *testing.T, r Ref) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	o, _ := fuzzOptions.withDefaults()
	im := &Image{Ref: r}
	b := &budget{o: o}
	if err := im.resolve(ctx, o, b); err != nil {
		if err.Error() == "" {
			t.Fatal("an empty error")
		}
		return
	}
	vi, ok := im.Image.(*verifiedImage)
	if !ok || vi == nil {
		t.Fatalf("no error and no image: %#v", im.Image)
	}
	raw, _ := vi.RawManifest()
	d, _ := vi.Digest()
	if sha256Of(raw) != d {
		t.Fatalf("manifest %s hashes to %s", d, sha256Of(raw))
	}
	if err := readLayers(vi); err != nil && err.Error() == "" {
		t.Fatal("an empty error")
	}
	if ctx.Err() != nil {
		t.Fatalf("the iteration hit its deadline")
	}
}

// FuzzOCILayout feeds an index.json and an image manifest to the layout
// reader, beside the blobs of the sample layouts. In the index,
// MANIFEST_DIGEST and MANIFEST_SIZE stand for the manifest's digest and
// size, so that the fuzzer can reach it; tag, when set, chooses by name.
func FuzzOCILayout(f *testing.F) {
	blobs := map[string][]byte{}
	for _, l := range []string{"pass", "fail"} {
		dir := filepath.Join(sampleLayouts, l)
		idx, err := os.ReadFile(filepath.Join(dir, "index.json"))
		if err != nil {
			f.Fatal(err)
		}
		ents, _ := os.ReadDir(filepath.Join(dir, "blobs", "sha256"))
		var manifest []byte
		for _, e := range ents {
			b, _ := os.ReadFile(filepath.Join(dir, "blobs", "sha256", e.Name()))
			blobs[e.Name()] = b
			if bytes.Contains(idx, []byte(e.Name())) {
				manifest = b
			}
		}
		d := sha256Of(manifest)
		seed := strings.Replace(string(idx), d.String(), "MANIFEST_DIGEST", 1)
		seed = strings.Replace(seed, `"size": `+strconv.Itoa(len(manifest)), `"size": MANIFEST_SIZE`, 1)
		f.Add([]byte(seed), manifest, "")
		f.Add([]byte(strings.Replace(seed, `"artifactType"`, `"annotations": {"org.opencontainers.image.ref.name": "v1"}, "x"`, 1)), manifest, "v1")
	}
	// A nested index, and two images for one platform.
	f.Add([]byte(`{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.index.v1+json","digest":"MANIFEST_DIGEST","size":MANIFEST_SIZE}]}`),
		[]byte(`{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.index.v1+json","digest":"MANIFEST_DIGEST","size":1}]}`), "")
	f.Add([]byte(`{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"MANIFEST_DIGEST","size":MANIFEST_SIZE,"platform":{"os":"linux","architecture":"amd64"}},`+
		`{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"MANIFEST_DIGEST","size":MANIFEST_SIZE,"annotations":{"org.opencontainers.image.ref.name":"b"}}]}`), []byte(`{}`), "b")

	f.Fuzz(func(t *testing.T, index, manifest []byte, tag string) {
		dir := t.TempDir()
		if err := os.MkdirAll(filepath.Join(dir, "blobs", "sha256"), 0o755); err != nil {
			t.Fatal(err)
		}
		for n, b := range blobs {
			os.WriteFile(filepath.Join(dir, "blobs", "sha256", n), b, 0o644)
		}
		d := sha256Of(manifest)
		os.WriteFile(filepath.Join(dir, "blobs", "sha256", d.Hex), manifest, 0o644)
		index = bytes.ReplaceAll(index, []byte("MANIFEST_DIGEST"), []byte(d.String()))
		index = bytes.ReplaceAll(index, []byte("MANIFEST_SIZE"), []byte(strconv.Itoa(len(manifest))))
		os.WriteFile(filepath.Join(dir, "index.json"), index, 0o644)
		fuzzResolve(t, Ref{Scheme: SchemeOCIDir, Ref: dir, Tag: tag})
	})
}

// FuzzDockerArchive feeds a tar to the docker-save reader; tag, when set,
// chooses an image by name.
func FuzzDockerArchive(f *testing.F) {
	dir := f.TempDir()
	add := func(p, tag string) {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, tag)
	}
	p := filepath.Join(dir, "ggcr.tar")
	t1, _ := name.NewTag("example.com/app:1.0")
	if err := tarball.WriteToFile(p, t1, imageOf(f, "1", tarOf(f, "etc/os-release", "ID=debian\n"))); err != nil {
		f.Fatal(err)
	}
	add(p, "")
	add(p, "example.com/app:1.0")
	p = filepath.Join(dir, "docker.tar")
	dockerSave(f, p,
		dockerImage{tags: []string{"a:1"}, layers: [][]byte{tarOf(f, "a", "1"), tarOf(f, "b", "2")}},
		dockerImage{tags: []string{"b:1"}, layers: [][]byte{tarOf(f, "a", "1")}})
	add(p, "")
	add(p, "b:1")
	p = filepath.Join(dir, "linked.tar")
	writeTar(f, p, tarEntry{name: "l1/layer.tar", data: tarOf(f, "a", "1")}, tarEntry{name: "l2/layer.tar", link: "../l1/layer.tar"},
		tarEntry{name: "manifest.json", data: []byte(`[{"Config":"c.json","Layers":["l1/layer.tar","l2/layer.tar"]}]`)},
		tarEntry{name: "c.json", data: []byte(`{"rootfs":{"type":"layers","diff_ids":["` + sha256Of(tarOf(f, "a", "1")).String() + `","` + sha256Of(tarOf(f, "a", "1")).String() + `"]}}`)})
	add(p, "")

	f.Fuzz(func(t *testing.T, archive []byte, tag string) {
		p := filepath.Join(t.TempDir(), "x.tar")
		if err := os.WriteFile(p, archive, 0o644); err != nil {
			t.Fatal(err)
		}
		r := Ref{Scheme: SchemeDockerArchive, Ref: p, Tag: tag}
		if h, err := v1.NewHash(tag); err == nil {
			r.Tag, r.Digest = "", h.String()
		}
		fuzzResolve(t, r)
	})
}
