package terraform_test

import (
	"context"
	"io/fs"
	"os"
	"path"
	"strings"
	"testing"
	"time"

	"github.com/tollgate/tollgate/scanners"
	"github.com/tollgate/tollgate/scanners/terraform"
)

// The fuzz targets check the reader's promise on hostile input: it never
// panics, never runs away (a scan of one small input ends in seconds), and
// every problem is a FileError naming a file.

// fixtures returns the contents of the files of ../../testdata/terraform
// whose names end with one of suffixes, to seed a fuzz target.
func fixtures(f *testing.F, suffixes ...string) [][]byte {
	f.Helper()
	var out [][]byte
	root := os.DirFS("../../testdata/terraform")
	err := fs.WalkDir(root, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		for _, s := range suffixes {
			if strings.HasSuffix(p, s) {
				b, err := fs.ReadFile(root, p)
				if err != nil {
					return err
				}
				out = append(out, b)
			}
		}
		return nil
	})
	if err != nil {
		f.Fatal(err)
	}
	if len(out) == 0 {
		f.Fatalf("no fixtures ending with %v", suffixes)
	}
	return out
}

// fuzzModule is the module around the fuzzed file: variables the values
// files can set, a called module, files for the file functions.
var fuzzModule = map[string]string{
	"variables.tf": `variable "env" { default = "dev" }
variable "acl" { default = "private" }
variable "cidrs" {
  type    = list(string)
  default = []
}
variable "tags" {
  type    = map(string)
  default = {}
}
variable "n" {
  type    = number
  default = 1
}
`,
	"resource.tf": `resource "aws_security_group" "sg" {
  name = "${var.env}-sg"
  count = var.n
  ingress {
    cidr_blocks = var.cidrs
  }
  tags = var.tags
}
`,
	"mod/main.tf":  "variable \"name\" { default = \"m\" }\nresource \"aws_s3_bucket\" \"b\" { bucket = var.name }\noutput \"id\" { value = var.name }\n",
	"policy.tpl":   "%{ for b in buckets ~}\narn:aws:s3:::${b}\n%{ endfor ~}",
	"files/a.json": `{"a": 1}`,
}

// checkScan scans fsys's files and checks the promise.
func checkScan(t *testing.T, fsys fs.FS, files []string) {
	t.Helper()
	start := time.Now()
	res := terraform.New(terraform.WithVars(map[string]string{"env": "fuzz"})).Scan(context.Background(), fsys, files)
	if d := time.Since(start); d > 30*time.Second {
		t.Fatalf("the scan took %v", d)
	}
	if len(res) != len(files) {
		t.Fatalf("%d results for %d files", len(res), len(files))
	}
	for i, r := range res {
		if r.Path != files[i] || r.Format != "terraform" {
			t.Errorf("result %d: %s %s", i, r.Path, r.Format)
		}
		for _, e := range r.Errors {
			if e == nil || e.Path == "" || e.Err == nil || e.Line < 0 {
				t.Errorf("error %#v: not a FileError naming a file", e)
			}
		}
		for _, d := range r.Documents {
			if d.Path == "" || d.Resource[scanners.LocKey] == nil {
				t.Errorf("document %s without a location", d.Address)
			}
		}
	}
}

func fuzzFS(name string, src []byte) (fs.FS, []string) {
	files := map[string]string{name: string(src)}
	for k, v := range fuzzModule {
		if _, taken := files[k]; !taken {
			files[k] = v
		}
	}
	var scanned []string
	for k := range files {
		if path.Dir(k) == "." && terraform.New().Match(k, nil) {
			scanned = append(scanned, k)
		}
	}
	return memFS(files), sortedKeysOf(scanned)
}

func sortedKeysOf(s []string) []string {
	m := map[string]string{}
	for _, k := range s {
		m[k] = ""
	}
	return sortedKeys(m)
}

// FuzzModule fuzzes a main.tf in a module with variables, a called module,
// values and files.
func FuzzModule(f *testing.F) {
	for _, b := range fixtures(f, ".tf") {
		f.Add(b)
	}
	f.Add([]byte("module \"m\" {\n  source = \"./mod\"\n  count = 3\n  name = file(\"files/a.json\")\n}\n" +
		"locals { t = templatefile(\"policy.tpl\", { buckets = [for i in range(3) : \"b${i}\"] }) }\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		fsys, files := fuzzFS("main.tf", src)
		checkScan(t, fsys, files)
	})
}

// FuzzTfvars fuzzes the terraform.tfvars of that module.
func FuzzTfvars(f *testing.F) {
	for _, b := range fixtures(f, ".tfvars") {
		f.Add(b)
	}
	f.Add([]byte("env = \"prod\"\ncidrs = [\"0.0.0.0/0\"]\ntags = { a = \"b\" }\nn = 3\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		fsys, files := fuzzFS("terraform.tfvars", src)
		checkScan(t, fsys, files)
	})
}

// FuzzTfJSON fuzzes a main.tf.json in that module (seeds in
// testdata/fuzz/FuzzTfJSON, and the JSON of the tests).
func FuzzTfJSON(f *testing.F) {
	f.Add([]byte(sgJSON))
	f.Add([]byte(`{"resource": {"aws_s3_bucket": {"b": {"count": "${var.n}", "bucket": "${var.env}-${count.index}", "versioning": {"enabled": true}}}}}`))
	f.Add([]byte(`{"module": {"m": {"source": "./mod", "name": "x"}}, "locals": [{"a": "${module.m.id}"}], "output": {"o": {"value": "${local.a}"}}}`))
	f.Fuzz(func(t *testing.T, src []byte) {
		fsys, files := fuzzFS("main.tf.json", src)
		checkScan(t, fsys, files)
	})
}
