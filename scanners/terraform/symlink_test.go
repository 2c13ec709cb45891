package terraform_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/tollgate/tollgate/internal/scantest"
	"github.com/tollgate/tollgate/scanners"
	"github.com/tollgate/tollgate/scanners/terraform"
)

// tree writes files (and, for values starting with "->", symbolic links
// to the rest of the value) under dir.
func tree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if target, ok := strings.CutPrefix(content, "->"); ok {
			if err := os.Symlink(target, p); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func openRoot(t *testing.T, dir string) *scanners.RootFS {
	t.Helper()
	fsys, err := scanners.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { fsys.Close() })
	return fsys
}

const openSSH = `variable "cidr" { default = "10.0.0.0/8" }
resource "aws_security_group" "s" {
  name = "s"
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = [var.cidr]
  }
}
`

// TestSymlinkedFilesInTheScannedTree is D04 as reported, through the
// walker: a terraform.tfvars and a .tf file that are links to files inside
// the scan root are read, as Terraform reads them.
func TestSymlinkedFilesInTheScannedTree(t *testing.T) {
	root := t.TempDir()
	tree(t, root, map[string]string{
		"infra/main.tf":          openSSH,
		"stash/prod.txt":         `cidr = "0.0.0.0/0"`,
		"stash/extra.txt":        `resource "aws_s3_bucket" "linked" { acl = "public-read" }`,
		"infra/terraform.tfvars": "->../stash/prod.txt",
		"infra/extra.tf":         "->../stash/extra.txt",
	})
	w, err := scanners.Walk(context.Background(), root, []string{root}, []scanners.FileScanner{terraform.New()})
	if err != nil {
		t.Fatal(err)
	}
	docs := documents(t, w.Results)
	sg := docs["infra:aws_security_group.s"]
	if c := scantest.At(t, sg.Resource, "ingress", 0, "cidr_blocks"); !reflect.DeepEqual(c, []any{"0.0.0.0/0"}) {
		t.Errorf("cidr_blocks = %#v, want the value of the linked terraform.tfvars", c)
	}
	if got := scantest.Findings(t, []scanners.Document{sg}, scantest.Rules("TG-AWS-002")); !reflect.DeepEqual(got, []string{"TG-AWS-002 infra/main.tf:8-8"}) {
		t.Errorf("findings %q", got)
	}
	if b := docs["infra:aws_s3_bucket.linked"]; b.Path != "infra/extra.tf" || b.Resource["acl"] != "public-read" {
		t.Errorf("the linked .tf file: %v (documents %v)", b.Resource, addresses(docs))
	}
}

// TestSymlinksInAModuleDirectory: the loader lists a called module's
// directory itself; its links are followed through the root's file system.
func TestSymlinksInAModuleDirectory(t *testing.T) {
	root, outside := t.TempDir(), t.TempDir()
	tree(t, outside, map[string]string{"out.tf": `resource "aws_s3_bucket" "outside" {}`})
	tree(t, root, map[string]string{
		"main.tf": `module "m" {
  source = "./mod"
}
`,
		"mod/main.tf":     `resource "aws_s3_bucket" "main" {}`,
		"lib/linked.txt":  `resource "aws_s3_bucket" "linked" { acl = "public-read" }`,
		"mod/linked.tf":   "->../lib/linked.txt",
		"mod/out.tf":      "->" + filepath.Join(outside, "out.tf"),
		"mod/dangling.tf": "->../lib/nowhere.tf",
		"mod/dir.tf/x":    "not a module file",
	})
	res := terraform.New().Scan(context.Background(), openRoot(t, root), []string{"main.tf"})
	var addrs []string
	for _, d := range res[0].Documents {
		addrs = append(addrs, d.Address+" "+d.Path)
	}
	want := []string{"module.m.aws_s3_bucket.linked mod/linked.tf", "module.m.aws_s3_bucket.main mod/main.tf"}
	if !reflect.DeepEqual(addrs, want) {
		t.Errorf("documents %q, want %q", addrs, want)
	}
	errs := map[string]*scanners.FileError{}
	for _, e := range res[0].Errors {
		errs[e.Path] = e
	}
	if len(errs) != 2 {
		t.Fatalf("errors %q, want one for each link that cannot be followed", errorLines(res))
	}
	if e := errs["mod/out.tf"]; e == nil || !errors.Is(e, scanners.ErrOutsideRoot) || !strings.Contains(e.Error(), "mod/out.tf is a symbolic link") {
		t.Errorf("mod/out.tf: %v, want an error naming the link out of the root", e)
	}
	if e := errs["mod/dangling.tf"]; e == nil || !errors.Is(e, os.ErrNotExist) {
		t.Errorf("mod/dangling.tf: %v, want a missing file", e)
	}
}

// TestModuleSourceThroughASymlink: a module directory reached through a
// link inside the root is read; one leading out of the root is an error at
// the module call's source.
func TestModuleSourceThroughASymlink(t *testing.T) {
	root, outside := t.TempDir(), t.TempDir()
	tree(t, outside, map[string]string{"main.tf": `resource "aws_s3_bucket" "outside" {}`})
	tree(t, root, map[string]string{
		"main.tf": `module "in" {
  source = "./link-in"
}

module "out" {
  source = "./link-out"
}
`,
		"modules/real/main.tf": `resource "aws_s3_bucket" "real" { acl = "public-read" }`,
		"link-in":              "->modules/real",
		"link-out":             "->" + outside,
	})
	res := terraform.New().Scan(context.Background(), openRoot(t, root), []string{"main.tf"})
	if len(res[0].Documents) != 1 {
		t.Fatalf("%d documents, want the linked module's bucket", len(res[0].Documents))
	}
	if d := res[0].Documents[0]; d.Address != "module.in.aws_s3_bucket.real" || d.Path != "link-in/main.tf" || d.Resource["acl"] != "public-read" {
		t.Errorf("document %s from %s: %v", d.Address, d.Path, d.Resource)
	}
	wantError(t, res, "main.tf", 6, `module source "./link-out"`, "outside the scan root", "link-out is a symbolic link")
}
