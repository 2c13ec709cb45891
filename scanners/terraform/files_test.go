package terraform_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tollgate/tollgate/internal/scantest"
	"github.com/tollgate/tollgate/scanners"
	"github.com/tollgate/tollgate/scanners/terraform"
)

const publicPolicy = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}`

// TestFileOutsideTheRoot is D09 as reported: a policy read from outside
// the scanned tree is an error at the calling line, not an unknown value;
// the same policy inside the module fails its rule.
func TestFileOutsideTheRoot(t *testing.T) {
	src := func(p string) string {
		return `resource "aws_s3_bucket" "b" {
  bucket = "b"
}
resource "aws_s3_bucket_policy" "p" {
  bucket = aws_s3_bucket.b.id
  policy = file("${path.module}/` + p + `")
}
`
	}
	res := terraform.New().Scan(context.Background(), memFS(map[string]string{"infra/main.tf": src("../../public.json")}), []string{"infra/main.tf"})
	wantError(t, res, "infra/main.tf", 6, `"./../../public.json" is outside the scanned tree`)

	res = terraform.New().Scan(context.Background(), memFS(map[string]string{"infra/main.tf": src("public.json"), "infra/public.json": publicPolicy}), []string{"infra/main.tf"})
	docs := documents(t, res)
	if got := scantest.Findings(t, []scanners.Document{docs["infra:aws_s3_bucket_policy.p"]}, scantest.Rules("TG-AWS-041")); len(got) != 1 {
		t.Errorf("findings %q, want the public policy's", got)
	}
}

// TestFileFunctionErrors: every file function fails closed, at the line of
// its call, on a file it cannot read.
func TestFileFunctionErrors(t *testing.T) {
	files := fstest.MapFS{
		"big.txt":    {Data: make([]byte, scanners.MaxFileSize+1)},
		"binary.bin": {Data: []byte{0xff, 0xfe, 0x00}},
		"bad.tpl":    {Data: []byte("${unclosed")},
		"ok.txt":     {Data: []byte("ok")},
	}
	for _, tc := range []struct{ expr, msg string }{
		{`file("missing.txt")`, `"missing.txt": file does not exist`},
		{`file("../outside.txt")`, `"../outside.txt" is outside the scanned tree`},
		{`file("/etc/passwd")`, "an absolute path, outside the scanned tree"},
		{`file("big.txt")`, "over the 10 MiB limit"},
		{`file("binary.bin")`, "not valid UTF-8"},
		{`filebase64("missing.txt")`, "file does not exist"},
		{`templatefile("../x.tpl", {})`, "outside the scanned tree"},
		{`templatefile("binary.bin", {})`, "not valid UTF-8"},
		{`templatefile("bad.tpl", {})`, "does not parse"},
		{`fileexists("../x")`, "outside the scanned tree"},
		{`fileset("..", "*")`, "outside the scanned tree"},
		{`filemd5("missing.txt")`, "file does not exist"},
		{`filesha256("../x")`, "outside the scanned tree"},
		{`filebase64sha256("big.txt")`, "over the 10 MiB limit"},
		{`range(0, 2000)`, "range: more than 1024 values"},
		// try and can see no error, but the file still cannot be read.
		{`can(file("../x"))`, "outside the scanned tree"},
		{`try(file("missing.txt"), "fallback")`, "file does not exist"},
	} {
		t.Run(tc.expr, func(t *testing.T) {
			fsys := fstest.MapFS{"main.tf": {Data: []byte("resource \"t\" \"n\" {\n  ok = 1\n  x = " + tc.expr + "\n}\n")}}
			for k, v := range files {
				fsys[k] = v
			}
			res := terraform.New().Scan(context.Background(), fsys, []string{"main.tf"})
			wantError(t, res, "main.tf", 3, tc.msg)
			if n := res[0].Documents; len(n) != 1 || n[0].Resource["ok"] != 1 {
				t.Errorf("documents %v: the rest of the resource is still read", n)
			}
			unknown(t, res[0].Documents[0].Resource, "x")
		})
	}
}

// TestFileErrorAtTheCallingLine: in a multi-line expression, and in a
// module, the error is at the line of the call, in the file that makes it.
func TestFileErrorAtTheCallingLine(t *testing.T) {
	res := terraform.New().Scan(context.Background(), memFS(map[string]string{
		"main.tf": "module \"m\" {\n  source = \"./m\"\n}\n",
		"m/main.tf": `resource "t" "n" {
  policy = jsonencode({
    a = 1
    b = file("${path.module}/../../x.json")
  })
}
`,
	}), []string{"main.tf"})
	wantError(t, res, "m/main.tf", 4, `"m/../../x.json" is outside the scanned tree`)
}

func TestFileFunctions(t *testing.T) {
	body := evalAll(t, map[string]string{
		"policy.json":    `{"a": 1}`,
		"assets/a.txt":   "a",
		"assets/b.json":  "b",
		"assets/c/d.txt": "d",
	}, []string{
		`fileexists("missing.txt")`,
		`fileset(path.module, "assets/**/*.txt")`,
		`fileset("assets", "*.{txt,json}")`,
		`fileset("nowhere", "*")`,
		`filemd5("policy.json")`,
		`filesha256("policy.json")`,
		`filebase64sha256("policy.json")`,
		`length(range(1024))`,
	})
	want := []any{false, []any{"assets/a.txt", "assets/c/d.txt"}, []any{"a.txt", "b.json"}, []any{},
		"42b7b4f2921788ea14dac5566e6f06d0", "f9d86028c6e0d64e225186f96acb69338b2c59764df79162107f5c4bb34d1310", // md5sum, sha256sum
		"+dhgKMbg1k4iUYb5astpM4ssWXZN95FiEH9cS7NNExA=", 1024}
	for i, w := range want {
		if got := body["v"+itoa(i)]; !reflect.DeepEqual(got, w) {
			t.Errorf("v%d = %#v, want %#v", i, got, w)
		}
	}
}

// TestFileThroughASymlinkOutOfTheRoot: the file functions read through the
// scan root's file system, so a link out of it fails closed.
func TestFileThroughASymlinkOutOfTheRoot(t *testing.T) {
	root, outside := t.TempDir(), t.TempDir()
	if err := os.WriteFile(filepath.Join(outside, "secret.json"), []byte(publicPolicy), 0o644); err != nil {
		t.Fatal(err)
	}
	tree(t, root, map[string]string{
		"main.tf":     "resource \"t\" \"n\" {\n  policy = file(\"policy.json\")\n  there  = fileexists(\"policy.json\")\n}\n",
		"policy.json": "->" + filepath.Join(outside, "secret.json"),
	})
	res := terraform.New().Scan(context.Background(), openRoot(t, root), []string{"main.tf"})
	var lines []int
	for _, e := range res[0].Errors {
		lines = append(lines, e.Line)
		if !errors.Is(e, scanners.ErrOutsideRoot) || !strings.Contains(e.Error(), "policy.json is a symbolic link") {
			t.Errorf("error %v, want one naming the link out of the root", e)
		}
	}
	if !reflect.DeepEqual(lines, []int{2, 3}) {
		t.Errorf("errors %q, want one at each call", errorLines(res))
	}
}
