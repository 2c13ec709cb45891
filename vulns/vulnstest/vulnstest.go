// Package vulnstest writes a small grype vulnerability database, with
// grype's own v6 writer, holding real advisories for the packages of the
// fixtures under vulns/testdata: a Debian image (dpkg), an Alpine image
// (apk), npm packages and Go modules. Tests match against it offline.
package vulnstest

import (
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	v6 "github.com/anchore/grype/grype/db/v6"
	v6build "github.com/anchore/grype/grype/db/v6/build"
	"github.com/spf13/afero"
)

// Advisory is one advisory of the fixture database, as the tests expect it
// to be matched.
type Advisory struct {
	// ID is the vulnerability id grype reports; Aliases its other ids.
	ID      string
	Aliases []string
	// Provider is the feed it comes from (debian, alpine, github).
	Provider string
	// Ecosystem and Package name the affected package as the feed does
	// (the source package for distributions).
	Ecosystem, Package string
	// OS is the distribution release, nil for language ecosystems.
	OS *v6.OperatingSystem
	// VersionType and Constraint are the affected range ("" affects every
	// version); Fix is the fixed version, "" for none.
	VersionType, Constraint, Fix string
	// FixState is fixed, not-fixed or wont-fix.
	FixState v6.FixStatus
	// Severity is the advisory's qualitative severity ("" for none);
	// CVSS a CVSS 3.1 vector ("" for none).
	Severity, CVSS string
	// URL is the advisory's page.
	URL string
}

var (
	bookworm = &v6.OperatingSystem{Name: "debian", ReleaseID: "debian", MajorVersion: "12", Codename: "bookworm"}
	alpine   = &v6.OperatingSystem{Name: "alpine", ReleaseID: "alpine", MajorVersion: "3", MinorVersion: "20"}
)

// Advisories are the fixture database's advisories: real ones, with the
// affected ranges, fixes and severities their feeds publish.
var Advisories = []Advisory{
	{ // libssl3 3.0.11-1~deb12u2 in the Debian image (source package openssl)
		ID: "CVE-2024-9143", Provider: "debian", Ecosystem: "deb", Package: "openssl", OS: bookworm,
		VersionType: "dpkg", Constraint: "< 3.0.15-1~deb12u1", Fix: "3.0.15-1~deb12u1", FixState: v6.FixedStatus,
		Severity: "low", URL: "https://security-tracker.debian.org/tracker/CVE-2024-9143",
	},
	{ // apt 2.6.1 in the Debian image: Debian ships no fix
		ID: "CVE-2011-3374", Provider: "debian", Ecosystem: "deb", Package: "apt", OS: bookworm,
		VersionType: "dpkg", FixState: v6.NotFixedStatus,
		Severity: "negligible", URL: "https://security-tracker.debian.org/tracker/CVE-2011-3374",
	},
	{ // libcrypto3 3.3.1-r0 in the Alpine image (origin openssl)
		ID: "CVE-2024-6119", Provider: "alpine", Ecosystem: "apk", Package: "openssl", OS: alpine,
		VersionType: "apk", Constraint: "< 3.3.2-r0", Fix: "3.3.2-r0", FixState: v6.FixedStatus,
		CVSS: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", URL: "https://security.alpinelinux.org/vuln/CVE-2024-6119",
	},
	{ // lodash 4.17.20: node_modules in the Debian image, package-lock.json in the source tree
		ID: "GHSA-35jh-r3h4-6jhm", Aliases: []string{"CVE-2021-23337"}, Provider: "github", Ecosystem: "npm", Package: "lodash",
		VersionType: "semver", Constraint: ">= 0, < 4.17.21", Fix: "4.17.21", FixState: v6.FixedStatus,
		Severity: "high", CVSS: "CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H", URL: "https://github.com/advisories/GHSA-35jh-r3h4-6jhm",
	},
	{ // golang.org/x/net v0.30.0 in the source tree's go.mod
		ID: "GHSA-w32m-9786-jp63", Aliases: []string{"CVE-2024-45338"}, Provider: "github", Ecosystem: "go-module", Package: "golang.org/x/net",
		VersionType: "go", Constraint: "< 0.33.0", Fix: "0.33.0", FixState: v6.FixedStatus,
		Severity: "medium", URL: "https://github.com/advisories/GHSA-w32m-9786-jp63",
	},
	{ // golang.org/x/crypto v0.28.0 in the source tree's go.mod
		ID: "GHSA-v778-237x-gjrc", Aliases: []string{"CVE-2024-45337"}, Provider: "github", Ecosystem: "go-module", Package: "golang.org/x/crypto",
		VersionType: "go", Constraint: "< 0.31.0", Fix: "0.31.0", FixState: v6.FixedStatus,
		Severity: "critical", CVSS: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:N", URL: "https://github.com/advisories/GHSA-v778-237x-gjrc",
	},
	{ // lodash 4.17.20 is not affected (fixed in 4.17.12): never matched
		ID: "GHSA-jf85-cpcp-j695", Aliases: []string{"CVE-2019-10744"}, Provider: "github", Ecosystem: "npm", Package: "lodash",
		VersionType: "semver", Constraint: "< 4.17.12", Fix: "4.17.12", FixState: v6.FixedStatus,
		Severity: "critical", URL: "https://github.com/advisories/GHSA-jf85-cpcp-j695",
	},
}

// fixtures are the files the advisories concern: images/debian and
// images/alpine (root file systems) and source (a source tree).
//
//go:embed all:testdata
var fixtures embed.FS

// Fixture copies the fixture name (images/debian, images/alpine, source)
// into dir and returns the copy's path.
func Fixture(dir, name string) (string, error) {
	sub, err := fs.Sub(fixtures, "testdata/"+name)
	if err != nil {
		return "", err
	}
	out := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.CopyFS(out, sub); err != nil {
		return "", fmt.Errorf("fixture %s: %w", name, err)
	}
	// A go.mod would make its directory a module of its own, which
	// go:embed leaves out: it is stored as go.mod.fixture.
	err = filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".fixture") {
			err = os.Rename(p, strings.TrimSuffix(p, ".fixture"))
		}
		return err
	})
	return out, err
}

// DBFile writes the fixture database as one vulnerability.db file in dir
// and returns its path (what `tollgate db import` and `grype db import`
// take).
func DBFile(dir string) (string, error) {
	if err := write(dir); err != nil {
		return "", err
	}
	return filepath.Join(dir, v6.VulnerabilityDBFileName), nil
}

// Install writes the fixture database into the database directory root as
// an installed one (root/6/vulnerability.db and its import.json), as
// `grype db update` leaves it.
func Install(root string) error {
	dir := filepath.Join(root, fmt.Sprint(v6.ModelVersion))
	if err := write(dir); err != nil {
		return err
	}
	if _, err := v6.WriteImportMetadata(afero.NewOsFs(), dir, "vulnstest"); err != nil {
		return fmt.Errorf("import metadata: %w", err)
	}
	return nil
}

func write(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	w, err := v6.NewWriter(v6.Config{DBDirPath: dir})
	if err != nil {
		return fmt.Errorf("new db writer: %w", err)
	}
	captured := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	providers := map[string]*v6.Provider{}
	for _, a := range Advisories {
		p := providers[a.Provider]
		if p == nil {
			p = &v6.Provider{ID: a.Provider, Version: "1", Processor: "vulnstest", DateCaptured: &captured}
			providers[a.Provider] = p
		}
		blob := &v6.VulnerabilityBlob{ID: a.ID, Aliases: a.Aliases, References: []v6.Reference{{URL: a.URL}}}
		rank := 1
		if a.Severity != "" {
			blob.Severities = append(blob.Severities, v6.Severity{Scheme: v6.SeveritySchemeCHMLN, Value: a.Severity, Rank: rank})
			rank++
		}
		if a.CVSS != "" {
			blob.Severities = append(blob.Severities, v6.Severity{Scheme: v6.SeveritySchemeCVSS,
				Value: v6.CVSSSeverity{Vector: a.CVSS, Version: "3.1"}, Source: "nvd@nist.gov", Rank: rank})
		}
		v := &v6.VulnerabilityHandle{Name: a.ID, ProviderID: a.Provider, Provider: p, Status: v6.VulnerabilityActive, BlobValue: blob}
		if err := w.AddVulnerabilities(v); err != nil { // assigns v.ID
			w.Close()
			return fmt.Errorf("add %s: %w", a.ID, err)
		}
		r := v6.Range{Version: v6.Version{Type: a.VersionType, Constraint: a.Constraint}, Fix: &v6.Fix{Version: a.Fix, State: a.FixState}}
		var cves []string
		for _, id := range append([]string{a.ID}, a.Aliases...) {
			if len(id) > 4 && id[:4] == "CVE-" {
				cves = append(cves, id)
			}
		}
		ap := &v6.AffectedPackageHandle{VulnerabilityID: v.ID, OperatingSystem: a.OS,
			Package:   &v6.Package{Ecosystem: a.Ecosystem, Name: a.Package},
			BlobValue: &v6.PackageBlob{CVEs: cves, Ranges: []v6.Range{r}}}
		if err := w.AddAffectedPackages(ap); err != nil {
			w.Close()
			return fmt.Errorf("add %s %s: %w", a.ID, a.Package, err)
		}
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("close db: %w", err)
	}
	return nil
}

// Archive writes the fixture database into dir as grype's build does for
// its listing: a vulnerability-db_v6...tar.gz archive and latest.json
// naming it with its sha256 (serve dir at <listing URL>/v6/). grype's
// archiver changes the process's working directory while it runs, so call
// Archive from a process of its own (see the tests' helper process).
func Archive(dir string) error {
	if err := write(dir); err != nil {
		return err
	}
	return v6build.CreateArchive(dir, "tar.gz", nil)
}
