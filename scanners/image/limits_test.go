package image

import (
	"archive/tar"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
	"github.com/google/go-containerregistry/pkg/v1/types"
)

// privateTmp points the temp directory at a fresh one and returns a check
// that it is empty: whatever way a load ends, it leaves nothing behind.
func privateTmp(t *testing.T) func() {
	t.Helper()
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	return func() {
		t.Helper()
		var left []string
		filepath.WalkDir(tmp, func(p string, d fs.DirEntry, err error) error {
			if p != tmp {
				left = append(left, p)
			}
			return nil
		})
		if len(left) > 0 {
			t.Errorf("temp files left behind: %v", left)
		}
	}
}

// TestLayerSizeLimit is D12 in small: a layer that decompresses past the
// limit per layer (4 MiB from a few KiB of gzip, limit 1 MiB) fails the
// scan naming the layer, and its spooled part is removed.
func TestLayerSizeLimit(t *testing.T) {
	empty := privateTmp(t)
	dir := filepath.Join(t.TempDir(), "bomb")
	img := imageOf(t, "1", bigTar(t, 4<<20))
	writeLayout(t, dir, layoutImage{img: img})
	ls, _ := img.Layers()
	ld, _ := ls[0].Digest()
	_, err := Load(context.Background(), "oci-dir:"+dir, Options{MaxLayerSize: 1 << 20})
	wantErr(t, err, "layer 0 ("+ld.String()+")", "over the 1 MiB limit per layer")
	if !errors.Is(err, ErrLimit) {
		t.Errorf("%v does not wrap ErrLimit", err)
	}
	empty()
	// The same layer passes under the default limits.
	if _, err := Load(context.Background(), "oci-dir:"+dir, Options{}); err != nil {
		t.Errorf("default limits: %v", err)
	}
	empty()
}

// TestImageLimits: the limits on the whole image (decompressed size,
// layers, files) hold across layers, for a layout and a docker-save tar.
func TestImageLimits(t *testing.T) {
	dir := t.TempDir()
	half := bigTar(t, 600<<10)
	many := func(prefix string) []byte {
		var files []string
		for i := range 30 {
			files = append(files, fmt.Sprintf("%s/%d", prefix, i), "x")
		}
		return tarOf(t, files...)
	}
	for _, tc := range []struct {
		name   string
		layers [][]byte
		o      Options
		want   string
	}{
		{"size", [][]byte{half, half}, Options{MaxImageSize: 1 << 20}, "the image's decompressed layers are over the 1 MiB limit per image"},
		{"layers", [][]byte{tarOf(t, "a", "1"), tarOf(t, "b", "2"), tarOf(t, "c", "3")}, Options{MaxLayers: 2}, "3 layers, over the limit of 2"},
		{"files", [][]byte{many("a"), many("b")}, Options{MaxFiles: 50}, "more than 50 files, the limit per image"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			oci := filepath.Join(dir, tc.name)
			img := imageOf(t, "1", tc.layers...)
			writeLayout(t, oci, layoutImage{img: img})
			archive := filepath.Join(dir, tc.name+".tar")
			dockerSave(t, archive, dockerImage{layers: tc.layers})
			for _, ref := range []string{"oci-dir:" + oci, "docker-archive:" + archive} {
				_, err := resolveRef(t, ref, tc.o)
				wantErr(t, err, tc.want)
				if !errors.Is(err, ErrLimit) {
					t.Errorf("%s: %v does not wrap ErrLimit", ref, err)
				}
				if _, err := resolveRef(t, ref, Options{}); err != nil {
					t.Errorf("%s, default limits: %v", ref, err)
				}
			}
		})
	}
}

// endlessLayer is a gzip layer that never ends (one file of a terabyte),
// produced as it is read; produced counts the compressed bytes handed out.
// Random content is incompressible, so a read is slow to spool much.
type endlessLayer struct {
	random   bool
	delay    time.Duration
	produced atomic.Int64
	started  chan struct{}
}

func (e *endlessLayer) open() io.ReadCloser {
	pr, pw := io.Pipe()
	go func() {
		zw := gzip.NewWriter(writerFunc(func(p []byte) (int, error) {
			n, err := pw.Write(p)
			if e.produced.Add(int64(n)) > 32<<10 && e.started != nil {
				select {
				case <-e.started:
				default:
					close(e.started)
				}
			}
			return n, err
		}))
		tw := tar.NewWriter(zw)
		if err := tw.WriteHeader(&tar.Header{Name: "big.bin", Mode: 0o644, Size: 1 << 40, Typeflag: tar.TypeReg}); err != nil {
			pw.CloseWithError(err)
			return
		}
		chunk := make([]byte, 32<<10)
		r := rand.NewChaCha8([32]byte{})
		for {
			if e.random {
				r.Read(chunk)
			}
			if _, err := tw.Write(chunk); err != nil {
				return
			}
			if err := zw.Flush(); err != nil {
				return
			}
			time.Sleep(e.delay)
		}
	}()
	return pr
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

// endlessResolver resolves any reference to an image of one endless layer,
// declared maxLayerSize bytes long.
func endlessResolver(e *endlessLayer) func(*Image, context.Context, Options, *budget) error {
	return func(im *Image, ctx context.Context, o Options, b *budget) error {
		cfg, _ := json.Marshal(v1.ConfigFile{OS: "linux", Architecture: "amd64",
			RootFS: v1.RootFS{Type: "layers", DiffIDs: []v1.Hash{sha256Of([]byte("never"))}}})
		layer := v1.Descriptor{MediaType: types.OCILayer, Size: o.MaxLayerSize, Digest: sha256Of([]byte("endless"))}
		m, _ := json.Marshal(v1.Manifest{SchemaVersion: 2, MediaType: types.OCIManifestSchema1,
			Config: v1.Descriptor{MediaType: types.OCIConfigJSON, Size: int64(len(cfg)), Digest: sha256Of(cfg)},
			Layers: []v1.Descriptor{layer}})
		open := func(_ context.Context, d v1.Descriptor) (io.ReadCloser, error) {
			if d.Digest == layer.Digest {
				return e.open(), nil
			}
			return io.NopCloser(bytesReader(cfg)), nil
		}
		var err error
		im.Image, err = newVerifiedImage(ctx, b, m, sha256Of(m), open)
		return err
	}
}

// TestLimitWhileStreaming: the layer limit trips as the bytes go by, not
// once the layer is spooled: a layer that never ends fails as soon as it
// is past the limit (the repro's 10 GB would never be written).
func TestLimitWhileStreaming(t *testing.T) {
	empty := privateTmp(t)
	e := &endlessLayer{}
	start := time.Now()
	_, err := load(context.Background(), "oci-dir:endless", Options{MaxLayerSize: 1 << 20}, endlessResolver(e))
	wantErr(t, err, "layer 0 (", "over the 1 MiB limit per layer")
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("took %s", d)
	}
	// 1 MiB of zeros is about 1 KiB of gzip; a few flushes more at most.
	if n := e.produced.Load(); n > 256<<10 {
		t.Errorf("read %d compressed bytes before stopping", n)
	}
	empty()
}

// TestCancelMidLayer is D13: cancelling the context while a layer is being
// decompressed and spooled stops the load within a fraction of a second
// and leaves no temp file.
func TestCancelMidLayer(t *testing.T) {
	empty := privateTmp(t)
	e := &endlessLayer{random: true, delay: 5 * time.Millisecond, started: make(chan struct{})}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var cancelled atomic.Int64
	go func() {
		<-e.started
		time.Sleep(200 * time.Millisecond)
		cancelled.Store(time.Now().UnixNano())
		cancel()
	}()
	_, err := load(ctx, "oci-dir:endless", Options{}, endlessResolver(e))
	returned := time.Now()
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v, want one wrapping context.Canceled", err)
	}
	at := cancelled.Load()
	if at == 0 {
		t.Fatalf("returned before the cancel: %v", err)
	}
	if d := returned.Sub(time.Unix(0, at)); d > 500*time.Millisecond {
		t.Errorf("returned %s after the cancel", d)
	}
	empty()
}

// TestTimeout: Options.Timeout bounds the whole load; the error says so.
func TestTimeout(t *testing.T) {
	empty := privateTmp(t)
	e := &endlessLayer{random: true, delay: 5 * time.Millisecond}
	start := time.Now()
	_, err := load(context.Background(), "oci-dir:endless", Options{Timeout: 300 * time.Millisecond}, endlessResolver(e))
	wantErr(t, err, "timed out after 300ms, the time limit per image")
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("took %s", d)
	}
	empty()
}

// TestArchiveOversizedEntries: a docker-save tar whose layer is over the
// limit is refused before reading it; a compressed archive is named.
func TestArchiveOversizedEntries(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "big.tar")
	dockerSave(t, p, dockerImage{layers: [][]byte{bigTar(t, 2<<20)}})
	_, err := resolveRef(t, "docker-archive:"+p, Options{MaxLayerSize: 1 << 20})
	wantErr(t, err, "layer 0", "over the 1 MiB limit per layer")

	img := imageOf(t, "1", tarOf(t, "a", "1"))
	tag, _ := name.NewTag("app:1")
	if err := tarball.WriteToFile(p, tag, img); err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(p)
	os.WriteFile(p, gz(t, raw), 0o644)
	_, err = resolveRef(t, "docker-archive:"+p, Options{})
	wantErr(t, err, "the archive is compressed")
}

func TestOptionsDefaults(t *testing.T) {
	o, err := Options{}.withDefaults()
	if err != nil || o.MaxLayerSize != DefaultMaxLayerSize || o.MaxImageSize != DefaultMaxImageSize || o.MaxLayers != DefaultMaxLayers ||
		o.MaxFiles != DefaultMaxFiles || o.Timeout != DefaultTimeout || o.StallTimeout != DefaultStallTimeout ||
		o.DialTimeout != DefaultDialTimeout || o.TLSHandshakeTimeout != DefaultTLSHandshakeTimeout || o.ResponseHeaderTimeout != DefaultResponseHeaderTimeout {
		t.Errorf("defaults %+v, %v", o, err)
	}
	if o, _ := (Options{MaxLayerSize: 7, Timeout: time.Second}).withDefaults(); o.MaxLayerSize != 7 || o.Timeout != time.Second {
		t.Errorf("set values replaced: %+v", o)
	}
	for _, bad := range []Options{{MaxLayerSize: -1}, {MaxFiles: -1}, {Timeout: -1}, {StallTimeout: -1}} {
		if _, err := Load(context.Background(), "oci-dir:x", bad); err == nil {
			t.Errorf("%+v: no error", bad)
		}
	}
}
