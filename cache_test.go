package tollgate

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// cacheStats are the counts a scan logs under --debug.
type cacheStats struct {
	Hits, Misses, Stored int
	Off                  string
}

// cachedScan scans o and returns its JSON report and cache counts.
func cachedScan(t *testing.T, o Options) (string, cacheStats) {
	t.Helper()
	var logs bytes.Buffer
	var mu sync.Mutex
	o.Logger = slog.New(slog.NewJSONHandler(&lockedWriter{w: &logs, mu: &mu}, &slog.HandlerOptions{Level: slog.LevelDebug}))
	if o.FailOn == "" {
		o.FailOn = "none"
	}
	o.Now = func() time.Time { return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) }
	res, err := Scan(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.MarshalIndent(res.Report, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	var st cacheStats
	for line := range strings.SplitSeq(logs.String(), "\n") {
		var rec struct {
			Msg                  string
			Hits, Misses, Stored int
			Why                  string
		}
		if json.Unmarshal([]byte(line), &rec) != nil {
			continue
		}
		switch rec.Msg {
		case "cache":
			st = cacheStats{Hits: rec.Hits, Misses: rec.Misses, Stored: rec.Stored}
		case "cache off":
			st.Off = rec.Why
		}
	}
	return string(b), st
}

type lockedWriter struct {
	w  *bytes.Buffer
	mu *sync.Mutex
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// copyTree copies the testdata directories named into a new root.
func copyTree(t *testing.T, dirs ...string) string {
	t.Helper()
	root := t.TempDir()
	for _, d := range dirs {
		src := filepath.Join("testdata", d)
		err := filepath.WalkDir(src, func(p string, e fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel("testdata", p)
			dst := filepath.Join(root, rel)
			if e.IsDir() {
				return os.MkdirAll(dst, 0o755)
			}
			if !e.Type().IsRegular() {
				return nil
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return os.WriteFile(dst, b, 0o644)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestCacheWarmScanEqualsColdScan: a rescan of an unchanged tree replays
// every unit, reads none, and reports exactly what a scan without the
// cache reports; editing one file re-reads its unit only.
func TestCacheWarmScanEqualsColdScan(t *testing.T) {
	root := copyTree(t, "terraform", "kubernetes", "helm", "kustomize", "compose", "cloudformation", "dockerfile", "ansible", "tfplan")
	o := Options{Root: root, Targets: []string{root}, CacheDir: t.TempDir()}
	noCache := o
	noCache.NoCache = true
	want, off := cachedScan(t, noCache)
	if off.Off == "" {
		t.Fatal("--no-cache: the cache was not reported off")
	}
	cold, cs := cachedScan(t, o)
	if cs.Off != "" || cs.Hits != 0 || cs.Misses == 0 || cs.Stored == 0 {
		t.Fatalf("cold scan: %+v", cs)
	}
	warm, ws := cachedScan(t, o)
	if ws.Misses != 0 || ws.Hits != cs.Misses {
		t.Fatalf("warm scan: %+v after cold %+v", ws, cs)
	}
	if cold != want {
		t.Fatalf("cold scan with the cache differs from one without:\n%s", lineDiff(want, cold))
	}
	if warm != want {
		t.Fatalf("warm scan differs from a scan without the cache:\n%s", lineDiff(want, warm))
	}

	// One manifest edited: its unit alone is read again.
	var manifest string
	filepath.WalkDir(filepath.Join(root, "kubernetes"), func(p string, d fs.DirEntry, err error) error {
		if manifest == "" && err == nil && !d.IsDir() && strings.HasSuffix(p, ".yaml") {
			manifest = p
		}
		return nil
	})
	b, err := os.ReadFile(manifest)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, manifest, string(b)+"\n# edited\n")
	_, es := cachedScan(t, o)
	if es.Misses != 1 || es.Hits != cs.Misses-1 {
		t.Fatalf("after editing %s: %+v, want 1 miss", manifest, es)
	}
}

func lineDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(al), len(bl)) {
		if al[i] != bl[i] {
			return "line " + strconv.Itoa(i+1) + ":\n- " + al[i] + "\n+ " + bl[i]
		}
	}
	return "lengths differ"
}

// TestCacheSeesWhatAUnitReadsOutsideItsFiles: a module called from outside
// the scanned directory, an auto-loaded tfvars file and a chart's values
// file are inputs of their units; editing one is a miss with the new
// findings, never a stale replay.
func TestCacheSeesWhatAUnitReadsOutsideItsFiles(t *testing.T) {
	root := t.TempDir()
	writeFile(t, filepath.Join(root, "app/main.tf"), `
variable "public" { type = bool }
module "bucket" {
  source = "../modules/bucket"
  public = var.public
}
`)
	writeFile(t, filepath.Join(root, "app/terraform.tfvars"), "public = false\n")
	writeFile(t, filepath.Join(root, "modules/bucket/main.tf"), `
variable "public" { type = bool }
resource "aws_s3_bucket" "b" { bucket = "b" }
resource "aws_s3_bucket_public_access_block" "b" {
  bucket                  = aws_s3_bucket.b.id
  block_public_acls       = !var.public
  block_public_policy     = !var.public
  ignore_public_acls      = !var.public
  restrict_public_buckets = !var.public
}
`)
	o := Options{Root: root, Targets: []string{filepath.Join(root, "app")}, CacheDir: t.TempDir()}
	first, _ := cachedScan(t, o)
	if _, st := cachedScan(t, o); st.Misses != 0 || st.Hits == 0 {
		t.Fatalf("unchanged: %+v", st)
	}
	noCache := o
	noCache.NoCache = true

	writeFile(t, filepath.Join(root, "app/terraform.tfvars"), "public = true\n")
	got, st := cachedScan(t, o)
	if st.Misses == 0 {
		t.Fatalf("tfvars edited: %+v, want a miss", st)
	}
	if want, _ := cachedScan(t, noCache); got != want || got == first {
		t.Fatalf("tfvars edited: the cached scan reports the old findings (changed: %v)", got != first)
	}

	writeFile(t, filepath.Join(root, "modules/bucket/main.tf"), `
variable "public" { type = bool }
resource "aws_s3_bucket" "b" { bucket = "b" }
resource "aws_s3_bucket" "c" { bucket = "c" }
`)
	got, st = cachedScan(t, o)
	if st.Misses == 0 {
		t.Fatalf("module outside the target edited: %+v, want a miss", st)
	}
	if want, _ := cachedScan(t, noCache); got != want {
		t.Fatalf("module edited: the cached scan differs from a fresh one:\n%s", lineDiff(want, got))
	}

	// A Helm chart's values file.
	chart := copyTree(t, "helm")
	ho := Options{Root: chart, Targets: []string{chart}, CacheDir: t.TempDir()}
	cachedScan(t, ho)
	var values string
	filepath.WalkDir(chart, func(p string, d fs.DirEntry, err error) error {
		if values == "" && err == nil && d.Name() == "values.yaml" {
			values = p
		}
		return nil
	})
	if values == "" {
		t.Fatal("no values.yaml under testdata/helm")
	}
	b, _ := os.ReadFile(values)
	writeFile(t, values, string(b)+"\nedited: true\n")
	if _, st := cachedScan(t, ho); st.Misses == 0 {
		t.Fatalf("values.yaml edited: %+v, want a miss", st)
	}
}

// TestCacheKeyHoldsEveryOtherInput: other policies, parameters, variables
// or another tollgate version never replay a unit.
func TestCacheKeyHoldsEveryOtherInput(t *testing.T) {
	root := copyTree(t, "terraform/pass", "kubernetes")
	base := Options{Root: root, Targets: []string{root}, CacheDir: t.TempDir()}
	cachedScan(t, base)
	if _, st := cachedScan(t, base); st.Misses != 0 {
		t.Fatalf("unchanged: %+v", st)
	}
	pol := t.TempDir()
	writeFile(t, filepath.Join(pol, "p.rego"), "package tollgate.custom.x\nimport rego.v1\ndeny contains msg if { false; msg := \"x\" }\n")
	withPol := base
	withPol.PolicyDirs = []string{pol}
	withVar := base
	withVar.TerraformVars = map[string]string{"x": "1"}
	for name, o := range map[string]Options{"policy dir": withPol, "--var": withVar} {
		if _, st := cachedScan(t, o); st.Hits != 0 {
			t.Errorf("%s: %+v, want no hit", name, st)
		}
	}
	// The same policy dir, edited.
	cachedScan(t, withPol)
	writeFile(t, filepath.Join(pol, "p.rego"), "package tollgate.custom.x\nimport rego.v1\ndeny contains msg if { false; msg := \"y\" }\n")
	if _, st := cachedScan(t, withPol); st.Hits != 0 {
		t.Errorf("policy edited: %+v, want no hit", st)
	}
	// Parameters, from the config file.
	writeFile(t, filepath.Join(root, DefaultConfigFile), "params:\n  min_password_length: 20\n")
	if _, st := cachedScan(t, base); st.Hits != 0 {
		t.Errorf("params: %+v, want no hit", st)
	}
	os.Remove(filepath.Join(root, DefaultConfigFile))
	old := Version
	Version = "cache-test"
	defer func() { Version = old }()
	if _, st := cachedScan(t, base); st.Hits != 0 {
		t.Errorf("version: %+v, want no hit", st)
	}
	// Downloads turn the cache off.
	dl := base
	dl.DownloadModules, dl.DownloadCache = true, t.TempDir()
	if _, st := cachedScan(t, dl); st.Off == "" {
		t.Errorf("--download-modules: the cache stayed on")
	}
}

// TestCacheCorruptEntriesAndSharedDir: a damaged entry is a miss, never an
// error or a wrong result, and scans sharing a directory at once agree.
func TestCacheCorruptEntriesAndSharedDir(t *testing.T) {
	root := copyTree(t, "terraform/modules", "kubernetes", "compose")
	dir := t.TempDir()
	o := Options{Root: root, Targets: []string{root}, CacheDir: dir}
	want, cs := cachedScan(t, o)
	n := 0
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			n++
			switch n % 3 {
			case 0:
				os.WriteFile(p, []byte("{not json"), 0o600)
			case 1:
				os.WriteFile(p, []byte(`{"format":99}`), 0o600)
			default:
				os.WriteFile(p, nil, 0o600)
			}
		}
		return nil
	})
	got, st := cachedScan(t, o)
	if st.Hits != 0 || st.Misses != cs.Misses {
		t.Fatalf("corrupt entries: %+v, want %d misses", st, cs.Misses)
	}
	if got != want {
		t.Fatalf("corrupt entries changed the report:\n%s", lineDiff(want, got))
	}

	shared := t.TempDir()
	var wg sync.WaitGroup
	reports := make([]string, 4)
	for i := range reports {
		wg.Go(func() {
			so := o
			so.CacheDir = shared
			reports[i], _ = cachedScan(t, so)
		})
	}
	wg.Wait()
	for i, r := range reports {
		if r != want {
			t.Fatalf("concurrent scan %d differs:\n%s", i, lineDiff(want, r))
		}
	}
	if _, st := cachedScan(t, Options{Root: root, Targets: []string{root}, CacheDir: shared}); st.Misses != 0 {
		t.Fatalf("after concurrent scans: %+v, want every unit cached", st)
	}
	filepath.WalkDir(shared, func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasPrefix(d.Name(), ".tmp-") {
			t.Errorf("temporary file left: %s", p)
		}
		return nil
	})
}

// TestCacheNeverHoldsSecrets: messages, errors and code lines that quote a
// secret are masked before they are written; no secret value is in any
// cache file's bytes.
func TestCacheNeverHoldsSecrets(t *testing.T) {
	const tfSecret = "Zq8uN4xR7pT2wKmVb9"
	const k8sSecret = "kP3vW9qL2mX8zR4tY6"
	const envSecret = "hJ7nB2cV5xZ9mQ1wE4"
	root := t.TempDir()
	writeFile(t, filepath.Join(root, "db/main.tf"), `
resource "aws_db_instance" "db" {
  engine            = "postgres"
  instance_class    = "db.t3.micro"
  password          = "`+tfSecret+`"
  storage_encrypted = false
}
`)
	writeFile(t, filepath.Join(root, "k8s/secret.yaml"), `apiVersion: v1
kind: Secret
metadata:
  name: creds
stringData:
  password: `+k8sSecret+`
`)
	writeFile(t, filepath.Join(root, "compose/.env"), "DB_PASSWORD="+envSecret+"\n")
	writeFile(t, filepath.Join(root, "compose/docker-compose.yml"), `services:
  db:
    image: postgres
    environment:
      POSTGRES_PASSWORD: ${DB_PASSWORD}
`)
	pol := t.TempDir()
	writeFile(t, filepath.Join(pol, "leak.rego"), `package tollgate.custom.leak

import data.tollgate.lib
import rego.v1

# METADATA
# title: Leaks the password
# custom:
#   id: LEAK-001
#   severity: low
#   category: audit
deny contains finding if {
	input.type == "aws_db_instance"
	finding := lib.finding(rego.metadata.rule(), lib.loc(input.resource), sprintf("password is %s", [input.resource.password]))
}
`)
	dir := t.TempDir()
	o := Options{Root: root, Targets: []string{root}, CacheDir: dir, PolicyDirs: []string{pol}}
	cold, cs := cachedScan(t, o)
	if cs.Stored == 0 {
		t.Fatalf("nothing stored: %+v", cs)
	}
	if !strings.Contains(cold, "password is ****") {
		t.Fatalf("the leaking policy's finding is not in the report (the test checks nothing):\n%s", cold)
	}
	secrets := []string{tfSecret, k8sSecret, envSecret}
	files := 0
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		files++
		b, _ := os.ReadFile(p)
		for _, s := range secrets {
			if bytes.Contains(b, []byte(s)) {
				t.Errorf("%s holds the secret %s", p, s)
			}
		}
		// The library's catalog names the rule, and holds no finding.
		if !strings.HasPrefix(filepath.Base(p), "catalog-") && !bytes.Contains(b, []byte("****")) && strings.Contains(string(b), "LEAK-001") {
			t.Errorf("%s: the leaking finding is not masked", p)
		}
		return nil
	})
	if files == 0 {
		t.Fatal("no cache file written")
	}
	warm, _ := cachedScan(t, o)
	for _, s := range secrets {
		if strings.Contains(warm, s) || strings.Contains(cold, s) {
			t.Errorf("a report holds the secret %s", s)
		}
	}
	if warm != cold {
		t.Fatalf("warm differs from cold:\n%s", lineDiff(cold, warm))
	}
}

// TestCacheKeepsInlineExceptions: the files a scan reads through the cache
// (read afresh or checked unchanged) are not read again for their inline
// exceptions when they hold none, and those that hold some still have them
// applied, cold and warm, as without the cache.
func TestCacheKeepsInlineExceptions(t *testing.T) {
	root := copyTree(t, "exceptions")
	writeFile(t, filepath.Join(root, "exceptions", "plain.tf"), "resource \"aws_s3_bucket\" \"open\" {\n  bucket = \"open\"\n  acl    = \"public-read\"\n}\n")
	o := Options{Root: root, Targets: []string{root}, CacheDir: t.TempDir()}
	noCache := o
	noCache.NoCache = true
	want, _ := cachedScan(t, noCache)
	if !strings.Contains(want, "public website bucket, reviewed by secteam") || !strings.Contains(want, "plain.tf") {
		t.Fatalf("the scan without the cache does not show the inline exception and the plain file's finding:\n%s", want)
	}
	for _, run := range []string{"cold", "warm"} {
		got, st := cachedScan(t, o)
		if got != want {
			t.Fatalf("%s scan (%+v) differs from one without the cache:\n%s", run, st, lineDiff(want, got))
		}
	}
}

// A build without a version (go build from a source tarball) is told apart
// from any other by its executable, so that a cache shared with a build of
// other code never replays that build's outcomes; a versioned build is its
// version, so that a CI cache serves every run of one release.
func TestBuildIdentity(t *testing.T) {
	old := Version
	defer func() { Version = old }()
	Version = "dev"
	exe, err := os.Executable()
	if err != nil {
		t.Skip(err)
	}
	st, err := os.Stat(exe)
	if err != nil {
		t.Fatal(err)
	}
	id, why := buildIdentity()
	if want := fmt.Sprintf("dev+%d+%d", st.Size(), st.ModTime().UnixNano()); id != want || why != "" {
		t.Errorf("dev build: %q (%s), want %q", id, why, want)
	}
	Version = "v1.2.3"
	if id, why := buildIdentity(); id != "v1.2.3" || why != "" {
		t.Errorf("release: %q (%s)", id, why)
	}
}
