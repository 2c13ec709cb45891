package image

import (
	"fmt"
	"io"
	"sort"

	"github.com/anchore/syft/syft/format/cyclonedxjson"
	"github.com/anchore/syft/syft/format/spdxjson"
	"github.com/anchore/syft/syft/sbom"
)

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
