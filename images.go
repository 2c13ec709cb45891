package tollgate

import (
	"path/filepath"

	"github.com/tollgate/tollgate/report"
	"github.com/tollgate/tollgate/scanners/image"
)

// imageOptions are the image reader's options for a scan or an SBOM run
// with options o.
func (o Options) imageOptions() (image.Options, error) {
	ps, all, err := image.ParsePlatforms(o.Platforms)
	if err != nil {
		return image.Options{}, &UsageError{Err: err}
	}
	return image.Options{
		InsecureRegistries: o.InsecureRegistries,
		Keychain:           o.Keychain,
		DaemonHost:         o.DaemonHost,
		Platforms:          ps,
		AllPlatforms:       all,
		ToolName:           "tollgate",
		ToolVersion:        Version,
		MaxLayerSize:       o.MaxLayerSize,
		MaxImageSize:       o.MaxImageSize,
		SBOMCache:          imageCacheDir(o),
	}, nil
}

// imageCacheDir is where what images' layers came to (SBOMs, file facts)
// is kept by image digest: the images directory of the scan cache; ""
// (no cache) with --no-cache or when there is no cache directory.
func imageCacheDir(o Options) string {
	if o.NoCache {
		return ""
	}
	dir, why := scanCacheDir(o)
	if why != "" {
		return ""
	}
	return filepath.Join(dir, "images")
}

// checkImageOptions refuses platforms that do not parse.
func checkImageOptions(o Options) error {
	_, err := o.imageOptions()
	return err
}

// imageCount is the number of images the SBOM outputs may have to tell
// apart: more than one when several platforms are asked.
func imageCount(o Options) int {
	n := len(o.Images)
	if ps, all, err := image.ParsePlatforms(o.Platforms); err == nil && (all || len(ps) > 1) {
		n *= 2
	}
	return n
}

// reportImage is the report's entry for an image read from reference ref.
func reportImage(ref string, im *image.Image) report.Image {
	ri := report.Image{Reference: ref, Digest: im.Digest, Packages: im.SBOM.Artifacts.Packages.PackageCount(), Index: im.Index}
	if im.Platform != nil {
		ri.Platform = image.PlatformString(*im.Platform)
	}
	return ri
}
