package image

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	cerrdefs "github.com/containerd/errdefs"
	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/v1/daemon"
	"github.com/moby/moby/client"
)

func daemonScheme(s string) bool { return s == SchemeDocker || s == SchemePodman }

// DaemonHost is the API endpoint of the docker or podman daemon an image
// of scheme ("docker" or "podman") is read from, from the environment
// getenv reads: for docker, DOCKER_HOST, else /var/run/docker.sock; for
// podman, CONTAINER_HOST, else the rootless socket
// ($XDG_RUNTIME_DIR/podman/podman.sock) when it exists, else the rootful
// one (/run/podman/podman.sock). Podman serves docker's API on it.
func DaemonHost(scheme string, getenv func(string) string) string {
	if scheme == SchemePodman {
		if h := getenv("CONTAINER_HOST"); h != "" {
			return h
		}
		if dir := getenv("XDG_RUNTIME_DIR"); dir != "" {
			sock := filepath.Join(dir, "podman", "podman.sock")
			if _, err := os.Stat(sock); err == nil {
				return "unix://" + sock
			}
		}
		return "unix:///run/podman/podman.sock"
	}
	if h := getenv("DOCKER_HOST"); h != "" {
		return h
	}
	return client.DefaultDockerHost
}

// fromDaemon reads an image of the local docker or podman daemon:
// go-containerregistry's daemon package, over the docker API client,
// negotiates the API version and finds the image's ID (image inspect);
// the image is then saved (image save, a docker-save tar) to a private
// temp file, bounded by the image size limit and removed when the load
// ends, and read from there as any docker-save tar, every blob verified.
func (im *Image) fromDaemon(ctx context.Context, o Options, b *budget) error {
	host := o.DaemonHost
	if host == "" {
		host = DaemonHost(im.Ref.Scheme, os.Getenv)
	}
	what := fmt.Sprintf("%s daemon at %s", im.Ref.Scheme, host)
	if strings.HasPrefix(host, "ssh://") {
		return fmt.Errorf("%s: ssh:// hosts are not supported; forward the socket and give its unix:// path", what)
	}
	c, err := client.New(client.WithHost(host))
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	defer c.Close()
	r, err := name.ParseReference(im.Ref.Ref)
	if err != nil {
		return fmt.Errorf("%s: image name %q: %w", what, im.Ref.Ref, err)
	}
	img, err := daemon.Image(r, daemon.WithClient(c), daemon.WithContext(ctx), daemon.WithUnbufferedOpener())
	if err != nil {
		return daemonError(what, im.Ref, err)
	}
	id, err := img.ConfigName()
	if err != nil {
		return daemonError(what, im.Ref, err)
	}
	spool, err := spoolSave(ctx, c, id.String(), b)
	if err != nil {
		return daemonError(what, im.Ref, err)
	}
	ac, err := readArchiveContents(ctx, spool)
	if err != nil {
		return fmt.Errorf("%s: image save: %w", what, err)
	}
	ref := Ref{Scheme: im.Ref.Scheme, Ref: im.Ref.Ref}
	for _, c := range ac.candidates {
		if c.digest == id {
			ref.Digest = id.String()
		}
	}
	// With containerd's image store the ID is the manifest's digest, not
	// the config's: the save of that one image holds just it.
	return im.fromArchiveFile(ctx, spool, ref, fmt.Sprintf("the save of %s by the %s", im.Ref.Ref, what), o, b)
}

// spoolSave writes the daemon's save of image id to a private temp file,
// removed when the load ends.
func spoolSave(ctx context.Context, c *client.Client, id string, b *budget) (string, error) {
	dir, err := os.MkdirTemp("", "tollgate-daemon-")
	if err != nil {
		return "", err
	}
	b.cleanups = append(b.cleanups, func() { os.RemoveAll(dir) })
	p := filepath.Join(dir, "image.tar")
	f, err := os.OpenFile(p, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return "", err
	}
	defer f.Close()
	rc, err := c.ImageSave(ctx, []string{id})
	if err != nil {
		return "", fmt.Errorf("image save: %w", err)
	}
	defer rc.Close()
	// The save holds the layers (uncompressed, or as stored) and a little
	// metadata: more than the image limit plus the metadata limit is over.
	max := b.o.MaxImageSize + maxMetadataTotal
	n, err := io.Copy(f, io.LimitReader(ctxReader{ctx, rc}, max+1))
	if err != nil {
		return "", fmt.Errorf("image save: %w", err)
	}
	if n > max {
		return "", fmt.Errorf("image save: more than %s, over the %s limit per image: %w", sizeString(max), sizeString(b.o.MaxImageSize), ErrLimit)
	}
	return p, f.Close()
}

// daemonError says what to do about a daemon that cannot be reached or
// does not hold the image.
func daemonError(what string, ref Ref, err error) error {
	switch {
	case client.IsErrConnectionFailed(err) || errors.Is(err, os.ErrNotExist):
		env := "DOCKER_HOST"
		if ref.Scheme == SchemePodman {
			env = "CONTAINER_HOST (podman system service, or systemctl --user start podman.socket)"
		}
		return fmt.Errorf("%s: cannot connect: is the daemon running? Set %s to its socket: %w", what, env, err)
	case cerrdefs.IsNotFound(err):
		return fmt.Errorf("%s holds no image %s: build or pull it first, or scan it from its registry: %w", what, ref.Ref, err)
	}
	return fmt.Errorf("%s: %w", what, err)
}
