package image

import (
	"bytes"
	"context"
	"encoding/json"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
)

// fakeDaemon serves the part of the Docker Engine API that
// go-containerregistry's daemon package and the docker client call (a
// ping that negotiates the API version, image inspect, image save as a
// docker-save tar) on a unix socket, for a machine that cannot run docker
// or podman. Requests are recorded, so a test sees the real client path.
type fakeDaemon struct {
	host     string
	mu       sync.Mutex
	requests []string
}

func (d *fakeDaemon) seen() string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return strings.Join(d.requests, "\n")
}

func newFakeDaemon(t *testing.T, tag string, img v1.Image) *fakeDaemon {
	t.Helper()
	// A short path: unix socket paths are limited to about 100 bytes.
	dir, err := os.MkdirTemp("", "tgd")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	sock := filepath.Join(dir, "docker.sock")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	id, _ := img.ConfigName()
	cf, _ := img.ConfigFile()
	var save bytes.Buffer
	rt, _ := name.NewTag(tag)
	if err := tarball.Write(rt, img, &save); err != nil {
		t.Fatal(err)
	}
	d := &fakeDaemon{host: "unix://" + sock}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		d.mu.Lock()
		d.requests = append(d.requests, r.Method+" "+r.URL.RequestURI())
		d.mu.Unlock()
		w.Header().Set("Api-Version", "1.47")
		w.Header().Set("Ostype", "linux")
		path := r.URL.Path
		if i := strings.Index(path[1:], "/"); strings.HasPrefix(path, "/v1.") && i > 0 {
			path = path[i+1:] // the version prefix the negotiated client adds
		}
		switch {
		case path == "/_ping":
			w.Write([]byte("OK"))
		case strings.HasPrefix(path, "/images/") && strings.HasSuffix(path, "/json"):
			n, _ := url.PathUnescape(strings.TrimSuffix(strings.TrimPrefix(path, "/images/"), "/json"))
			if n != tag && n != id.String() && n != rt.Name() {
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(http.StatusNotFound)
				json.NewEncoder(w).Encode(map[string]string{"message": "No such image: " + n})
				return
			}
			w.Header().Set("Content-Type", "application/json")
			json.NewEncoder(w).Encode(map[string]any{
				"Id": id.String(), "RepoTags": []string{tag}, "Os": cf.OS, "Architecture": cf.Architecture,
				"Config": map[string]any{"User": cf.Config.User, "Env": cf.Config.Env},
				"RootFS": map[string]any{"Type": "layers", "Layers": cf.RootFS.DiffIDs},
			})
		case path == "/images/get":
			if names := r.URL.Query()["names"]; len(names) != 1 || (names[0] != id.String() && names[0] != tag) {
				http.Error(w, "unexpected names", http.StatusBadRequest)
				return
			}
			w.Header().Set("Content-Type", "application/x-tar")
			w.Write(save.Bytes())
		default:
			http.Error(w, "not served by the fake daemon", http.StatusNotFound)
		}
	})}
	go srv.Serve(l)
	t.Cleanup(func() { srv.Close() })
	return d
}

// TestDaemonSources: docker:REF and podman:REF read the image through
// go-containerregistry's daemon package and the docker API client
// (version negotiation, inspect, save), and report it by digest, as a
// docker-archive of the same save would be.
func TestDaemonSources(t *testing.T) {
	img := sample(t, "10001")
	d := newFakeDaemon(t, "app:1", img)
	for _, scheme := range []string{"docker", "podman"} {
		im, err := Load(context.Background(), scheme+":app:1", Options{DaemonHost: d.host})
		if err != nil {
			t.Fatalf("%s: %v", scheme, err)
		}
		if im.SBOM.Artifacts.Packages.PackageCount() != 2 || !strings.HasPrefix(im.Digest, "sha256:") || im.Document.Name != scheme+":app:1" {
			t.Errorf("%s: %d packages, digest %q, named %s", scheme, im.SBOM.Artifacts.Packages.PackageCount(), im.Digest, im.Document.Name)
		}
	}
	seen := d.seen()
	for _, want := range []string{"/_ping", "/images/app:1/json", "/images/get?names=sha256"} {
		if !strings.Contains(seen, want) {
			t.Errorf("the daemon saw no %s request:\n%s", want, seen)
		}
	}
	_, err := Load(context.Background(), "docker:other:2", Options{DaemonHost: d.host})
	wantErr(t, err, "docker daemon at "+d.host+" holds no image other:2", "build or pull it first")
	_, err = Load(context.Background(), "podman:app:1", Options{DaemonHost: "unix://" + filepath.Join(t.TempDir(), "none.sock")})
	wantErr(t, err, "cannot connect", "CONTAINER_HOST")

	// The image limits hold: the save is bounded by the image size.
	_, err = Load(context.Background(), "docker:app:1", Options{DaemonHost: d.host, MaxImageSize: 1024})
	wantErr(t, err, "limit")
}

func TestParseDaemonRef(t *testing.T) {
	for in, want := range map[string]Ref{
		"docker:app:1":                       {Scheme: SchemeDocker, Ref: "app:1"},
		"podman:localhost/app@" + testDigest: {Scheme: SchemePodman, Ref: "localhost/app@" + testDigest},
		"oci-archive:app.tar:v1":             {Scheme: SchemeOCIArchive, Ref: "app.tar", Tag: "v1"},
	} {
		got, err := ParseRef(in)
		if err != nil || got != want {
			t.Errorf("ParseRef(%q) = %+v, %v; want %+v", in, got, err, want)
		}
	}
}

func TestDaemonHost(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	if h := DaemonHost("docker", env(nil)); h != "unix:///var/run/docker.sock" {
		t.Errorf("docker default %s", h)
	}
	if h := DaemonHost("docker", env(map[string]string{"DOCKER_HOST": "tcp://d:2375"})); h != "tcp://d:2375" {
		t.Errorf("DOCKER_HOST: %s", h)
	}
	if h := DaemonHost("podman", env(map[string]string{"CONTAINER_HOST": "unix:///x.sock", "DOCKER_HOST": "tcp://d:2375"})); h != "unix:///x.sock" {
		t.Errorf("CONTAINER_HOST: %s", h)
	}
	run := t.TempDir()
	os.MkdirAll(filepath.Join(run, "podman"), 0o700)
	os.WriteFile(filepath.Join(run, "podman", "podman.sock"), nil, 0o600)
	if h := DaemonHost("podman", env(map[string]string{"XDG_RUNTIME_DIR": run})); h != "unix://"+filepath.Join(run, "podman", "podman.sock") {
		t.Errorf("rootless: %s", h)
	}
	if h := DaemonHost("podman", env(nil)); h != "unix:///run/podman/podman.sock" {
		t.Errorf("rootful: %s", h)
	}
}
