package image

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/layout"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/static"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
	"github.com/google/go-containerregistry/pkg/v1/types"
	"github.com/google/go-containerregistry/pkg/v1/validate"

	"github.com/tollgate/tollgate/scanners"
)

// TestVerifiedImageIsValid: what the readers build is a coherent v1.Image
// (go-containerregistry's validate reads every blob and checks digests,
// diff_ids, sizes and the manifest), from a layout and from both kinds of
// docker-save tar (validate assumes gzip, so the classic docker-save tar,
// whose layers are stored uncompressed, is checked by hand).
func TestVerifiedImageIsValid(t *testing.T) {
	dir := t.TempDir()
	img := sample(t, "10001")
	writeLayout(t, filepath.Join(dir, "oci"), layoutImage{img: img})
	tag, _ := name.NewTag("example.com/app:1.0")
	if err := tarball.WriteToFile(filepath.Join(dir, "ggcr.tar"), tag, img); err != nil {
		t.Fatal(err)
	}
	dockerSave(t, filepath.Join(dir, "docker.tar"), dockerImage{tags: []string{"app:1"}, layers: [][]byte{tarOf(t, "a", "1"), tarOf(t, "b", "2")}})
	for _, ref := range []string{"oci-dir:" + dir + "/oci", "docker-archive:" + dir + "/ggcr.tar", "docker-archive:" + dir + "/docker.tar"} {
		im, err := resolveRef(t, ref, Options{})
		if err != nil {
			t.Fatalf("%s: %v", ref, err)
		}
		if strings.HasSuffix(ref, "docker.tar") {
			m, _ := im.Image.Manifest()
			cf, _ := im.Image.ConfigFile()
			if len(m.Layers) != 2 || m.Layers[0].Digest != cf.RootFS.DiffIDs[0] || m.Layers[1].Digest != cf.RootFS.DiffIDs[1] {
				t.Errorf("%s: layers %+v, diff_ids %v", ref, m.Layers, cf.RootFS.DiffIDs)
			}
			continue
		}
		if err := validate.Image(im.Image); err != nil {
			t.Errorf("%s: %v", ref, err)
		}
	}
	// The layout's image is the very image written: same digest.
	im, _ := resolveRef(t, "oci-dir:"+dir+"/oci", Options{})
	if d, _ := im.Image.Digest(); d != digestOf(t, img) {
		t.Errorf("layout image digest %s, want %s", d, digestOf(t, img))
	}
}

// TestLayoutSwappedLayer is D10: a layer blob whose content is not what its
// digest says (the repro swaps in a layer with one more file) must fail
// the scan, naming the layer, and not be scanned as if it were the other.
func TestLayoutSwappedLayer(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ldig")
	good := imageOf(t, "10001", tarOf(t, "etc/os-release", "ID=debian\n"))
	writeLayout(t, dir, layoutImage{img: good})
	ls, _ := good.Layers()
	ld, _ := ls[0].Digest()
	other := gz(t, tarOf(t, "etc/os-release", "ID=debian\n", "extra", "x"))
	if err := os.WriteFile(blobPath(dir, ld), other, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Load(context.Background(), "oci-dir:"+dir, Options{})
	wantErr(t, err, "layer 0 ("+ld.String()+")", "longer than the")

	// Swapped for content of the very same size: the digest tells.
	lt := tarOf(t, "etc/os-release", "ID=debian\n")
	evil := []byte(strings.Replace(string(lt), "ID=debian", "ID=evilos", 1))
	dir = filepath.Join(t.TempDir(), "plain")
	writeLayout(t, dir, layoutImage{img: uncompressedImage(t, lt)})
	if err := os.WriteFile(blobPath(dir, sha256Of(lt)), evil, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = Load(context.Background(), "oci-dir:"+dir, Options{})
	wantErr(t, err, "layer 0 ("+sha256Of(lt).String()+"): content is "+sha256Of(evil).String()+", not the digest")
}

// uncompressedImage is an image of one layer stored uncompressed.
func uncompressedImage(t *testing.T, lt []byte) v1.Image {
	t.Helper()
	l := static.NewLayer(lt, types.OCIUncompressedLayer)
	img, err := mutate.Append(mutate.MediaType(empty.Image, types.OCIManifestSchema1), mutate.Addendum{Layer: l, MediaType: types.OCIUncompressedLayer})
	if err != nil {
		t.Fatal(err)
	}
	cf, _ := img.ConfigFile()
	cf = cf.DeepCopy()
	cf.OS, cf.Architecture = "linux", "amd64"
	cf.RootFS.DiffIDs = []v1.Hash{sha256Of(lt)}
	img, err = mutate.ConfigFile(img, cf)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// TestLayoutTamperedBlobs: every blob of a layout is checked: the manifest
// and config against their digests, a layer against its declared size and
// the config's diff_id, and index.json's size for the manifest.
func TestLayoutTamperedBlobs(t *testing.T) {
	img := imageOf(t, "10001", tarOf(t, "a", "1"))
	md := digestOf(t, img)
	cd, _ := img.ConfigName()
	ls, _ := img.Layers()
	ld, _ := ls[0].Digest()
	rawCfg, _ := img.RawConfigFile()
	for name, tc := range map[string]struct {
		tamper func(t *testing.T, dir string)
		want   []string
	}{
		"manifest": {func(t *testing.T, dir string) {
			raw, _ := img.RawManifest()
			os.WriteFile(blobPath(dir, md), append(raw[:len(raw)-1:len(raw)-1], ' ', '}'), 0o644)
		}, []string{"manifest " + md.String()}},
		"config": {func(t *testing.T, dir string) {
			os.WriteFile(blobPath(dir, cd), []byte(strings.Replace(string(rawCfg), `"User":"10001"`, `"User":"0"    `, 1)), 0o644)
		}, []string{"config " + cd.String(), "not the digest"}},
		"layer truncated": {func(t *testing.T, dir string) {
			b, _ := os.ReadFile(blobPath(dir, ld))
			os.WriteFile(blobPath(dir, ld), b[:len(b)-1], 0o644)
		}, []string{"layer 0 (" + ld.String() + ")", "descriptor declares"}},
		"layer longer": {func(t *testing.T, dir string) {
			b, _ := os.ReadFile(blobPath(dir, ld))
			os.WriteFile(blobPath(dir, ld), append(b, 0), 0o644)
		}, []string{"layer 0 (" + ld.String() + ")", "longer than"}},
		"diff_id": {func(t *testing.T, dir string) {
			// A config, correctly named, whose diff_id is not the layer's.
			var cf map[string]any
			json.Unmarshal(rawCfg, &cf)
			cf["rootfs"] = map[string]any{"type": "layers", "diff_ids": []string{testDigest}}
			rewriteConfig(t, dir, img, cf)
		}, []string{"layer 0 (" + ld.String() + ")", "diff_id " + testDigest}},
		"diff_id count": {func(t *testing.T, dir string) {
			var cf map[string]any
			json.Unmarshal(rawCfg, &cf)
			cf["rootfs"] = map[string]any{"type": "layers", "diff_ids": []string{}}
			rewriteConfig(t, dir, img, cf)
		}, []string{"lists 0 diff_ids for the manifest's 1 layers"}},
		"blob is a link out of the layout": {func(t *testing.T, dir string) {
			os.Remove(blobPath(dir, ld))
			os.Symlink("/etc/passwd", blobPath(dir, ld))
		}, []string{"layer 0 (" + ld.String() + ")"}},
	} {
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "oci")
			writeLayout(t, dir, layoutImage{img: img})
			tc.tamper(t, dir)
			_, err := resolveRef(t, "oci-dir:"+dir, Options{})
			wantErr(t, err, tc.want...)
		})
	}
}

// rewriteConfig replaces the layout's image with one whose config is cf
// (a new config blob, manifest and index.json, all named correctly).
func rewriteConfig(t *testing.T, dir string, img v1.Image, cf map[string]any) {
	t.Helper()
	raw, _ := json.Marshal(cf)
	cd := sha256Of(raw)
	os.WriteFile(blobPath(dir, cd), raw, 0o644)
	m, _ := img.Manifest()
	m.Config.Digest, m.Config.Size = cd, int64(len(raw))
	rawM, _ := json.Marshal(m)
	md := sha256Of(rawM)
	os.WriteFile(blobPath(dir, md), rawM, 0o644)
	idx, _ := json.Marshal(v1.IndexManifest{SchemaVersion: 2, MediaType: "application/vnd.oci.image.index.v1+json",
		Manifests: []v1.Descriptor{{MediaType: m.MediaType, Size: int64(len(rawM)), Digest: md}}})
	os.WriteFile(filepath.Join(dir, "index.json"), idx, 0o644)
}

// TestArchiveTamperedBlobs: a docker-save tar is checked too: layers
// against the config's diff_ids, a config against the digest its name
// says, and a ggcr tar's compressed layers against theirs.
func TestArchiveTamperedBlobs(t *testing.T) {
	dir := t.TempDir()
	a, b := tarOf(t, "a", "1"), tarOf(t, "b", "2")

	// A layer replaced by another: its diff_id no longer matches.
	p := filepath.Join(dir, "swapped.tar")
	dockerSave(t, p, dockerImage{tags: []string{"app:1"}, layers: [][]byte{a}})
	swapEntry(t, p, "layer.tar", b)
	_, err := resolveRef(t, "docker-archive:"+p, Options{})
	wantErr(t, err, "layer 0 ("+sha256Of(a).String()+")", "not the digest")

	// A config that is not what its name says.
	p = filepath.Join(dir, "config.tar")
	dockerSave(t, p, dockerImage{tags: []string{"app:1"}, layers: [][]byte{a}})
	swapEntry(t, p, ".json", []byte(`{"architecture":"amd64","os":"linux","config":{"User":"0"},"rootfs":{"type":"layers","diff_ids":["`+sha256Of(a).String()+`"]}}`))
	_, err = resolveRef(t, "docker-archive:"+p, Options{})
	wantErr(t, err, "config ", "not the digest its name says")

	// go-containerregistry's format: HEX.tar.gz named by the compressed digest.
	p = filepath.Join(dir, "ggcr.tar")
	img := imageOf(t, "1", a)
	tag, _ := name.NewTag("example.com/app:1.0")
	if err := tarball.WriteToFile(p, tag, img); err != nil {
		t.Fatal(err)
	}
	ls, _ := img.Layers()
	ld, _ := ls[0].Digest()
	swapEntry(t, p, ".tar.gz", gz(t, b))
	_, err = resolveRef(t, "docker-archive:"+p, Options{})
	wantErr(t, err, "layer 0 ("+ld.String()+")", "not the digest")
}

// swapEntry rewrites the tar at p with the data of the entry whose name
// ends in suffix replaced.
func swapEntry(t *testing.T, p, suffix string, data []byte) {
	t.Helper()
	a, err := indexArchive(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	var entries []tarEntry
	swapped := false
	for _, n := range slices.Sorted(maps.Keys(a.entries)) {
		e := a.entries[n]
		if e.typ == '5' { // directory
			continue
		}
		rc, _ := a.open(e)
		b := make([]byte, e.size)
		rc.Read(b)
		rc.Close()
		if strings.HasSuffix(n, suffix) && !swapped {
			b, swapped = data, true
		}
		entries = append(entries, tarEntry{name: n, data: b, link: e.link})
	}
	if !swapped {
		t.Fatalf("no entry ending in %s", suffix)
	}
	writeTar(t, p, entries...)
}

// TestLayoutSeveralImages is D15: a layout holding two linux/amd64 images
// (one runs as root) is not scanned as its first image: without a choice
// it is an error naming both (digest and ref name); with one it reads the
// image chosen, by ref name or digest.
func TestLayoutSeveralImages(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "two")
	amd64 := &v1.Platform{OS: "linux", Architecture: "amd64"}
	good, root := imageOf(t, "10001:10001", tarOf(t, "a", "1")), imageOf(t, "0", tarOf(t, "a", "1"))
	writeLayout(t, dir,
		layoutImage{img: good, platform: amd64, refName: "app:good"},
		layoutImage{img: root, platform: amd64, refName: "registry.example.com/app:root"})
	gd, rd := digestOf(t, good), digestOf(t, root)

	_, err := resolveRef(t, "oci-dir:"+dir, Options{})
	wantErr(t, err, "holds 2 images for linux/amd64", "ambiguous", gd.String(), rd.String(), `"app:good"`, `"registry.example.com/app:root"`,
		"oci-dir:"+dir+"@DIGEST", "oci-dir:"+dir+":TAG")

	for ref, want := range map[string]v1.Hash{
		"oci-dir:" + dir + ":app:good":                      gd,
		"oci-dir:" + dir + ":root":                          rd, // the tag of a full reference
		"oci-dir:" + dir + ":registry.example.com/app:root": rd,
		"oci-dir:" + dir + "@" + rd.String():                rd,
		"oci-dir:" + dir + "@" + gd.String():                gd,
	} {
		im, err := resolveRef(t, ref, Options{})
		if err != nil {
			t.Errorf("%s: %v", ref, err)
			continue
		}
		if d, _ := im.Image.Digest(); d != want {
			t.Errorf("%s read %s, want %s", ref, d, want)
		}
	}
	_, err = resolveRef(t, "oci-dir:"+dir+":nope", Options{})
	wantErr(t, err, `no image named "nope"`, gd.String(), rd.String())
	_, err = resolveRef(t, "oci-dir:"+dir+"@"+testDigest, Options{})
	wantErr(t, err, "no image "+testDigest, gd.String())
}

// TestLayoutChoiceEndToEnd: the repro of D15 through Load: the choice
// reaches the report (the root image is the one scanned and named).
func TestLayoutChoiceEndToEnd(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "two")
	amd64 := &v1.Platform{OS: "linux", Architecture: "amd64"}
	writeLayout(t, dir,
		layoutImage{img: sample(t, "10001:10001"), platform: amd64, refName: "good"},
		layoutImage{img: sample(t, "0"), platform: amd64, refName: "root"})
	if _, err := Load(context.Background(), "oci-dir:"+dir, Options{}); err == nil || !strings.Contains(err.Error(), "ambiguous") {
		t.Fatalf("ambiguous layout: %v", err)
	}
	im, err := Load(context.Background(), "oci-dir:"+dir+":root", Options{})
	if err != nil {
		t.Fatal(err)
	}
	cfg := im.Document.Resource["config"].(map[string]any)
	if cfg["user"] != "0" || im.Document.Name != "oci-dir:"+dir+":root" || im.SBOM.Artifacts.Packages.PackageCount() != 2 {
		t.Errorf("scanned user %v as %s with %d packages", cfg["user"], im.Document.Name, im.SBOM.Artifacts.Packages.PackageCount())
	}
}

// TestLayoutNestedIndex: an image index inside the layout (as buildx
// writes one) is walked: its name chooses it, then the platform chooses
// within it; one image under two names is one image, not an ambiguity.
func TestLayoutNestedIndex(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "oci")
	amd, arm := imageOf(t, "1", tarOf(t, "a", "amd")), imageOf(t, "1", tarOf(t, "a", "arm"))
	p := writeLayout(t, dir)
	idx := mutateIndex(t, amd, arm)
	if err := p.AppendIndex(idx, layoutAnnotation("app:1")); err != nil {
		t.Fatal(err)
	}
	// The same amd64 image again, under another name, at the top level.
	if err := p.AppendImage(amd, layoutAnnotation("app:amd")); err != nil {
		t.Fatal(err)
	}
	id := digestOf(t, amd)
	idxDigest, _ := idx.Digest()
	for _, ref := range []string{"oci-dir:" + dir, "oci-dir:" + dir + ":app:1", "oci-dir:" + dir + ":app:amd", "oci-dir:" + dir + "@" + idxDigest.String()} {
		im, err := resolveRef(t, ref, Options{})
		if err != nil {
			t.Errorf("%s: %v", ref, err)
			continue
		}
		if d, _ := im.Image.Digest(); d != id {
			t.Errorf("%s read %s, want the amd64 image %s", ref, d, id)
		}
	}
	_, err := resolveRef(t, "oci-dir:"+dir, Options{Platform: &v1.Platform{OS: "linux", Architecture: "s390x"}})
	wantErr(t, err, "none for linux/s390x")
}

// TestArchiveSeveralImages is D15 for docker-save tars: several images
// and no choice is an error naming them (image ID and tags); a tag or an
// image ID chooses.
func TestArchiveSeveralImages(t *testing.T) {
	p := filepath.Join(t.TempDir(), "two.tar")
	dockerSave(t, p,
		dockerImage{tags: []string{"app:good"}, layers: [][]byte{tarOf(t, "a", "1")}},
		dockerImage{tags: []string{"example.com/app:root", "app:latest"}, layers: [][]byte{tarOf(t, "a", "1")}})
	_, err := resolveRef(t, "docker-archive:"+p, Options{})
	wantErr(t, err, "docker archive "+p+" holds 2 images", "ambiguous", `"app:good"`, `"example.com/app:root"`, "docker-archive:"+p+":TAG")
	for ref, user := range map[string]string{
		"docker-archive:" + p + ":app:good":                     "0",
		"docker-archive:" + p + ":example.com/app:root":         "1",
		"docker-archive:" + p + ":docker.io/library/app:latest": "1", // normalized
	} {
		im, err := resolveRef(t, ref, Options{})
		if err != nil {
			t.Errorf("%s: %v", ref, err)
			continue
		}
		cf, _ := im.Image.ConfigFile()
		if cf.Config.User != user {
			t.Errorf("%s read the image of user %q, want %q", ref, cf.Config.User, user)
		}
		// The image ID chooses as well.
		id, _ := im.Image.ConfigName()
		again, err := resolveRef(t, "docker-archive:"+p+"@"+id.String(), Options{})
		if err != nil {
			t.Errorf("@%s: %v", id, err)
		} else if c, _ := again.Image.ConfigFile(); c.Config.User != user {
			t.Errorf("@%s read user %q", id, c.Config.User)
		}
	}
	_, err = resolveRef(t, "docker-archive:"+p+":other:1", Options{})
	wantErr(t, err, `no image named "other:1"`)
}

// TestArchiveLinkedLayer: classic docker save links a layer that two
// images share; the link is followed inside the tar, never outside.
func TestArchiveLinkedLayer(t *testing.T) {
	dir := t.TempDir()
	lt := tarOf(t, "a", "1")
	cfg, _ := json.Marshal(map[string]any{"architecture": "amd64", "os": "linux",
		"rootfs": map[string]any{"type": "layers", "diff_ids": []string{sha256Of(lt).String(), sha256Of(lt).String()}}})
	cn := sha256Of(cfg).Hex + ".json"
	mj, _ := json.Marshal([]map[string]any{{"Config": cn, "Layers": []string{"l1/layer.tar", "l2/layer.tar"}}})
	p := filepath.Join(dir, "linked.tar")
	writeTar(t, p, tarEntry{name: "l1/layer.tar", data: lt}, tarEntry{name: "l2/layer.tar", link: "../l1/layer.tar"},
		tarEntry{name: cn, data: cfg}, tarEntry{name: "manifest.json", data: mj})
	if _, err := resolveRef(t, "docker-archive:"+p, Options{}); err != nil {
		t.Fatal(err)
	}
	writeTar(t, p, tarEntry{name: "l1/layer.tar", data: lt}, tarEntry{name: "l2/layer.tar", link: "/etc/passwd"},
		tarEntry{name: cn, data: cfg}, tarEntry{name: "manifest.json", data: mj})
	_, err := resolveRef(t, "docker-archive:"+p, Options{})
	wantErr(t, err, "no etc/passwd in the archive")
	// A name that appears twice is ambiguous.
	writeTar(t, p, tarEntry{name: "l1/layer.tar", data: lt}, tarEntry{name: "l2/layer.tar", data: lt}, tarEntry{name: "l2/layer.tar", data: tarOf(t, "b", "2")},
		tarEntry{name: cn, data: cfg}, tarEntry{name: "manifest.json", data: mj})
	_, err = resolveRef(t, "docker-archive:"+p, Options{})
	wantErr(t, err, "holds l2/layer.tar more than once")
}

// TestNotRegularFiles: a FIFO as an archive or as a layout blob is an
// error, not a scan that waits forever for a writer.
func TestNotRegularFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo.tar")
	if err := mkfifo(fifo); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	_, err := resolveRef(t, "docker-archive:"+fifo, Options{})
	wantErr(t, err, "not a regular file")

	oci := filepath.Join(dir, "oci")
	img := imageOf(t, "1", tarOf(t, "a", "1"))
	writeLayout(t, oci, layoutImage{img: img})
	cd, _ := img.ConfigName()
	os.Remove(blobPath(oci, cd))
	mkfifo(blobPath(oci, cd))
	_, err = resolveRef(t, "oci-dir:"+oci, Options{})
	wantErr(t, err, "config "+cd.String())
	if !errors.Is(err, scanners.ErrNotRegular) {
		t.Errorf("error %v does not wrap ErrNotRegular", err)
	}
}

// mutateIndex is an image index of a linux/amd64 and a linux/arm64 image.
func mutateIndex(t *testing.T, amd, arm v1.Image) v1.ImageIndex {
	t.Helper()
	return mutate.AppendManifests(empty.Index,
		mutate.IndexAddendum{Add: amd, Descriptor: v1.Descriptor{Platform: &v1.Platform{OS: "linux", Architecture: "amd64"}}},
		mutate.IndexAddendum{Add: arm, Descriptor: v1.Descriptor{Platform: &v1.Platform{OS: "linux", Architecture: "arm64"}}})
}

func layoutAnnotation(ref string) layout.Option {
	return layout.WithAnnotations(map[string]string{AnnotationRefName: ref})
}

// TestArchiveManyImages: a manifest.json naming one config a thousand
// times reads it once, and the ambiguity error lists the first images only.
func TestArchiveManyImages(t *testing.T) {
	lt := tarOf(t, "a", "1")
	cfg, _ := json.Marshal(map[string]any{"architecture": "amd64", "os": "linux",
		"rootfs": map[string]any{"type": "layers", "diff_ids": []string{sha256Of(lt).String()}}})
	var m []map[string]any
	for i := range 1000 {
		m = append(m, map[string]any{"Config": "c.json", "RepoTags": []string{fmt.Sprintf("app:%d", i)}, "Layers": []string{"l.tar"}})
	}
	mj, _ := json.Marshal(m)
	p := filepath.Join(t.TempDir(), "many.tar")
	writeTar(t, p, tarEntry{name: "l.tar", data: lt}, tarEntry{name: "c.json", data: cfg}, tarEntry{name: "manifest.json", data: mj})
	_, err := resolveRef(t, "docker-archive:"+p, Options{})
	wantErr(t, err, "holds 1000 images", `"app:19"`, "and 980 more")
	if strings.Contains(err.Error(), `"app:20"`) {
		t.Errorf("lists more than %d images", maxListed)
	}
	if _, err := resolveRef(t, "docker-archive:"+p+":app:999", Options{}); err != nil {
		t.Error(err)
	}
}
