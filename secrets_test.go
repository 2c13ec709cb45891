package tollgate

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/mutate"

	"github.com/tollgate/tollgate/bench/corpus/gen"
	"github.com/tollgate/tollgate/internal/fakesecrets"
	"github.com/tollgate/tollgate/internal/testimage"
	"github.com/tollgate/tollgate/report"
)

// secretTree holds real-looking (not real) credentials in every IaC
// format, each at a known line.
func secretTree() map[string]string {
	return map[string]string{
		"tf/main.tf": strings.Join([]string{
			`provider "aws" {`,
			`  region     = "eu-west-1"`,
			`  access_key = "` + fakesecrets.AWSKeyID() + `"`,
			`}`,
			``,
			`variable "slack_token" {}`,
			``,
			`resource "aws_instance" "web" {`,
			`  ami           = "ami-12345678"`,
			`  instance_type = "t3.micro"`,
			`  user_data     = "export GITHUB_TOKEN=` + fakesecrets.GitHubPAT() + `"`,
			`}`,
		}, "\n") + "\n",
		"tf/terraform.tfvars": "slack_token = \"" + fakesecrets.SlackBot() + "\"\n",
		"k8s/deploy.yaml": strings.Join([]string{
			`apiVersion: apps/v1`,
			`kind: Deployment`,
			`metadata:`,
			`  name: web`,
			`spec:`,
			`  template:`,
			`    spec:`,
			`      containers:`,
			`        - name: web`,
			`          image: nginx:1.27`,
			`          env:`,
			`            - name: MAPS_KEY`,
			`              value: "` + fakesecrets.GCPKey() + `"`,
		}, "\n") + "\n",
		"docker/Dockerfile": strings.Join([]string{
			`FROM alpine:3.20`,
			`RUN apk add --no-cache curl`,
			`ENV STRIPE_KEY=` + fakesecrets.StripeKey(),
			`USER 1000`,
		}, "\n") + "\n",
		"compose/docker-compose.yml": strings.Join([]string{
			`services:`,
			`  app:`,
			`    image: app:1.0`,
			`    environment:`,
			`      - AWS_ACCESS_KEY_ID=` + fakesecrets.AWSKeyID2(),
		}, "\n") + "\n",
		"chart/Chart.yaml":             "apiVersion: v2\nname: app\nversion: 1.0.0\n",
		"chart/templates/cm.yaml":      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  channel: {{ .Values.channel | quote }}\n",
		"chart/values.yaml":            "channel: alerts\nnotify:\n  privateKey: |\n" + indent(fakesecrets.PrivateKey(), "    ") + "\n",
		"tf/modules/unused/README.txt": fakesecrets.GitHubPAT() + "\n", // never read by a reader: not checked
	}
}

func indent(s, pre string) string {
	return pre + strings.ReplaceAll(s, "\n", "\n"+pre)
}

// wantSecrets are the secret findings of secretTree: rule, path and line.
var wantSecrets = []string{
	"aws-access-token compose/docker-compose.yml:5",
	"private-key chart/values.yaml:4-8",
	"stripe-access-token docker/Dockerfile:3",
	"gcp-api-key k8s/deploy.yaml:13",
	"aws-access-token tf/main.tf:3",
	"github-pat tf/main.tf:11",
	"slack-bot-token tf/terraform.tfvars:1",
}

func secretFindings(rep *report.Report) []string {
	var out []string
	for _, f := range rep.Findings {
		if f.Category == SecretCategory {
			out = append(out, f.RuleID+" "+f.Location.String())
		}
	}
	return out
}

func sortedCopy(s []string) []string {
	out := append([]string(nil), s...)
	sort.Strings(out)
	return out
}

// allFormats renders rep in every report format, concatenated.
func allFormats(t *testing.T, rep *report.Report) []byte {
	t.Helper()
	var all bytes.Buffer
	for _, name := range report.FormatNames() {
		var b bytes.Buffer
		if err := report.Formats[name](&b, rep); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if b.Len() == 0 {
			t.Fatalf("%s: empty", name)
		}
		all.Write(b.Bytes())
	}
	return all.Bytes()
}

// leaked lists the fake secrets (or any line of the private key) found in b.
func leaked(b []byte) []string {
	var out []string
	vals := fakesecrets.All()
	for _, l := range strings.Split(fakesecrets.PrivateKey(), "\n")[1:4] {
		vals = append(vals, l)
	}
	for _, v := range vals {
		if bytes.Contains(b, []byte(v)) {
			out = append(out, v)
		}
	}
	return out
}

func TestSecretsInIaC(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, secretTree())
	res, err := Scan(context.Background(), Options{Root: dir, Targets: []string{dir}, FailOn: "secret=high", NoCache: true})
	if err != nil {
		t.Fatal(err)
	}
	rep := res.Report
	if got := secretFindings(rep); fmt.Sprint(sortedCopy(got)) != fmt.Sprint(sortedCopy(wantSecrets)) {
		t.Fatalf("secret findings\n got  %q\n want %q", got, wantSecrets)
	}
	if rep.Summary.Result != report.ResultFailed || !strings.Contains(fmt.Sprint(rep.Summary.Tripped), "secret=high") {
		t.Errorf("gate: %s %v", rep.Summary.Result, rep.Summary.Tripped)
	}
	for _, f := range rep.Findings {
		if f.Category != SecretCategory {
			continue
		}
		wantSev := report.SeverityHigh
		if strings.HasPrefix(f.RuleID, "aws-") || strings.HasPrefix(f.RuleID, "gcp-") {
			wantSev = report.SeverityCritical
		}
		if f.Severity != wantSev || f.Fingerprint == "" || len(f.Code) == 0 {
			t.Errorf("%s at %s: severity %s, fingerprint %q, %d code lines", f.RuleID, f.Location, f.Severity, f.Fingerprint, len(f.Code))
		}
		if f.RuleID == "aws-access-token" && f.Location.Path == "tf/main.tf" && f.Resource != "tf:provider.aws" {
			t.Errorf("resource of the provider's key: %q", f.Resource)
		}
		if f.RuleID == "github-pat" && f.Resource != "tf:aws_instance.web" {
			t.Errorf("resource of the user_data token: %q", f.Resource)
		}
		for _, c := range f.Code {
			if c.Number == f.Location.StartLine && !strings.Contains(c.Text, "****") {
				t.Errorf("%s: code line not masked: %q", f.RuleID, c.Text)
			}
		}
	}
	out := allFormats(t, rep)
	if l := leaked(out); len(l) > 0 {
		t.Errorf("secret values in the reports: %q", l)
	}
	for _, e := range append(rep.Errors, rep.Warnings...) {
		if l := leaked([]byte(e.String())); len(l) > 0 {
			t.Errorf("secret value in an error: %s", e)
		}
	}
	if !bytes.Contains(out, []byte("AKIA****")) {
		t.Error("no preview in the reports")
	}
}

// TestSecretsCheckRecorded: the report's checks (and so a passing scan's
// verification summary) say whether secret detection ran.
func TestSecretsCheckRecorded(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"main.tf": "resource \"aws_s3_bucket\" \"b\" {}\n"})
	for _, off := range []bool{false, true} {
		res, err := Scan(context.Background(), Options{Root: dir, Targets: []string{dir}, FailOn: "none", NoCache: true, NoSecrets: off})
		if err != nil {
			t.Fatal(err)
		}
		want := report.CheckRan
		if off {
			want = report.CheckSkipped
		}
		var got []string
		for _, c := range res.Report.Summary.Checks {
			if c.Name == report.CheckSecrets {
				got = append(got, c.Status)
			}
		}
		if fmt.Sprint(got) != fmt.Sprint([]string{want}) {
			t.Errorf("NoSecrets=%v: secrets checks %v, want [%s]", off, got, want)
		}
		checks, _ := attestedChecks(res.Report)
		if slices.Contains(checks, report.CheckSecrets) == off {
			t.Errorf("NoSecrets=%v: attested checks %v", off, checks)
		}
	}
}

// TestSecretsCacheAndShards: a rescan answered by the cache reports the
// same secret findings, masked, and the shards of a scan report them
// once between them.
func TestSecretsCacheAndShards(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, secretTree())
	cache := t.TempDir()
	scan := func(o Options) *report.Report {
		t.Helper()
		o.Root, o.Targets, o.FailOn = dir, []string{dir}, "none"
		res, err := Scan(context.Background(), o)
		if err != nil {
			t.Fatal(err)
		}
		return res.Report
	}
	first := scan(Options{CacheDir: cache})
	second := scan(Options{CacheDir: cache})
	a, b := allFormats(t, first), allFormats(t, second)
	if fmt.Sprint(sortedCopy(secretFindings(second))) != fmt.Sprint(sortedCopy(wantSecrets)) {
		t.Fatalf("replayed: %q", secretFindings(second))
	}
	if l := leaked(b); len(l) > 0 {
		t.Errorf("replayed reports hold %q", l)
	}
	if !bytes.Equal(a, b) {
		t.Error("a rescan answered by the cache reports differently")
	}
	entries, _ := filepath.Glob(filepath.Join(cache, "*", "*.json"))
	if len(entries) == 0 {
		t.Fatal("nothing cached")
	}
	for _, e := range entries {
		raw, _ := os.ReadFile(e)
		if l := leaked(raw); len(l) > 0 {
			t.Errorf("cache entry %s holds %q", e, l)
		}
	}
	var sharded []string
	for i := 1; i <= 3; i++ {
		sharded = append(sharded, secretFindings(scan(Options{NoCache: true, Shard: &report.Shard{Index: i, Total: 3}}))...)
	}
	if fmt.Sprint(sortedCopy(sharded)) != fmt.Sprint(sortedCopy(wantSecrets)) {
		t.Errorf("shards: %q", sharded)
	}
	if off := secretFindings(scan(Options{NoCache: true, NoSecrets: true})); len(off) > 0 {
		t.Errorf("--secrets=false: %q", off)
	}
}

func TestSecretExceptions(t *testing.T) {
	dir := t.TempDir()
	tree := secretTree()
	tree["tf/main.tf"] = strings.Replace(tree["tf/main.tf"], `provider "aws" {`,
		`# tollgate:ignore:aws-access-token reason="rotated, kept for the demo"`+"\n"+`provider "aws" {`, 1)
	tree[".tollgate.yaml"] = "exceptions:\n  - rule: gcp-api-key\n    path: k8s/**\n    reason: restricted browser key\n"
	writeTree(t, dir, tree)
	res, err := Scan(context.Background(), Options{Root: dir, Targets: []string{dir}, FailOn: "none", NoCache: true})
	if err != nil {
		t.Fatal(err)
	}
	suppressed := map[string]string{}
	for _, f := range res.Report.Findings {
		if f.Suppression != nil {
			suppressed[f.RuleID+" "+f.Location.Path] = f.Suppression.Kind
		}
	}
	want := map[string]string{"aws-access-token tf/main.tf": "inline", "gcp-api-key k8s/deploy.yaml": "config"}
	for k, v := range want {
		if suppressed[k] != v {
			t.Errorf("%s: suppression %q, want %q (all: %v)", k, suppressed[k], v, suppressed)
		}
	}
}

func TestSecretsInImage(t *testing.T) {
	rootfs := t.TempDir()
	writeTree(t, rootfs, map[string]string{
		"app/config/app.env":          "# app settings\nLOG_LEVEL=info\nGITHUB_TOKEN=" + fakesecrets.GitHubPAT() + "\n",
		"app/bin/tool":                "\x7fELF\x00\x00" + fakesecrets.SlackBot(), // binary: skipped
		"var/lib/dpkg/status":         "Package: x\nDescription: " + fakesecrets.StripeKey() + "\n",
		"usr/share/doc/x/README":      fakesecrets.GCPKey() + "\n",
		"app/config/settings.yaml":    "db:\n  host: db\n",
		"app/config/nothing-here.txt": "hello\n",
		// Dependency and toolchain trees are skipped; a web root is not.
		"usr/local/go/src/crypto/tls/testdata/key.txt":         "github_token = " + fakesecrets.GitHubPAT() + "\n",
		"root/go/pkg/mod/github.com/x/y@v1.0.0/client_test.go": "const token = \"" + fakesecrets.GitHubPAT() + "\"\n",
		"usr/share/nginx/html/main.js":                         "var k=\"" + fakesecrets.StripeKey() + "\";\n",
	})
	img, err := testimage.Build(rootfs, testimage.Config{Env: []string{"PATH=/usr/bin", "AWS_ACCESS_KEY_ID=" + fakesecrets.AWSKeyID()}})
	if err != nil {
		t.Fatal(err)
	}
	cf, err := img.ConfigFile()
	if err != nil {
		t.Fatal(err)
	}
	cf = cf.DeepCopy()
	cf.History = []v1.History{{CreatedBy: "ADD rootfs /"}, {CreatedBy: "RUN curl -H 'Authorization: Bearer x' https://x/ && echo " + fakesecrets.SlackBot(), EmptyLayer: true}}
	if img, err = mutate.ConfigFile(img, cf); err != nil {
		t.Fatal(err)
	}
	layout := filepath.Join(t.TempDir(), "oci")
	if err := testimage.WriteLayout(layout, img); err != nil {
		t.Fatal(err)
	}
	res, err := Scan(context.Background(), Options{Images: []string{"oci-dir:" + layout}, FailOn: "secret=critical", NoCache: true})
	if err != nil {
		t.Fatal(err)
	}
	rep := res.Report
	if len(rep.Errors) > 0 {
		t.Fatalf("errors: %v", rep.Errors)
	}
	var got []string
	for _, f := range rep.Findings {
		if f.Category == SecretCategory {
			got = append(got, fmt.Sprintf("%s %s:%d %s", f.RuleID, f.Location.Path, f.Location.StartLine, f.Message))
		}
	}
	sort.Strings(got)
	want := []string{
		"aws-access-token :0 Secret (aws-access-token) in clear text in the image config's env AWS_ACCESS_KEY_ID: AKIA**** at column 19",
		"github-pat /app/config/app.env:3 Secret (github-pat) in clear text in /app/config/app.env:3 of layer sha256:",
		"slack-bot-token :0 Secret (slack-bot-token) in clear text in the image config's history[1]: xoxb**** at column",
		"stripe-access-token /usr/share/nginx/html/main.js:1 Secret (stripe-access-token) in clear text in /usr/share/nginx/html/main.js:1 of layer sha256:",
	}
	if len(got) != len(want) {
		t.Fatalf("got %q", got)
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("got  %q\nwant %q...", got[i], want[i])
		}
	}
	if rep.Summary.Result != report.ResultFailed {
		t.Errorf("an AWS key in the env must fail --fail-on secret=critical: %s", rep.Summary.Result)
	}
	if l := leaked(allFormats(t, rep)); len(l) > 0 {
		t.Errorf("secret values in the reports: %q", l)
	}

	// The image's SBOM cache keeps the layer's secret without its value:
	// the rescan it answers reports the same findings, masked alike, and
	// the cache holds no secret.
	cache := t.TempDir()
	for i := range 2 {
		again, err := Scan(context.Background(), Options{Images: []string{"oci-dir:" + layout}, FailOn: "secret=critical", CacheDir: cache})
		if err != nil {
			t.Fatal(err)
		}
		if again.Images[0].SBOMCached != (i == 1) {
			t.Fatalf("scan %d: SBOM cached %v", i, again.Images[0].SBOMCached)
		}
		if got, want := shownFindings(again.Report), shownFindings(rep); !reflect.DeepEqual(got, want) {
			t.Errorf("scan %d with the cache:\n%q\nwant\n%q", i, got, want)
		}
		if l := leaked(allFormats(t, again.Report)); len(l) > 0 {
			t.Errorf("scan %d with the cache: secret values in the reports: %q", i, l)
		}
	}
	if l := leaked(treeText(t, cache)); len(l) > 0 {
		t.Errorf("secret values in the cache: %q", l)
	}
}

// shownFindings is each finding as a report shows it: rule, place,
// message and fingerprint.
func shownFindings(rep *report.Report) []string {
	var out []string
	for _, f := range rep.Findings {
		out = append(out, fmt.Sprintf("%s %s:%d %s %s", f.RuleID, f.Location.Path, f.Location.StartLine, f.Message, f.Fingerprint))
	}
	sort.Strings(out)
	return out
}

// treeText is every file under dir, concatenated, for leaked.
func treeText(t *testing.T, dir string) []byte {
	t.Helper()
	var out bytes.Buffer
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		out.Write(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// BenchmarkSecretsOverhead measures what secret detection adds to a scan
// of the benchmark corpus (bench/corpus), the scan cache off: compare
// off and on.
func BenchmarkSecretsOverhead(b *testing.B) {
	dir := b.TempDir()
	st, err := gen.Write(dir, gen.Options{TF: 1000, K8s: 250, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	for _, on := range []bool{false, true} {
		b.Run(fmt.Sprintf("secrets=%v", on), func(b *testing.B) {
			b.SetBytes(int64(st.Bytes))
			for b.Loop() {
				if _, err := Scan(context.Background(), Options{Root: dir, Targets: []string{dir}, FailOn: "none", NoCache: true, NoSecrets: !on}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
