package image

import (
	"archive/tar"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/anchore/syft/syft/format/cyclonedxjson"
	"github.com/anchore/syft/syft/format/spdxjson"
	"github.com/anchore/syft/syft/format/syftjson"
	"github.com/anchore/syft/syft/sbom"
	"github.com/anchore/syft/syft/source"
	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/registry"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/google/go-containerregistry/pkg/v1/tarball"

	"github.com/tollgate/tollgate/internal/fakesecrets"
	"github.com/tollgate/tollgate/secrets"
)

// countingRegistry is an in-process registry that counts the GETs of
// layer blobs (not of manifests or configs).
type countingRegistry struct {
	host       string
	layerGets  atomic.Int64
	layerBlobs map[string]bool
}

func newCountingRegistry(t testing.TB) *countingRegistry {
	t.Helper()
	c := &countingRegistry{layerBlobs: map[string]bool{}}
	reg := registry.New(registry.Logger(log.New(io.Discard, "", 0)))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if i := strings.LastIndex(r.URL.Path, "/blobs/"); i >= 0 && r.Method == http.MethodGet && c.layerBlobs[r.URL.Path[i+len("/blobs/"):]] {
			c.layerGets.Add(1)
		}
		reg.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	c.host = strings.TrimPrefix(srv.URL, "http://")
	return c
}

// push puts img at each of refs (repository:tag, under the registry).
func (c *countingRegistry) push(t testing.TB, img v1.Image, refs ...string) string {
	t.Helper()
	ls, err := img.Layers()
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range ls {
		d, err := l.Digest()
		if err != nil {
			t.Fatal(err)
		}
		c.layerBlobs[d.String()] = true
	}
	for _, r := range refs {
		ref, err := name.ParseReference(c.host + "/" + r)
		if err != nil {
			t.Fatal(err)
		}
		if err := remote.Write(ref, img); err != nil {
			t.Fatal(err)
		}
	}
	return digestOf(t, img).String()
}

// modeTar is a layer tar of entries with their modes (a name ending in /
// is a directory).
func modeTar(t testing.TB, entries ...struct {
	name string
	mode int64
	data string
}) []byte {
	t.Helper()
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	for _, e := range entries {
		h := &tar.Header{Name: e.name, Mode: e.mode, Size: int64(len(e.data)), Typeflag: tar.TypeReg}
		if strings.HasSuffix(e.name, "/") {
			h = &tar.Header{Name: e.name, Mode: e.mode, Typeflag: tar.TypeDir}
		}
		if err := tw.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
		tw.Write([]byte(e.data))
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// cacheTestImage is the sample image (dpkg packages) with a second layer
// of an npm and a Python package, a setuid binary, a world-writable
// directory and a shell, and a secret in a file when secret is set.
func cacheTestImage(t *testing.T, secret string) v1.Image {
	t.Helper()
	type entry = struct {
		name string
		mode int64
		data string
	}
	entries := []entry{
		{"usr/", 0o755, ""},
		{"usr/bin/", 0o755, ""},
		{"usr/bin/su", 0o4755, "#!/bin/true\n"},
		{"bin/", 0o755, ""},
		{"bin/sh", 0o755, "#!/bin/true\n"},
		{"srv/", 0o777, ""},
		{"usr/lib/node_modules/left-pad/package.json", 0o644, `{"name":"left-pad","version":"1.3.0","license":"WTFPL"}`},
		{"usr/lib/python3/site-packages/requests-2.31.0.dist-info/METADATA", 0o644, "Metadata-Version: 2.1\nName: requests\nVersion: 2.31.0\nLicense: Apache 2.0\n"},
		{"usr/lib/python3/site-packages/requests-2.31.0.dist-info/RECORD", 0o644, "requests/__init__.py,sha256=abc,10\n"},
	}
	if secret != "" {
		entries = append(entries, entry{"srv/app.env", 0o644, "TOKEN=" + secret + "\n"})
	}
	lt := modeTar(t, entries...)
	l, err := tarball.LayerFromOpener(func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(lt)), nil })
	if err != nil {
		t.Fatal(err)
	}
	img, err := mutate.AppendLayers(sample(t, "app"), l)
	if err != nil {
		t.Fatal(err)
	}
	cf, err := img.ConfigFile()
	if err != nil {
		t.Fatal(err)
	}
	cf = cf.DeepCopy()
	cf.Config.Labels = map[string]string{"org.opencontainers.image.source": "https://example.com/app?a=1&b=<2>"}
	if img, err = mutate.ConfigFile(img, cf); err != nil {
		t.Fatal(err)
	}
	return img
}

// volatile are what differs between two fresh SBOMs of one image:
// CycloneDX's serial number and timestamp, SPDX's document namespace
// (it ends in a random UUID) and creation time.
var volatile = []*regexp.Regexp{
	regexp.MustCompile(`"serialNumber": "urn:uuid:[0-9a-f-]{36}"`),
	regexp.MustCompile(`"timestamp": "[^"]+"`),
	regexp.MustCompile(`"documentNamespace": "[^"]+-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"`),
	regexp.MustCompile(`"created": "[^"]+"`),
}

func normalise(b []byte) []byte {
	for _, re := range volatile {
		b = re.ReplaceAllFunc(b, func(m []byte) []byte {
			k, _, _ := bytes.Cut(m, []byte(":"))
			return append(k, []byte(`: "X"`)...)
		})
	}
	return b
}

// encodings are s in each format tollgate writes, as tollgate writes
// them (pretty), and syft-json compact as vulnerability matching reads it.
func encodings(t *testing.T, s *sbom.SBOM) map[string][]byte {
	t.Helper()
	cdx, err := cyclonedxjson.NewFormatEncoderWithConfig(cyclonedxjson.EncoderConfig{Version: "1.6", Pretty: true})
	if err != nil {
		t.Fatal(err)
	}
	sc := spdxjson.DefaultEncoderConfig()
	sc.Pretty = true
	spdx, err := spdxjson.NewFormatEncoderWithConfig(sc)
	if err != nil {
		t.Fatal(err)
	}
	syft, err := syftjson.NewFormatEncoderWithConfig(syftjson.EncoderConfig{Pretty: true})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for n, enc := range map[string]sbom.FormatEncoder{"cyclonedx-json": cdx, "spdx-json": spdx, "syft-json": syft, "vuln-input": syftjson.NewFormatEncoder()} {
		var buf bytes.Buffer
		if err := enc.Encode(&buf, *s); err != nil {
			t.Fatalf("%s: %v", n, err)
		}
		out[n] = buf.Bytes()
	}
	return out
}

func docJSON(t *testing.T, im *Image) string {
	t.Helper()
	b, err := json.Marshal(im.Document)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// sameImage fails unless got (from the cache) and want (fresh) encode to
// the same SBOMs, once normalised, and have the same document.
func sameImage(t *testing.T, got, want *Image) {
	t.Helper()
	g, w := encodings(t, got.SBOM), encodings(t, want.SBOM)
	for f := range w {
		if gn, wn := normalise(g[f]), normalise(w[f]); !bytes.Equal(gn, wn) {
			t.Errorf("%s of the cached SBOM differs from a fresh one's:\n%s", f, firstDiff(gn, wn))
		}
	}
	if gd, wd := docJSON(t, got), docJSON(t, want); gd != wd {
		t.Errorf("documents differ:\n%s", firstDiff([]byte(gd), []byte(wd)))
	}
	if got.Digest != want.Digest || len(got.Secrets) != len(want.Secrets) {
		t.Errorf("digest %s, %d secrets; fresh %s, %d", got.Digest, len(got.Secrets), want.Digest, len(want.Secrets))
	}
}

// firstDiff shows where a and b part.
func firstDiff(a, b []byte) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(0, i-200)
	return "got:  ..." + string(a[from:min(len(a), i+200)]) + "\nwant: ..." + string(b[from:min(len(b), i+200)])
}

// TestSBOMCacheRegistry: a second scan of a registry image, under another
// tag, fetches no layer, and gives what a fresh scan under that tag gives,
// byte for byte in every SBOM format once the fields that differ between
// two fresh scans are normalised; the source metadata is the second
// reference's, not the first's.
func TestSBOMCacheRegistry(t *testing.T) {
	reg := newCountingRegistry(t)
	digest := reg.push(t, cacheTestImage(t, ""), "team/app:1.0", "team/app:2.0")
	ctx := context.Background()
	cache := t.TempDir()

	first, err := Load(ctx, reg.host+"/team/app:1.0", Options{SBOMCache: cache, ToolName: "tollgate", ToolVersion: "test"})
	if err != nil {
		t.Fatal(err)
	}
	if first.SBOMCached || reg.layerGets.Load() == 0 {
		t.Fatalf("first scan: cached %v, %d layer GETs; want a fresh read", first.SBOMCached, reg.layerGets.Load())
	}
	if ents, _ := filepath.Glob(filepath.Join(cache, "*", "*.sbom")); len(ents) != 1 {
		t.Fatalf("entries after the first scan: %v", ents)
	}

	reg.layerGets.Store(0)
	second, err := Load(ctx, reg.host+"/team/app:2.0", Options{SBOMCache: cache, ToolName: "tollgate", ToolVersion: "test"})
	if err != nil {
		t.Fatal(err)
	}
	if !second.SBOMCached || reg.layerGets.Load() != 0 {
		t.Fatalf("second scan: cached %v, %d layer GETs; want the cache's answer and no layer fetched", second.SBOMCached, reg.layerGets.Load())
	}
	md := second.SBOM.Source.Metadata.(source.ImageMetadata)
	if md.UserInput != reg.host+"/team/app:2.0" || len(md.Tags) != 1 || md.Tags[0] != reg.host+"/team/app:2.0" ||
		len(md.RepoDigests) != 1 || md.RepoDigests[0] != reg.host+"/team/app@"+digest || second.SBOM.Source.Version != "2.0" {
		t.Errorf("cached SBOM's source is not the second reference's: %q %q %q version %q", md.UserInput, md.Tags, md.RepoDigests, second.SBOM.Source.Version)
	}
	if n := second.SBOM.Artifacts.Packages.PackageCount(); n < 4 {
		t.Errorf("%d packages from the cache; want the dpkg, npm and python ones", n)
	}

	fresh1, err := Load(ctx, reg.host+"/team/app:2.0", Options{ToolName: "tollgate", ToolVersion: "test"})
	if err != nil {
		t.Fatal(err)
	}
	fresh2, err := Load(ctx, reg.host+"/team/app:2.0", Options{ToolName: "tollgate", ToolVersion: "test"})
	if err != nil {
		t.Fatal(err)
	}
	// Two fresh scans differ only in what normalise masks.
	f1, f2 := encodings(t, fresh1.SBOM), encodings(t, fresh2.SBOM)
	if bytes.Equal(f1["cyclonedx-json"], f2["cyclonedx-json"]) || bytes.Equal(f1["spdx-json"], f2["spdx-json"]) {
		t.Error("two fresh CycloneDX or SPDX SBOMs are equal before normalising: normalise is not shown to be needed")
	}
	for _, f := range []string{"syft-json", "vuln-input"} {
		if !bytes.Equal(f1[f], f2[f]) {
			t.Errorf("two fresh %s SBOMs differ", f)
		}
	}
	sameImage(t, fresh2, fresh1)
	sameImage(t, second, fresh1)
	// The first scan's document names its own reference.
	if strings.Contains(docJSON(t, second), "app:1.0") {
		t.Error("the cached scan's document names the first scan's tag")
	}
	// Vulnerability matching reads the syft-json, unnormalised: equal.
	if !bytes.Equal(encodings(t, second.SBOM)["vuln-input"], f1["vuln-input"]) {
		t.Error("vulnerability matching input differs")
	}
}

// TestSBOMCacheLayout: an OCI layout image is cached too, and a scan by
// digest replays the entry made by tag.
func TestSBOMCacheLayout(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "oci")
	img := cacheTestImage(t, "")
	writeLayout(t, dir, layoutImage{img: img, refName: "v1"})
	cache := t.TempDir()
	ctx := context.Background()
	if _, err := Load(ctx, "oci-dir:"+dir+":v1", Options{SBOMCache: cache}); err != nil {
		t.Fatal(err)
	}
	ref := "oci-dir:" + dir + "@" + digestOf(t, img).String()
	got, err := Load(ctx, ref, Options{SBOMCache: cache})
	if err != nil {
		t.Fatal(err)
	}
	want, err := Load(ctx, ref, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !got.SBOMCached || want.SBOMCached {
		t.Fatalf("cached %v, fresh %v", got.SBOMCached, want.SBOMCached)
	}
	sameImage(t, got, want)
}

// TestSBOMCacheSecrets: an image with secrets in a layer and in its config
// is cached too, its layers' secrets without their values: a rescan fetches
// no layer and makes the same findings (rule, file, lines, preview,
// fingerprint), the config's secrets are found again with their values (to
// be masked), and no entry holds a secret in any form. An entry made with
// detection off never answers a scan with it on, nor the reverse.
func TestSBOMCacheSecrets(t *testing.T) {
	det, err := secrets.Default()
	if err != nil {
		t.Fatal(err)
	}
	pat, awsKey := fakesecrets.GitHubPAT(), "AKIA"+"ZQ3DRTJWBGHK7NXL"
	leaky := cacheTestImage(t, pat)
	cf, err := leaky.ConfigFile()
	if err != nil {
		t.Fatal(err)
	}
	cf = cf.DeepCopy()
	cf.Config.Env = append(cf.Config.Env, "AWS_ACCESS_KEY_ID="+awsKey)
	if leaky, err = mutate.ConfigFile(leaky, cf); err != nil {
		t.Fatal(err)
	}
	reg := newCountingRegistry(t)
	reg.push(t, leaky, "leaky:1")
	reg.push(t, cacheTestImage(t, ""), "clean:1")
	ctx := context.Background()
	cache := t.TempDir()
	first, err := Load(ctx, reg.host+"/leaky:1", Options{SBOMCache: cache, Secrets: det})
	if err != nil {
		t.Fatal(err)
	}
	reg.layerGets.Store(0)
	second, err := Load(ctx, reg.host+"/leaky:1", Options{SBOMCache: cache, Secrets: det})
	if err != nil {
		t.Fatal(err)
	}
	if first.SBOMCached || !second.SBOMCached || reg.layerGets.Load() != 0 {
		t.Fatalf("cached %v then %v, %d layer GETs on the rescan", first.SBOMCached, second.SBOMCached, reg.layerGets.Load())
	}
	type shown struct {
		Layer, Path, Field, Rule, Preview, Fingerprint string
		Lines                                          [3]int
	}
	show := func(found []Secret) []shown {
		var out []shown
		for _, s := range found {
			out = append(out, shown{s.Layer, s.Path, s.Field, s.RuleID, s.Preview, s.Fingerprint, [3]int{s.StartLine, s.EndLine, s.StartColumn}})
		}
		return out
	}
	if got, want := show(second.Secrets), show(first.Secrets); !reflect.DeepEqual(got, want) || len(want) < 2 {
		t.Errorf("replayed secrets:\n%+v\nwant\n%+v", got, want)
	}
	for _, s := range second.Secrets {
		switch {
		case s.Field == "" && (!s.Replayed || s.Secret != "" || s.Encoded != ""):
			t.Errorf("layer secret %s: replayed %v, value %q", s.Path, s.Replayed, s.Secret)
		case s.Field != "" && (s.Replayed || s.Secret != awsKey):
			t.Errorf("config secret %s: replayed %v, value %q; want found again with its value", s.Field, s.Replayed, s.Secret)
		}
	}
	for i, c := range []struct {
		secrets    *secrets.Detector
		wantCached bool
	}{{det, false}, {det, true}, {nil, false}, {nil, true}, {det, true}} {
		im, err := Load(ctx, reg.host+"/clean:1", Options{SBOMCache: cache, Secrets: c.secrets})
		if err != nil {
			t.Fatal(err)
		}
		if im.SBOMCached != c.wantCached {
			t.Errorf("scan %d (secrets %v) of the clean image: cached %v, want %v", i, c.secrets != nil, im.SBOMCached, c.wantCached)
		}
	}
	if im, err := Load(ctx, reg.host+"/leaky:1", Options{SBOMCache: cache}); err != nil || im.SBOMCached || len(im.Secrets) != 0 {
		t.Errorf("leaky image without detection: cached %v, %d secrets, %v", im != nil && im.SBOMCached, len(im.Secrets), err)
	}
	// No entry holds a secret, in any form.
	stored := 0
	filepath.Walk(cache, func(p string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() {
			stored++
			b, _ := os.ReadFile(p)
			for _, v := range []string{pat[4:20], awsKey[4:]} {
				if bytes.Contains(b, []byte(v)) {
					t.Errorf("%s holds a secret", p)
				}
			}
		}
		return nil
	})
	if stored != 4 {
		t.Errorf("%d entries, want 4 (two images, detection on and off)", stored)
	}
}

// TestSBOMCacheDoubt: a corrupt, truncated, swapped or oversized entry is
// a miss (the layers are read again, and the entry rewritten); a scan with
// smaller limits is not answered by an entry made under larger ones.
func TestSBOMCacheDoubt(t *testing.T) {
	reg := newCountingRegistry(t)
	reg.push(t, cacheTestImage(t, ""), "app:1")
	reg.push(t, sample(t, "other"), "other:1")
	ctx := context.Background()
	cache := t.TempDir()
	load := func(ref string, o Options) *Image {
		t.Helper()
		o.SBOMCache = cache
		im, err := Load(ctx, reg.host+"/"+ref, o)
		if err != nil {
			t.Fatal(err)
		}
		return im
	}
	load("app:1", Options{})
	load("other:1", Options{})
	ents, _ := filepath.Glob(filepath.Join(cache, "*", "*.sbom"))
	if len(ents) != 2 {
		t.Fatalf("entries: %v", ents)
	}
	entry := func() string {
		for _, e := range ents {
			b, _ := os.ReadFile(e)
			if bytes.Contains(b, []byte("left-pad")) {
				return e
			}
		}
		t.Fatal("no entry of app:1")
		return ""
	}()
	good, _ := os.ReadFile(entry)
	other, _ := os.ReadFile(ents[0])
	if ents[0] == entry {
		other, _ = os.ReadFile(ents[1])
	}
	head, body, _ := bytes.Cut(good, []byte("\n"))
	for name, bad := range map[string][]byte{
		"empty":          nil,
		"truncated":      good[:len(good)-100],
		"no body":        head,
		"altered body":   append(append(append([]byte{}, head...), '\n'), bytes.Replace(body, []byte("left-pad"), []byte("right-pad"), 1)...),
		"other's entry":  other,
		"not json":       []byte("{\n{}"),
		"format changed": bytes.Replace(good, fmt.Appendf(nil, `{"format":%d,`, sbomCacheFormat), []byte(`{"format":0,`), 1),
	} {
		if err := os.WriteFile(entry, bad, 0o600); err != nil {
			t.Fatal(err)
		}
		reg.layerGets.Store(0)
		im := load("app:1", Options{})
		if im.SBOMCached || reg.layerGets.Load() == 0 {
			t.Errorf("%s entry: cached %v, %d layer GETs; want a miss", name, im.SBOMCached, reg.layerGets.Load())
		}
		if b, _ := os.ReadFile(entry); !bytes.Equal(b, good) {
			t.Errorf("%s entry: not rewritten whole after the miss", name)
		}
	}
	im := load("app:1", Options{})
	if !im.SBOMCached {
		t.Error("the rewritten entry is not a hit")
	}
	// An entry over the size bound is not read.
	o, _ := Options{}.withDefaults()
	key := sbomCacheKey(im, o)
	if (&sbomCache{dir: cache, max: len(good) - 1}).load(key, im) || !(&sbomCache{dir: cache, max: len(good)}).load(key, im) {
		t.Error("the bound on an entry's size is not where it should be")
	}
	// An image size limit smaller than the image: the fresh read's error,
	// not the entry made under the default limits.
	_, err := Load(ctx, reg.host+"/app:1", Options{SBOMCache: cache, MaxImageSize: 1024})
	if !errors.Is(err, ErrLimit) {
		t.Errorf("scan with a smaller limit: %v, want the limit's error", err)
	}
	if ents, _ := filepath.Glob(filepath.Join(cache, "*", ".tmp-*")); len(ents) != 0 {
		t.Errorf("temp files left: %v", ents)
	}
}

// BenchmarkSBOMCache times the load of a registry image from an
// in-process registry: fresh (pull, decompress, catalogue) and replayed
// from the SBOM cache. The image is one layer of the directories in
// $TOLLGATE_BENCH_IMAGE_DIRS (colon-separated, e.g.
// /usr/lib/python3:/usr/share/doc:/var/lib/dpkg), else a generated one:
// 300 Python and 300 npm packages and 32 MiB of incompressible files.
func BenchmarkSBOMCache(b *testing.B) {
	layer := benchLayer(b)
	l, err := tarball.LayerFromOpener(func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(layer)), nil })
	if err != nil {
		b.Fatal(err)
	}
	img, err := mutate.AppendLayers(sample(b, "app"), l)
	if err != nil {
		b.Fatal(err)
	}
	reg := newCountingRegistry(b)
	reg.push(b, img, "bench:1")
	ref := reg.host + "/bench:1"
	ctx := context.Background()
	var pkgs int
	b.Run("fresh", func(b *testing.B) {
		for b.Loop() {
			im, err := Load(ctx, ref, Options{})
			if err != nil {
				b.Fatal(err)
			}
			pkgs = im.SBOM.Artifacts.Packages.PackageCount()
		}
	})
	b.Run("cached", func(b *testing.B) {
		cache := b.TempDir()
		im, err := Load(ctx, ref, Options{SBOMCache: cache})
		if err != nil {
			b.Fatal(err)
		}
		pkgs = im.SBOM.Artifacts.Packages.PackageCount()
		for b.Loop() {
			im, err := Load(ctx, ref, Options{SBOMCache: cache})
			if err != nil || !im.SBOMCached || im.SBOM.Artifacts.Packages.PackageCount() != pkgs {
				b.Fatalf("%v, cached %v", err, im != nil && im.SBOMCached)
			}
		}
		if ents, _ := filepath.Glob(filepath.Join(cache, "*", "*.sbom")); len(ents) == 1 {
			if fi, err := os.Stat(ents[0]); err == nil {
				b.Logf("cache entry %d KiB", fi.Size()>>10)
			}
		}
	})
	b.Logf("layer %d MiB uncompressed, %d packages", len(layer)>>20, pkgs)
}

func benchLayer(b *testing.B) []byte {
	b.Helper()
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	add := func(name string, mode int64, data []byte) {
		if err := tw.WriteHeader(&tar.Header{Name: name, Mode: mode, Size: int64(len(data)), Typeflag: tar.TypeReg}); err != nil {
			b.Fatal(err)
		}
		tw.Write(data)
	}
	if dirs := os.Getenv("TOLLGATE_BENCH_IMAGE_DIRS"); dirs != "" {
		for _, dir := range filepath.SplitList(dirs) {
			filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
				if err != nil || !d.Type().IsRegular() {
					return nil
				}
				data, err := os.ReadFile(p)
				if err == nil {
					add(strings.TrimPrefix(p, "/"), 0o644, data)
				}
				return nil
			})
		}
	} else {
		rnd := rand.New(rand.NewPCG(1, 2))
		for i := range 300 {
			add(fmt.Sprintf("usr/lib/python3/site-packages/pkg%d-1.%d.0.dist-info/METADATA", i, i), 0o644,
				fmt.Appendf(nil, "Metadata-Version: 2.1\nName: pkg%d\nVersion: 1.%d.0\nLicense: MIT\n", i, i))
			add(fmt.Sprintf("app/node_modules/mod%d/package.json", i), 0o644,
				fmt.Appendf(nil, `{"name":"mod%d","version":"2.%d.0","license":"ISC"}`, i, i))
		}
		for i := range 256 {
			data := make([]byte, 128<<10)
			for j := range data {
				data[j] = byte(rnd.Uint32())
			}
			add(fmt.Sprintf("data/blob%d.bin", i), 0o644, data)
		}
	}
	if err := tw.Close(); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}
