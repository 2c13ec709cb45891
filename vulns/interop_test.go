package vulns_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"testing"

	"github.com/anchore/syft/syft/format/syftjson"
	"github.com/anchore/syft/syft/sbom"

	"github.com/tollgate/tollgate/internal/testtools"
	"github.com/tollgate/tollgate/vulns"
)

// grypeMatches runs the real grype CLI on an SBOM file against the
// database installed in root, offline, and returns its matches as
// "ID package version".
func grypeMatches(t *testing.T, bin, root, sbomFile string, args ...string) []string {
	t.Helper()
	cmd := exec.Command(bin, append([]string{"sbom:" + sbomFile, "-o", "json", "-q"}, args...)...)
	cmd.Env = append(os.Environ(),
		"GRYPE_DB_CACHE_DIR="+root,
		"GRYPE_DB_AUTO_UPDATE=false",
		"GRYPE_DB_VALIDATE_AGE=false",
		"GRYPE_CHECK_FOR_APP_UPDATE=false",
		"HOME="+t.TempDir(), "XDG_CONFIG_HOME="+t.TempDir(), "XDG_CACHE_HOME="+t.TempDir())
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("grype %s: %v\n%s", sbomFile, err, stderr.Bytes())
	}
	var doc struct {
		Matches []struct {
			Vulnerability struct {
				ID       string `json:"id"`
				Severity string `json:"severity"`
				Fix      struct {
					Versions []string `json:"versions"`
					State    string   `json:"state"`
				} `json:"fix"`
			} `json:"vulnerability"`
			Artifact struct {
				Name    string `json:"name"`
				Version string `json:"version"`
				Type    string `json:"type"`
				PURL    string `json:"purl"`
			} `json:"artifact"`
		} `json:"matches"`
	}
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatalf("grype output: %v\n%s", err, out)
	}
	got := []string{}
	for _, m := range doc.Matches {
		v, a := m.Vulnerability, m.Artifact
		got = append(got, fmt.Sprintf("%s %s %s %s %s fix=%v(%s) %s", v.ID, a.Name, a.Version, a.Type, a.PURL, v.Fix.Versions, v.Fix.State, v.Severity))
	}
	sort.Strings(got)
	return got
}

func ourMatches(res *vulns.Result) []string {
	got := []string{}
	for _, m := range res.Matches {
		sev := m.Severity
		if sev != "" {
			sev = string(sev[0]-'a'+'A') + sev[1:]
		}
		got = append(got, fmt.Sprintf("%s %s %s %s %s fix=%v(%s) %s", m.ID, m.Package.Name, m.Package.Version, m.Package.Type, m.Package.PURL, m.FixedIn, m.FixState, sev))
	}
	sort.Strings(got)
	return got
}

// TestGrypeCLIAgrees checks the real grype CLI, at the version tollgate
// links, against tollgate's matching: same SBOM, same fixture database,
// the same vulnerabilities, finding for finding.
func TestGrypeCLIAgrees(t *testing.T) {
	bin := testtools.Grype(t)
	db, root := openFixture(t)
	dir := t.TempDir()
	sboms := map[string]*sbom.SBOM{
		"debian": loadImage(t, "debian").SBOM,
		"alpine": loadImage(t, "alpine").SBOM,
		"source": loadSource(t).SBOM,
	}
	total := 0
	for name, s := range sboms {
		t.Run(name, func(t *testing.T) {
			file := filepath.Join(dir, name+".syft.json")
			var buf bytes.Buffer
			if err := syftjson.NewFormatEncoder().Encode(&buf, *s); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			for _, unfixed := range []bool{false, true} {
				res, err := db.MatchFile(context.Background(), file, vulns.Options{IgnoreUnfixed: unfixed})
				if err != nil {
					t.Fatal(err)
				}
				var args []string
				if unfixed {
					args = append(args, "--only-fixed")
				}
				want := grypeMatches(t, bin, root, file, args...)
				equal(t, fmt.Sprintf("grype %v vs tollgate", args), ourMatches(res), want)
				// The SBOM in memory matches as its file does.
				direct, err := db.Match(context.Background(), s, vulns.Options{IgnoreUnfixed: unfixed})
				if err != nil {
					t.Fatal(err)
				}
				equal(t, "Match vs MatchFile", ourMatches(direct), ourMatches(res))
				total += len(want)
			}
		})
	}
	if total == 0 {
		t.Error("grype and tollgate agreed on nothing: the fixture matched no vulnerability")
	}
}
