package tollgate

import (
	"context"
	"path/filepath"
	"time"

	"github.com/tollgate/tollgate/report"
	"github.com/tollgate/tollgate/scanners/image"
	"github.com/tollgate/tollgate/secrets"
)

// imageOptions are the image reader's options for a scan or an SBOM run
// with options o.
func (o Options) imageOptions() (image.Options, error) {
	ps, all, err := image.ParsePlatforms(o.Platforms)
	if err != nil {
		return image.Options{}, &UsageError{Err: err}
	}
	build, _ := buildIdentity()
	return image.Options{
		InsecureRegistries: o.InsecureRegistries,
		Keychain:           o.Keychain,
		DaemonHost:         o.DaemonHost,
		Platforms:          ps,
		AllPlatforms:       all,
		ToolName:           "tollgate",
		ToolVersion:        Version,
		ToolBuild:          build,
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
	if _, why := buildIdentity(); why != "" {
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

// imageLoad is one image reference of a scan, loaded in the background
// (loadImages): its images, or why they could not be read, once done is
// closed.
type imageLoad struct {
	ref  string
	ims  []*image.Image
	err  error
	took time.Duration
	done chan struct{}
}

// loadImages starts loading the scan's image references (those of its
// shard), one at a time and in order, while the caller compiles the
// policies and reads the IaC: an image's pull, layers and cataloguing need
// neither, and on a CI runner the pull is mostly waiting. stop cancels
// what is left and returns once nothing runs any more; the caller takes
// each load in order, after its done.
func loadImages(ctx context.Context, o Options, det *secrets.Detector) (loads []*imageLoad, stop func(), err error) {
	iopts, err := o.imageOptions()
	if err != nil {
		return nil, nil, err
	}
	iopts.Secrets = det
	for _, ref := range o.Images {
		if inShard(o.Shard, "image\x00"+ref) {
			loads = append(loads, &imageLoad{ref: ref, done: make(chan struct{})})
		}
	}
	ctx, cancel := context.WithCancel(ctx)
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		for _, l := range loads {
			start := time.Now()
			if l.err = ctx.Err(); l.err == nil {
				l.ims, l.err = image.LoadAll(ctx, l.ref, iopts)
			}
			l.took = time.Since(start)
			close(l.done)
		}
	}()
	return loads, func() { cancel(); <-finished }, nil
}
