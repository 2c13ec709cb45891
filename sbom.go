package tollgate

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/anchore/syft/syft/format/cyclonedxjson"
	"github.com/anchore/syft/syft/format/spdxjson"
	"github.com/anchore/syft/syft/format/syftjson"
	"github.com/anchore/syft/syft/sbom"

	"github.com/tollgate/tollgate/report"
	"github.com/tollgate/tollgate/scanners/image"
	"github.com/tollgate/tollgate/scanners/source"
)

// checkSBOMOutputs validates the outputs of flag (--sbom, --source-sbom)
// describing n subjects.
func checkSBOMOutputs(flag string, outs []SBOMOutput, n int) error {
	for _, o := range outs {
		if !contains(SBOMFormats(), o.Format) {
			return usagef("%s %s: unknown format (want one of %s)", flag, o.Format, strings.Join(SBOMFormats(), ", "))
		}
		if o.Path == "" {
			return usagef("%s %s: needs =PATH", flag, o.Format)
		}
		if n == 0 {
			return usagef("%s needs an --image to describe", flag)
		}
		if n > 1 && !strings.Contains(o.Path, "{image}") && !strings.Contains(o.Path, "{digest}") {
			return usagef("%s %s=%s: with several images (or platforms) the path must contain {image} (or {digest})", flag, o.Format, o.Path)
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
	paths := sbomPaths(out.Path, images)
	for i, im := range images {
		err := report.WriteFileAtomic(paths[i], func(w *os.File) error { return EncodeSBOM(w, im.SBOM, out.Format) })
		if err != nil {
			return fmt.Errorf("write %s SBOM of %s: %w", out.Format, im.Ref, err)
		}
	}
	return nil
}

// sbomPaths expands the placeholders of an SBOM path for each image:
// {image} is the reference as a file name, followed by the platform
// (_linux_arm64) when several platforms of one reference were read;
// {platform} is the platform (linux-arm64, empty for a single image);
// {digest} the manifest digest (sha256-HEX). Two images that would get
// one path get it suffixed with their digest instead of overwriting.
func sbomPaths(pattern string, images []*image.Image) []string {
	perRef := map[string]int{}
	for _, im := range images {
		perRef[im.Ref.String()]++
	}
	out := make([]string, len(images))
	seen := map[string]bool{}
	for i, im := range images {
		name, platform := safeName(im.Ref.Ref), ""
		if im.Platform != nil {
			platform = strings.ReplaceAll(image.PlatformString(*im.Platform), "/", "-")
			if perRef[im.Ref.String()] > 1 {
				name += "_" + strings.ReplaceAll(platform, "-", "_")
			}
		}
		digest := strings.Replace(im.Digest, ":", "-", 1)
		p := strings.NewReplacer("{image}", name, "{platform}", platform, "{digest}", digest).Replace(pattern)
		if seen[p] {
			ext := filepath.Ext(p)
			p = strings.TrimSuffix(p, ext) + "." + digest + ext
		}
		seen[p] = true
		out[i] = p
	}
	return out
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

// sourceTree catalogues the source tree at root, writes its SBOM outputs
// and returns it (nil when it failed: an error in the report).
func sourceTree(ctx context.Context, root string, outs []SBOMOutput, rep *report.Report) *source.Tree {
	t, err := source.Load(ctx, root, ".", source.Options{
		Exclude:  []string{"./.git/**"},
		ToolName: "tollgate", ToolVersion: Version,
	})
	if err != nil {
		rep.Errors = append(rep.Errors, report.Error{Path: root, Message: err.Error()})
		rep.Targets = append(rep.Targets, report.Target{Path: ".", Format: "sbom", Status: report.StatusFailed, Reason: err.Error()})
		return nil
	}
	for _, out := range outs {
		err := report.WriteFileAtomic(out.Path, func(w *os.File) error { return EncodeSBOM(w, t.SBOM, out.Format) })
		if err != nil {
			rep.Errors = append(rep.Errors, report.Error{Path: out.Path, Message: fmt.Sprintf("write %s SBOM of the source tree: %v", out.Format, err)})
		}
	}
	rep.Targets = append(rep.Targets, report.Target{Path: ".", Format: "sbom", Status: report.StatusScanned, Resources: 1})
	return t
}

// CycloneDXVersion is the CycloneDX spec version written; syft's default
// (1.7) is newer than most consumers read.
const CycloneDXVersion = "1.6"

// sbomEncoders maps each --sbom format name (syft's names) to its encoder.
var sbomEncoders = map[string]func() (sbom.FormatEncoder, error){
	"cyclonedx-json": func() (sbom.FormatEncoder, error) {
		return cyclonedxjson.NewFormatEncoderWithConfig(cyclonedxjson.EncoderConfig{Version: CycloneDXVersion, Pretty: true})
	},
	"spdx-json": func() (sbom.FormatEncoder, error) {
		cfg := spdxjson.DefaultEncoderConfig()
		cfg.Pretty = true
		return spdxjson.NewFormatEncoderWithConfig(cfg)
	},
	"syft-json": func() (sbom.FormatEncoder, error) {
		cfg := syftjson.DefaultEncoderConfig()
		cfg.Pretty = true
		return syftjson.NewFormatEncoderWithConfig(cfg)
	},
}

// SBOMFormats lists the SBOM formats, sorted.
func SBOMFormats() []string {
	out := make([]string, 0, len(sbomEncoders))
	for k := range sbomEncoders {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// EncodeSBOM writes s in format, with syft's own encoder.
func EncodeSBOM(w io.Writer, s *sbom.SBOM, format string) error {
	mk, ok := sbomEncoders[format]
	if !ok {
		return fmt.Errorf("unknown SBOM format %q (want one of %v)", format, SBOMFormats())
	}
	enc, err := mk()
	if err != nil {
		return err
	}
	return enc.Encode(w, *s)
}

// DirectorySBOM catalogues the directory dir as syft catalogues a source
// tree (manifests and lock files, and the build information of Go binaries
// found in it, such as a release's own binaries) and writes its SBOM to
// each output, whole or not at all. It returns the number of packages.
func DirectorySBOM(ctx context.Context, dir string, outs []SBOMOutput) (int, error) {
	if len(outs) == 0 {
		return 0, usagef("--sbom FORMAT=PATH is required")
	}
	if err := checkSBOMOutputs("--sbom", outs, 1); err != nil {
		return 0, err
	}
	t, err := source.Load(ctx, dir, ".", source.Options{
		Exclude:  []string{"./.git/**"},
		ToolName: "tollgate", ToolVersion: Version,
	})
	if err != nil {
		return 0, fmt.Errorf("%s: %w", dir, err)
	}
	for _, out := range outs {
		err := report.WriteFileAtomic(out.Path, func(w *os.File) error { return EncodeSBOM(w, t.SBOM, out.Format) })
		if err != nil {
			return 0, fmt.Errorf("write %s SBOM of %s: %w", out.Format, dir, err)
		}
	}
	return t.SBOM.Artifacts.Packages.PackageCount(), nil
}
