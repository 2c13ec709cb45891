package image

import (
	"archive/tar"
	"bytes"
	"context"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/registry"
	"github.com/google/go-containerregistry/pkg/v1/remote"
)

// busyRegistry is an in-process registry holding one image behind a
// wrapper that answers the first `fail` manifest requests with status
// (and Retry-After: 7), or every one when fail < 0.
type busyRegistry struct {
	host     string
	status   int
	fail     int64
	requests atomic.Int64
	auth     atomic.Value // the last Authorization header seen
}

func newBusyRegistry(t *testing.T, status int, fail int64) (*busyRegistry, string) {
	t.Helper()
	reg := registry.New(registry.Logger(log.New(io.Discard, "", 0)))
	b := &busyRegistry{status: status, fail: fail}
	b.auth.Store("")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b.auth.Store(r.Header.Get("Authorization"))
		if strings.Contains(r.URL.Path, "/manifests/") && r.Method == http.MethodGet {
			if n := b.requests.Add(1); b.fail < 0 || n <= b.fail {
				w.Header().Set("Retry-After", "7")
				http.Error(w, `{"errors":[{"code":"TOOMANYREQUESTS","message":"slow down"}]}`, b.status)
				return
			}
		}
		reg.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	b.host = strings.TrimPrefix(srv.URL, "http://")
	ref := b.host + "/app:1"
	tag, _ := name.NewTag(ref)
	// Written before the failures count: only GETs of manifests fail.
	if err := remote.Write(tag, sample(t, "10001")); err != nil {
		t.Fatal(err)
	}
	return b, ref
}

// waits records the Retry-After waits instead of sleeping.
type waits struct {
	mu sync.Mutex
	d  []time.Duration
}

func (w *waits) wait(_ context.Context, d time.Duration) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.d = append(w.d, d)
	return nil
}

// TestRetryAfter: a 429 with Retry-After is retried after the wait the
// registry asked for, and the load succeeds.
func TestRetryAfter(t *testing.T) {
	b, ref := newBusyRegistry(t, http.StatusTooManyRequests, 1)
	var w waits
	o := fastRegistry()
	o.retryWait = w.wait
	im, err := Load(context.Background(), "registry:"+ref, o)
	if err != nil {
		t.Fatal(err)
	}
	if im.SBOM.Artifacts.Packages.PackageCount() != 2 {
		t.Errorf("%d packages", im.SBOM.Artifacts.Packages.PackageCount())
	}
	if len(w.d) != 1 || w.d[0] != 7*time.Second || b.requests.Load() < 2 {
		t.Errorf("waited %v over %d manifest requests; want one wait of 7s, then the retry", w.d, b.requests.Load())
	}
}

// TestRegistryAlwaysFailing: a registry that always answers 503 fails the
// load after the retries, with an error naming the registry and what to do.
func TestRegistryAlwaysFailing(t *testing.T) {
	b, ref := newBusyRegistry(t, http.StatusServiceUnavailable, -1)
	var w waits
	o := fastRegistry()
	o.retryWait = w.wait
	_, err := LoadAll(context.Background(), "registry:"+ref, o)
	wantErr(t, err, "registry "+b.host, "503", "try again later")
	if n := b.requests.Load(); n != int64(o.retryBackoff.Steps) {
		t.Errorf("%d manifest requests, want %d (every attempt)", n, o.retryBackoff.Steps)
	}
	if len(w.d) != int(b.requests.Load()) {
		t.Errorf("%d waits for %d answers with Retry-After", len(w.d), b.requests.Load())
	}
}

func TestRetryAfterValues(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for v, want := range map[string]time.Duration{
		"3": 3 * time.Second, "0": 0, "3600": maxRetryAfter,
		now.Add(10 * time.Second).Format(http.TimeFormat): 10 * time.Second,
		now.Add(-time.Hour).Format(http.TimeFormat):       0,
	} {
		if got, ok := retryAfter(v, now); !ok || got != want {
			t.Errorf("Retry-After %q: %s %v, want %s", v, got, ok, want)
		}
	}
	for _, bad := range []string{"", "soon", "-1"} {
		if _, ok := retryAfter(bad, now); ok {
			t.Errorf("Retry-After %q accepted", bad)
		}
	}
}

// TestRegistryErrors: the usual failures say what to do.
func TestRegistryErrors(t *testing.T) {
	host := newTestRegistry(t)
	_, err := Load(context.Background(), "registry:"+host+"/missing:1", fastRegistry())
	wantErr(t, err, "registry "+host, "was not found", "check the repository and the tag")

	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("WWW-Authenticate", `Basic realm="test"`)
		http.Error(w, `{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}`, http.StatusUnauthorized)
	}))
	defer srv.Close()
	locked := strings.TrimPrefix(srv.URL, "http://")
	_, err = Load(context.Background(), "registry:"+locked+"/app:1", fastRegistry())
	wantErr(t, err, "registry "+locked, "docker login "+locked, EnvRegistryToken)

	// A plain-HTTP registry that is not loopback needs --insecure-registry.
	err = registryError("reg.example:5000", name.MustParseReference("reg.example:5000/app:1"), false,
		io.ErrUnexpectedEOF)
	if strings.Contains(err.Error(), "insecure") {
		t.Errorf("unrelated error given the insecure hint: %v", err)
	}
	err = registryError("reg.example:5000", name.MustParseReference("reg.example:5000/app:1"), false,
		&httpsErr{})
	wantErr(t, err, "--insecure-registry reg.example:5000")
}

type httpsErr struct{}

func (*httpsErr) Error() string { return "http: server gave HTTP response to HTTPS client" }

// TestEnvKeychain: credentials from the environment go to the registries
// TOLLGATE_REGISTRY names, and only there; half-set ones are errors.
func TestEnvKeychain(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	kc, err := EnvKeychain(env(map[string]string{EnvRegistry: "ghcr.io, reg.example:5000", EnvRegistryUsername: "ci", EnvRegistryPassword: "s3cret"}))
	if err != nil {
		t.Fatal(err)
	}
	for reg, want := range map[string]string{"ghcr.io": "ci", "reg.example:5000": "ci", "docker.io": ""} {
		r, _ := name.NewRegistry(reg)
		a, err := kc.Resolve(r)
		if err != nil {
			t.Fatal(err)
		}
		cfg, _ := a.Authorization()
		if cfg.Username != want && !(want == "" && a == authn.Anonymous) {
			t.Errorf("%s: user %q, want %q", reg, cfg.Username, want)
		}
	}
	for _, bad := range []map[string]string{
		{EnvRegistryToken: "t"}, // no registry named
		{EnvRegistry: "ghcr.io", EnvRegistryUsername: "ci"},
		{EnvRegistry: "ghcr.io", EnvRegistryToken: "t", EnvRegistryUsername: "ci", EnvRegistryPassword: "p"},
	} {
		if _, err := EnvKeychain(env(bad)); err == nil {
			t.Errorf("%v: no error", bad)
		}
	}
	if kc, err := EnvKeychain(env(nil)); err != nil || kc != authn.DefaultKeychain {
		t.Errorf("no variables: %v %v", kc, err)
	}

	// The token reaches the registry as a bearer token.
	b, ref := newBusyRegistry(t, http.StatusOK, 0)
	kc, err = EnvKeychain(env(map[string]string{EnvRegistry: b.host, EnvRegistryToken: "tok123"}))
	if err != nil {
		t.Fatal(err)
	}
	o := fastRegistry()
	o.Keychain = kc
	if _, err := Load(context.Background(), "registry:"+ref, o); err != nil {
		t.Fatal(err)
	}
	if got := b.auth.Load().(string); got != "Bearer tok123" {
		t.Errorf("Authorization %q", got)
	}
}

// TestFileFacts: the image document lists setuid/setgid files and
// world-writable ones of the squashed file system (a later layer's chmod
// or whiteout wins), and the shells present.
func TestFileFacts(t *testing.T) {
	type f struct {
		name string
		mode int64
		typ  byte
	}
	layer := func(files ...f) []byte {
		var buf bytes.Buffer
		tw := tar.NewWriter(&buf)
		for _, x := range files {
			typ := x.typ
			if typ == 0 {
				typ = tar.TypeReg
			}
			tw.WriteHeader(&tar.Header{Name: x.name, Mode: x.mode, Typeflag: typ})
		}
		tw.Close()
		return buf.Bytes()
	}
	img := imageOf(t, "1",
		testimageLayer(t),
		layer(f{"bin/", 0o755, tar.TypeDir}, f{"bin/sh", 0o755, 0}, f{"usr/", 0o755, tar.TypeDir}, f{"usr/bin/", 0o755, tar.TypeDir},
			f{"usr/bin/passwd", 0o4755, 0}, f{"usr/bin/helper", 0o4755, 0}, f{"usr/bin/wall", 0o2755, 0},
			f{"etc/app.conf", 0o666, 0}, f{"tmp/", 0o1777, tar.TypeDir}, f{"data/", 0o777, tar.TypeDir}, f{"gone", 0o777, 0}),
		layer(f{"usr/bin/helper", 0o755, 0}, f{".wh.gone", 0, 0}),
	)
	dir := filepath.Join(t.TempDir(), "oci")
	writeLayout(t, dir, layoutImage{img: img})
	im, err := Load(context.Background(), "oci-dir:"+dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	files := im.Document.Resource["files"].(map[string]any)
	var got []string
	for _, e := range files["notable"].([]any) {
		m := e.(map[string]any)
		got = append(got, m["path"].(string)+" "+m["mode"].(string))
	}
	want := "/data 0777,/etc/app.conf 0666,/usr/bin/passwd 4755,/usr/bin/wall 2755"
	if strings.Join(got, ",") != want {
		t.Errorf("notable files %q, want %q", strings.Join(got, ","), want)
	}
	if sh := files["shells"].([]any); len(sh) != 1 || sh[0] != "/bin/sh" || files["truncated"] != false {
		t.Errorf("shells %v, truncated %v", sh, files["truncated"])
	}
}
