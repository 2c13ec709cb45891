package tollgate

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/anchore/stereoscope/pkg/image"
	"github.com/anchore/syft/syft"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/layout"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/tollgate/tollgate/internal/testimage"
	"github.com/tollgate/tollgate/internal/testtools"
)

// twoPlatformLayout writes an OCI layout whose index.json names a
// two-platform index (linux/amd64, linux/arm64) of the sample image.
func twoPlatformLayout(t *testing.T) (string, map[string]string) {
	t.Helper()
	digests := map[string]string{}
	var adds []mutate.IndexAddendum
	for _, arch := range []string{"amd64", "arm64"} {
		img, err := testimage.Build(filepath.Join("testdata", "image", "rootfs"), testimage.Config{User: "10001"})
		if err != nil {
			t.Fatal(err)
		}
		cf, _ := img.ConfigFile()
		cf = cf.DeepCopy()
		cf.OS, cf.Architecture = "linux", arch
		if img, err = mutate.ConfigFile(img, cf); err != nil {
			t.Fatal(err)
		}
		d, _ := img.Digest()
		digests["linux/"+arch] = d.String()
		adds = append(adds, mutate.IndexAddendum{Add: img, Descriptor: v1.Descriptor{Platform: &v1.Platform{OS: "linux", Architecture: arch}}})
	}
	dir := filepath.Join(t.TempDir(), "oci")
	p, err := layout.Write(dir, empty.Index)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.AppendIndex(mutate.AppendManifests(empty.Index, adds...)); err != nil {
		t.Fatal(err)
	}
	return dir, digests
}

// TestWriteSourceSBOMs: tollgate sbom writes one SBOM per platform of a
// multi-platform image (and one for a directory), each path told apart by
// {image}; CycloneDX and SPDX validate against the official schemas.
func TestWriteSourceSBOMs(t *testing.T) {
	dir, digests := twoPlatformLayout(t)
	out := t.TempDir()
	subjects, err := WriteSourceSBOMs(context.Background(), SBOMOptions{
		Sources:   []string{"oci-dir:" + dir, "dir:" + filepath.Join("testdata", "image", "rootfs")},
		Platforms: []string{"all"},
		Outputs: []SBOMOutput{
			{Format: "cyclonedx-json", Path: filepath.Join(out, "{image}.cdx.json")},
			{Format: "spdx-json", Path: filepath.Join(out, "{image}.spdx.json")},
			{Format: "syft-json", Path: filepath.Join(out, "{image}.syft.json")},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(subjects) != 3 {
		t.Fatalf("%d subjects, want 2 platforms and a directory: %+v", len(subjects), subjects)
	}
	cdx, err := testtools.Schema("cyclonedx-1.6", nil)
	if err != nil {
		t.Fatal(err)
	}
	spdx, err := testtools.Schema("spdx-2.3", nil)
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, s := range subjects[:2] {
		if s.Digest != digests[s.Platform] || s.Packages != 2 || len(s.Paths) != 3 {
			t.Errorf("%+v: want digest %s and 2 packages", s, digests[s.Platform])
		}
		if !strings.Contains(s.Paths[0], "_linux_"+strings.TrimPrefix(s.Platform, "linux/")+".cdx.json") {
			t.Errorf("path %s does not name the platform", s.Paths[0])
		}
		paths = append(paths, s.Paths...)
		for i, sch := range []*jsonschema.Schema{cdx, spdx} {
			b, err := os.ReadFile(s.Paths[i])
			if err != nil {
				t.Fatal(err)
			}
			if err := testtools.Validate(sch, b); err != nil {
				t.Errorf("%s does not validate: %v", s.Paths[i], err)
			}
		}
		var syftDoc struct {
			Artifacts []struct{ Name string } `json:"artifacts"`
		}
		b, _ := os.ReadFile(s.Paths[2])
		if err := json.Unmarshal(b, &syftDoc); err != nil || len(syftDoc.Artifacts) != 2 {
			t.Errorf("%s: %d artifacts, %v", s.Paths[2], len(syftDoc.Artifacts), err)
		}
	}
	slices.Sort(paths)
	if len(slices.Compact(paths)) != 6 {
		t.Errorf("paths collide: %v", paths)
	}

	// An unreadable source is an error, not a usage error (exit 2 either way).
	_, err = WriteSourceSBOMs(context.Background(), SBOMOptions{Sources: []string{"oci-dir:" + filepath.Join(t.TempDir(), "none")},
		Outputs: []SBOMOutput{{Format: "cyclonedx-json", Path: filepath.Join(out, "x.json")}}})
	var ue *UsageError
	if err == nil || errors.As(err, &ue) {
		t.Errorf("missing layout: %v", err)
	}
	// Several platforms need a placeholder.
	_, err = WriteSourceSBOMs(context.Background(), SBOMOptions{Sources: []string{"oci-dir:" + dir}, Platforms: []string{"all"},
		Outputs: []SBOMOutput{{Format: "cyclonedx-json", Path: filepath.Join(out, "one.json")}}})
	if !errors.As(err, &ue) || !strings.Contains(err.Error(), "{image}") {
		t.Errorf("several platforms, one path: %v", err)
	}
}

// TestSBOMMatchesSyft: the packages of tollgate's image SBOM are those
// syft's own cataloguing lists for the same layout, run as the syft CLI
// runs `syft scan oci-dir:PATH` (source by provider name, the default
// SBOM config). No syft binary is installed in tests, so the library is
// the reference.
func TestSBOMMatchesSyft(t *testing.T) {
	dir := filepath.Join("testdata", "image", "oci", "pass")
	out := filepath.Join(t.TempDir(), "sbom.cdx.json")
	if _, err := WriteSourceSBOMs(context.Background(), SBOMOptions{Sources: []string{"oci-dir:" + dir},
		Outputs: []SBOMOutput{{Format: "cyclonedx-json", Path: out}}}); err != nil {
		t.Fatal(err)
	}
	var bom struct {
		Components []struct {
			Type, Name, Version, Purl string
		} `json:"components"`
	}
	b, _ := os.ReadFile(out)
	if err := json.Unmarshal(b, &bom); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range bom.Components {
		if c.Type == "library" || c.Type == "application" {
			got = append(got, c.Name+" "+c.Version+" "+c.Purl)
		}
	}
	src, err := syft.GetSource(context.Background(), dir, syft.DefaultGetSourceConfig().WithSources(image.OciDirectorySource))
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	s, err := syft.CreateSBOM(context.Background(), src, syft.DefaultCreateSBOMConfig())
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, p := range s.Artifacts.Packages.Sorted() {
		want = append(want, p.Name+" "+p.Version+" "+p.PURL)
	}
	slices.Sort(got)
	slices.Sort(want)
	if len(want) == 0 || strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("tollgate's SBOM lists\n%s\nsyft's\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
