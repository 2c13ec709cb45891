package image

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/layout"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
	"github.com/google/go-containerregistry/pkg/v1/types"

	"github.com/tollgate/tollgate/internal/testimage"
)

const rootfs = "../../testdata/image/rootfs"

// sample is the passing sample image (two dpkg packages), with user set.
func sample(t testing.TB, user string) v1.Image {
	t.Helper()
	img, err := testimage.Build(rootfs, testimage.Config{User: user, Env: []string{"PATH=/usr/bin:/bin"}})
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// tarOf makes a layer tar of the named files, in order.
func tarOf(t testing.TB, files ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	for i := 0; i+1 < len(files); i += 2 {
		if err := tw.WriteHeader(&tar.Header{Name: files[i], Mode: 0o644, Size: int64(len(files[i+1])), Typeflag: tar.TypeReg}); err != nil {
			t.Fatal(err)
		}
		tw.Write([]byte(files[i+1]))
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// bigTar is a layer tar holding one file of n zero bytes.
func bigTar(t testing.TB, n int) []byte {
	return tarOf(t, "big.bin", string(make([]byte, n)))
}

func gz(t testing.TB, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(b)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// imageOf is an image with the given layer tars (gzip-compressed), as
// linux/amd64 running as user.
func imageOf(t testing.TB, user string, layers ...[]byte) v1.Image {
	t.Helper()
	img := mutate.MediaType(empty.Image, types.OCIManifestSchema1)
	img = mutate.ConfigMediaType(img, types.OCIConfigJSON)
	for _, lt := range layers {
		l, err := tarball.LayerFromOpener(func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(lt)), nil },
			tarball.WithMediaType(types.OCILayer))
		if err != nil {
			t.Fatal(err)
		}
		if img, err = mutate.AppendLayers(img, l); err != nil {
			t.Fatal(err)
		}
	}
	cf, err := img.ConfigFile()
	if err != nil {
		t.Fatal(err)
	}
	cf = cf.DeepCopy()
	cf.OS, cf.Architecture, cf.Config.User = "linux", "amd64", user
	img, err = mutate.ConfigFile(img, cf)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// layoutImage is an image to put in a layout, with its index.json
// descriptor's platform and ref name.
type layoutImage struct {
	img      v1.Image
	platform *v1.Platform
	refName  string
}

func writeLayout(t testing.TB, dir string, imgs ...layoutImage) layout.Path {
	t.Helper()
	p, err := layout.Write(dir, empty.Index)
	if err != nil {
		t.Fatal(err)
	}
	for _, li := range imgs {
		var opts []layout.Option
		if li.platform != nil {
			opts = append(opts, layout.WithPlatform(*li.platform))
		}
		if li.refName != "" {
			opts = append(opts, layout.WithAnnotations(map[string]string{AnnotationRefName: li.refName}))
		}
		if err := p.AppendImage(li.img, opts...); err != nil {
			t.Fatal(err)
		}
	}
	return p
}

// blobPath is where a layout keeps a blob.
func blobPath(dir string, h v1.Hash) string {
	return filepath.Join(dir, "blobs", h.Algorithm, h.Hex)
}

func digestOf(t testing.TB, img v1.Image) v1.Hash {
	t.Helper()
	d, err := img.Digest()
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// resolveRef reads the image of ref without its SBOM: resolution and
// verification of manifest and config, then every layer streamed through
// its checks.
func resolveRef(t testing.TB, ref string, o Options) (*Image, error) {
	t.Helper()
	r, err := ParseRef(ref)
	if err != nil {
		return nil, err
	}
	b := testBudget(o)
	ctx := context.Background()
	im := &Image{Ref: r}
	if err := im.resolve(ctx, b.o, b); err != nil {
		return nil, err
	}
	return im, readLayers(im.Image.(*verifiedImage))
}

// wantErr fails unless err is an error that says every one of parts.
func wantErr(t testing.TB, err error, parts ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error; want one saying %q", parts)
	}
	t.Logf("error: %v", err)
	for _, p := range parts {
		if !strings.Contains(err.Error(), p) {
			t.Errorf("error %q does not say %q", err, p)
		}
	}
}

// tarEntry is a file of a hand-made tar: a regular file, or a symlink
// when link is set.
type tarEntry struct {
	name string
	data []byte
	link string
}

func writeTar(t testing.TB, path string, entries ...tarEntry) {
	t.Helper()
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	for _, e := range entries {
		h := &tar.Header{Name: e.name, Mode: 0o644, Size: int64(len(e.data)), Typeflag: tar.TypeReg}
		if e.link != "" {
			h = &tar.Header{Name: e.name, Mode: 0o777, Typeflag: tar.TypeSymlink, Linkname: e.link}
		}
		if err := tw.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
		tw.Write(e.data)
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// dockerSave writes a tar as the classic docker save does: config
// HEX.json, uncompressed layers ID/layer.tar, manifest.json. Each image is
// (tags, layer tars); the config of image i runs as user "i".
func dockerSave(t testing.TB, path string, imgs ...dockerImage) {
	t.Helper()
	var entries []tarEntry
	var manifest []map[string]any
	for i, di := range imgs {
		var diffIDs []string
		var layerNames []string
		for j, lt := range di.layers {
			h := sha256Of(lt)
			diffIDs = append(diffIDs, h.String())
			n := fmt.Sprintf("%d%d%s/layer.tar", i, j, strings.Repeat("0", 62))
			entries = append(entries, tarEntry{name: n, data: lt})
			layerNames = append(layerNames, n)
		}
		cfg, _ := json.Marshal(map[string]any{
			"architecture": "amd64", "os": "linux",
			"config": map[string]any{"User": fmt.Sprint(i)},
			"rootfs": map[string]any{"type": "layers", "diff_ids": diffIDs},
		})
		if di.config != nil {
			cfg = di.config
		}
		cn := sha256Of(cfg).Hex + ".json"
		entries = append(entries, tarEntry{name: cn, data: cfg})
		manifest = append(manifest, map[string]any{"Config": cn, "RepoTags": di.tags, "Layers": layerNames})
	}
	mj, _ := json.Marshal(manifest)
	entries = append(entries, tarEntry{name: "manifest.json", data: mj})
	writeTar(t, path, entries...)
}

type dockerImage struct {
	tags   []string
	layers [][]byte
	config []byte // nil: made from the layers
}

func bytesReader(b []byte) io.Reader { return bytes.NewReader(b) }

// readLayers streams every layer of img to io.Discard through its checks:
// for tests and fuzzing, where the SBOM reader is not wanted.
func readLayers(img *verifiedImage) error {
	var errs []error
	for _, l := range img.layers {
		rc, err := l.Uncompressed()
		if err != nil {
			errs = append(errs, err)
			continue
		}
		_, err = io.Copy(io.Discard, rc)
		rc.Close()
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}
