// Package release builds tollgate's own container image without Docker:
// the static binary and CA certificates on an empty base, a non-root user,
// OCI labels, one image per platform under one index, written as an OCI
// layout or pushed to a registry with go-containerregistry.
package release

import (
	"archive/tar"
	"bytes"
	"fmt"
	"io"
	"os"
	"time"

	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/layout"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
	"github.com/google/go-containerregistry/pkg/v1/types"
)

// Binary is a static tollgate binary built for one platform.
type Binary struct {
	OS, Arch, Path string
}

// ImageOptions describes the image.
type ImageOptions struct {
	Version, Revision, Source string
	// Created stamps the image and its files (the commit's time, so that
	// builds of one commit give one digest).
	Created time.Time
	// CACerts is the PEM bundle installed as /etc/ssl/certs/ca-certificates.crt.
	CACerts  []byte
	Binaries []Binary
}

// User is the user the image runs as: nobody in particular, never root.
const User = "65532:65532"

// Image builds the index of one image per binary.
func Image(o ImageOptions) (v1.ImageIndex, error) {
	if len(o.Binaries) == 0 {
		return nil, fmt.Errorf("no binaries")
	}
	if len(o.CACerts) == 0 {
		return nil, fmt.Errorf("no CA certificates")
	}
	idx := mutate.IndexMediaType(empty.Index, types.OCIImageIndex)
	for _, b := range o.Binaries {
		img, err := platformImage(o, b)
		if err != nil {
			return nil, fmt.Errorf("%s/%s: %w", b.OS, b.Arch, err)
		}
		idx = mutate.AppendManifests(idx, mutate.IndexAddendum{Add: img,
			Descriptor: v1.Descriptor{Platform: &v1.Platform{OS: b.OS, Architecture: b.Arch}}})
	}
	return idx, nil
}

func platformImage(o ImageOptions, b Binary) (v1.Image, error) {
	bin, err := os.ReadFile(b.Path)
	if err != nil {
		return nil, err
	}
	layerTar, err := rootfs(o.Created, bin, o.CACerts)
	if err != nil {
		return nil, err
	}
	img, cf, err := OneLayer(layerTar)
	if err != nil {
		return nil, err
	}
	cf.OS, cf.Architecture = b.OS, b.Arch
	cf.Created = v1.Time{Time: o.Created}
	cf.Config.User = User
	cf.Config.WorkingDir = "/work"
	cf.Config.Entrypoint = []string{"/usr/local/bin/tollgate"}
	cf.Config.Env = []string{"PATH=/usr/local/bin", "SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt", "TMPDIR=/tmp"}
	cf.Config.Labels = map[string]string{
		"org.opencontainers.image.title":       "tollgate",
		"org.opencontainers.image.description": "Security and compliance gate for releases: IaC, images, SBOMs, signing",
		"org.opencontainers.image.version":     o.Version,
		"org.opencontainers.image.revision":    o.Revision,
		"org.opencontainers.image.source":      o.Source,
		"org.opencontainers.image.licenses":    "Apache-2.0",
		"org.opencontainers.image.created":     o.Created.UTC().Format(time.RFC3339),
	}
	return mutate.ConfigFile(img, cf)
}

// OneLayer is an OCI image of one layer (an uncompressed tar), on an empty
// base, and a copy of its config file to fill in and set with
// mutate.ConfigFile.
func OneLayer(layerTar []byte) (v1.Image, *v1.ConfigFile, error) {
	layer, err := tarball.LayerFromOpener(func() (io.ReadCloser, error) {
		return io.NopCloser(bytes.NewReader(layerTar)), nil
	}, tarball.WithMediaType(types.OCILayer))
	if err != nil {
		return nil, nil, err
	}
	base := mutate.MediaType(empty.Image, types.OCIManifestSchema1)
	base = mutate.ConfigMediaType(base, types.OCIConfigJSON)
	img, err := mutate.AppendLayers(base, layer)
	if err != nil {
		return nil, nil, err
	}
	cf, err := img.ConfigFile()
	if err != nil {
		return nil, nil, err
	}
	return img, cf.DeepCopy(), nil
}

// rootfs is the image's only layer: the binary, the CA bundle, a passwd
// entry for the user, and writable /tmp and /work.
func rootfs(created time.Time, bin, ca []byte) ([]byte, error) {
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	dir := func(name string, mode int64, uid int) error {
		return tw.WriteHeader(&tar.Header{Name: name, Typeflag: tar.TypeDir, Mode: mode, Uid: uid, Gid: uid, ModTime: created, Format: tar.FormatPAX})
	}
	file := func(name string, mode int64, data []byte) error {
		if err := tw.WriteHeader(&tar.Header{Name: name, Typeflag: tar.TypeReg, Mode: mode, Size: int64(len(data)), ModTime: created, Format: tar.FormatPAX}); err != nil {
			return err
		}
		_, err := tw.Write(data)
		return err
	}
	steps := []func() error{
		func() error { return dir("etc/", 0o755, 0) },
		func() error {
			return file("etc/passwd", 0o644, []byte("root:x:0:0:root:/root:/sbin/nologin\ntollgate:x:65532:65532:tollgate:/work:/sbin/nologin\n"))
		},
		func() error { return file("etc/group", 0o644, []byte("root:x:0:\ntollgate:x:65532:\n")) },
		func() error { return dir("etc/ssl/", 0o755, 0) },
		func() error { return dir("etc/ssl/certs/", 0o755, 0) },
		func() error { return file("etc/ssl/certs/ca-certificates.crt", 0o644, ca) },
		func() error { return dir("tmp/", 0o1777, 0) },
		func() error { return dir("usr/", 0o755, 0) },
		func() error { return dir("usr/local/", 0o755, 0) },
		func() error { return dir("usr/local/bin/", 0o755, 0) },
		func() error { return file("usr/local/bin/tollgate", 0o755, bin) },
		func() error { return dir("work/", 0o755, 65532) },
	}
	for _, s := range steps {
		if err := s(); err != nil {
			return nil, err
		}
	}
	if err := tw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// WriteLayout writes idx as a fresh OCI layout at dir.
func WriteLayout(dir string, idx v1.ImageIndex) error {
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	_, err := layout.Write(dir, idx)
	return err
}
