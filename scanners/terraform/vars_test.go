package terraform_test

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/tollgate/tollgate/internal/scantest"
	"github.com/tollgate/tollgate/scanners"
	"github.com/tollgate/tollgate/scanners/terraform"
)

var varsFS = map[string]string{
	"main.tf": `variable "acl" {
  default = "private"
}

variable "days" {
  type    = number
  default = 1
}

variable "cidrs" {
  type    = list(string)
  default = []
}

variable "raw" {}

variable "flag" {
  type    = bool
  default = false
}

variable "obj" {
  type    = object({ name = string, size = optional(number, 10) })
  default = { name = "d" }
}

resource "t" "n" {
  acl   = var.acl
  days  = var.days
  cidrs = var.cidrs
  raw   = var.raw
  flag  = var.flag
  obj   = var.obj
}

module "m" {
  source = "./m"
}
`,
	"terraform.tfvars": "acl  = \"from-terraform-tfvars\"\ndays = 2\n",
	"a.auto.tfvars":    "acl = \"from-auto-tfvars\"\n",
	"envs/prod.tfvars": "acl  = \"from-var-file\"\ndays = \"3\"\n",
	"envs/bad.tfvars":  "days = \"many\"\nacl  = upper(\"x\")\n",
	"m/main.tf": `variable "acl" {
  default = "module-default"
}

resource "t" "m" {
  acl = var.acl
}
`,
}

// rootFiles are the scanned files: the root module only.
var rootFiles = []string{"main.tf", "terraform.tfvars", "a.auto.tfvars"}

func scanWith(t *testing.T, opts ...terraform.Option) []scanners.Result {
	t.Helper()
	return terraform.New(opts...).Scan(context.Background(), memFS(varsFS), rootFiles)
}

func TestVarFilesAndVars(t *testing.T) {
	docs := documents(t, scanWith(t,
		terraform.WithVarFiles("envs/prod.tfvars"),
		terraform.WithVars(map[string]string{"cidrs": `["10.0.0.0/8"]`, "raw": "[1, 2]", "flag": "true"}),
	))
	n := docs["t.n"].Resource
	for k, want := range map[string]any{
		"acl":   "from-var-file",                         // the var file comes after the auto tfvars
		"days":  3,                                       // "3" converted to the variable's type
		"cidrs": []any{"10.0.0.0/8"},                     // -var parsed as HCL for a list
		"raw":   "[1, 2]",                                // -var taken literally without a type
		"flag":  true,                                    // "true" converted to bool
		"obj":   map[string]any{"name": "d", "size": 10}, // optional attribute default
	} {
		got := n[k]
		if m, ok := got.(map[string]any); ok {
			delete(m, scanners.LocKey)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s = %#v, want %#v", k, got, want)
		}
	}
	if l := scantest.Lines(t, n, "acl"); l != [2]int{28, 28} {
		t.Errorf("acl lines %v: values come from elsewhere, lines from the resource", l)
	}
	if acl := docs["module.m.t.m"].Resource["acl"]; acl != "module-default" {
		t.Errorf("module acl = %#v: var files and -var apply to root modules only", acl)
	}

	// Without options: Terraform's own files only.
	docs = documents(t, scanWith(t))
	if n := docs["t.n"].Resource; n["acl"] != "from-auto-tfvars" || n["days"] != 2 || !reflect.DeepEqual(n["cidrs"], []any{}) {
		t.Errorf("acl %#v days %#v cidrs %#v", n["acl"], n["days"], n["cidrs"])
	}
	unknown(t, docs["t.n"].Resource, "raw") // no default, no value
}

func TestVarFileAndVarErrors(t *testing.T) {
	res := scanWith(t,
		terraform.WithVarFiles("envs/bad.tfvars", "nope.tfvars", "../up.tfvars"),
		terraform.WithVars(map[string]string{"cidrs": "[unclosed", "undeclared": "x"}),
	)
	var got []string
	for _, r := range res {
		for _, e := range r.Errors {
			got = append(got, r.Path+": "+e.Error())
		}
	}
	want := []string{
		`main.tf: nope.tfvars: file does not exist`,
		`main.tf: ../up.tfvars: var file is not in the scanned tree`,
		`main.tf: envs/bad.tfvars:2: Function calls not allowed: Functions may not be called here.`,
		`main.tf: envs/bad.tfvars:1: invalid value for variable "days": a number is required`,
		`main.tf: -var cidrs: invalid value for variable "cidrs": Unterminated tuple constructor expression: There is no corresponding closing bracket before the end of the file. This may be caused by incorrect bracket nesting elsewhere in this file.`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors\n got %q\nwant %q", got, want)
	}
	n := res[0].Documents[0].Resource
	// Terraform would stop; an invalid value is unknown, never an earlier one.
	for _, k := range []string{"days", "acl", "cidrs"} {
		unknown(t, n, k)
	}
	if n["flag"] != false {
		t.Errorf("flag = %#v: other values are unaffected", n["flag"])
	}
}

// Terraform 0.12 to 0.14 read the 0.11 quoted type constraints with a
// deprecation warning: so does the scanner, instead of failing the module,
// and the variable's value still reaches the resource.
func TestQuotedTypeConstraintIsAWarning(t *testing.T) {
	results := scanFiles(t, map[string]string{"main.tf": `variable "name" {
  type    = "string"
  default = "logs"
}

variable "tags" {
  type    = "map"
  default = { team = "web" }
}

variable "zones" {
  type    = "list"
  default = ["a", "b"]
}

resource "aws_s3_bucket" "b" {
  bucket = "${var.name}"
  tags   = var.tags
}
`})
	res := results[0]
	if len(res.Errors) != 0 {
		t.Fatalf("errors: %v", res.Errors)
	}
	var got []string
	for _, w := range res.Warnings {
		got = append(got, fmt.Sprintf("%s:%d", w.Path, w.Line))
		if !strings.Contains(w.Error(), "quoted type constraint") {
			t.Errorf("warning %q does not say what is deprecated", w)
		}
	}
	if want := []string{"main.tf:2", "main.tf:7", "main.tf:12"}; !reflect.DeepEqual(got, want) {
		t.Errorf("warnings at %v, want %v", got, want)
	}
	if len(res.Documents) != 1 {
		t.Fatalf("%d documents, want the bucket", len(res.Documents))
	}
	b := res.Documents[0].Resource
	if b["bucket"] != "logs" || scantest.At(t, b, "tags", "team") != "web" {
		t.Errorf("bucket %v, tags %v: the variables' defaults did not reach the resource", b["bucket"], b["tags"])
	}
}
