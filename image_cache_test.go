package tollgate

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// TestImageSBOMCache: a scan keeps an image's SBOM in the images
// directory of the cache directory and a rescan replays it, to the same
// report; --no-cache neither reads nor writes it; tollgate sbom shares it.
func TestImageSBOMCache(t *testing.T) {
	cache := t.TempDir()
	ref := "oci-dir:" + filepath.Join("testdata", "image", "oci", "pass")
	entries := func(dir string) []string {
		ents, _ := filepath.Glob(filepath.Join(dir, "images", "*", "*.sbom"))
		return ents
	}
	first := scan(t, Options{Images: []string{ref}, CacheDir: cache})
	if len(first.Images) != 1 || first.Images[0].SBOMCached || len(entries(cache)) != 1 {
		t.Fatalf("first scan: %d images, entries %v; want one read afresh and stored", len(first.Images), entries(cache))
	}
	second := scan(t, Options{Images: []string{ref}, CacheDir: cache})
	if !second.Images[0].SBOMCached {
		t.Fatal("second scan did not replay the cached SBOM")
	}
	if !reflect.DeepEqual(findings(first.Report), findings(second.Report)) || !reflect.DeepEqual(first.Report.Images, second.Report.Images) {
		t.Errorf("reports differ:\n%v %+v\n%v %+v", findings(first.Report), first.Report.Images, findings(second.Report), second.Report.Images)
	}
	if third := scan(t, Options{Images: []string{ref}, CacheDir: cache, NoCache: true}); third.Images[0].SBOMCached {
		t.Error("--no-cache replayed the cache")
	}
	other := t.TempDir()
	scan(t, Options{Images: []string{ref}, CacheDir: other, NoCache: true})
	if _, err := os.Stat(filepath.Join(other, "images")); !os.IsNotExist(err) {
		t.Errorf("--no-cache wrote the image cache: %v", err)
	}

	for _, noCache := range []bool{true, false} {
		dir := t.TempDir()
		_, err := WriteSourceSBOMs(context.Background(), SBOMOptions{Sources: []string{ref}, CacheDir: dir, NoCache: noCache,
			Outputs: []SBOMOutput{{Format: "syft-json", Path: filepath.Join(t.TempDir(), "sbom.json")}}})
		if err != nil {
			t.Fatal(err)
		}
		if got := len(entries(dir)); got != map[bool]int{true: 0, false: 1}[noCache] {
			t.Errorf("tollgate sbom (no cache %v): %d entries", noCache, got)
		}
	}
}
