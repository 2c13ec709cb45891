package image

import (
	"context"
	"errors"
	"testing"

	"github.com/anchore/stereoscope/pkg/file"
	stimage "github.com/anchore/stereoscope/pkg/image"
	"github.com/anchore/syft/syft/source/stereoscopesource"
)

// A catalogue cut short by the end of its context is an error, never an
// SBOM: syft returns what its catalogers had found, and the SBOM cache
// would keep it (a scan that failed early once left an image with no
// packages for every later scan).
func TestCatalogueCancelled(t *testing.T) {
	gen := file.NewTempDirGenerator("tollgate-test")
	defer gen.Cleanup()
	dir, err := gen.NewDirectory("layers")
	if err != nil {
		t.Fatal(err)
	}
	si := stimage.New(sample(t, "app"), gen, dir)
	if err := si.Read(context.Background()); err != nil {
		t.Fatal(err)
	}
	src := stereoscopesource.New(si, stereoscopesource.ImageConfig{Reference: "sample"})
	defer src.Close()
	o := Options{ToolName: "tollgate", ToolVersion: "test"}

	s, err := catalogue(context.Background(), src, o)
	if err != nil || s.Artifacts.Packages.PackageCount() == 0 {
		t.Fatalf("catalogue: %v, %v packages: the sample's packages are the test's premise", err, s)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if s, err := catalogue(ctx, src, o); !errors.Is(err, context.Canceled) || s != nil {
		t.Fatalf("catalogue with its context ended: %v, SBOM %v; want context.Canceled and no SBOM", err, s != nil)
	}
}
