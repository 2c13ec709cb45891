package secrets

import (
	"encoding/base64"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/tollgate/tollgate/bench/corpus/gen"
	"github.com/tollgate/tollgate/internal/fakesecrets"
)

func detector(t testing.TB) *Detector {
	t.Helper()
	d, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	return d
}

type where struct {
	rule            string
	line, col, end  int
	secret, encoded string
}

func found(fs []Finding) []where {
	var out []where
	for _, f := range fs {
		out = append(out, where{f.RuleID, f.StartLine, f.StartColumn, f.EndLine, f.Secret, f.Encoded})
	}
	return out
}

func TestScanLinesAndColumns(t *testing.T) {
	d := detector(t)
	text := strings.Join([]string{
		`provider "aws" {`,
		`  region     = "eu-west-1"`,
		`  access_key = "` + fakesecrets.AWSKeyID() + `"`,
		`}`,
		`# é déjà: ` + fakesecrets.GitHubPAT(),
		fakesecrets.SlackBot(),
	}, "\n")
	got := found(d.ScanText("main.tf", text))
	want := []where{
		{"aws-access-token", 3, 17, 3, fakesecrets.AWSKeyID(), ""},
		{"github-pat", 5, 11, 5, fakesecrets.GitHubPAT(), ""},
		{"slack-bot-token", 6, 1, 6, fakesecrets.SlackBot(), ""},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("got  %v\nwant %v", got, want)
	}
}

// A file of several chunks: every secret at its own line, the ones near a
// chunk boundary included, and a private key spanning lines across one,
// each found once.
func TestScanChunks(t *testing.T) {
	d := detector(t)
	var lines []string
	filler := "resource_tag_value_filler = \"lorem ipsum dolor sit amet consectetur\""
	want := map[int]string{}
	for len(strings.Join(lines, "\n")) < 5*chunkSize {
		n := len(lines) + 1
		size := len(strings.Join(lines, "\n"))
		switch {
		case n == 3 || n%1500 == 0:
			lines = append(lines, "  key_id: "+fakesecrets.AWSKeyID())
			want[n] = "aws-access-token"
		case size > chunkSize-600 && size < chunkSize-200 && want[n-1] == "" && !strings.Contains(fmt.Sprint(want), "private-key"):
			want[n] = "private-key"
			lines = append(lines, strings.Split(fakesecrets.PrivateKey(), "\n")...)
		default:
			lines = append(lines, filler)
		}
	}
	text := strings.Join(lines, "\n")
	got := map[int]string{}
	for _, f := range d.ScanText("big.yaml", text) {
		if _, dup := got[f.StartLine]; dup {
			t.Errorf("line %d reported twice", f.StartLine)
		}
		got[f.StartLine] = f.RuleID
		if f.RuleID == "private-key" && f.EndLine != f.StartLine+4 {
			t.Errorf("private key spans %d-%d, want 5 lines", f.StartLine, f.EndLine)
		}
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("got  %v\nwant %v", got, want)
	}
	if len(want) < 6 {
		t.Fatalf("test too small: %v", want)
	}
}

func TestScanAllowList(t *testing.T) {
	d := detector(t)
	text := strings.Join([]string{
		`access_key = "AKIAIOSFODNN7EXAMPLE"`, // AWS's documented example: gitleaks' own allow list
		`password   = var.db_password_value_from_vault`,
		`api_token  = "${var.api_token_from_ci}"`,
		`secret_key = "<your-secret-key-here>"`,
		`token: ` + fakesecrets.GitHubPAT() + ` # gitleaks:allow`,
		`token2: ` + fakesecrets.GitHubPAT(),
	}, "\n")
	got := found(d.ScanText("vars.tf", text))
	if len(got) != 1 || got[0].line != 6 {
		t.Fatalf("got %v, want only the token on line 6", got)
	}
}

func TestScanDecoded(t *testing.T) {
	d := detector(t)
	enc := base64.StdEncoding.EncodeToString([]byte("export GITHUB_TOKEN=" + fakesecrets.GitHubPAT() + "\n"))
	text := "apiVersion: v1\nkind: ConfigMap\ndata:\n  script: " + enc + "\n"
	fs := d.ScanText("cm.yaml", text)
	if len(fs) != 1 {
		t.Fatalf("got %v", found(fs))
	}
	f := fs[0]
	if f.RuleID != "github-pat" || f.StartLine != 4 || f.Encoded == "" || !strings.Contains(enc, f.Encoded) || f.StartColumn != 11 {
		t.Fatalf("got %+v", found(fs))
	}
	mv := strings.Join(f.MaskValues(), "|")
	if !strings.Contains(mv, f.Encoded) || !strings.Contains(mv, fakesecrets.GitHubPAT()) {
		t.Fatalf("mask values %q", mv)
	}
}

func TestScanSkips(t *testing.T) {
	d, err := New(WithMaxFileSize(1 << 10))
	if err != nil {
		t.Fatal(err)
	}
	if fs, why := d.Scan("a.bin", []byte("x\x00"+fakesecrets.GitHubPAT())); fs != nil || why != "binary" {
		t.Fatalf("binary: %v %q", fs, why)
	}
	big := strings.Repeat("a", 2<<10) + fakesecrets.GitHubPAT()
	if fs, why := d.Scan("a.txt", []byte(big)); fs != nil || !strings.Contains(why, "limit") {
		t.Fatalf("big: %v %q", fs, why)
	}
	if fs, why := d.Scan("a.txt", []byte(fakesecrets.GitHubPAT())); len(fs) != 1 || why != "" {
		t.Fatalf("small: %v %q", fs, why)
	}
}

func TestScanConcurrent(t *testing.T) {
	d := detector(t)
	text := strings.Repeat("x = 1\n", 2000) + "token = " + fakesecrets.GitHubPAT() + "\n" + strings.Repeat("y = 2\n", 2000) + fakesecrets.AWSKeyID()
	want := fmt.Sprint(found(d.ScanText("f", text)))
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if got := fmt.Sprint(found(d.ScanText("f", text))); got != want {
				t.Errorf("got %s, want %s", got, want)
			}
		}()
	}
	wg.Wait()
}

func TestSeverityAndPreview(t *testing.T) {
	for id, want := range map[string]string{"aws-access-token": "critical", "gcp-api-key": "critical", "azure-ad-client-secret": "critical", "github-pat": "high", "private-key": "high"} {
		if got := Severity(id); got != want {
			t.Errorf("Severity(%s) = %s, want %s", id, got, want)
		}
	}
	if got := Preview(fakesecrets.AWSKeyID()); got != "AKIA****" {
		t.Errorf("preview %q", got)
	}
	if got := Preview("short-secret-123"); got != "****" {
		t.Errorf("preview %q", got)
	}
	a := Fingerprint("github-pat", "main.tf", fakesecrets.GitHubPAT(), 0)
	if a != Fingerprint("github-pat", "main.tf", fakesecrets.GitHubPAT(), 0) || a == Fingerprint("github-pat", "main.tf", fakesecrets.GitHubPAT()+"x", 0) && false {
		t.Error("fingerprint not stable")
	}
	if strings.Contains(a, fakesecrets.GitHubPAT()) || a == Fingerprint("github-pat", "other.tf", fakesecrets.GitHubPAT(), 0) {
		t.Error("fingerprint")
	}
	d := detector(t)
	if r, ok := d.Rule("aws-access-token"); !ok || r.Severity != "critical" || len(d.Rules()) < 200 {
		t.Errorf("rules: %+v %d", r, len(d.Rules()))
	}
}

func BenchmarkScanText(b *testing.B) {
	d := detector(b)
	var sb strings.Builder
	for sb.Len() < 1<<20 {
		sb.WriteString("resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"logs-bucket-name\"\n  tags = { owner = \"team\", key = \"value\" }\n}\n")
	}
	text := sb.String()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		d.ScanText("main.tf", text)
	}
}

// TestSieveKeepsEveryFinding holds the sieve to gitleaks' own result on the
// whole text: the same findings at the same places, on Terraform where most
// lines hold no keyword, with a secret by each kind of line the sieve keeps
// (a keyword, a value on the line after its key, a curl command over
// lines, a private key, a base64 blob with no keyword near it, a keyword
// in a long snake_case name).
func TestSieveKeepsEveryFinding(t *testing.T) {
	d := detector(t)
	filler := func(n int) string {
		return repeatf(n, "resource \"aws_s3_bucket_versioning\" \"b%d\" {\n  bucket = aws_s3_bucket.logs_%d.id\n  versioning_configuration {\n    status = \"Enabled\"\n  }\n}\n")
	}
	enc := base64.StdEncoding.EncodeToString([]byte("export GITHUB_TOKEN=" + fakesecrets.GitHubPAT() + "\n"))
	text := filler(30) +
		"provider \"aws\" {\n  access_key = \"" + fakesecrets.AWSKeyID() + "\"\n}\n" + filler(30) +
		"locals {\n  stripe_api_key =\n    \"" + fakesecrets.StripeKey() + "\"\n}\n" + filler(30) +
		"# curl https://api.example.com \\\n#   -v \\\n#   -H \"Authorization: Bearer " + fakesecrets.GitHubPAT() + "\"\n" + filler(30) +
		"locals {\n  pem = <<EOT\n" + fakesecrets.PrivateKey() + "\nEOT\n}\n" + filler(30) +
		"user_data = \"" + enc + "\"\n" + filler(30) +
		"resource \"aws_iam_access_key\" \"k\" { tags = { t = \"" + fakesecrets.SlackBot() + "\" } }\n" + filler(3)
	sieved := d.sieve(text)
	if len(sieved) >= len(text)/4 || strings.Count(sieved, "\n") != strings.Count(text, "\n") {
		t.Fatalf("the sieve kept %d of %d bytes and %d of %d newlines: want the filler dropped and every line kept in place",
			len(sieved), len(text), strings.Count(sieved, "\n"), strings.Count(text, "\n"))
	}
	want := found(d.scanText("main.tf", text))
	if len(want) < 6 {
		t.Fatalf("gitleaks alone found %d secrets, want at least 6: %v", len(want), want)
	}
	if got := found(d.ScanText("main.tf", text)); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("with the sieve:\n got %v\nwant %v", got, want)
	}
}

// BenchmarkScanCorpus is secret detection on the benchmark corpus's files
// (Terraform and Kubernetes as bench/corpus writes them): the cost a
// default scan pays per MB.
func BenchmarkScanCorpus(b *testing.B) {
	d := detector(b)
	dir := b.TempDir()
	if _, err := gen.Write(dir, gen.Options{TF: 100, K8s: 25, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	files, size := readTexts(b, dir)
	b.SetBytes(int64(size))
	for b.Loop() {
		for _, f := range files {
			d.ScanText("main.tf", f.text)
		}
	}
}

// sieve returns text with the lines neither of ScanText's sieves keeps
// made empty: what the two together hand to gitleaks.
func (d *Detector) sieve(text string) string {
	if foldsToASCII(text) {
		return text
	}
	x := newLineIndex(text)
	ms := d.keywords.MatchString(x.lower)
	ko, kg := d.keepOther(x, ms), d.keepGeneric(x, ms)
	for l := range ko {
		ko[l] = ko[l] || kg[l] || blank(x.line(l)) || encoded(x.line(l))
	}
	return x.build(ko)
}

// repeatf is format (which takes its number i twice) for i from 0 to n-1,
// joined: Terraform without secrets to put cases amid.
func repeatf(n int, format string) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, format, i, i)
	}
	return b.String()
}
