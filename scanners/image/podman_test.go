package image

import (
	"context"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
)

// TestRealPodman loads the sample image into a real podman (its own
// storage in a temp dir, no containers run) and serves podman's
// docker-compatible API on a unix socket: podman:REF and docker:REF read it
// through go-containerregistry's daemon package and the docker client, as
// against a user's podman.socket. Skipped where podman is not installed
// (apt-get install podman); TestDaemonSources covers the same path with a
// stand-in of the API.
func TestRealPodman(t *testing.T) {
	bin, err := exec.LookPath("podman")
	if err != nil {
		t.Skip("podman is not installed (apt-get install podman); TestDaemonSources uses a stand-in of its API")
	}
	dir, err := os.MkdirTemp("", "tgp") // short: a socket path is limited
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	args := []string{"--root", filepath.Join(dir, "root"), "--runroot", filepath.Join(dir, "run"), "--storage-driver", "vfs",
		"--events-backend", "file", "--cgroup-manager", "cgroupfs", "--tmpdir", filepath.Join(dir, "tmp")}
	podman := func(ctx context.Context, a ...string) *exec.Cmd {
		c := exec.CommandContext(ctx, bin, append(append([]string(nil), args...), a...)...)
		c.Env = append(os.Environ(), "XDG_RUNTIME_DIR="+filepath.Join(dir, "xdg"), "HOME="+dir)
		return c
	}
	img := sample(t, "10001")
	archive := filepath.Join(dir, "app.tar")
	tag, _ := name.NewTag("localhost/tollgate-test:1")
	if err := tarball.WriteToFile(archive, tag, img); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if out, err := podman(ctx, "load", "-i", archive).CombinedOutput(); err != nil {
		t.Skipf("podman cannot store images here: %v\n%s", err, out)
	}
	sock := filepath.Join(dir, "podman.sock")
	svc := podman(ctx, "system", "service", "--time", "0", "unix://"+sock)
	if err := svc.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { svc.Process.Kill(); svc.Wait() })
	for i := 0; ; i++ {
		if c, err := net.Dial("unix", sock); err == nil {
			c.Close()
			break
		}
		if i == 100 {
			t.Fatal("podman system service did not listen")
		}
		time.Sleep(100 * time.Millisecond) // waiting for the service, not timing anything
	}
	id, _ := img.ConfigName()
	for _, src := range []string{"podman:localhost/tollgate-test:1", "docker:localhost/tollgate-test:1"} {
		im, err := Load(context.Background(), src, Options{DaemonHost: "unix://" + sock})
		if err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		cf, _ := im.Image.ConfigName()
		if im.SBOM.Artifacts.Packages.PackageCount() != 2 || !strings.HasPrefix(im.Digest, "sha256:") || cf != id {
			t.Errorf("%s: %d packages, digest %s, config %s (want %s)", src, im.SBOM.Artifacts.Packages.PackageCount(), im.Digest, cf, id)
		}
	}
	_, err = Load(context.Background(), "podman:localhost/absent:1", Options{DaemonHost: "unix://" + sock})
	wantErr(t, err, "holds no image localhost/absent:1")
}
