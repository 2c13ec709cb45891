package tollgate

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tollgate/tollgate/internal/testimage"
	"github.com/tollgate/tollgate/vulns/vulnstest"
)

// benchImage writes, as an OCI layout, the Debian fixture image grown to
// the size of a typical application image: dpkg packages and npm modules
// (nDeb and nNpm of them, besides the fixture's).
func benchImage(b *testing.B, nDeb, nNpm int) string {
	dir := b.TempDir()
	rootfs, err := vulnstest.Fixture(filepath.Join(dir, "rootfs"), "images/debian")
	if err != nil {
		b.Fatal(err)
	}
	status := filepath.Join(rootfs, "var/lib/dpkg/status")
	f, err := os.OpenFile(status, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		b.Fatal(err)
	}
	for i := 0; i < nDeb; i++ {
		fmt.Fprintf(f, "Package: libbench%d\nStatus: install ok installed\nArchitecture: amd64\nSource: bench%d\nVersion: 1.%d.0-1\nDescription: benchmark package\n\n", i, i, i)
	}
	f.Close()
	for i := 0; i < nNpm; i++ {
		d := filepath.Join(rootfs, "usr/lib/node_modules", fmt.Sprintf("bench-module-%d", i))
		os.MkdirAll(d, 0o755)
		os.WriteFile(filepath.Join(d, "package.json"), []byte(fmt.Sprintf(`{"name": "bench-module-%d", "version": "2.%d.0", "license": "MIT"}`, i, i)), 0o644)
	}
	img, err := testimage.Build(rootfs, testimage.Config{User: "10001"})
	if err != nil {
		b.Fatal(err)
	}
	layout := filepath.Join(dir, "oci")
	if err := testimage.WriteLayout(layout, img); err != nil {
		b.Fatal(err)
	}
	return layout
}

// BenchmarkVulnerabilityMatching measures what matching adds to an image
// scan with a warm database (installed, opened once per scan as a scan
// does): compare vulns=off and vulns=required. The image holds 300 dpkg
// packages and 300 npm modules; the database is the fixture's, so the
// lookups are cheaper than against grype's full database.
func BenchmarkVulnerabilityMatching(b *testing.B) {
	dbDir, _, _, _ := vulnFixtures(b)
	layout := benchImage(b, 300, 300)
	for _, mode := range []string{VulnsOff, VulnsRequired} {
		b.Run("vulns="+mode, func(b *testing.B) {
			for b.Loop() {
				res, err := Scan(context.Background(), Options{Images: []string{"oci-dir:" + layout}, Vulns: mode, DBDir: dbDir,
					FailOn: "none", NoCache: true, NoSecrets: true})
				if err != nil {
					b.Fatal(err)
				}
				n := 0
				for _, f := range res.Report.Findings {
					if strings.HasPrefix(f.RuleID, "GHSA-") || strings.HasPrefix(f.RuleID, "CVE-") {
						n++
					}
				}
				if (mode == VulnsRequired) != (n > 0) {
					b.Fatalf("vulns=%s: %d vulnerability findings", mode, n)
				}
			}
		})
	}
}
