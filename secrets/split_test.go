package secrets

import (
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"io/fs"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zricethezav/gitleaks/v8/config"
	"github.com/zricethezav/gitleaks/v8/detect"
	"github.com/zricethezav/gitleaks/v8/detect/codec"

	glregexp "github.com/zricethezav/gitleaks/v8/regexp"

	"github.com/tollgate/tollgate/internal/fakesecrets"
)

// decodes reports whether gitleaks' decoder finds a segment in line.
func decodes(line string) bool {
	_, segs := codec.NewDecoder().Decode(line, nil)
	return len(segs) > 0
}

var encodedSeeds = []string{
	"", "resource \"aws_s3_bucket\" \"logs\" {", "  bucket = aws_s3_bucket.logs_bucket_for_everything.id",
	"100%", "50%2F", "%4", "%zz%41", "U+00e9", "U+0074 U+006F", "U+00", "xU+12345", "\\u00e9", "\\U00E9", "\\\\u0041", "\\u00",
	"0123456789abcdef0123456789abcdef", "0123456789abcdef0123456789abcde", "0123456789abcdef0123456789abcdefZ",
	hex.EncodeToString([]byte("token=abcdefghijklmnop")), hex.EncodeToString([]byte("token=abcdefghijklmnop")) + "Zz",
	"aaaaaaaaaaaaaaaaaaaaaU+0041", "aaaaaaaaaaaaaaaU+0041", "U+zzzzzzzzzzzzzzzzzz",
	"lowercase_snake_case_name_that_is_long", "MixedCaseButNoDigitsAtAll", "TestDialerDualStack4", "ListenAndServeTLS2(certFile)",
	"short A1 B2 c3", "abcdefghijklmnopQ1", "abcdefghijklmno%41", "name: 'é' U+00E9é",
	base64.StdEncoding.EncodeToString([]byte("export GITHUB_TOKEN=" + fakesecrets.GitHubPAT())),
	base64.StdEncoding.EncodeToString([]byte("export GITHUB_TOKEN=" + fakesecrets.GitHubPAT()))[:30] + "==",
	base64.RawURLEncoding.EncodeToString([]byte("a?b>c?d>e?f>g?h>i?j>k")),
	hex.EncodeToString([]byte("AKIA sample")), url.QueryEscape("password=a b&c"),
}

// TestEncoded holds encoded to gitleaks' decoder: every line it decodes
// part of is encoded; and code's long names are not.
func TestEncoded(t *testing.T) {
	for _, s := range encodedSeeds {
		if decodes(s) && !encoded(s) {
			t.Errorf("gitleaks decodes part of %q, encoded says no", s)
		}
	}
	for _, s := range []string{"TestDialerDualStack4", "func (s *Server) ListenAndServeTLS2(certFile string)", "lowercase_snake_case_name_that_is_long"} {
		if encoded(s) {
			t.Errorf("encoded(%q): gitleaks decodes nothing there", s)
		}
	}
}

func FuzzEncoded(f *testing.F) {
	for _, s := range encodedSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, line := range strings.Split(s, "\n") {
			if decodes(line) && !encoded(line) {
				t.Errorf("gitleaks decodes part of %q, encoded says no", line)
			}
		}
	})
}

// splitCases are texts where a secret sits by each kind of line the sieves
// keep, and by the edges of what they keep: each must give, sieved and
// split, what gitleaks finds on the whole text with every rule.
func splitCases() map[string]string {
	enc := base64.StdEncoding.EncodeToString([]byte("export GITHUB_TOKEN=" + fakesecrets.GitHubPAT() + "\n"))
	encGeneric := base64.StdEncoding.EncodeToString([]byte("db_password = \"Zx9kQ2mPw7rT4vBn\"\n"))
	hexed := hex.EncodeToString([]byte("token=" + fakesecrets.GitHubPAT()))
	pct := url.QueryEscape("aws_key=" + fakesecrets.AWSKeyID())
	return map[string]string{
		"terraform": "provider \"aws\" {\n  access_key = \"" + fakesecrets.AWSKeyID() + "\"\n  secret_key = \"Zx9kQ2mPw7rT4vBn8sLq0Zr5Tn2Xw7Yc\"\n}\n",
		// The generic finding on the github-pat's line is gitleaks' to drop.
		"specific hides generic": "github_token = \"" + fakesecrets.GitHubPAT() + "\"\nstripe_api_key = " + fakesecrets.StripeKey() + "\n",
		"value lines later":      "locals {\n  stripe_api_key =\n    \"" + fakesecrets.StripeKey() + "\"\n  db_password =\n\n\n\n\nZx9kQ2mPw7rT\n}\n",
		"operator lines later":   "api_token\n\n\n=\n\n\nZx9kQ2mPw7rT4vBn\n",
		"blank lines":            "password =\n   \nzx9kq2mpw7rt\npassword = \n   \n  \t\n    \n \nZx9kQ2mPw7rT\n",
		"yaml":                   "apiVersion: v1\nkind: ConfigMap\ndata:\n  auth_token: Zx9kQ2mPw7rT4vBn8sLq\n  api-key: \"" + fakesecrets.GCPKey() + "\"\n",
		"k8s secret":             "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ntype: Opaque\ndata:\n  password: " + base64.StdEncoding.EncodeToString([]byte("Zx9kQ2mPw7rT4vBn")) + "\n  username: YWRtaW4=\n",
		"k8s secret data first":  "data:\n  password: " + base64.StdEncoding.EncodeToString([]byte("Zx9kQ2mPw7rT4vBn")) + "\nkind: Secret\napiVersion: v1\n",
		"curl": "# curl https://api.example.com \\\n#   -v \\\n#   -H \"Authorization: Bearer " + fakesecrets.GitHubPAT() + "\"\n" +
			"curl -u admin:Zx9kQ2mPw7rT4vBn https://example.com/upload\n",
		"private key":   "locals {\n  pem = <<EOT\n" + fakesecrets.PrivateKey() + "\nEOT\n}\n",
		"base64":        "user_data = \"" + enc + "\"\nnote: " + encGeneric + "\n",
		"hex and url":   "blob: " + hexed + "\nlink: https://example.com/?q=" + pct + "\n",
		"json":          "{\n  \"client_secret\": \"Zx9kQ2mPw7rT4vBn8sLq0Zr5\",\n  \"apiKey\":\n    \"" + fakesecrets.GCPKey() + "\",\n  \"slack\": \"" + fakesecrets.SlackBot() + "\"\n}\n",
		"dotenv":        "AWS_ACCESS_KEY_ID=" + fakesecrets.AWSKeyID2() + "\nAWS_SECRET_ACCESS_KEY=Zx9kQ2mPw7rT4vBn8sLq0Zr5Tn2Xw7Yc9Vb4Hm1P\nAPI_TOKEN=abc\n",
		"no newline":    "secret: Zx9kQ2mPw7rT4vBn8sLq",
		"long name":     "this_is_a_very_long_variable_name_key_holder_thing = \"Zx9kQ2mPw7rT4vBn8sLq\"\nkey_that_is_more_than_twenty_three_chars = \"Zx9kQ2mPw7rT4vBn8sLq\"\n",
		"tag in a name": "resource \"aws_iam_access_key\" \"k\" { tags = { t = \"" + fakesecrets.SlackBot() + "\" } }\n",
		"allow":         "token: " + fakesecrets.GitHubPAT() + " # gitleaks:allow\npassword = var.db_password_value\n",
		// gitleaks' (?i) takes the Kelvin sign for a k and the long s for
		// an s, which no keyword of the sieves shows.
		"kelvin":          "\u212aey = \"zx9kq2mpw7rt\"\n",
		"long s":          "name = \"x\"\n\u017fecret = \"zx9kq2mpw7rt\"\nauth = \"y\"\n",
		"unicode escapes": "note: " + escaped(`\U%04x`, "token="+fakesecrets.GitHubPAT()) + "\nnote: " + escaped(`\\u%04x`, fakesecrets.StripeKey()) + "\n",
		// Bytes that are not UTF-8, and a character whose lower case is
		// longer, before the keywords: strings.ToLower moves every offset
		// after them.
		"not utf-8": strings.Repeat("\xff", 64) + " \u0130\u0130\npassword = \"zx9kq2mpw7rt\"\napi_key: " + fakesecrets.GitHubPAT() + "\n",
		"unicode":   "# é déjà vu\npassword: \"Zx9kQ2mPw7rT4vBnéé\"\ntoken = \"Zx9kQ2mPw7rT4vBn8sLq\" # ü\n",
	}
}

// TestSplitKeepsEveryFinding holds the two sieves and the split to
// gitleaks' own result on each case, each case again amid Terraform that
// holds no secret, and all of them in one text.
func TestSplitKeepsEveryFinding(t *testing.T) {
	d := detector(t)
	filler := func(n int) string {
		return repeatf(n, "resource \"aws_kms_key\" \"k%d\" {\n  description = \"key %d\"\n  key_usage = \"ENCRYPT_DECRYPT\"\n  tags = { owner = \"team\", access = \"private\" }\n}\n")
	}
	var all strings.Builder
	total := 0
	for name, text := range splitCases() {
		for _, v := range []string{text, filler(5) + text + filler(5)} {
			want := found(d.scanText("main.tf", v))
			if got := found(d.ScanText("main.tf", v)); fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("%s:\n got %v\nwant %v", name, got, want)
			}
			total += len(want)
		}
		all.WriteString(filler(3) + text + "\n")
	}
	want := found(d.scanText("main.tf", all.String()))
	if got := found(d.ScanText("main.tf", all.String())); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("all cases:\n got %v\nwant %v", got, want)
	}
	if total < 40 || len(want) < 20 {
		t.Fatalf("gitleaks alone found %d secrets in the cases and %d in all: too few to tell", total, len(want))
	}
}

// FuzzSplit holds the split to gitleaks' result on whole texts, from the
// cases above.
func FuzzSplit(f *testing.F) {
	for _, text := range splitCases() {
		f.Add(text)
	}
	d := detector(f)
	f.Fuzz(func(t *testing.T, text string) {
		want := found(d.scanText("main.tf", text))
		if got := found(d.ScanText("main.tf", text)); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%q:\n got %v\nwant %v", text, got, want)
		}
	})
}

// The generic sieve keeps a keyword's line only when the generic pattern
// can go on from the keyword.
func TestGenericReach(t *testing.T) {
	for _, c := range []struct {
		text string
		ok   bool
		to   int // the line the value can start on at most, from 0
	}{
		{`key = "zx9kq2mpw7rt"`, true, 0},
		{`key = "short"`, false, 0},
		{`resource "aws_iam_access_key" "k" { name = "zx9kq2mpw7rt" }`, false, 0},
		{`  apiVersion: v1`, false, 0},
		{`  apiVersion: networking.k8s.io/v1`, true, 0},
		{"api_key =\n  \"zx9kq2mpw7rt\"\n", true, 1},
		{"password =\n\n\n\n\nzx9kq2mpw7rt\n", true, 5},
		{"password = \n\n\n\n\nzx9kq2mpw7rt\n", false, 0},
		{"token\n\n\n=\nzx9kq2mpw7rt", true, 4},
		{"token\n\n\n\n=\nzx9kq2mpw7rt", false, 0},
		{"key_that_is_more_than_twenty_three = zx9kq2mpw7rt", false, 0},
		{"key_that_is_twenty_three = zx9kq2mpw7rt", true, 0},
		{"key = ab+/cdefghijkl", true, 0},
	} {
		x := newLineIndex(c.text)
		i := strings.Index(strings.ToLower(c.text), "key")
		end := i + 3
		for _, kw := range []string{"api", "token", "password"} {
			if j := strings.Index(c.text, kw); j >= 0 && (i < 0 || j < i) {
				end = j + len(kw)
			}
		}
		to, ok := genericReach(c.text, end)
		if ok != c.ok || ok && x.lineOf(to) != c.to {
			t.Errorf("%q: got %v, line %d; want %v, line %d", c.text, ok, x.lineOf(to), c.ok, c.to)
		}
	}
}

// escaped writes each character of s with format.
func escaped(format, s string) string {
	var b strings.Builder
	for _, r := range s {
		fmt.Fprintf(&b, format, r)
	}
	return b.String()
}

// pathAllowed skips whole the files gitleaks' allow list skips, and only
// those.
func TestPathAllowed(t *testing.T) {
	d := detector(t)
	text := "token = " + fakesecrets.GitHubPAT() + "\n"
	skipped := 0
	for _, p := range []string{"main.tf", "node_modules/x/index.js", "/usr/lib/node_modules/npm/lib/x.js", "go.sum", "package-lock.json",
		"vendor/github.com/x/y.go", "a.png", "/usr/lib/python3/dist-packages/x.py", "venv/lib/python3.11/site-packages/x/y.py",
		".git/config", "app/config.yaml", "gradle.lockfile", "x.min.js", ""} {
		gitleaks := len(d.gl.Detect(detect.Fragment{Raw: text, FilePath: p})) == 0
		if got := d.pathAllowed(p); got != gitleaks {
			t.Errorf("pathAllowed(%q) = %v, gitleaks skips it: %v", p, got, gitleaks)
		}
		if gitleaks {
			skipped++
		}
	}
	if skipped < 4 {
		t.Fatalf("gitleaks skipped %d paths: the test no longer tells", skipped)
	}
}

// The split detectors leave out only the path checks ScanText has already
// made: an OR allow list keeps its other checks, one of paths alone is
// dropped, an AND list is kept whole; and a path gitleaks' list skips is
// still skipped, with nothing read.
func TestPathFree(t *testing.T) {
	re := glregexp.MustCompile
	or := &config.Allowlist{Description: "or", Paths: []*glregexp.Regexp{re(`x`)}, Regexes: []*glregexp.Regexp{re(`^y$`)}, StopWords: []string{"z"}}
	only := &config.Allowlist{Description: "paths", Paths: []*glregexp.Regexp{re(`x`)}}
	and := &config.Allowlist{Description: "and", MatchCondition: config.AllowlistMatchAnd, Paths: []*glregexp.Regexp{re(`x`)}, Regexes: []*glregexp.Regexp{re(`y`)}}
	for _, a := range []*config.Allowlist{or, only, and} {
		if err := a.Validate(); err != nil {
			t.Fatal(err)
		}
	}
	got, err := pathFree([]*config.Allowlist{or, only, and})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[1] != and {
		t.Fatalf("pathFree kept %d lists (the AND one whole: %v), want the OR one stripped and the AND one", len(got), len(got) == 2 && got[1] == and)
	}
	if s := got[0]; len(s.Paths) != 0 || s.PathAllowed("x") || !s.RegexAllowed("y") || len(s.StopWords) != 1 {
		t.Errorf("stripped OR list: paths %v, regexes %v, stop words %v", s.Paths, s.Regexes, s.StopWords)
	}
	if len(or.Paths) != 1 || !or.PathAllowed("x") {
		t.Error("pathFree changed the list it was given")
	}

	d := detector(t)
	for _, gl := range []*detect.Detector{d.glOther, d.glGeneric} {
		for _, a := range gl.Config.Allowlists {
			if a.MatchCondition == config.AllowlistMatchOr && len(a.Paths) > 0 {
				t.Errorf("a split detector still matches paths: %q", a.Description)
			}
		}
	}
	read := 0
	fs, _, err := d.ScanFile("node_modules/x/index.js", func() ([]byte, error) {
		read++
		return []byte("token = " + fakesecrets.GitHubPAT() + "\n"), nil
	})
	if err != nil || len(fs) != 0 || read != 0 {
		t.Errorf("ScanFile of a path gitleaks skips: %d findings, read %d times, err %v", len(fs), read, err)
	}
	fs, _, err = d.ScanFile("app/main.tf", func() ([]byte, error) {
		read++
		return []byte("token = " + fakesecrets.GitHubPAT() + "\n"), nil
	})
	if err != nil || len(fs) != 1 || read != 1 {
		t.Errorf("ScanFile of app/main.tf: %d findings, read %d times, err %v", len(fs), read, err)
	}
}

// A text in which the other rules' sieve keeps no line is not handed to
// gitleaks, except where a rule without keywords may still find something:
// the rule on .p12 and .pfx paths alone.
func TestBlankSieveKeywordless(t *testing.T) {
	d := detector(t)
	text := "nothing to see here\n\n  just prose and code: x := 1\n"
	if other, _, ok := d.sieves(text); !ok || other != "" {
		t.Fatalf("sieves kept %q for the other rules (ok %v), want nothing", other, ok)
	}
	for _, p := range []string{"certs/client.p12", "a/b/KEY.PFX", "main.tf", "notes.p12.txt"} {
		got, want := fmt.Sprint(found(d.ScanText(p, text))), fmt.Sprint(found(d.scanText(p, text)))
		if got != want {
			t.Errorf("%s: ScanText found %s, gitleaks over the whole text %s", p, got, want)
		}
	}
	if got := fmt.Sprint(found(d.ScanText("certs/client.p12", text))); !strings.Contains(got, "pkcs12-file") {
		t.Errorf("certs/client.p12: %s, want the pkcs12-file finding (the test no longer tells)", got)
	}
}

// The path filters decide what gitleaks' joined patterns decide (flags
// leak from one joined pattern into the next: gitleaks skips
// Node_Modules/x too), on every path of this repository, upper-cased
// variants, and paths made to hit each pattern.
func TestPathFilter(t *testing.T) {
	d := detector(t)
	paths := []string{"main.tf", "node_modules/x/index.js", "Node_Modules/x/index.js", "NODE_MODULES", "/usr/lib/node_modules/npm/lib/x.js",
		"go.sum", "GO.SUM", "x/go.work.sum", "package-lock.json", "vendor/github.com/x/y.go", "Vendor/GitHub.com/x", "vendor/modules.txt",
		"a.png", "A.PNG", "b.woff2", "c.DOCX", "/usr/lib/python3/dist-packages/x.py", "lib64/python3.11/x", "Lib/Python2.7/y",
		"venv/lib/python3.11/site-packages/x/y.py", "VirtualEnv/Lib64/x", "requests-2.31.0.dist-info/METADATA", ".git/config", "x/.git",
		"app/config.yaml", "gradle.lockfile", "gradlew", "gradlew.bat", "mvnw.cmd", ".mvn/wrapper/MavenWrapperDownloader.java",
		"x.min.js", "jquery-ui.min.js.map", "swagger-ui-bundle.js", "javascript.json", "Pipfile.lock", "poetry.lock",
		"bower_components/a", "vendor/bundle/ruby/x", "a.gem", "verification-metadata.xml", "Database.refactorlog", "gitleaks.toml",
		"deno.lock", "yarn.lock", "pnpm-lock.yaml", "npm-shrinkwrap.json", "x.bin", "x.exe", "a.pdb", "w.gltf", "k.v2", "\u212aey/node_modules/x",
		"/root/go/pkg/mod/github.com/x/y@v1/z.go", "", "/", "é/vendor/github.com/x"}
	err := filepath.WalkDir("..", func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if e.IsDir() && e.Name() == ".git" {
			return filepath.SkipDir
		}
		paths = append(paths, filepath.ToSlash(p), strings.ToUpper(filepath.ToSlash(p)))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	filtered, skipped := 0, 0
	for i, a := range d.gl.Config.Allowlists {
		f := d.pathFilters[i]
		if f == nil {
			continue
		}
		filtered++
		withLits := 0
		for _, b := range f.branches {
			if b.lits != nil {
				withLits++
			}
		}
		if withLits < len(f.branches)/2 {
			t.Errorf("allow list %q: %d of %d branches have literals", a.Description, withLits, len(f.branches))
		}
		for _, p := range paths {
			got, want := f.match(p), a.PathAllowed(p)
			if got != want {
				t.Errorf("allow list %q, path %q: filter %v, gitleaks %v", a.Description, p, got, want)
			}
			if want {
				skipped++
			}
		}
	}
	if filtered == 0 || skipped < 40 {
		t.Fatalf("%d filtered allow lists, %d paths skipped: the test no longer tells", filtered, skipped)
	}
}
