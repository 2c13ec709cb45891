package tollgate

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/google/go-containerregistry/pkg/authn"

	"github.com/tollgate/tollgate/report"
	"github.com/tollgate/tollgate/scanners/image"
)

// SBOMOptions describes a tollgate sbom run: the SBOMs of images and
// directories, with the image options of a scan.
type SBOMOptions struct {
	// Sources are directories (an existing directory, or dir:PATH) and
	// images (registry:REF or a bare REF, oci-dir:, oci-archive:,
	// docker-archive:, docker:, podman:).
	Sources []string
	Outputs []SBOMOutput
	// Platforms, InsecureRegistries, Keychain, DaemonHost, MaxLayerSize
	// and MaxImageSize are as in Options.
	Platforms                  []string
	InsecureRegistries         []string
	Keychain                   authn.Keychain
	DaemonHost                 string
	MaxLayerSize, MaxImageSize int64
	// CacheDir and NoCache are as in Options: an image's SBOM is kept in
	// the cache's images directory, by image digest.
	CacheDir string
	NoCache  bool
}

// SBOMSubject is one SBOM written: a directory, or an image (one per
// platform of a multi-platform image).
type SBOMSubject struct {
	Source   string
	Digest   string // images only
	Platform string // an image chosen from an index
	Packages int
	Paths    []string
}

// dirScheme names a directory source explicitly.
const dirScheme = "dir:"

// WriteSourceSBOMs catalogues each source and writes its SBOM to every
// output. With several subjects (sources, or platforms of one image) the
// output paths must tell them apart with {image} (the source as a file
// name, with the platform when several were read) or {digest}; {platform}
// is available too. A source that cannot be read is an error: what was
// written before it stays, nothing after it is written.
func WriteSourceSBOMs(ctx context.Context, o SBOMOptions) ([]SBOMSubject, error) {
	if len(o.Sources) == 0 {
		return nil, usagef("nothing to catalogue: give directories and/or images")
	}
	if len(o.Outputs) == 0 {
		return nil, usagef("--sbom FORMAT=PATH is required")
	}
	so := Options{Images: o.Sources, Platforms: o.Platforms, InsecureRegistries: o.InsecureRegistries, Keychain: o.Keychain,
		DaemonHost: o.DaemonHost, MaxLayerSize: o.MaxLayerSize, MaxImageSize: o.MaxImageSize, CacheDir: o.CacheDir, NoCache: o.NoCache}
	if err := checkSBOMOutputs("--sbom", o.Outputs, imageCount(so)); err != nil {
		return nil, err
	}
	iopts, err := so.imageOptions()
	if err != nil {
		return nil, err
	}
	var out []SBOMSubject
	for _, src := range o.Sources {
		if dir, ok := directorySource(src); ok {
			outs := make([]SBOMOutput, len(o.Outputs))
			var paths []string
			for i, x := range o.Outputs {
				p := strings.NewReplacer("{image}", safeName(dir), "{platform}", "", "{digest}", "").Replace(x.Path)
				outs[i] = SBOMOutput{Format: x.Format, Path: p}
				paths = append(paths, p)
			}
			n, err := DirectorySBOM(ctx, dir, outs)
			if err != nil {
				return out, err
			}
			out = append(out, SBOMSubject{Source: src, Packages: n, Paths: paths})
			continue
		}
		ims, err := image.LoadAll(ctx, src, iopts)
		if err != nil {
			return out, err
		}
		subjects := make([]SBOMSubject, len(ims))
		for i, im := range ims {
			subjects[i] = SBOMSubject{Source: src, Digest: im.Digest, Packages: im.SBOM.Artifacts.Packages.PackageCount()}
			if im.Platform != nil {
				subjects[i].Platform = image.PlatformString(*im.Platform)
			}
		}
		for _, x := range o.Outputs {
			paths := sbomPaths(x.Path, ims)
			for i, im := range ims {
				err := report.WriteFileAtomic(paths[i], func(w *os.File) error { return EncodeSBOM(w, im.SBOM, x.Format) })
				if err != nil {
					return out, fmt.Errorf("write %s SBOM of %s: %w", x.Format, src, err)
				}
				subjects[i].Paths = append(subjects[i].Paths, paths[i])
			}
		}
		out = append(out, subjects...)
	}
	return out, nil
}

// directorySource reports whether src names a directory: dir:PATH, or a
// path without an image scheme that is an existing directory.
func directorySource(src string) (string, bool) {
	if d, ok := strings.CutPrefix(src, dirScheme); ok {
		return d, true
	}
	for _, s := range []string{image.SchemeRegistry, image.SchemeOCIDir, image.SchemeOCIArchive, image.SchemeDockerArchive, image.SchemeDocker, image.SchemePodman} {
		if strings.HasPrefix(src, s+":") {
			return "", false
		}
	}
	if st, err := os.Stat(src); err == nil && st.IsDir() {
		return src, true
	}
	return "", false
}
