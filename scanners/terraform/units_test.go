package terraform

import (
	"reflect"
	"slices"
	"testing"
	"testing/fstest"
)

func TestUnitsFollowLocalCalls(t *testing.T) {
	// A unit is a root with the scanned directories it calls; a module is
	// never a unit of its own.
	fsys := fstest.MapFS{
		// app calls modules/a, which calls modules/b: one configuration.
		"app/main.tf":       {Data: []byte("module \"a\" {\n  source = \"../modules/a\"\n}\n")},
		"app/vars.tf":       {Data: []byte("variable \"x\" {}\n")},
		"modules/a/main.tf": {Data: []byte("module \"b\" {\n  source=\"../b/\"\n}\n")},
		"modules/b/main.tf": {Data: []byte("resource \"aws_s3_bucket\" \"b\" {}\n")},
		// standalone.
		"other/main.tf": {Data: []byte("resource \"aws_s3_bucket\" \"o\" {}\n")},
		// svc (JSON) calls lib, which is not scanned, which calls other2.
		"svc/main.tf.json": {Data: []byte(`{"module": {"s": {"source": "../lib"}}}`)},
		"lib/main.tf":      {Data: []byte("module \"o2\" {\n  source = \"../other2\"\n}\n")},
		"other2/main.tf":   {Data: []byte("resource \"aws_s3_bucket\" \"o2\" {}\n")},
		// a source outside the root and a registry source join nothing.
		"edge/main.tf": {Data: []byte("module \"x\" {\n  source = \"../../outside\"\n}\nmodule \"y\" {\n  source = \"terraform-aws-modules/vpc/aws\"\n}\n")},
	}
	files := []string{"app/main.tf", "app/vars.tf", "modules/a/main.tf", "modules/b/main.tf", "other/main.tf",
		"svc/main.tf.json", "other2/main.tf", "edge/main.tf"}
	got := New().Units(fsys, files)
	want := [][]string{
		{"app/main.tf", "app/vars.tf", "modules/a/main.tf", "modules/b/main.tf"},
		{"edge/main.tf"},
		{"other/main.tf"},
		{"svc/main.tf.json", "other2/main.tf"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Units = %v\nwant %v", got, want)
	}
	// The same files in another order make the same units.
	rev := append([]string(nil), files...)
	for i, j := 0, len(rev)-1; i < j; i, j = i+1, j-1 {
		rev[i], rev[j] = rev[j], rev[i]
	}
	if got := New().Units(fsys, rev); !reflect.DeepEqual(got, want) {
		t.Errorf("Units of reversed files = %v", got)
	}
}

// TestUnitsShareCalledModules: two configurations calling one module are
// two units, each with the module, so neither waits for the other.
func TestUnitsShareCalledModules(t *testing.T) {
	fsys := fstest.MapFS{
		"a/main.tf":         {Data: []byte("module \"m\" {\n  source = \"../modules/m\"\n}\n")},
		"b/main.tf":         {Data: []byte("module \"m\" {\n  source = \"../modules/m\"\n}\n")},
		"modules/m/main.tf": {Data: []byte("resource \"aws_s3_bucket\" \"b\" {}\n")},
		"cycle/x/main.tf":   {Data: []byte("module \"y\" {\n  source = \"../y\"\n}\n")},
		"cycle/y/main.tf":   {Data: []byte("module \"x\" {\n  source = \"../x\"\n}\n")},
	}
	got := New().Units(fsys, []string{"a/main.tf", "b/main.tf", "modules/m/main.tf", "cycle/x/main.tf", "cycle/y/main.tf"})
	want := [][]string{
		{"a/main.tf", "modules/m/main.tf"},
		{"b/main.tf", "modules/m/main.tf"},
		{"cycle/x/main.tf", "cycle/y/main.tf"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Units = %v\nwant %v", got, want)
	}
}

func TestLocalSources(t *testing.T) {
	src := `module "a" {
  source = "./modules/a"
}
module "b" { source="../b" }
module "r" { source = "hashicorp/consul/aws" }
resource "aws_lambda_function" "f" {
  source_code_hash = "./not-a-module"
  data_source      = "./neither"
}
{"module": {"c": {"source":
   "./c"}}}
`
	var got []string
	for _, m := range localSources([]byte(src)) {
		got = append(got, string(m))
	}
	want := []string{"./modules/a", "../b", "./c"}
	if !slices.Equal(got, want) {
		t.Errorf("localSources = %q, want %q", got, want)
	}
}
