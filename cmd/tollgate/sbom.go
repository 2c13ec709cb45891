package main

import (
	"fmt"
	"os"

	units "github.com/docker/go-units"
	"github.com/spf13/cobra"

	"github.com/tollgate/tollgate"
	"github.com/tollgate/tollgate/scanners/image"
)

func newSBOMCommand() *cobra.Command {
	var (
		sboms, platforms, insecure []string
		maxLayer, maxImage         string
		cacheDir                   string
		noCache                    bool
	)
	cmd := &cobra.Command{
		Use:   "sbom SOURCE... --sbom FORMAT=PATH",
		Short: "Write the SBOM of images and directories",
		Long: `Catalogue each SOURCE as syft does and write its SBOM. A SOURCE is a directory (an
existing one, or dir:PATH: package manifests and lock files, and the Go build
information of binaries in it) or an image, as tollgate scan --image reads it:
registry:REF (or a bare REF), oci-dir:PATH, oci-archive:PATH, docker-archive:PATH,
docker:REF or podman:REF (the local daemon). A multi-platform image gives one SBOM
per platform asked with --platform (default the runner's). With several SBOMs the
path must contain {image} (the source as a file name, with the platform when several
platforms were read) or {digest}; {platform} is available too. A source that cannot
be read is an error (exit 2).`,
		Example: `  tollgate sbom . --sbom cyclonedx-json=sbom.cdx.json --sbom spdx-json=sbom.spdx.json
  tollgate sbom ghcr.io/acme/app:1.4 --platform all --sbom cyclonedx-json=sbom-{image}.cdx.json
  tollgate sbom docker:app:dev --sbom syft-json=app.syft.json`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			kc, err := image.EnvKeychain(os.Getenv)
			if err != nil {
				return usage(cmd, "%v", err)
			}
			o := tollgate.SBOMOptions{Sources: args, Outputs: sbomOutputs(sboms), Platforms: platforms,
				InsecureRegistries: insecure, Keychain: kc, CacheDir: cacheDir, NoCache: noCache}
			for _, l := range []struct {
				flag, v string
				dst     *int64
			}{{"--max-layer-size", maxLayer, &o.MaxLayerSize}, {"--max-image-size", maxImage, &o.MaxImageSize}} {
				n, err := units.RAMInBytes(l.v)
				if err != nil || n <= 0 {
					return usage(cmd, "%s %q: want a size such as 512MiB or 4GiB", l.flag, l.v)
				}
				*l.dst = n
			}
			subjects, err := tollgate.WriteSourceSBOMs(cmd.Context(), o)
			for _, s := range subjects {
				what := s.Source
				if s.Platform != "" {
					what += " (" + s.Platform + ")"
				}
				if s.Digest != "" {
					what += " " + s.Digest
				}
				fmt.Fprintf(cmd.ErrOrStderr(), "tollgate: %d packages in %s\n", s.Packages, what)
			}
			return err
		},
	}
	fl := cmd.Flags()
	fl.StringArrayVar(&sboms, "sbom", nil, "write the SBOM: FORMAT=PATH with FORMAT cyclonedx-json, spdx-json or syft-json (repeatable)")
	fl.StringArrayVar(&platforms, "platform", nil, "platform of a multi-platform image: os/arch[/variant] (repeatable), or all; default the runner's")
	fl.StringArrayVar(&insecure, "insecure-registry", nil, "registry HOST[:PORT] reached over plain HTTP (repeatable)")
	fl.StringVar(&maxLayer, "max-layer-size", "4GiB", "largest decompressed image layer read; a larger one is an error")
	fl.StringVar(&maxImage, "max-image-size", "16GiB", "largest decompressed image (all layers) read; a larger one is an error")
	fl.StringVar(&cacheDir, "cache-dir", "", "cache directory, as tollgate scan's: images' SBOMs are kept by digest in its images directory (default: the user cache directory's tollgate/scan)")
	fl.BoolVar(&noCache, "no-cache", false, "catalogue every image afresh, and write no cache")
	return cmd
}
