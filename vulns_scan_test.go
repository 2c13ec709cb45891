package tollgate

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-containerregistry/pkg/registry"
	ociLayout "github.com/google/go-containerregistry/pkg/v1/layout"

	"github.com/tollgate/tollgate/internal/testimage"
	"github.com/tollgate/tollgate/report"
	"github.com/tollgate/tollgate/vulns"
	"github.com/tollgate/tollgate/vulns/vulnstest"
)

var (
	vulnFixtureOnce sync.Once
	vulnFixtureDir  string
	vulnFixtureErr  error
)

// vulnFixtures writes, once per test binary, the fixture database
// (installed), the Debian and Alpine fixture images (OCI layouts) and
// the fixture source tree.
func vulnFixtures(t testing.TB) (dbDir, debian, alpine, src string) {
	t.Helper()
	vulnFixtureOnce.Do(func() {
		dir, err := os.MkdirTemp("", "tollgate-vulns-")
		if err != nil {
			vulnFixtureErr = err
			return
		}
		vulnFixtureDir = dir
		if vulnFixtureErr = vulnstest.Install(filepath.Join(dir, "db")); vulnFixtureErr != nil {
			return
		}
		for _, name := range []string{"debian", "alpine"} {
			rootfs, err := vulnstest.Fixture(filepath.Join(dir, "rootfs"), "images/"+name)
			if err != nil {
				vulnFixtureErr = err
				return
			}
			img, err := testimage.Build(rootfs, testimage.Config{})
			if err != nil {
				vulnFixtureErr = err
				return
			}
			if vulnFixtureErr = testimage.WriteLayout(filepath.Join(dir, name), img); vulnFixtureErr != nil {
				return
			}
		}
		_, vulnFixtureErr = vulnstest.Fixture(dir, "source")
	})
	if vulnFixtureErr != nil {
		t.Fatal(vulnFixtureErr)
	}
	d := vulnFixtureDir
	return filepath.Join(d, "db"), filepath.Join(d, "debian"), filepath.Join(d, "alpine"), filepath.Join(d, "source")
}

// vulnAt is a vulnerability finding as the tests pin it.
func vulnAt(f report.Finding) string {
	l := f.Location
	where := fmt.Sprintf("%s:%d", l.Path, l.StartLine)
	if l.Image != "" {
		where = filepath.Base(l.Image) + l.ImagePath
	}
	s := fmt.Sprintf("%s %s %s@%s %s", f.Severity, f.RuleID, f.Vulnerability.Package, f.Vulnerability.Version, where)
	if f.Suppression != nil {
		s += " suppressed:" + f.Suppression.Kind
	}
	return s
}

func vulnFindings(r *report.Report) []string {
	out := []string{}
	for _, f := range r.Findings {
		if f.Category == report.CategoryVulnerability {
			out = append(out, vulnAt(f))
		}
	}
	sort.Strings(out)
	return out
}

func vulnOptions(t *testing.T) Options {
	dbDir, debian, alpine, src := vulnFixtures(t)
	return Options{
		Root:        src,
		Targets:     []string{src},
		Images:      []string{"oci-dir:" + debian, "oci-dir:" + alpine},
		SourceSBOMs: []SBOMOutput{{Format: "cyclonedx-json", Path: filepath.Join(t.TempDir(), "source.cdx.json")}},
		Vulns:       VulnsRequired,
		DBDir:       dbDir,
		FailOn:      "none",
		NoCache:     true,
	}
}

func TestScanMatchesVulnerabilities(t *testing.T) {
	o := vulnOptions(t)
	res := scan(t, o)
	rep := res.Report
	equal(t, vulnFindings(rep), []string{
		"critical GHSA-v778-237x-gjrc golang.org/x/crypto@v0.28.0 go.mod:6",
		"high CVE-2024-6119 libcrypto3@3.3.1-r0 alpine/lib/apk/db/installed",
		"high GHSA-35jh-r3h4-6jhm lodash@4.17.20 debian/usr/lib/node_modules/lodash/package.json",
		"high GHSA-35jh-r3h4-6jhm lodash@4.17.20 package-lock.json:11",
		"info CVE-2011-3374 apt@2.6.1 debian/var/lib/dpkg/status",
		"low CVE-2024-9143 libssl3@3.0.11-1~deb12u2 debian/var/lib/dpkg/status",
		"medium GHSA-w32m-9786-jp63 golang.org/x/net@v0.30.0 go.mod:7",
	})
	if rep.Summary.Result != report.ResultPassed || len(rep.Errors) > 0 {
		t.Errorf("result %s, errors %v", rep.Summary.Result, rep.Errors)
	}
	for _, f := range rep.Findings {
		if f.Category != report.CategoryVulnerability {
			continue
		}
		if f.Location.Image != "" && (!strings.HasPrefix(f.Location.Digest, "sha256:") || !strings.HasPrefix(f.Location.Layer, "sha256:")) {
			t.Errorf("%s: image location %+v lacks its digest or layer", vulnAt(f), f.Location)
		}
		if f.Location.Image == "" && len(f.Code) == 0 {
			t.Errorf("%s: no code lines", vulnAt(f))
		}
		if f.Fingerprint == "" || f.Vulnerability.PURL == "" || !strings.Contains(f.Message, f.Vulnerability.Version) {
			t.Errorf("%s: %+v", vulnAt(f), f)
		}
	}
	var lodash *report.Rule
	for i, r := range rep.Rules {
		if r.ID == "GHSA-35jh-r3h4-6jhm" {
			lodash = &rep.Rules[i]
		}
	}
	if lodash == nil || lodash.CVSSScore != 7.2 || lodash.Category != report.CategoryVulnerability ||
		!strings.Contains(lodash.Remediation, "4.17.21") || len(lodash.References) == 0 {
		t.Errorf("lodash rule %+v", lodash)
	}
	want := []report.Check{{Name: report.CheckPolicies, Status: report.CheckRan}}
	info, _ := vulns.Status(o.DBDir)
	want = append(want, report.Check{Name: report.CheckVulnerabilities, Status: report.CheckRan, DBBuilt: info.Built.Format(time.RFC3339), DBSchema: info.Schema})
	got := map[string]report.Check{}
	for _, c := range rep.Summary.Checks {
		got[c.Name] = c
	}
	for _, w := range want {
		if got[w.Name] != w {
			t.Errorf("check %s: %+v, want %+v", w.Name, got[w.Name], w)
		}
	}

	// The fingerprints do not move when lines do.
	again := scan(t, o).Report
	fp := func(r *report.Report) []string {
		var out []string
		for _, f := range r.Findings {
			if f.Category == report.CategoryVulnerability {
				out = append(out, f.Fingerprint)
			}
		}
		sort.Strings(out)
		return out
	}
	equal(t, fp(again), fp(rep))
}

func TestVulnerabilityGate(t *testing.T) {
	o := vulnOptions(t)
	o.Images = nil
	o.FailOn = "none,vulnerability=critical"
	rep := scan(t, o).Report
	if rep.Summary.Result != report.ResultFailed || strings.Join(rep.Summary.Tripped, ",") != "vulnerability=critical" {
		t.Errorf("result %s tripped %v, want failed by vulnerability=critical", rep.Summary.Result, rep.Summary.Tripped)
	}

	// An exception by vulnerability id, in the config file.
	cfg := filepath.Join(t.TempDir(), "tollgate.yaml")
	os.WriteFile(cfg, []byte("exceptions:\n  - rule: GHSA-v778-237x-gjrc\n    reason: \"ssh server not used\"\n    owner: platform\n"), 0o644)
	o.ConfigPath = cfg
	rep = scan(t, o).Report
	if rep.Summary.Result != report.ResultPassed || rep.Summary.Suppressed != 1 {
		t.Errorf("with the exception: result %s, suppressed %d", rep.Summary.Result, rep.Summary.Suppressed)
	}

	// --ignore-unfixed leaves out what has no fix.
	o = vulnOptions(t)
	o.Images = o.Images[:1]
	o.SourceSBOMs = nil
	o.Root, o.Targets = "", nil
	o.IgnoreUnfixed = true
	rep = scan(t, o).Report
	for _, f := range vulnFindings(rep) {
		if strings.Contains(f, "CVE-2011-3374") {
			t.Errorf("--ignore-unfixed kept %s", f)
		}
	}
	if len(vulnFindings(rep)) != 2 {
		t.Errorf("--ignore-unfixed: %v", vulnFindings(rep))
	}
}

func TestVEXSuppressesVulnerabilities(t *testing.T) {
	o := vulnOptions(t)
	o.Images = nil
	vex := filepath.Join(t.TempDir(), "vex.json")
	os.WriteFile(vex, []byte(`{"@context": "https://openvex.dev/ns/v0.2.0", "@id": "https://example.com/vex/1",
  "author": "Example", "timestamp": "2026-01-01T00:00:00Z", "version": 1,
  "statements": [{"vulnerability": {"name": "GHSA-35jh-r3h4-6jhm"}, "products": [{"@id": "pkg:npm/lodash@4.17.20"}],
    "status": "not_affected", "justification": "vulnerable_code_not_in_execute_path"}]}`), 0o644)
	o.VEX = []string{vex}
	o.FailOn = "high"
	rep := scan(t, o).Report
	equal(t, vulnFindings(rep), []string{
		"critical GHSA-v778-237x-gjrc golang.org/x/crypto@v0.28.0 go.mod:6",
		"high GHSA-35jh-r3h4-6jhm lodash@4.17.20 package-lock.json:11 suppressed:vex",
		"medium GHSA-w32m-9786-jp63 golang.org/x/net@v0.30.0 go.mod:7",
	})
	for _, f := range rep.Findings {
		if f.Suppression != nil && f.Suppression.Reason != "VEX not_affected: vulnerable_code_not_in_execute_path" {
			t.Errorf("suppression %+v", f.Suppression)
		}
	}
}

func TestVulnsModesWithoutDatabase(t *testing.T) {
	o := vulnOptions(t)
	o.Images = o.Images[:1]
	o.SourceSBOMs = nil
	o.Root, o.Targets = "", nil
	o.DBDir = t.TempDir()

	_, err := Scan(context.Background(), o)
	if !errors.Is(err, vulns.ErrNoDatabase) {
		t.Errorf("required without a database: %v", err)
	}

	o.Vulns = VulnsAuto
	rep := scan(t, o).Report
	if len(vulnFindings(rep)) != 0 || rep.Summary.Result != report.ResultPassed {
		t.Errorf("auto without a database: %v %s", vulnFindings(rep), rep.Summary.Result)
	}
	var check report.Check
	for _, c := range rep.Summary.Checks {
		if c.Name == report.CheckVulnerabilities {
			check = c
		}
	}
	if check.Status != report.CheckSkipped || !strings.Contains(check.Reason, "no vulnerability database installed") {
		t.Errorf("auto without a database: check %+v", check)
	}
	warned := 0
	for _, w := range rep.Warnings {
		if strings.Contains(w.Message, "vulnerability matching skipped") {
			warned++
		}
	}
	if warned != 1 {
		t.Errorf("auto without a database: %d warnings, want 1: %v", warned, rep.Warnings)
	}

	// A stale database: an error when required, skipped when auto.
	dbDir, _, _, _ := vulnFixtures(t)
	info, err := vulns.Status(dbDir)
	if err != nil {
		t.Fatal(err)
	}
	o.DBDir = dbDir
	o.Now = func() time.Time { return info.Built.Add(6 * 24 * time.Hour) }
	o.Vulns = VulnsRequired
	var stale *vulns.StaleError
	if _, err := Scan(context.Background(), o); !errors.As(err, &stale) {
		t.Errorf("required with a stale database: %v", err)
	}
	o.DBMaxAge = 7 * 24 * time.Hour
	if res := scan(t, o); len(vulnFindings(res.Report)) == 0 {
		t.Error("--db-max-age 7 days: no match")
	}

	o.Vulns = VulnsOff
	rep = scan(t, o).Report
	if len(vulnFindings(rep)) != 0 {
		t.Errorf("off: %v", vulnFindings(rep))
	}
	if _, err := Scan(context.Background(), Options{Images: o.Images, Vulns: "sometimes"}); err == nil {
		t.Error("--vulns=sometimes accepted")
	}
}

func TestScanSBOMIn(t *testing.T) {
	o := vulnOptions(t)
	tree := sourceTree(context.Background(), o.Root, nil, &report.Report{})
	if tree == nil {
		t.Fatal("source tree not read")
	}
	dir := t.TempDir()
	for _, format := range []string{"cyclonedx-json", "spdx-json"} {
		p := filepath.Join(dir, "app."+format)
		f, err := os.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := EncodeSBOM(f, tree.SBOM, format); err != nil {
			t.Fatal(err)
		}
		f.Close()
		rep := scan(t, Options{Root: dir, SBOMIn: []string{p}, Vulns: VulnsAuto, DBDir: o.DBDir, FailOn: "none", NoCache: true}).Report
		rel := "app." + format
		equal(t, vulnFindings(rep), []string{
			"critical GHSA-v778-237x-gjrc golang.org/x/crypto@v0.28.0 " + p + ":1",
			"high GHSA-35jh-r3h4-6jhm lodash@4.17.20 " + p + ":1",
			"medium GHSA-w32m-9786-jp63 golang.org/x/net@v0.30.0 " + p + ":1",
		})
		_ = rel
		if len(rep.Errors) > 0 {
			t.Errorf("%s: %v", format, rep.Errors)
		}
	}
	// --sbom-in needs a database even in auto mode: it asks for nothing else.
	if _, err := Scan(context.Background(), Options{SBOMIn: []string{filepath.Join(dir, "app.spdx-json")}, DBDir: t.TempDir()}); !errors.Is(err, vulns.ErrNoDatabase) {
		t.Errorf("--sbom-in without a database: %v", err)
	}
}

func TestSignedSummaryNamesTheChecks(t *testing.T) {
	srv := httptest.NewServer(registry.New(registry.Logger(log.New(io.Discard, "", 0))))
	defer srv.Close()
	host := strings.TrimPrefix(srv.URL, "http://")
	dbDir, debian, alpine, _ := vulnFixtures(t)
	keys := writeKeys(t)
	signOpts := &SignOptions{KeyPath: keys.priv, Password: []byte("test-password")}
	ctx := context.Background()
	push := func(layout, tag string) string {
		p, err := ociLayout.FromPath(layout)
		if err != nil {
			t.Fatal(err)
		}
		idx, err := p.ImageIndex()
		if err != nil {
			t.Fatal(err)
		}
		m, err := idx.IndexManifest()
		if err != nil {
			t.Fatal(err)
		}
		img, err := idx.Image(m.Manifests[0].Digest)
		if err != nil {
			t.Fatal(err)
		}
		return pushImage(t, host, tag, img)
	}
	matched, unmatched := push(debian, "app:matched"), push(alpine, "app:unmatched")

	res := scan(t, Options{Images: []string{matched}, Sign: signOpts, Vulns: VulnsRequired, DBDir: dbDir, FailOn: "none", NoCache: true})
	if s := res.Report.Signing; s == nil || len(s.Signed) != 1 {
		t.Fatalf("signing %+v; errors %v", res.Report.Signing, res.Report.Errors)
	}
	v, err := Verify(ctx, VerifyOptions{Image: matched, KeyPath: keys.pub, Require: []string{report.CheckVulnerabilities}})
	if err != nil {
		t.Fatalf("verify --require vulnerabilities: %v", err)
	}
	info, _ := vulns.Status(dbDir)
	if got, want := v.Summary.Verifier.Version["grype-db"], info.Schema+" built "+info.Built.Format(time.RFC3339); got != want {
		t.Errorf("verifier.version grype-db %q, want %q", got, want)
	}

	res = scan(t, Options{Images: []string{unmatched}, Sign: signOpts, Vulns: VulnsOff, FailOn: "none", NoCache: true})
	if s := res.Report.Signing; s == nil || len(s.Signed) != 1 {
		t.Fatalf("signing %+v; errors %v", res.Report.Signing, res.Report.Errors)
	}
	if _, err := Verify(ctx, VerifyOptions{Image: unmatched, KeyPath: keys.pub}); err != nil {
		t.Errorf("verify without --require: %v", err)
	}
	var ve *VerificationError
	_, err = Verify(ctx, VerifyOptions{Image: unmatched, KeyPath: keys.pub, Require: []string{report.CheckVulnerabilities}})
	if !errors.As(err, &ve) || !strings.Contains(err.Error(), "did not run the vulnerabilities check") {
		t.Errorf("verify --require vulnerabilities of an image signed without matching: %v", err)
	}
}
