package vulns_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tollgate/tollgate/internal/testimage"
	"github.com/tollgate/tollgate/scanners/image"
	"github.com/tollgate/tollgate/scanners/source"
	"github.com/tollgate/tollgate/vulns"
	"github.com/tollgate/tollgate/vulns/vulnstest"
)

// openFixture installs the fixture database in a temp dir and opens it.
func openFixture(t testing.TB) (*vulns.DB, string) {
	t.Helper()
	root := t.TempDir()
	if err := vulnstest.Install(root); err != nil {
		t.Fatal(err)
	}
	db, err := vulns.Open(root, 0, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db, root
}

var (
	imagesOnce sync.Map // name -> *image.Image
)

// loadImage builds the fixture image of vulns/testdata/images/name as an
// OCI layout and reads it as a scan does.
func loadImage(t testing.TB, name string) *image.Image {
	t.Helper()
	if im, ok := imagesOnce.Load(name); ok {
		return im.(*image.Image)
	}
	rootfs, err := vulnstest.Fixture(t.TempDir(), "images/"+name)
	if err != nil {
		t.Fatal(err)
	}
	img, err := testimage.Build(rootfs, testimage.Config{})
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(os.TempDir(), fmt.Sprintf("tollgate-vulns-%s-%d", name, os.Getpid()))
	if err := testimage.WriteLayout(dir, img); err != nil {
		t.Fatal(err)
	}
	im, err := image.Load(context.Background(), "oci-dir:"+dir, image.Options{})
	os.RemoveAll(dir)
	if err != nil {
		t.Fatal(err)
	}
	imagesOnce.Store(name, im)
	return im
}

func loadSource(t testing.TB) *source.Tree {
	t.Helper()
	dir, err := vulnstest.Fixture(t.TempDir(), "source")
	if err != nil {
		t.Fatal(err)
	}
	tr, err := source.Load(context.Background(), dir, ".", source.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

// summary renders a match as the tests compare it.
func summary(m vulns.Match) string {
	return fmt.Sprintf("%s %s %s %s fix=%s(%s) %s", m.ID, m.Package.Name, m.Package.Version, m.Package.Type,
		strings.Join(m.FixedIn, "|"), m.FixState, m.Severity)
}

func summaries(ms []vulns.Match) []string {
	out := []string{}
	for _, m := range ms {
		out = append(out, summary(m))
	}
	sort.Strings(out)
	return out
}

func equal(t *testing.T, what string, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("%s:\ngot:\n  %s\nwant:\n  %s", what, strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}

func TestMatchDebianImage(t *testing.T) {
	db, _ := openFixture(t)
	im := loadImage(t, "debian")
	res, err := db.Match(context.Background(), im.SBOM, vulns.Options{})
	if err != nil {
		t.Fatal(err)
	}
	equal(t, "matches", summaries(res.Matches), []string{
		"CVE-2011-3374 apt 2.6.1 deb fix=(not-fixed) negligible",
		"CVE-2024-9143 libssl3 3.0.11-1~deb12u2 deb fix=3.0.15-1~deb12u1(fixed) low",
		"GHSA-35jh-r3h4-6jhm lodash 4.17.20 npm fix=4.17.21(fixed) high",
	})
	layer, err := im.Image.Layers()
	if err != nil {
		t.Fatal(err)
	}
	diffID, _ := layer[0].DiffID()
	for _, m := range res.Matches {
		if len(m.Package.Locations) == 0 {
			t.Fatalf("%s: no location", summary(m))
		}
		l := m.Package.Locations[0]
		if l.Layer != diffID.String() {
			t.Errorf("%s: layer %q, want %s", m.ID, l.Layer, diffID)
		}
		want := map[string]string{"deb": "/var/lib/dpkg/status", "npm": "/usr/lib/node_modules/lodash/package.json"}[m.Package.Type]
		if l.Path != want {
			t.Errorf("%s: path %q, want %q", m.ID, l.Path, want)
		}
		if m.Package.PURL == "" {
			t.Errorf("%s: no purl", m.ID)
		}
	}
	lodash := res.Matches[len(res.Matches)-1]
	if lodash.MaxScore() != 7.2 || lodash.CVSS[0].Vector != "CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H" {
		t.Errorf("lodash CVSS %+v, want 7.2", lodash.CVSS)
	}
	if !contains(lodash.Aliases, "CVE-2021-23337") {
		t.Errorf("lodash aliases %v, want CVE-2021-23337", lodash.Aliases)
	}
	if lodash.DataSource == "" && len(lodash.URLs) == 0 {
		t.Errorf("lodash: no link")
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestMatchAlpineImage(t *testing.T) {
	db, _ := openFixture(t)
	im := loadImage(t, "alpine")
	res, err := db.Match(context.Background(), im.SBOM, vulns.Options{})
	if err != nil {
		t.Fatal(err)
	}
	equal(t, "matches", summaries(res.Matches), []string{
		"CVE-2024-6119 libcrypto3 3.3.1-r0 apk fix=3.3.2-r0(fixed) high",
	})
	if m := res.Matches[0]; m.MaxScore() != 7.5 || m.Package.Locations[0].Path != "/lib/apk/db/installed" {
		t.Errorf("alpine match %+v", m)
	}
}

func TestMatchSourceTree(t *testing.T) {
	db, _ := openFixture(t)
	tr := loadSource(t)
	res, err := db.Match(context.Background(), tr.SBOM, vulns.Options{})
	if err != nil {
		t.Fatal(err)
	}
	equal(t, "matches", summaries(res.Matches), []string{
		"GHSA-35jh-r3h4-6jhm lodash 4.17.20 npm fix=4.17.21(fixed) high",
		"GHSA-v778-237x-gjrc golang.org/x/crypto v0.28.0 go-module fix=0.31.0(fixed) critical",
		"GHSA-w32m-9786-jp63 golang.org/x/net v0.30.0 go-module fix=0.33.0(fixed) medium",
	})
	for _, m := range res.Matches {
		want := map[string]string{"npm": "package-lock.json", "go-module": "go.mod"}[m.Package.Type]
		if l := m.Package.Locations; len(l) == 0 || l[0].Path != want || l[0].Layer != "" {
			t.Errorf("%s: locations %+v, want %s", m.ID, l, want)
		}
	}
}

func TestIgnoreUnfixed(t *testing.T) {
	db, _ := openFixture(t)
	res, err := db.Match(context.Background(), loadImage(t, "debian").SBOM, vulns.Options{IgnoreUnfixed: true})
	if err != nil {
		t.Fatal(err)
	}
	equal(t, "matches", summaries(res.Matches), []string{
		"CVE-2024-9143 libssl3 3.0.11-1~deb12u2 deb fix=3.0.15-1~deb12u1(fixed) low",
		"GHSA-35jh-r3h4-6jhm lodash 4.17.20 npm fix=4.17.21(fixed) high",
	})
	if res.Unfixed != 1 {
		t.Errorf("unfixed %d, want 1", res.Unfixed)
	}
}

const openVEX = `{
  "@context": "https://openvex.dev/ns/v0.2.0",
  "@id": "https://example.com/vex/1",
  "author": "Example Security",
  "timestamp": "2026-01-01T00:00:00Z",
  "version": 1,
  "statements": [
    {
      "vulnerability": {"name": "GHSA-35jh-r3h4-6jhm"},
      "products": [{"@id": "pkg:npm/lodash@4.17.20"}],
      "status": "not_affected",
      "justification": "vulnerable_code_not_in_execute_path"
    },
    {
      "vulnerability": {"name": "GHSA-w32m-9786-jp63"},
      "products": [{"@id": "pkg:golang/golang.org/x/net@v0.30.0"}],
      "status": "affected"
    }
  ]
}`

func TestVEX(t *testing.T) {
	db, _ := openFixture(t)
	p := filepath.Join(t.TempDir(), "app.openvex.json")
	if err := os.WriteFile(p, []byte(openVEX), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := db.Match(context.Background(), loadSource(t).SBOM, vulns.Options{VEX: []string{p}})
	if err != nil {
		t.Fatal(err)
	}
	equal(t, "matches", summaries(res.Matches), []string{
		"GHSA-v778-237x-gjrc golang.org/x/crypto v0.28.0 go-module fix=0.31.0(fixed) critical",
		"GHSA-w32m-9786-jp63 golang.org/x/net v0.30.0 go-module fix=0.33.0(fixed) medium",
	})
	if len(res.VEX) != 1 || res.VEX[0].ID != "GHSA-35jh-r3h4-6jhm" || res.VEX[0].VEXStatus != "not_affected" ||
		res.VEX[0].VEXJustification != "vulnerable_code_not_in_execute_path" {
		t.Errorf("VEX %+v", res.VEX)
	}
	if _, err := db.Match(context.Background(), loadSource(t).SBOM, vulns.Options{VEX: []string{p + ".missing"}}); err == nil {
		t.Error("a missing VEX file was accepted")
	}
}

func TestOpenErrors(t *testing.T) {
	empty := t.TempDir()
	if _, err := vulns.Open(empty, 0, time.Time{}); !errors.Is(err, vulns.ErrNoDatabase) {
		t.Errorf("no db: %v, want ErrNoDatabase", err)
	}
	if _, err := vulns.Status(empty); !errors.Is(err, vulns.ErrNoDatabase) {
		t.Errorf("status of no db: %v", err)
	}

	root := t.TempDir()
	if err := vulnstest.Install(root); err != nil {
		t.Fatal(err)
	}
	info, err := vulns.Status(root)
	if err != nil {
		t.Fatal(err)
	}
	if time.Since(info.Built) > time.Hour || !strings.HasPrefix(info.Schema, "v6.") {
		t.Errorf("status %+v", info)
	}
	var stale *vulns.StaleError
	_, err = vulns.Open(root, 0, info.Built.Add(5*24*time.Hour+time.Minute))
	if !errors.As(err, &stale) || stale.MaxAge != vulns.DefaultMaxAge {
		t.Errorf("6 days later: %v, want a StaleError", err)
	}
	if db, err := vulns.Open(root, 0, info.Built.Add(4*24*time.Hour)); err != nil {
		t.Errorf("4 days later: %v", err)
	} else {
		db.Close()
	}
	if db, err := vulns.Open(root, -1, info.Built.Add(400*24*time.Hour)); err != nil {
		t.Errorf("no age limit: %v", err)
	} else {
		db.Close()
	}

	// One byte changed: the checksum recorded at install no longer holds.
	path := filepath.Join(root, "6", "vulnerability.db")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	b[len(b)-1] ^= 0xff
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	var corrupt *vulns.CorruptError
	if _, err := vulns.Open(root, 0, time.Time{}); !errors.As(err, &corrupt) {
		t.Errorf("tampered db: %v, want a CorruptError", err)
	}
	// Not a database at all.
	if err := os.WriteFile(path, []byte("not sqlite"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := vulns.Status(root); !errors.As(err, &corrupt) {
		t.Errorf("garbage db: %v, want a CorruptError", err)
	}
}

func TestImportThenStatus(t *testing.T) {
	file, err := vulnstest.DBFile(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	root := filepath.Join(t.TempDir(), "db")
	info, err := vulns.Import(root, file)
	if err != nil {
		t.Fatal(err)
	}
	st, err := vulns.Status(root)
	if err != nil {
		t.Fatal(err)
	}
	if st != info || st.From != "manual import" || st.Path != filepath.Join(root, "6", "vulnerability.db") {
		t.Errorf("status %+v after import %+v", st, info)
	}
	db, err := vulns.Open(root, 0, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	res, err := db.Match(context.Background(), loadSource(t).SBOM, vulns.Options{})
	if err != nil || len(res.Matches) != 3 {
		t.Fatalf("match after import: %v, %d matches", err, len(res.Matches))
	}
	if _, err := vulns.Import(root, filepath.Join(t.TempDir(), "missing.tar.gz")); err == nil {
		t.Error("importing a missing file succeeded")
	}
}

// TestHelperArchive is not a test: run by archiveFixture in a process of
// its own, it writes the fixture archive (grype's archiver changes the
// working directory).
func TestHelperArchive(t *testing.T) {
	dir := os.Getenv("TOLLGATE_VULNS_ARCHIVE_DIR")
	if dir == "" {
		t.Skip("helper process")
	}
	if err := vulnstest.Archive(dir); err != nil {
		t.Fatal(err)
	}
}

// archiveFixture writes the fixture archive and its latest.json in dir.
func archiveFixture(t *testing.T, dir string) {
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperArchive$", "-test.count=1")
	cmd.Env = append(os.Environ(), "TOLLGATE_VULNS_ARCHIVE_DIR="+dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("archive: %v\n%s", err, out)
	}
}

func TestUpdateFromListing(t *testing.T) {
	served := t.TempDir()
	archiveFixture(t, served)
	var requests []string
	var mu sync.Mutex
	srv := httptest.NewServer(http.StripPrefix("/v6/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		requests = append(requests, r.Method+" "+r.URL.Path)
		mu.Unlock()
		http.FileServer(http.Dir(served)).ServeHTTP(w, r)
	})))
	defer srv.Close()

	root := filepath.Join(t.TempDir(), "db")
	info, updated, err := vulns.Update(root, vulns.UpdateOptions{ListingURL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	if !updated || !strings.HasPrefix(info.From, srv.URL+"/v6/vulnerability-db_v6") || !strings.Contains(info.From, "checksum=sha256") {
		t.Errorf("update: updated=%v info=%+v", updated, info)
	}
	db, err := vulns.Open(root, 0, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	// Nothing newer: nothing downloaded.
	_, updated, err = vulns.Update(root, vulns.UpdateOptions{ListingURL: srv.URL})
	if err != nil || updated {
		t.Errorf("second update: updated=%v err=%v", updated, err)
	}
	mu.Lock()
	downloads := 0
	for _, r := range requests {
		if strings.HasPrefix(r, "GET ") && strings.HasSuffix(r, ".tar.gz") {
			downloads++
		}
	}
	mu.Unlock()
	if downloads != 1 {
		t.Errorf("archive downloaded %d times, want once: %v", downloads, requests)
	}

	// A listing whose checksum does not match the archive is refused and
	// leaves no database.
	latest := filepath.Join(served, "latest.json")
	b, err := os.ReadFile(latest)
	if err != nil {
		t.Fatal(err)
	}
	i := strings.Index(string(b), "sha256:")
	if i < 0 {
		t.Fatalf("latest.json without sha256: %s", b)
	}
	tampered := []byte(string(b[:i+7]) + strings.Repeat("0", 64) + string(b[i+7+64:]))
	if err := os.WriteFile(latest, tampered, 0o644); err != nil {
		t.Fatal(err)
	}
	fresh := filepath.Join(t.TempDir(), "db")
	_, _, err = vulns.Update(fresh, vulns.UpdateOptions{ListingURL: srv.URL})
	if err == nil || !strings.Contains(err.Error(), "hecksum") {
		t.Errorf("tampered checksum: %v, want a checksum error", err)
	}
	if _, err := vulns.Status(fresh); !errors.Is(err, vulns.ErrNoDatabase) {
		t.Errorf("after a refused update: %v, want no database", err)
	}

	// A listing that cannot be read is an error.
	if _, _, err := vulns.Update(fresh, vulns.UpdateOptions{ListingURL: srv.URL + "/nothing-here"}); err == nil {
		t.Error("an unreadable listing was not an error")
	}
}
