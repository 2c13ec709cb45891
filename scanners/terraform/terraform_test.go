package terraform_test

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"sort"
	"strings"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"

	"github.com/tollgate/tollgate/internal/scantest"
	"github.com/tollgate/tollgate/scanners"
	"github.com/tollgate/tollgate/scanners/terraform"
)

const goldenDir = "../../testdata/terraform/golden"

// memFS is an in-memory file system of the given files.
func memFS(files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for name, src := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(src)}
	}
	return fsys
}

// scan scans every file of fsys the scanner matches, in lexical order, and
// checks there is one result per file, in that order.
func scan(t *testing.T, fsys fs.FS) []scanners.Result {
	t.Helper()
	s := terraform.New()
	res := scantest.Scan(t, s, fsys, scantest.Files(t, fsys, s)...)
	for _, r := range res {
		if r.Format != "terraform" {
			t.Errorf("result %s: format %q, want terraform", r.Path, r.Format)
		}
	}
	return res
}

// documents returns the documents of res by address, failing on errors.
func documents(t *testing.T, res []scanners.Result) map[string]scanners.Document {
	t.Helper()
	out := map[string]scanners.Document{}
	for _, r := range res {
		for _, e := range r.Errors {
			t.Errorf("unexpected error: %v", e)
		}
		for _, d := range r.Documents {
			out[d.Address] = d
		}
	}
	return out
}

// unknown checks that key of obj is marked unknown and left out.
func unknown(t *testing.T, obj any, key string) {
	t.Helper()
	if !scantest.Unknown(obj, key) {
		t.Errorf("%s = %#v, attrs %v; want it left out and marked unknown: true", key, scantest.At(t, obj, key), scantest.Attr(t, obj, key))
	}
}

func TestMatch(t *testing.T) {
	s := terraform.New()
	if s.Name() != "terraform" {
		t.Errorf("Name() = %q", s.Name())
	}
	for p, want := range map[string]bool{
		"main.tf":                    true,
		"infra/network/vpc.tf":       true,
		"terraform.tfvars":           true,
		"prod.auto.tfvars":           true,
		"other.tfvars":               true,
		"main.tf.json":               true,
		"infra/sg.tf.json":           true,
		"terraform.tfvars.json":      true,
		"prod.auto.tfvars.json":      true,
		"package.json":               false,
		"main.tf.json.bak":           false,
		"terraform.tfstate":          false,
		".terraform.lock.hcl":        false,
		"README.md":                  false,
		"modules/x.tf/variables.txt": false,
	} {
		if got := s.Match(p, nil); got != want {
			t.Errorf("Match(%q) = %v, want %v", p, got, want)
		}
	}
}

// goldenDoc is what the golden file pins of each document.
type goldenDoc struct {
	Format   string
	Type     string
	Name     string
	Address  string
	Path     string
	Resource map[string]any
}

func TestGolden(t *testing.T) {
	res := scan(t, os.DirFS(goldenDir))
	var docs []goldenDoc
	for _, r := range res {
		for _, d := range r.Documents {
			docs = append(docs, goldenDoc{d.Format, d.Type, d.Name, d.Address, d.Path, d.Resource})
		}
	}
	scantest.Golden(t, filepath.Join(goldenDir, "documents.golden.json"), scantest.JSON(t, docs))
}

// TestGoldenValues pins, beside the golden file, the values and lines the
// policies depend on most.
func TestGoldenValues(t *testing.T) {
	res := scan(t, os.DirFS(goldenDir))
	var got []string
	for _, r := range res {
		got = append(got, r.Path)
		if r.Path != "main.tf" && len(r.Documents) != 0 {
			t.Errorf("%s: %d documents, want none", r.Path, len(r.Documents))
		}
	}
	want := []string{"a.auto.tfvars", "b.auto.tfvars", "main.tf", "other.tfvars", "terraform.tfvars", "variables.tf"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("results %v, want %v", got, want)
	}
	docs := documents(t, res)
	var addrs []string
	for a := range docs {
		addrs = append(addrs, a)
	}
	sort.Strings(addrs)
	want = []string{"aws_db_instance.main", "aws_kms_key.logs", "aws_s3_bucket.logs", "aws_s3_bucket_policy.logs", "aws_security_group.admin", "data.aws_caller_identity.current"}
	if !reflect.DeepEqual(addrs, want) {
		t.Fatalf("documents %v, want %v (resources and data sources, not outputs)", addrs, want)
	}

	t.Run("bucket", func(t *testing.T) {
		d := docs["aws_s3_bucket.logs"]
		if d.Format != "terraform" || d.Type != "aws_s3_bucket" || d.Name != "logs" || d.Path != "main.tf" {
			t.Errorf("document %q %q %q %q", d.Format, d.Type, d.Name, d.Path)
		}
		b := d.Resource
		if l := scantest.Lines(t, b, ""); l != [2]int{10, 41} {
			t.Errorf("resource lines %v, want 10-41", l)
		}
		// terraform.tfvars sets log-delivery-write, a.auto.tfvars public-read;
		// other.tfvars (authenticated-read) is not read.
		if b["acl"] != "public-read" {
			t.Errorf("acl = %#v, want public-read from a.auto.tfvars", b["acl"])
		}
		if l := scantest.Lines(t, b, "acl"); l != [2]int{12, 12} {
			t.Errorf("acl lines %v, want 12-12", l)
		}
		if b["bucket"] != "acme-staging-logs" {
			t.Errorf("bucket = %#v: env from terraform.tfvars through two locals", b["bucket"])
		}
		wantTags := map[string]any{"project": "shop", "Owner": "default", "env": "staging", "owner": "team-b", "Name": "logs-staging"}
		tags := scantest.At(t, b, "tags").(map[string]any)
		if l := scantest.Lines(t, tags, ""); l != [2]int{13, 13} {
			t.Errorf("tags object lines %v, want those of its attribute, 13-13", l)
		}
		delete(tags, scanners.LocKey)
		if !reflect.DeepEqual(tags, wantTags) {
			t.Errorf("tags = %v, want %v", tags, wantTags)
		}
		if v := scantest.At(t, b, "versioning", 0, "enabled"); v != true {
			t.Errorf("versioning[0].enabled = %#v", v)
		}
		if l := scantest.Lines(t, scantest.At(t, b, "versioning", 0), ""); l != [2]int{15, 17} {
			t.Errorf("versioning block lines %v, want 15-17", l)
		}
		if v := scantest.At(t, b, "logging", 0, "target_prefix"); v != "acme-staging-logs/2024" {
			t.Errorf("target_prefix = %#v: a local using a local declared after it", v)
		}
		def := scantest.At(t, b, "server_side_encryption_configuration", 0, "rule", 0, "apply_server_side_encryption_by_default", 0)
		if l := scantest.Lines(t, def, ""); l != [2]int{26, 29} {
			t.Errorf("nested block lines %v, want 26-29", l)
		}
		if scantest.At(t, def, "sse_algorithm") != "aws:kms" {
			t.Errorf("sse_algorithm = %#v", scantest.At(t, def, "sse_algorithm"))
		}
		unknown(t, def, "kms_master_key_id") // aws_kms_key.logs.arn
		if l := scantest.Lines(t, def, "kms_master_key_id"); l != [2]int{28, 28} {
			t.Errorf("kms_master_key_id lines %v, want 28-28", l)
		}
		rule := scantest.At(t, b, "lifecycle_rule", 0)
		if rule.(map[string]any)["id"] != "expire-after-30-days" {
			t.Errorf("lifecycle_rule id = %#v: retention_days from b.auto.tfvars", rule.(map[string]any)["id"])
		}
		if days := scantest.At(t, rule, "expiration", 0, "days"); days != 30 {
			t.Errorf("expiration days = %#v, want int 30", days)
		}
	})

	t.Run("bucket policy", func(t *testing.T) {
		p := docs["aws_s3_bucket_policy.logs"].Resource
		unknown(t, p, "bucket") // aws_s3_bucket.logs.id
		if l := scantest.Lines(t, p, "bucket"); l != [2]int{44, 44} {
			t.Errorf("bucket lines %v, want 44-44", l)
		}
		if l := scantest.Lines(t, p, "policy"); l != [2]int{45, 53} {
			t.Errorf("policy lines %v, want 45-53", l)
		}
		want := `{"Statement":[{"Action":"s3:*","Effect":"Deny","Principal":"*","Resource":"arn:aws:s3:::acme-staging-logs/*"}],"Version":"2012-10-17"}`
		if p["policy"] != want {
			t.Errorf("policy = %#v\nwant %s", p["policy"], want)
		}
	})

	t.Run("security group", func(t *testing.T) {
		sg := docs["aws_security_group.admin"].Resource
		if sg["description"] != "STAGING admin access" || sg["name"] != "acme-staging-admin" {
			t.Errorf("description %#v name %#v", sg["description"], sg["name"])
		}
		ingress := scantest.At(t, sg, "ingress").([]any)
		if len(ingress) != 2 {
			t.Fatalf("%d ingress blocks, want 2 in order", len(ingress))
		}
		if c := scantest.At(t, ingress[0], "cidr_blocks"); !reflect.DeepEqual(c, []any{"10.1.0.0/16", "10.0.0.0/8"}) {
			t.Errorf("ingress[0].cidr_blocks = %#v", c)
		}
		if l := scantest.Lines(t, ingress[1], ""); l != [2]int{67, 72} {
			t.Errorf("ingress[1] lines %v, want 67-72", l)
		}
		if l := scantest.Lines(t, ingress[1], "cidr_blocks"); l != [2]int{71, 71} {
			t.Errorf("ingress[1].cidr_blocks lines %v, want 71-71", l)
		}
		if p := scantest.At(t, ingress[1], "from_port"); p != 443 {
			t.Errorf("from_port = %#v, want int 443", p)
		}
	})

	t.Run("database", func(t *testing.T) {
		db := docs["aws_db_instance.main"].Resource
		for k, want := range map[string]any{
			"identifier":        "acme-staging-db",
			"instance_class":    "db.t3.large",
			"allocated_storage": 100,
			"storage_encrypted": true,
		} {
			if db[k] != want {
				t.Errorf("%s = %#v, want %#v", k, db[k], want)
			}
		}
		unknown(t, db, "password")          // var.db_password has no value
		unknown(t, db, "availability_zone") // var.region has no value
		unknown(t, db, "kms_key_id")        // another resource's attribute
		if v, ok := db["port"]; !ok || v != nil {
			t.Errorf("port = %#v (present %v), want a known null", v, ok)
		}
		if a := scantest.Attr(t, db, "port"); a == nil || a["unknown"] != nil {
			t.Errorf("port attrs %v: null is known", a)
		}
	})

	t.Run("kms key", func(t *testing.T) {
		k := docs["aws_kms_key.logs"].Resource
		if k["deletion_window_in_days"] != 30 || k["enable_key_rotation"] != true {
			t.Errorf("kms key %v", k)
		}
	})
}

func TestSyntaxError(t *testing.T) {
	fsys := memFS(map[string]string{
		"main.tf": `resource "aws_s3_bucket" "a" {
  acl = var.acl
}
`,
		"broken.tf": `resource "aws_s3_bucket" "b" {
  acl = "private"
  bucket =
}

resource "aws_s3_bucket" "c" {}
`,
		"variables.tf": `variable "acl" {
  default = "public-read"
}
`,
		"terraform.tfvars": "acl = \n",
	})
	res := scan(t, fsys)
	byPath := map[string]scanners.Result{}
	for _, r := range res {
		byPath[r.Path] = r
	}
	broken := byPath["broken.tf"]
	if len(broken.Errors) == 0 || len(broken.Documents) != 0 {
		t.Fatalf("broken.tf: errors %v, %d documents; want errors and no documents", broken.Errors, len(broken.Documents))
	}
	if e := broken.Errors[0]; e.Path != "broken.tf" || e.Line != 3 {
		t.Errorf("broken.tf error %v at line %d, want line 3 (where the expression is missing)", e, e.Line)
	}
	tfvars := byPath["terraform.tfvars"]
	if len(tfvars.Errors) == 0 || tfvars.Errors[0].Line != 1 {
		t.Errorf("terraform.tfvars errors %v, want one at line 1", tfvars.Errors)
	}
	main := byPath["main.tf"]
	if len(main.Errors) != 0 || len(main.Documents) != 1 {
		t.Fatalf("main.tf: errors %v, %d documents; other files of the module must still be read", main.Errors, len(main.Documents))
	}
	if acl := main.Documents[0].Resource["acl"]; acl != "public-read" {
		t.Errorf("acl = %#v, want the default: the broken tfvars sets nothing", acl)
	}
	if v := byPath["variables.tf"]; len(v.Errors) != 0 || len(v.Documents) != 0 {
		t.Errorf("variables.tf: %+v", v)
	}
}

func TestVariablesOfABrokenFileAreUnknown(t *testing.T) {
	res := scan(t, memFS(map[string]string{
		"main.tf":      "resource \"aws_s3_bucket\" \"a\" {\n  acl = var.acl\n}\n",
		"variables.tf": "variable \"acl\" {\n  default = \"private\"\n}\n}\n",
	}))
	if len(res[1].Errors) == 0 {
		t.Fatalf("variables.tf: no error")
	}
	unknown(t, res[0].Documents[0].Resource, "acl")
}

func TestModules(t *testing.T) {
	fsys := memFS(map[string]string{
		"main.tf": `resource "aws_s3_bucket" "root" {
  acl = var.acl
}
variable "acl" { default = "root-acl" }
`,
		"a/main.tf": `variable "acl" { default = "a-acl" }
resource "aws_s3_bucket" "x" {
  acl = var.acl
  tag = local.t
}
locals { t = "a" }
`,
		"a/terraform.tfvars": `acl = "a-from-tfvars"`,
		"b/main.tf": `resource "aws_s3_bucket" "x" {
  acl = var.acl
  tag = local.t
}
`,
		"b/nested/main.tf": `resource "aws_s3_bucket" "x" {
  acl = "nested"
}
`,
	})
	docs := documents(t, scan(t, fsys))
	var addrs []string
	for a := range docs {
		addrs = append(addrs, a)
	}
	sort.Strings(addrs)
	want := []string{"a:aws_s3_bucket.x", "aws_s3_bucket.root", "b/nested:aws_s3_bucket.x", "b:aws_s3_bucket.x"}
	if !reflect.DeepEqual(addrs, want) {
		t.Fatalf("addresses %v, want %v", addrs, want)
	}
	if v := docs["aws_s3_bucket.root"].Resource["acl"]; v != "root-acl" {
		t.Errorf("root acl = %#v: a/terraform.tfvars must not reach the root module", v)
	}
	a := docs["a:aws_s3_bucket.x"]
	if a.Resource["acl"] != "a-from-tfvars" || a.Resource["tag"] != "a" || a.Path != "a/main.tf" {
		t.Errorf("module a: %v (path %s)", a.Resource, a.Path)
	}
	if p := scantest.At(t, a.Resource, scanners.LocKey, "path"); p != "a/main.tf" {
		t.Errorf("__loc path %v", p)
	}
	b := docs["b:aws_s3_bucket.x"].Resource
	unknown(t, b, "acl") // var.acl is declared in other modules only
	unknown(t, b, "tag") // so is local.t
}

func TestResultsInGivenOrder(t *testing.T) {
	fsys := memFS(map[string]string{
		"a/main.tf":          `resource "t" "a" {}`,
		"a/terraform.tfvars": ``,
		"b/main.tf":          `resource "t" "b" {}`,
		"b/vars.tf":          `variable "x" {}`,
		"c.tf":               `resource "t" "c" {}`,
	})
	files := []string{"b/vars.tf", "c.tf", "a/terraform.tfvars", "b/main.tf", "a/main.tf"}
	res := terraform.New().Scan(context.Background(), fsys, files)
	var got []string
	for _, r := range res {
		got = append(got, r.Path)
		for _, d := range r.Documents {
			got = append(got, " "+d.Address)
		}
	}
	want := []string{"b/vars.tf", "c.tf", " t.c", "a/terraform.tfvars", "b/main.tf", " b:t.b", "a/main.tf", " a:t.a"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("results %q, want %q", got, want)
	}
}

func TestValueFileOrder(t *testing.T) {
	// Terraform's order: terraform.tfvars, then *.auto.tfvars by name; other
	// .tfvars only with -var-file. The given file order must not matter.
	files := map[string]string{
		"main.tf":          "variable \"v\" { default = \"default\" }\nresource \"t\" \"n\" { v = var.v }\n",
		"z.auto.tfvars":    `v = "z.auto"`,
		"terraform.tfvars": `v = "terraform"`,
		"a.auto.tfvars":    `v = "a.auto"`,
		"zzz.tfvars":       `v = "zzz"`,
	}
	for _, order := range [][]string{
		{"main.tf", "z.auto.tfvars", "terraform.tfvars", "a.auto.tfvars", "zzz.tfvars"},
		{"zzz.tfvars", "a.auto.tfvars", "terraform.tfvars", "main.tf", "z.auto.tfvars"},
	} {
		res := terraform.New().Scan(context.Background(), memFS(files), order)
		for _, r := range res {
			for _, d := range r.Documents {
				if d.Resource["v"] != "z.auto" {
					t.Errorf("order %v: v = %#v, want z.auto", order, d.Resource["v"])
				}
			}
		}
	}
	// Without auto files, terraform.tfvars.
	delete(files, "z.auto.tfvars")
	delete(files, "a.auto.tfvars")
	res := documents(t, scan(t, memFS(files)))
	if v := res["t.n"].Resource["v"]; v != "terraform" {
		t.Errorf("v = %#v, want terraform", v)
	}
}

func TestLocals(t *testing.T) {
	// A chain declared in reverse order needs one local per pass; the
	// evaluation must not depend on map order (run it a few times).
	src := `locals {
  f = "${local.e}-f"
  e = "${local.d}-e"
  d = "${local.c}-d"
  c = "${local.b}-c"
  b = "${local.a}-b"
  a = upper("a")
  g = [local.a, local.b]
  h = local.nope
  cycle1 = local.cycle2
  cycle2 = local.cycle1
}
resource "t" "n" {
  f      = local.f
  g      = local.g
  h      = local.h
  cycle  = local.cycle1
  self   = "x"
}
`
	for i := 0; i < 10; i++ {
		r := documents(t, scan(t, memFS(map[string]string{"main.tf": src})))["t.n"].Resource
		if r["f"] != "A-b-c-d-e-f" || !reflect.DeepEqual(r["g"], []any{"A", "A-b"}) {
			t.Fatalf("run %d: f = %#v, g = %#v", i, r["f"], r["g"])
		}
		unknown(t, r, "h")     // no such local
		unknown(t, r, "cycle") // Terraform refuses cycles
	}
}

func TestUnknownValues(t *testing.T) {
	src := `variable "nodefault" {}
variable "known" { default = "k" }
resource "t" "n" {
  ref       = aws_kms_key.k.arn
  data      = data.aws_iam_policy_document.p.json
  module    = module.m.out
  count_ix  = count.index
  each_val  = each.value
  cwd       = path.cwd
  fn        = timestamp()
  undefined = nosuchfunction("x")
  nodefault = var.nodefault
  undeclared = var.undeclared
  template  = "${var.nodefault}-x"
  cond      = var.nodefault == "a" ? "x" : "y"
  object    = { a = var.known, b = var.nodefault }
  known     = var.known

  dynamic "ingress" {
    for_each = var.nodefault
    content {}
  }
}
`
	r := documents(t, scan(t, memFS(map[string]string{"main.tf": src})))["t.n"].Resource
	for _, k := range []string{"ref", "data", "module", "count_ix", "each_val", "cwd", "fn", "undefined", "nodefault", "undeclared", "template", "cond", "ingress"} {
		unknown(t, r, k)
	}
	if r["known"] != "k" {
		t.Errorf("known = %#v", r["known"])
	}
	// A partly known object keeps its known keys and marks the others.
	obj := scantest.At(t, r, "object")
	if scantest.At(t, obj, "a") != "k" {
		t.Errorf("object.a = %#v", scantest.At(t, obj, "a"))
	}
	unknown(t, obj, "b")
	if a := scantest.Attr(t, r, "object"); a == nil || a["unknown"] != nil {
		t.Errorf("object attrs %v: the object itself is present", a)
	}
}

func TestFileErrors(t *testing.T) {
	big := make([]byte, scanners.MaxFileSize+1)
	fsys := fstest.MapFS{"big.tf": {Data: big}, "ok.tf": {Data: []byte(`resource "t" "n" {}`)}}
	res := terraform.New().Scan(context.Background(), fsys, []string{"big.tf", "gone.tf", "ok.tf"})
	if len(res) != 3 {
		t.Fatalf("%d results", len(res))
	}
	for i, want := range []string{"limit", "not exist"} {
		r := res[i]
		if len(r.Errors) != 1 || r.Errors[0].Line != 0 || !strings.Contains(r.Errors[0].Err.Error(), want) {
			t.Errorf("%s: errors %v, want one without a line containing %q", r.Path, r.Errors, want)
		}
	}
	if len(res[2].Errors) != 0 || len(res[2].Documents) != 1 {
		t.Errorf("ok.tf: %+v", res[2])
	}
}

// openCounter counts the files opened through it.
type openCounter struct {
	fs.FS
	opened int
}

func (c *openCounter) Open(name string) (fs.File, error) {
	c.opened++
	return c.FS.Open(name)
}

// An interrupted scan reads no file of the configuration: each holds the
// interrupt's error.
func TestScanCanceled(t *testing.T) {
	fsys := &openCounter{FS: fstest.MapFS{
		"main.tf":          {Data: []byte(`module "m" { source = "./mod" }`)},
		"vars.tf":          {Data: []byte(`variable "v" {}`)},
		"mod/main.tf":      {Data: []byte(`resource "aws_s3_bucket" "b" {}`)},
		"prod.auto.tfvars": {Data: []byte(`v = 1`)},
	}}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	files := []string{"main.tf", "mod/main.tf", "prod.auto.tfvars", "vars.tf"}
	res := terraform.New().Scan(ctx, fsys, files)
	if fsys.opened != 0 {
		t.Errorf("%d files opened after the interrupt", fsys.opened)
	}
	if len(res) != len(files) {
		t.Fatalf("%d results, want %d", len(res), len(files))
	}
	for _, r := range res {
		if len(r.Documents) != 0 || len(r.Errors) == 0 || !errors.Is(r.Errors[0], context.Canceled) {
			t.Errorf("%s: %d documents, errors %v; want the interrupt's error", r.Path, len(r.Documents), r.Errors)
		}
	}
}

// meetFS holds each .tf file it opens until another reader opens one too,
// or for five seconds: met says whether two readers ever met.
type meetFS struct {
	fs.FS
	arrive chan struct{}
	met    atomic.Bool
}

func (m *meetFS) Open(name string) (fs.File, error) {
	if strings.HasSuffix(name, ".tf") {
		select {
		case m.arrive <- struct{}{}:
			m.met.Store(true)
		case <-m.arrive:
			m.met.Store(true)
		case <-time.After(5 * time.Second):
		}
	}
	return m.FS.Open(name)
}

// The files of one configuration are read on several cores: a root module
// of hundreds of files is not read on one.
func TestScanReadsFilesAtOnce(t *testing.T) {
	if runtime.GOMAXPROCS(0) < 2 {
		t.Skip("one core")
	}
	fsys := &meetFS{arrive: make(chan struct{}), FS: fstest.MapFS{
		"a.tf": {Data: []byte(`resource "aws_s3_bucket" "a" {}`)},
		"b.tf": {Data: []byte(`resource "aws_s3_bucket" "b" {}`)},
	}}
	res := terraform.New().Scan(context.Background(), fsys, []string{"a.tf", "b.tf"})
	if !fsys.met.Load() {
		t.Error("the two files of the configuration were read one after the other")
	}
	if docs := documents(t, res); len(docs) != 2 {
		t.Errorf("%d documents, want 2", len(docs))
	}
}

func TestPartlyUnknownListIsMarkedUnknown(t *testing.T) {
	fsys := fstest.MapFS{"main.tf": {Data: []byte(`variable "office" {}
resource "aws_security_group" "sg" {
  cidrs = ["0.0.0.0/0", var.office]
}
`)}}
	res := terraform.New().Scan(context.Background(), fsys, []string{"main.tf"})
	if len(res) != 1 || len(res[0].Documents) != 1 {
		t.Fatalf("results %+v", res)
	}
	r := res[0].Documents[0].Resource
	if got, _ := r["cidrs"].([]any); len(got) != 1 || got[0] != "0.0.0.0/0" {
		t.Errorf("cidrs = %v, want the known element kept", r["cidrs"])
	}
	attrs := r["__loc"].(map[string]any)["attrs"].(map[string]any)
	if a, _ := attrs["cidrs"].(map[string]any); a["unknown"] != true {
		t.Errorf("cidrs attr %v, want unknown: true", a)
	}
}

// A configuration cannot forge the positions findings report: an attribute
// or block named like the key positions are kept under is an error at its
// line, and an object key of that name is left out.
func TestReservedPositionKey(t *testing.T) {
	results := scanFiles(t, map[string]string{"main.tf": `resource "aws_s3_bucket_acl" "a" {
  bucket = "b"
  acl    = "public-read"
  __loc  = { path = "elsewhere.tf", start_line = 900, end_line = 900 }
}

resource "aws_s3_bucket" "t" {
  bucket = "t"
  tags   = { "__loc" = "x", team = "web" }
}
`})
	r := results[0]
	if len(r.Errors) != 1 || r.Errors[0].Line != 4 || !strings.Contains(r.Errors[0].Error(), "reserved") {
		t.Errorf("errors %v, want the reserved name at line 4", r.Errors)
	}
	for _, d := range r.Documents {
		scantest.CheckLocs(t, d.Resource)
		if loc := d.Resource[scanners.LocKey].(map[string]any); loc["path"] != "main.tf" {
			t.Errorf("%s located in %v", d.Address, loc["path"])
		}
	}
}
