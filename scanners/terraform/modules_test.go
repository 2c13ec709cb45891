package terraform_test

import (
	"context"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/tollgate/tollgate/internal/scantest"
	"github.com/tollgate/tollgate/scanners"
	"github.com/tollgate/tollgate/scanners/terraform"
)

const modulesDir = "../../testdata/terraform/modules"

// callSite returns the ModuleCallKey location of a document body.
func callSite(t *testing.T, body map[string]any) map[string]any {
	t.Helper()
	c, ok := body[terraform.ModuleCallKey].(map[string]any)
	if !ok {
		t.Fatalf("no %s in %v", terraform.ModuleCallKey, body[scanners.LocKey])
	}
	return c
}

func TestModuleCalls(t *testing.T) {
	res := scan(t, os.DirFS(modulesDir))
	docs := documents(t, res)
	want := []string{
		`aws_s3_bucket_policy.logs`,
		`module.counted[0].aws_s3_bucket.this`,
		`module.counted[0].module.key.aws_kms_key.this`,
		`module.counted[1].aws_s3_bucket.this`,
		`module.counted[1].module.key.aws_kms_key.this`,
		`module.logs.aws_s3_bucket.this`,
		`module.logs.module.key.aws_kms_key.this`,
		`module.replicas["eu"].aws_s3_bucket.this`,
		`module.replicas["eu"].module.key.aws_kms_key.this`,
		`module.replicas["us"].aws_s3_bucket.this`,
		`module.replicas["us"].module.key.aws_kms_key.this`,
	} // module.off has count = 0; the module directories are not also read on their own
	if got := addresses(docs); !reflect.DeepEqual(got, want) {
		t.Fatalf("addresses\n got %q\nwant %q", got, want)
	}
	// Each document is in the result of the file it was read from.
	for _, r := range res {
		for _, d := range r.Documents {
			if d.Path != r.Path {
				t.Errorf("%s (from %s) in the result of %s", d.Address, d.Path, r.Path)
			}
		}
	}

	t.Run("bound variables", func(t *testing.T) {
		logs := docs["module.logs.aws_s3_bucket.this"]
		if logs.Type != "aws_s3_bucket" || logs.Name != "this" || logs.Path != "modules/bucket/main.tf" {
			t.Errorf("document %q %q %q", logs.Type, logs.Name, logs.Path)
		}
		b := logs.Resource
		// acl = var.acl in the caller, set by the root's terraform.tfvars;
		// the module's own terraform.tfvars is not read.
		if b["acl"] != "log-delivery-write" || b["bucket"] != "acme-logs" {
			t.Errorf("acl %#v bucket %#v", b["acl"], b["bucket"])
		}
		if l := scantest.Lines(t, b, "acl"); l != [2]int{3, 3} || scantest.At(t, b, scanners.LocKey, "path") != "modules/bucket/main.tf" {
			t.Errorf("acl at %v of %v, want the module's own line 3", l, scantest.At(t, b, scanners.LocKey, "path"))
		}
		if l := scantest.Lines(t, b, ""); l != [2]int{1, 5} {
			t.Errorf("resource lines %v, want 1-5", l)
		}
		if p := b["policy"]; p != "{\"Resource\": \"arn:aws:s3:::acme-logs/*\"}\n" {
			t.Errorf("policy = %#v: templatefile under path.module", p)
		}
		site := callSite(t, b)
		if !reflect.DeepEqual(site, map[string]any{"path": "main.tf", "start_line": 1, "end_line": 5}) {
			t.Errorf("call site %v, want main.tf 1-5", site)
		}
	})

	t.Run("instances", func(t *testing.T) {
		for addr, want := range map[string]struct {
			bucket string
			call   [2]int
		}{
			`module.replicas["eu"].aws_s3_bucket.this`: {"acme-replica-eu", [2]int{7, 11}},
			`module.replicas["us"].aws_s3_bucket.this`: {"acme-replica-us", [2]int{7, 11}},
			`module.counted[0].aws_s3_bucket.this`:     {"acme-counted-0", [2]int{13, 17}},
			`module.counted[1].aws_s3_bucket.this`:     {"acme-counted-1", [2]int{13, 17}},
		} {
			b := docs[addr].Resource
			if b["bucket"] != want.bucket || b["acl"] != "private" {
				t.Errorf("%s: bucket %#v acl %#v, want %s and the variable's default", addr, b["bucket"], b["acl"], want.bucket)
			}
			site := callSite(t, b)
			if site["start_line"] != want.call[0] || site["end_line"] != want.call[1] {
				t.Errorf("%s: call site %v, want %v", addr, site, want.call)
			}
		}
	})

	t.Run("nested module", func(t *testing.T) {
		k := docs["module.logs.module.key.aws_kms_key.this"]
		if k.Path != "modules/kms/main.tf" || k.Resource["description"] != "key for alias/logs" {
			t.Errorf("path %s description %#v", k.Path, k.Resource["description"])
		}
		if k.Resource["enable_key_rotation"] != true {
			t.Errorf("enable_key_rotation = %#v: path.module is modules/kms", k.Resource["enable_key_rotation"])
		}
		site := callSite(t, k.Resource)
		if !reflect.DeepEqual(site, map[string]any{"path": "modules/bucket/main.tf", "start_line": 7, "end_line": 10}) {
			t.Errorf("call site %v, want the innermost call, modules/bucket/main.tf 7-10", site)
		}
	})

	t.Run("outputs", func(t *testing.T) {
		p := docs["aws_s3_bucket_policy.logs"].Resource
		if p["bucket"] != "acme-logs" {
			t.Errorf("bucket = %#v: module.logs.bucket_name", p["bucket"])
		}
		unknown(t, p, "policy") // a remote module's output
		if _, ok := p[terraform.ModuleCallKey]; ok {
			t.Errorf("a root module resource has no call site")
		}
	})
}

func TestModuleOutsideTheScannedFiles(t *testing.T) {
	fsys := memFS(map[string]string{
		"envs/prod/main.tf": `module "bucket" {
  source = "../../modules/bucket"
  acl    = "public-read"
}

module "outside" {
  source = "../../../shared"
}

module "missing" {
  source = "./nowhere"
}
`,
		"modules/bucket/main.tf": `variable "acl" {}

resource "aws_s3_bucket" "this" {
  acl = var.acl
}
`,
		"modules/bucket/broken.tf": "locals {\n  x = \n}\n",
	})
	// Only envs/prod is scanned: the module is read from the file system.
	res := terraform.New().Scan(context.Background(), fsys, []string{"envs/prod/main.tf"})
	if len(res) != 1 {
		t.Fatalf("%d results", len(res))
	}
	r := res[0]
	if len(r.Documents) != 1 {
		t.Fatalf("%d documents, want the module's bucket", len(r.Documents))
	}
	d := r.Documents[0]
	if d.Address != "envs/prod:module.bucket.aws_s3_bucket.this" || d.Path != "modules/bucket/main.tf" || d.Resource["acl"] != "public-read" {
		t.Errorf("document %s from %s, acl %#v", d.Address, d.Path, d.Resource["acl"])
	}
	if l := scantest.Lines(t, d.Resource, "acl"); l != [2]int{4, 4} {
		t.Errorf("acl lines %v", l)
	}
	var got []string
	for _, e := range r.Errors {
		got = append(got, e.Error())
	}
	// The module's syntax error is the scanned caller's error: the module
	// cannot be evaluated.
	want := []string{
		`envs/prod/main.tf:7: module source "../../../shared" is not in the scanned tree`,
		`envs/prod/main.tf:11: module source "./nowhere": file does not exist`,
		"modules/bucket/broken.tf:2: Invalid expression: Expected the start of an expression, but found an invalid expression token.",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors\n got %q\nwant %q", got, want)
	}
}

func TestModuleCallErrors(t *testing.T) {
	res := scan(t, memFS(map[string]string{
		"main.tf": `module "m" {
  source  = "./m"
  unknown = 1
  size    = "big"
}

module "loop" {
  source = "./a"
}
`,
		"m/main.tf": `variable "name" {}

variable "size" {
  type = number
}

resource "t" "n" {
  name = var.name
  size = var.size
}
`,
		"a/main.tf": `module "b" {
  source = "../b"
}
`,
		"b/main.tf": `module "a" {
  source = "../a"
}

resource "t" "b" {}
`,
	}))
	var got []string
	var docs []string
	for _, r := range res {
		for _, e := range r.Errors {
			got = append(got, e.Error())
		}
		for _, d := range r.Documents {
			docs = append(docs, d.Address)
		}
	}
	want := []string{
		`b/main.tf:1: module "a": a cycle of module calls: a is already being evaluated`,
		`main.tf:3: module "m": unsupported argument "unknown": m declares no such variable`,
		`main.tf:1: module "m": missing required argument "name"`,
		`main.tf:4: module "m": invalid value for variable "size": a number is required`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors\n got %q\nwant %q", got, want)
	}
	if !reflect.DeepEqual(docs, []string{"module.loop.module.b.t.b", "module.m.t.n"}) {
		t.Errorf("documents %q", docs)
	}
}

// Override files are merged into the blocks they name, as Terraform merges
// them: an argument replaces the base's and is located in the override
// file, a nested block type replaces all the base's blocks of that type,
// and an override of nothing is an error at the override.
func TestOverrideFilesAreMerged(t *testing.T) {
	results := scanFiles(t, map[string]string{
		"main.tf": `locals {
  acl = "private"
}

resource "aws_s3_bucket_public_access_block" "b" {
  bucket                  = "b"
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_security_group" "sg" {
  name = "web"
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/8"]
  }
  ingress {
    from_port   = 80
    to_port     = 80
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/8"]
  }
}

resource "aws_s3_bucket_acl" "a" {
  bucket = "b"
  acl    = local.acl
}
`,
		"main_override.tf": `resource "aws_s3_bucket_public_access_block" "b" {
  block_public_acls = false
}

resource "aws_security_group" "sg" {
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_s3_bucket" "nothing" {
  bucket = "x"
}
`,
		"override.tf.json": `{"locals": {"acl": "public-read"}}`,
	})
	byPath := map[string]scanners.Result{}
	for _, r := range results {
		byPath[r.Path] = r
	}
	var errs []string
	for _, r := range results {
		for _, e := range r.Errors {
			errs = append(errs, fmt.Sprintf("%s:%d", e.Path, e.Line))
		}
	}
	if want := []string{"main_override.tf:14"}; !reflect.DeepEqual(errs, want) {
		t.Errorf("errors at %v, want the override of an undeclared resource %v", errs, want)
	}
	var docs []scanners.Document
	for _, r := range results {
		docs = append(docs, r.Documents...)
	}
	if len(docs) != 3 {
		t.Fatalf("%d documents, want 3 (an override adds no resource)", len(docs))
	}
	got := map[string]scanners.Document{}
	for _, d := range docs {
		got[d.Address] = d
	}
	pab := got["aws_s3_bucket_public_access_block.b"].Resource
	if pab["block_public_acls"] != false || pab["block_public_policy"] != true || pab["bucket"] != "b" {
		t.Errorf("public access block %v, want the base's arguments with block_public_acls from the override", pab)
	}
	if span := scantest.Span(t, pab, "block_public_acls"); span != "main_override.tf:2-2" {
		t.Errorf("block_public_acls at %s, want the override's line", span)
	}
	if span := scantest.Span(t, pab, "block_public_policy"); span != "main.tf:8-8" {
		t.Errorf("block_public_policy at %s, want the base's line", span)
	}
	ingress, _ := got["aws_security_group.sg"].Resource["ingress"].([]any)
	if len(ingress) != 1 || scantest.At(t, ingress[0], "from_port") != 22 || scantest.Span(t, ingress[0], "") != "main_override.tf:6-11" {
		t.Errorf("ingress %v, want only the override's block, located there", ingress)
	}
	if acl := got["aws_s3_bucket_acl.a"].Resource["acl"]; acl != "public-read" {
		t.Errorf("acl = %v, want the overridden local", acl)
	}
	findings := scantest.Findings(t, docs, scantest.Rules("TG-AWS-040"))
	if want := []string{"TG-AWS-040 main_override.tf:2-2"}; !reflect.DeepEqual(findings, want) {
		t.Errorf("findings %v, want %v", findings, want)
	}
}

// A registry module installed by terraform init is read from
// .terraform/modules, by the key modules.json gives each call (nested
// remote calls included); a remote call that was not installed is a
// warning on the call, not an error and not a silent pass.
func TestInstalledRemoteModules(t *testing.T) {
	files := map[string]string{
		"prod/main.tf": `module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "5.0.0"
  encrypt = false
}

module "missing" {
  source = "git::https://example.com/x.git"
}
`,
		"prod/.terraform/modules/modules.json": `{"Modules":[{"Key":"","Source":"","Dir":"."},` +
			`{"Key":"vpc","Source":"registry.terraform.io/terraform-aws-modules/vpc/aws","Version":"5.0.0","Dir":".terraform/modules/vpc"},` +
			`{"Key":"vpc.logs","Source":"registry.terraform.io/acme/logs/aws","Version":"1.0.0","Dir":".terraform/modules/vpc.logs"}]}`,
		"prod/.terraform/modules/vpc/main.tf": `variable "encrypt" {
  default = true
}

resource "aws_ebs_volume" "v" {
  size      = 1
  encrypted = var.encrypt
}

module "logs" {
  source = "acme/logs/aws"
}
`,
		"prod/.terraform/modules/vpc.logs/main.tf": `resource "aws_ebs_volume" "l" {
  size      = 1
  encrypted = false
}
`,
	}
	fsys := memFS(files)
	res := terraform.New().Scan(context.Background(), fsys, []string{"prod/main.tf"})
	if len(res) != 1 {
		t.Fatalf("%d results", len(res))
	}
	r := res[0]
	if len(r.Errors) != 0 {
		t.Fatalf("errors %v", r.Errors)
	}
	got := map[string]any{}
	for _, d := range r.Documents {
		got[d.Address] = d.Resource["encrypted"]
	}
	want := map[string]any{"prod:module.vpc.aws_ebs_volume.v": false, "prod:module.vpc.module.logs.aws_ebs_volume.l": false}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("documents %v, want %v", got, want)
	}
	if len(r.Warnings) != 1 || r.Warnings[0].Line != 8 || !strings.Contains(r.Warnings[0].Error(), `module "missing"`) ||
		!strings.Contains(r.Warnings[0].Error(), "terraform init") {
		t.Errorf("warnings %v, want one on the uninstalled call at line 8", r.Warnings)
	}
}
