package tollgate

import (
	"fmt"
	"os"
	"strings"

	"tollgate/report"
	"tollgate/scanners/image"
)

func checkSBOMOutputs(outs []SBOMOutput, images int) error {
	for _, o := range outs {
		if !contains(image.SBOMFormats(), o.Format) {
			return usagef("--sbom %s: unknown format (want one of %s)", o.Format, strings.Join(image.SBOMFormats(), ", "))
		}
		if o.Path == "" {
			return usagef("--sbom %s: needs =PATH", o.Format)
		}
		if images == 0 {
			return usagef("--sbom needs an --image to describe")
		}
		if images > 1 && !strings.Contains(o.Path, "{image}") {
			return usagef("--sbom %s=%s: with %d images the path must contain {image}", o.Format, o.Path, images)
		}
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func writeSBOMs(out SBOMOutput, images []*image.Image) error {
	for _, im := range images {
		p := strings.ReplaceAll(out.Path, "{image}", safeName(im.Ref.Ref))
		err := report.WriteFileAtomic(p, func(w *os.File) error { return image.EncodeSBOM(w, im.SBOM, out.Format) })
		if err != nil {
			return fmt.Errorf("write %s SBOM of %s: %w", out.Format, im.Ref, err)
		}
	}
	return nil
}

// safeName turns an image reference into a file name part.
func safeName(ref string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case '/', ':', '@', '\\':
			return '_'
		}
		return r
	}, ref)
}
