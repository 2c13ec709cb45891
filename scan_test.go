package tollgate

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/anchore/stereoscope"
	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/registry"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/google/go-containerregistry/pkg/v1/tarball"

	"github.com/tollgate/tollgate/internal/testimage"
	"github.com/tollgate/tollgate/internal/testtools"
	"github.com/tollgate/tollgate/report"
	"github.com/tollgate/tollgate/sign"
)

var update = flag.Bool("update", false, "rewrite the sample OCI layouts under testdata/image/oci")

func TestMain(m *testing.M) {
	flag.Parse()
	cleanup := testtools.IsolateUserCache()
	code := m.Run()
	stereoscope.Cleanup()
	cleanup()
	os.Exit(code)
}

// at is a finding reduced to what the tests pin: rule and exact lines.
func at(f report.Finding) string {
	if f.Location.Image != "" {
		return fmt.Sprintf("%s %s", f.RuleID, f.Location.Image)
	}
	return fmt.Sprintf("%s %s:%d-%d", f.RuleID, f.Location.Path, f.Location.StartLine, f.Location.EndLine)
}

func findings(r *report.Report) []string {
	var out []string
	for _, f := range r.Findings {
		out = append(out, at(f))
	}
	sort.Strings(out)
	return out
}

func scan(t *testing.T, o Options) *Result {
	t.Helper()
	if o.Root == "" {
		o.Root = "testdata"
	}
	res, err := Scan(context.Background(), o)
	if err != nil {
		t.Fatalf("Scan: %v", err)
	}
	return res
}

func equal(t *testing.T, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings:\n got: %s\nwant: %s", strings.Join(got, "\n      "), strings.Join(want, "\n      "))
	}
}

// includes checks that every wanted finding is there, at its exact lines.
// Failing fixtures also trip rules added later, so they are checked for
// what they must contain; passing fixtures are checked with equal (none).
func includes(t *testing.T, got, want []string) {
	t.Helper()
	have := map[string]bool{}
	for _, g := range got {
		have[g] = true
	}
	for _, w := range want {
		if !have[w] {
			t.Errorf("missing finding %s; got:\n      %s", w, strings.Join(got, "\n      "))
		}
	}
}

func TestScanFailingIaC(t *testing.T) {
	res := scan(t, Options{Targets: []string{"testdata/terraform/fail", "testdata/kubernetes/fail"}})
	includes(t, findings(res.Report), []string{
		"TG-AWS-001 terraform/fail/main.tf:4-4",   // acl = var.bucket_acl, public-read from terraform.tfvars
		"TG-AWS-002 terraform/fail/main.tf:19-19", // cidr_blocks of the SSH ingress
		"TG-AWS-010 terraform/fail/main.tf:28-28", // storage_encrypted = local.encrypted
		"TG-AWS-012 terraform/fail/main.tf:2-9",
		"TG-AWS-020 terraform/fail/main.tf:29-29", // retention 0 from terraform.tfvars
		"TG-AWS-021 terraform/fail/main.tf:7-7",
		"TG-AWS-032 terraform/fail/main.tf:40-40",
		"TG-AWS-033 terraform/fail/main.tf:2-9",
		"TG-K8S-001 kubernetes/fail/app.yaml:19-19",
		"TG-K8S-010 kubernetes/fail/app.yaml:32-40", // the Ingress inside a List
	})
	if got := res.ExitCode(); got != ExitFailed {
		t.Errorf("exit code %d, want %d", got, ExitFailed)
	}
	for _, f := range res.Report.Findings {
		if f.Title == "" || f.Severity == "" || f.Category == "" || len(f.Fingerprint) != 32 {
			t.Errorf("finding %s lacks metadata: %+v", f.RuleID, f)
		}
	}
	out, _ := json.Marshal(res.Report)
	if bytes.Contains(out, []byte("hunter2-very-secret")) {
		t.Error("a secret env value of the manifest reached the report")
	}
}

func TestScanPassingIaC(t *testing.T) {
	res := scan(t, Options{Targets: []string{"testdata/terraform/pass", "testdata/kubernetes/pass"}})
	equal(t, findings(res.Report), nil)
	if got := res.ExitCode(); got != ExitPassed {
		t.Errorf("exit code %d, want 0; errors %v", got, res.Report.Errors)
	}
	if s := res.Report.Summary; s.FilesScanned != 2 || s.Resources != 41 {
		t.Errorf("summary %+v, want 2 files and 41 resources (39 Terraform: 9 and the 15 CIS filters and alarms; 2 Kubernetes)", s)
	}
}

func TestFailOn(t *testing.T) {
	for _, tc := range []struct {
		failOn string
		want   int
	}{
		{"critical", ExitPassed}, // the fixture has no critical finding
		{"high", ExitFailed},
		{"low", ExitFailed},
		{"none", ExitPassed},
	} {
		res := scan(t, Options{Targets: []string{"testdata/terraform/fail"}, FailOn: tc.failOn})
		if got := res.ExitCode(); got != tc.want {
			t.Errorf("--fail-on %s: exit %d, want %d", tc.failOn, got, tc.want)
		}
	}
	if _, err := Scan(context.Background(), Options{Targets: []string{"x"}, FailOn: "severe"}); err == nil {
		t.Error("--fail-on severe: no usage error")
	}
}

// TestBadInputFailsClosed: broken files are errors with file and line, the
// other files are still scanned, and the scan exits 2.
func TestBadInputFailsClosed(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("broken.tf", "resource \"aws_s3_bucket\" \"a\" {\n  acl = \"private\"\n  bucket = \n}\n")
	write("broken.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: [unclosed\n")
	write("ok.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: x\n    securityContext:\n      privileged: true\n")
	res := scan(t, Options{Root: dir, Targets: []string{dir, filepath.Join(dir, "missing.tf")}})
	rep := res.Report
	if got := res.ExitCode(); got != ExitError {
		t.Errorf("exit %d, want 2", got)
	}
	errs := map[string]int{}
	for _, e := range rep.Errors {
		errs[filepath.Base(e.Path)] = e.Line
	}
	if errs["broken.tf"] != 4 && errs["broken.tf"] != 3 {
		t.Errorf("broken.tf error line %d, want the line of the bad expression; errors %+v", errs["broken.tf"], rep.Errors)
	}
	if _, ok := errs["broken.yaml"]; !ok {
		t.Errorf("no error for broken.yaml: %+v", rep.Errors)
	}
	if _, ok := errs["missing.tf"]; !ok {
		t.Errorf("no error for a missing target: %+v", rep.Errors)
	}
	includes(t, findings(rep), []string{"TG-K8S-001 ok.yaml:10-10"})
	if rep.Summary.Result != report.ResultError || rep.Summary.FilesFailed != 3 { // broken.tf, broken.yaml, missing.tf
		t.Errorf("summary %+v", rep.Summary)
	}
}

func TestUnreadableFormatIsReportedAsSkipped(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "values.yaml"), []byte("replicas: 2\n"), 0o644)
	res := scan(t, Options{Root: dir, Targets: []string{dir}})
	if len(res.Report.Targets) != 1 || res.Report.Targets[0].Status != report.StatusSkipped || res.Report.Targets[0].Reason == "" {
		t.Errorf("targets %+v, want values.yaml skipped with a reason", res.Report.Targets)
	}
}

// Syntax a tool has deprecated but still reads is a warning in the report,
// masked like everything else, and never fails the scan; a render.com
// blueprint taken for a Compose file by its content is skipped, not failed.
func TestWarningsAndForeignFilesDoNotFailTheScan(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "main.tf"), []byte("variable \"acl\" {\n  type    = \"string\"\n  default = \"private\"\n}\n\nresource \"aws_s3_bucket_acl\" \"a\" {\n  bucket = \"b\"\n  acl    = var.acl\n}\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "render.yaml"), []byte("services:\n  - type: web\n    name: app\n    image:\n      url: docker.io/library/nginx:1.27\n"), 0o644)
	res := scan(t, Options{Root: dir, Targets: []string{dir}, FailOn: "none"})
	rep := res.Report
	if len(rep.Errors) != 0 || rep.Summary.Result != report.ResultPassed {
		t.Fatalf("result %s, errors %v; want a pass", rep.Summary.Result, rep.Errors)
	}
	if len(rep.Warnings) != 1 || rep.Warnings[0].Path != "main.tf" || rep.Warnings[0].Line != 2 {
		t.Errorf("warnings %+v, want the quoted type at main.tf:2", rep.Warnings)
	}
	var skipped []string
	for _, tg := range rep.Targets {
		if tg.Status == report.StatusSkipped {
			skipped = append(skipped, tg.Path+": "+tg.Reason)
		}
	}
	if len(skipped) != 1 || !strings.HasPrefix(skipped[0], "render.yaml: not a Compose file") {
		t.Errorf("skipped %v, want render.yaml as not a Compose file", skipped)
	}
}

// pushImage puts img in the registry at host as repo:tag.
func pushImage(t *testing.T, host, repoTag string, img v1.Image, opts ...name.Option) string {
	t.Helper()
	ref, err := name.ParseReference(host+"/"+repoTag, opts...)
	if err != nil {
		t.Fatal(err)
	}
	if err := remote.Write(ref, img); err != nil {
		t.Fatal(err)
	}
	return ref.String()
}

func sampleImages(t *testing.T) (fail, pass v1.Image) {
	t.Helper()
	rootfs := filepath.Join("testdata", "image", "rootfs")
	fail, err := testimage.Failing(rootfs)
	if err != nil {
		t.Fatal(err)
	}
	pass, err = testimage.Passing(rootfs)
	if err != nil {
		t.Fatal(err)
	}
	return fail, pass
}

type keyFiles struct{ priv, pub string }

func writeKeys(t *testing.T) keyFiles {
	t.Helper()
	priv, pub, err := sign.GenerateKeyPair([]byte("test-password"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	k := keyFiles{filepath.Join(dir, "cosign.key"), filepath.Join(dir, "cosign.pub")}
	os.WriteFile(k.priv, priv, 0o600)
	os.WriteFile(k.pub, pub, 0o644)
	return k
}

// TestImageScanSBOMAndSigning drives the whole path against an in-process
// registry: the failing image is reported and never signed; the passing
// one gets its SBOM and a signature that verifies.
func TestImageScanSBOMAndSigning(t *testing.T) {
	srv := httptest.NewServer(registry.New(registry.Logger(log.New(io.Discard, "", 0))))
	defer srv.Close()
	host := strings.TrimPrefix(srv.URL, "http://")
	failImg, passImg := sampleImages(t)
	failRef := pushImage(t, host, "app:fail", failImg)
	passRef := pushImage(t, host, "app:pass", passImg)
	keys := writeKeys(t)
	signOpts := &SignOptions{KeyPath: keys.priv, Password: []byte("test-password")}
	verifier, err := sign.LoadPublicKeyFile(keys.pub)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()

	t.Run("failing image", func(t *testing.T) {
		res := scan(t, Options{Images: []string{"registry:" + failRef}, Sign: signOpts})
		includes(t, findings(res.Report), []string{"TG-IMG-001 " + failRef, "TG-IMG-002 " + failRef})
		if res.ExitCode() != ExitFailed {
			t.Errorf("exit %d, want 1", res.ExitCode())
		}
		if res.Report.Signing == nil || res.Report.Signing.Skipped == "" || len(res.Report.Signing.Signed) != 0 {
			t.Errorf("signing %+v, want skipped", res.Report.Signing)
		}
		if _, err := verifier.VerifyImage(ctx, failRef); err == nil {
			t.Error("the failing image verifies: it was signed")
		}
		out, _ := json.Marshal(res.Report)
		if bytes.Contains(out, []byte("wJalrXUtnFEMI")) {
			t.Error("the image's secret env value reached the report")
		}
		d, _ := failImg.Digest()
		if len(res.Report.Findings) == 0 {
			t.Fatal("no findings")
		}
		if f := res.Report.Findings[0]; f.Location.Digest != d.String() {
			t.Errorf("image finding digest %s, want %s", f.Location.Digest, d)
		}
	})

	t.Run("passing image", func(t *testing.T) {
		dir := t.TempDir()
		cdx, spdx := filepath.Join(dir, "sbom.cdx.json"), filepath.Join(dir, "sbom.spdx.json")
		res := scan(t, Options{
			Images: []string{passRef}, Sign: signOpts,
			SBOMs: []SBOMOutput{{Format: "cyclonedx-json", Path: cdx}, {Format: "spdx-json", Path: spdx}},
		})
		if res.ExitCode() != ExitPassed {
			t.Fatalf("exit %d, want 0: %+v %+v", res.ExitCode(), res.Report.Findings, res.Report.Errors)
		}
		d, _ := passImg.Digest()
		if s := res.Report.Signing; s == nil || len(s.Signed) != 1 || s.Signed[0].Digest != d.String() {
			t.Fatalf("signing %+v, want the digest %s signed", res.Report.Signing, d)
		}
		sigs, err := verifier.VerifyImage(ctx, passRef)
		if err != nil || len(sigs) != 1 {
			t.Fatalf("verify: %d signatures, %v", len(sigs), err)
		}
		for _, typ := range []string{"cyclonedx", "https://slsa.dev/verification_summary/v1"} {
			preds, err := verifier.VerifyAttestation(ctx, passRef, typ)
			if err != nil || len(preds) != 1 {
				t.Errorf("attestation %s: %d, %v", typ, len(preds), err)
			}
		}
		checkSBOM(t, cdx, "cyclonedx-1.6")
		checkSBOM(t, spdx, "spdx-2.3")

		v, err := Verify(ctx, VerifyOptions{Image: passRef, KeyPath: keys.pub})
		if err != nil {
			t.Fatalf("Verify: %v", err)
		}
		if v.Digest != d.String() || v.Signatures != 1 || v.SBOMComponents < 2 || v.Summary.VerificationResult != "PASSED" {
			t.Errorf("verification %+v", v)
		}
	})

	t.Run("verify refuses what a passing scan did not sign", func(t *testing.T) {
		var ve *VerificationError
		if _, err := Verify(ctx, VerifyOptions{Image: failRef, KeyPath: keys.pub}); !errors.As(err, &ve) {
			t.Errorf("failing image: err %v, want a VerificationError", err)
		}
		other := writeKeys(t)
		if _, err := Verify(ctx, VerifyOptions{Image: passRef, KeyPath: other.pub}); !errors.As(err, &ve) {
			t.Errorf("wrong key: err %v, want a VerificationError", err)
		}
		var ue *UsageError
		if _, err := Verify(ctx, VerifyOptions{Image: "oci-dir:testdata/image/oci/pass", KeyPath: keys.pub}); !errors.As(err, &ue) {
			t.Errorf("a layout: err %v, want a usage error", err)
		}
	})
}

// checkSBOM validates an SBOM against its official schema and checks it
// lists the image's dpkg packages.
func checkSBOM(t *testing.T, path, schema string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := testtools.ValidateJSON(schema, b); err != nil {
		t.Errorf("%s is not valid %s: %v", filepath.Base(path), schema, err)
	}
	for _, purl := range []string{"pkg:deb/debian/hello@2.10-3", "pkg:deb/debian/libfoo1@1.2.3-1"} {
		if !bytes.Contains(b, []byte(purl)) {
			t.Errorf("%s lacks %s", filepath.Base(path), purl)
		}
	}
}

// TestOCILayoutSamples keeps the shipped sample layouts (used by the
// README's sample command) equal to what testimage builds, and scans them.
func TestOCILayoutSamples(t *testing.T) {
	failImg, passImg := sampleImages(t)
	for _, tc := range []struct {
		dir  string
		img  v1.Image
		want []string
	}{
		{"fail", failImg, []string{"TG-IMG-001 oci-dir:testdata/image/oci/fail", "TG-IMG-002 oci-dir:testdata/image/oci/fail"}},
		{"pass", passImg, nil},
	} {
		dir := filepath.Join("testdata", "image", "oci", tc.dir)
		if *update {
			if err := testimage.WriteLayout(dir, tc.img); err != nil {
				t.Fatal(err)
			}
		}
		res := scan(t, Options{Root: ".", Images: []string{"oci-dir:" + filepath.ToSlash(dir)}})
		want, _ := tc.img.Digest()
		if len(res.Report.Images) != 1 || res.Report.Images[0].Digest != want.String() {
			t.Fatalf("%s: images %+v errors %+v, want digest %s (run go test -run TestOCILayoutSamples -update)", dir, res.Report.Images, res.Report.Errors, want)
		}
		if res.Report.Images[0].Packages != 2 {
			t.Errorf("%s: %d packages, want 2", dir, res.Report.Images[0].Packages)
		}
		if tc.want == nil {
			equal(t, findings(res.Report), nil)
		} else {
			includes(t, findings(res.Report), tc.want)
		}
	}
}

func TestSignRefusesNonRegistryImages(t *testing.T) {
	keys := writeKeys(t)
	_, err := Scan(context.Background(), Options{Images: []string{"oci-dir:testdata/image/oci/pass"},
		Sign: &SignOptions{KeyPath: keys.priv, Password: []byte("test-password")}})
	if err == nil || !strings.Contains(err.Error(), "not in a registry") {
		t.Errorf("err %v, want a usage error", err)
	}
	_, err = Scan(context.Background(), Options{Images: []string{"registry:localhost:1/x:1"},
		Sign: &SignOptions{KeyPath: keys.priv, Password: []byte("wrong")}})
	if err == nil {
		t.Error("a wrong key password is not an error")
	}
}

func TestUnreachableImageFailsClosed(t *testing.T) {
	srv := httptest.NewServer(registry.New(registry.Logger(log.New(io.Discard, "", 0))))
	host := strings.TrimPrefix(srv.URL, "http://")
	srv.Close()
	keys := writeKeys(t)
	res := scan(t, Options{Images: []string{host + "/app:1"}, Sign: &SignOptions{KeyPath: keys.priv, Password: []byte("test-password")}})
	if res.ExitCode() != ExitError || len(res.Report.Errors) != 1 {
		t.Errorf("exit %d errors %+v, want 2 and one error", res.ExitCode(), res.Report.Errors)
	}
	if res.Report.Signing == nil || len(res.Report.Signing.Signed) != 0 {
		t.Errorf("signing %+v after an error", res.Report.Signing)
	}
}

// TestInteropRealRegistryAndCosignCLI runs the release path against
// Debian's docker-registry (started by scripts/test.sh) and checks the
// result with the real cosign CLI: the passing image verifies with its
// attestations, the failing one has no signature.
func TestInteropRealRegistryAndCosignCLI(t *testing.T) {
	host := testtools.Registry(t)
	testtools.Cosign(t)
	failImg, passImg := sampleImages(t)
	repo := fmt.Sprintf("tollgate-e2e-%d", os.Getpid())
	failRef := pushImage(t, host, repo+":fail", failImg, name.Insecure)
	passRef := pushImage(t, host, repo+":pass", passImg, name.Insecure)
	keys := writeKeys(t)
	signOpts := &SignOptions{KeyPath: keys.priv, Password: []byte("test-password")}

	res := scan(t, Options{Images: []string{failRef}, InsecureRegistries: []string{host}, Sign: signOpts})
	if res.ExitCode() != ExitFailed {
		t.Fatalf("failing image: exit %d, errors %+v", res.ExitCode(), res.Report.Errors)
	}
	d, _ := failImg.Digest()
	if out, err := testtools.RunCosign(t, "verify", "--key", keys.pub, "--insecure-ignore-tlog=true",
		"--allow-insecure-registry", host+"/"+repo+"@"+d.String()); err == nil {
		t.Errorf("cosign verifies the failing image:\n%s", out)
	}

	res = scan(t, Options{Images: []string{passRef}, InsecureRegistries: []string{host}, Sign: signOpts})
	if res.ExitCode() != ExitPassed {
		t.Fatalf("passing image: exit %d, findings %+v errors %+v", res.ExitCode(), res.Report.Findings, res.Report.Errors)
	}
	d, _ = passImg.Digest()
	digestRef := host + "/" + repo + "@" + d.String()
	for _, args := range [][]string{
		{"verify", "--key", keys.pub, "--insecure-ignore-tlog=true", "--allow-insecure-registry", digestRef},
		{"verify-attestation", "--type", "cyclonedx", "--key", keys.pub, "--insecure-ignore-tlog=true", "--allow-insecure-registry", digestRef},
		{"verify-attestation", "--type", "https://slsa.dev/verification_summary/v1", "--key", keys.pub, "--insecure-ignore-tlog=true", "--allow-insecure-registry", digestRef},
	} {
		if out, err := testtools.RunCosign(t, args...); err != nil {
			t.Errorf("cosign %s: %v\n%s", args[0], err, out)
		}
	}
	if _, err := Verify(context.Background(), VerifyOptions{Image: passRef, KeyPath: keys.pub, InsecureRegistries: []string{host}}); err != nil {
		t.Errorf("tollgate verify on the real registry: %v", err)
	}
}

func TestDockerArchive(t *testing.T) {
	failImg, _ := sampleImages(t)
	tarPath := filepath.Join(t.TempDir(), "app.tar")
	tag, _ := name.NewTag("example.com/app:1.0")
	if err := tarball.WriteToFile(tarPath, tag, failImg); err != nil {
		t.Fatal(err)
	}
	ref := "docker-archive:" + tarPath
	res := scan(t, Options{Images: []string{ref}})
	includes(t, findings(res.Report), []string{"TG-IMG-001 " + ref, "TG-IMG-002 " + ref})
	if len(res.Report.Images) != 1 || res.Report.Images[0].Packages != 2 {
		t.Errorf("images %+v, want one with 2 packages", res.Report.Images)
	}
}

// TestFingerprintsSurviveLineShifts: inserting unrelated lines moves every
// finding but changes no fingerprint, so code scanning alerts do not churn.
func TestFingerprintsSurviveLineShifts(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"main.tf", "variables.tf", "terraform.tfvars"} {
		b, err := os.ReadFile(filepath.Join("testdata", "terraform", "fail", f))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, f), b, 0o644)
	}
	before := scan(t, Options{Root: dir, Targets: []string{dir}}).Report.Findings
	b, _ := os.ReadFile(filepath.Join(dir, "main.tf"))
	os.WriteFile(filepath.Join(dir, "main.tf"), append([]byte("# a\n# b\n\nterraform {\n}\n"), b...), 0o644)
	after := scan(t, Options{Root: dir, Targets: []string{dir}}).Report.Findings
	if len(before) != len(after) || len(before) == 0 {
		t.Fatalf("%d findings before, %d after", len(before), len(after))
	}
	lines := map[string]int{}
	for _, f := range before {
		lines[f.Fingerprint] = f.Location.StartLine
	}
	for _, f := range after {
		l, ok := lines[f.Fingerprint]
		if !ok {
			t.Errorf("%s at line %d: fingerprint changed when unrelated lines moved", f.RuleID, f.Location.StartLine)
		} else if f.Location.StartLine != l+5 {
			t.Errorf("%s: line %d, want %d", f.RuleID, f.Location.StartLine, l+5)
		}
	}
}

// TestSecretsNeverLeave: a user policy that prints input values cannot get
// a credential into any report.
func TestSecretsNeverLeave(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "main.tf"), []byte(`resource "aws_db_instance" "db" {
  password    = "correct-horse-battery"
  description = "key AKIAABCDEFGHIJKLMNOP and https://bob:s3cr3t-pw@git.example.com/x"
}
`), 0o644)
	polDir := filepath.Join(dir, "policy")
	os.Mkdir(polDir, 0o755)
	os.WriteFile(filepath.Join(polDir, "leak.rego"), []byte(`package leak

import data.tollgate.lib
import rego.v1

deny contains lib.finding({"custom": {"id": "LEAK-1"}}, lib.loc(input.resource), msg) if {
	input.type == "aws_db_instance"
	msg := sprintf("password %s, %s", [input.resource.password, input.resource.description])
}
`), 0o644)
	res := scan(t, Options{Root: dir, Targets: []string{filepath.Join(dir, "main.tf")}, PolicyDirs: []string{polDir}})
	var leak report.Finding
	for _, f := range res.Report.Findings {
		if f.RuleID == "LEAK-1" {
			leak = f
		}
	}
	if leak.RuleID == "" {
		t.Fatalf("the user policy did not run: %+v %+v", res.Report.Findings, res.Report.Errors)
	}
	for _, format := range []string{"json", "sarif", "table", "html", "markdown", "github", "junit"} {
		var buf bytes.Buffer
		if err := report.Formats[format](&buf, res.Report); err != nil {
			t.Fatal(err)
		}
		for _, secret := range []string{"correct-horse-battery", "AKIAABCDEFGHIJKLMNOP", "s3cr3t-pw"} {
			if bytes.Contains(buf.Bytes(), []byte(secret)) {
				t.Errorf("%s report carries %q", format, secret)
			}
		}
	}
	if !strings.Contains(leak.Message, "****") {
		t.Errorf("message %q shows no mask", leak.Message)
	}
}

// TestSourceTreeSBOM: the dependencies a source tree declares are
// catalogued, written as a valid SBOM, and checked by the SBOM rules at the
// manifest line that names them.
func TestSourceTreeSBOM(t *testing.T) {
	dir := t.TempDir()
	cdx := filepath.Join(dir, "source.cdx.json")
	os.WriteFile(filepath.Join(dir, ".tollgate.yaml"), []byte("params:\n  banned_packages: [left-pad]\n"), 0o644)
	for _, f := range []string{"requirements.txt", "go.mod"} {
		b, _ := os.ReadFile(filepath.Join("testdata", "source", "app", f))
		os.WriteFile(filepath.Join(dir, f), b, 0o644)
	}
	res := scan(t, Options{Root: dir, Targets: []string{dir}, SourceSBOMs: []SBOMOutput{{Format: "cyclonedx-json", Path: cdx}}})
	includes(t, findings(res.Report), []string{"TG-SBOM-002 requirements.txt:4-4"})
	b, err := os.ReadFile(cdx)
	if err != nil {
		t.Fatal(err)
	}
	if err := testtools.ValidateJSON("cyclonedx-1.6", b); err != nil {
		t.Errorf("source SBOM is not valid CycloneDX 1.6: %v", err)
	}
	for _, want := range []string{"pkg:pypi/flask@3.0.3", "pkg:golang/github.com/spf13/cobra@v1.8.1"} {
		if !bytes.Contains(b, []byte(want)) {
			t.Errorf("source SBOM lacks %s", want)
		}
	}
}

// TestModuleFindingsNameTheirCall: a finding in a local module is located
// at the module's own lines, with the module call as a related location;
// each call of the module is its own finding.
func TestModuleFindingsNameTheirCall(t *testing.T) {
	res := scan(t, Options{Root: ".", Targets: []string{"testdata/terraform/modules"}})
	calls := map[int]bool{}
	for _, f := range res.Report.Findings {
		if f.RuleID != "TG-AWS-012" {
			continue
		}
		if f.Location.Path != "testdata/terraform/modules/modules/bucket/main.tf" || len(f.Related) != 1 {
			t.Errorf("finding %+v: want the module's file and one related location", f)
			continue
		}
		rel := f.Related[0].Location
		if rel.Path != "testdata/terraform/modules/main.tf" {
			t.Errorf("related %+v, want the calling file", rel)
		}
		calls[rel.StartLine] = true
	}
	if !calls[1] || !calls[7] || !calls[13] || len(calls) != 3 {
		t.Errorf("call sites %v, want the module blocks at lines 1, 7 and 13 (not the count = 0 one)", calls)
	}
	var buf bytes.Buffer
	if err := report.WriteSARIF(&buf, res.Report); err != nil {
		t.Fatal(err)
	}
	if err := testtools.ValidateJSON("sarif-2.1.0", buf.Bytes()); err != nil {
		t.Errorf("SARIF with related locations: %v", err)
	}
	if !bytes.Contains(buf.Bytes(), []byte(`"relatedLocations"`)) {
		t.Error("SARIF has no relatedLocations")
	}
}

// TestTargetsOutsideTheWorkingDirectory: two identical modules given by
// absolute paths keep distinct paths and addresses, so no finding of one
// hides the other's.
func TestTargetsOutsideTheWorkingDirectory(t *testing.T) {
	base := t.TempDir()
	src, _ := os.ReadFile(filepath.Join("testdata", "terraform", "pass", "main.tf"))
	bad := []byte("resource \"aws_ebs_volume\" \"v\" {\n  size      = 1\n  encrypted = false\n}\n")
	for _, m := range []string{"m1", "m2"} {
		os.MkdirAll(filepath.Join(base, m), 0o755)
		os.WriteFile(filepath.Join(base, m, "main.tf"), append(append([]byte{}, src...), bad...), 0o644)
	}
	res, err := Scan(context.Background(), Options{Targets: []string{filepath.Join(base, "m1"), filepath.Join(base, "m2")}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range res.Report.Findings {
		if f.RuleID == "TG-AWS-011" {
			got = append(got, f.Location.Path+" "+f.Resource)
		}
	}
	sort.Strings(got)
	want := []string{"m1/main.tf m1:aws_ebs_volume.v", "m2/main.tf m2:aws_ebs_volume.v"}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("TG-AWS-011 findings %v, want %v", got, want)
	}
	if _, err := Scan(context.Background(), Options{Root: filepath.Join(base, "m1"), Targets: []string{filepath.Join(base, "m2")}}); err == nil {
		t.Error("a target outside --root is not a usage error")
	}
}

// Without --root, the root is the git work tree holding the targets: paths
// are relative to the repository whatever the working directory, and a
// module calling ../modules/x from the target is read (it is inside the
// root); outside any work tree, the deepest common directory as before.
func TestRootDefaultsToTheGitWorkTree(t *testing.T) {
	repo := t.TempDir()
	os.MkdirAll(filepath.Join(repo, ".git"), 0o755)
	os.MkdirAll(filepath.Join(repo, "infra", "prod"), 0o755)
	os.MkdirAll(filepath.Join(repo, "infra", "modules", "vol"), 0o755)
	os.WriteFile(filepath.Join(repo, "infra", "prod", "main.tf"), []byte("module \"v\" {\n  source = \"../modules/vol\"\n}\n"), 0o644)
	os.WriteFile(filepath.Join(repo, "infra", "modules", "vol", "main.tf"), []byte("resource \"aws_ebs_volume\" \"v\" {\n  size      = 1\n  encrypted = false\n}\n"), 0o644)
	res, err := Scan(context.Background(), Options{Targets: []string{filepath.Join(repo, "infra", "prod")}, FailOn: "none"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Report.Errors) != 0 {
		t.Fatalf("errors %v", res.Report.Errors)
	}
	var got []string
	for _, f := range res.Report.Findings {
		if f.RuleID == "TG-AWS-011" {
			got = append(got, f.Location.Path)
		}
	}
	if want := []string{"infra/modules/vol/main.tf"}; !reflect.DeepEqual(got, want) {
		t.Errorf("TG-AWS-011 at %v, want %v (relative to the work tree)", got, want)
	}
	if got, want := gitWorkTree(filepath.Join(repo, "infra", "prod")), repo; got != want {
		t.Errorf("gitWorkTree = %q, want %q", got, want)
	}
}

// Exclusions from the options, the config file and .tollgateignore reach
// the walk: what they match is listed as skipped with its pattern, and a
// broken fixture under an excluded directory no longer fails the scan.
func TestSkipDirsAndFiles(t *testing.T) {
	dir := t.TempDir()
	for name, src := range map[string]string{
		".tollgate.yaml":      "skip_dirs: [\"**/fixtures\"]\n",
		".tollgateignore":     "legacy/\n",
		"main.tf":             "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"b\"\n}\n",
		"fixtures/broken.tf":  "resource \"aws_s3_bucket\" {\n",
		"legacy/old.tf":       "resource {\n",
		"examples/example.tf": "resource \"aws_s3_bucket\" \"e\" {\n  bucket = \"e\"\n}\n",
	} {
		os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755)
		os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644)
	}
	res := scan(t, Options{Root: dir, Targets: []string{dir}, SkipFiles: []string{"examples/*.tf"}, FailOn: "none"})
	if len(res.Report.Errors) != 0 {
		t.Fatalf("errors %v: the excluded fixtures were read", res.Report.Errors)
	}
	status := map[string]string{}
	for _, tg := range res.Report.Targets {
		status[tg.Path] = tg.Status + ": " + tg.Reason
	}
	for path, want := range map[string]string{
		"main.tf":             "scanned: ",
		"fixtures/":           `skipped: excluded by --skip-dirs "**/fixtures"`,
		"legacy/":             "skipped: excluded by .tollgateignore",
		"examples/example.tf": `skipped: excluded by --skip-files "examples/*.tf"`,
	} {
		if status[path] != want {
			t.Errorf("%s: %q, want %q", path, status[path], want)
		}
	}
	if _, err := Scan(context.Background(), Options{Root: dir, Targets: []string{dir}, SkipDirs: []string{"[oops"}}); err == nil {
		t.Error("a malformed pattern was accepted")
	}
}
