// Package testimage builds small, reproducible container images from a
// directory of files, for tests and for the shipped sample OCI layouts.
package testimage

import (
	"archive/tar"
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"time"

	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/layout"
	"github.com/google/go-containerregistry/pkg/v1/mutate"

	"github.com/tollgate/tollgate/internal/release"
)

// epoch is the timestamp of every file and of the image, so that the same
// inputs always give the same digest.
var epoch = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// Config is the image config fields the tests care about.
type Config struct {
	User         string
	Env          []string
	ExposedPorts []string
	Labels       map[string]string
}

// Build returns an image with one layer holding the files under rootfs.
func Build(rootfs string, c Config) (v1.Image, error) {
	layerTar, err := tarDir(rootfs)
	if err != nil {
		return nil, err
	}
	img, cf, err := release.OneLayer(layerTar)
	if err != nil {
		return nil, err
	}
	cf.OS, cf.Architecture = "linux", "amd64"
	cf.Created = v1.Time{Time: epoch}
	cf.Config.User = c.User
	cf.Config.Env = c.Env
	cf.Config.Labels = c.Labels
	if len(c.ExposedPorts) > 0 {
		cf.Config.ExposedPorts = map[string]struct{}{}
		for _, p := range c.ExposedPorts {
			cf.Config.ExposedPorts[p] = struct{}{}
		}
	}
	cf.Config.Cmd = []string{"/usr/bin/hello"}
	return mutate.ConfigFile(img, cf)
}

// WriteLayout writes img as a fresh OCI layout at dir.
func WriteLayout(dir string, img v1.Image) error {
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	p, err := layout.Write(dir, empty.Index)
	if err != nil {
		return err
	}
	return p.AppendImage(img)
}

// tarDir makes a deterministic tar of dir: sorted, fixed times and owners.
func tarDir(dir string) ([]byte, error) {
	var paths []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != dir {
			paths = append(paths, p)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Strings(paths)
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	for _, p := range paths {
		rel, _ := filepath.Rel(dir, p)
		st, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		h := &tar.Header{Name: filepath.ToSlash(rel), ModTime: epoch, Mode: 0o644, Typeflag: tar.TypeReg, Format: tar.FormatPAX}
		if st.IsDir() {
			h.Name += "/"
			h.Mode = 0o755
			h.Typeflag = tar.TypeDir
			if err := tw.WriteHeader(h); err != nil {
				return nil, err
			}
			continue
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		h.Size = int64(len(b))
		if err := tw.WriteHeader(h); err != nil {
			return nil, err
		}
		if _, err := tw.Write(b); err != nil {
			return nil, err
		}
	}
	if err := tw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Failing is the sample image that breaks the image rules: it runs as root
// and carries a credential in its environment.
func Failing(rootfs string) (v1.Image, error) {
	return Build(rootfs, Config{
		Env:          []string{"PATH=/usr/bin:/bin", "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"},
		ExposedPorts: []string{"8080/tcp"},
	})
}

// Passing is the sample image that passes every image rule.
func Passing(rootfs string) (v1.Image, error) {
	return Build(rootfs, Config{
		User:         "10001:10001",
		Env:          []string{"PATH=/usr/bin:/bin"},
		ExposedPorts: []string{"8080/tcp"},
		Labels: map[string]string{
			"org.opencontainers.image.source":   "https://example.com/app",
			"org.opencontainers.image.revision": "0123456789abcdef0123456789abcdef01234567",
		},
	})
}
