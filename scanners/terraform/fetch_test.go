package terraform_test

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tollgate/tollgate/internal/scantest"
	"github.com/tollgate/tollgate/scanners"
	"github.com/tollgate/tollgate/scanners/fetch"
	"github.com/tollgate/tollgate/scanners/terraform"
)

// moduleHost is a Terraform module registry, an archive host and a git
// server over HTTPS, on the loopback interface: the registry protocol
// (service discovery, versions, download with X-Terraform-Get), archives
// as GitHub serves them, and git's own smart HTTP server (git
// http-backend). The scan itself runs no program: go-git clones in
// process.
type moduleHost struct {
	srv      *httptest.Server
	archives map[string][]byte
	gets     map[string]int
}

func newModuleHost(t *testing.T, repos map[string]map[string]string) *moduleHost {
	t.Helper()
	h := &moduleHost{archives: map[string][]byte{}, gets: map[string]int{}}
	mux := map[string]http.Handler{
		"/.well-known/terraform.json": http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprint(w, `{"modules.v1": "/v1/modules/"}`)
		}),
		"/v1/modules/acme/bucket/aws/versions": http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprint(w, `{"modules": [{"versions": [{"version": "1.0.0"}, {"version": "1.2.0"}, {"version": "2.0.0"}, {"version": "1.3.0-beta1"}]}]}`)
		}),
		"/v1/modules/acme/bucket/aws/1.2.0/download": http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("X-Terraform-Get", "/archives/bucket-1.2.0.tar.gz")
			w.WriteHeader(http.StatusNoContent)
		}),
		"/archives/": http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			h.gets[r.URL.Path]++
			data, ok := h.archives[strings.TrimPrefix(r.URL.Path, "/archives/")]
			if !ok {
				http.NotFound(w, r)
				return
			}
			w.Write(data)
		}),
	}
	h.srv = scantest.GitServer(t, repos, "v1.0.0", mux)
	return h
}

func (h *moduleHost) host() string { return strings.TrimPrefix(h.srv.URL, "https://") }

// id is how reports name the host in a package's path.
func (h *moduleHost) id() string { return strings.ReplaceAll(h.host(), ":", "_") }

func (h *moduleHost) fetcher(t *testing.T) *fetch.Getter { return scantest.Getter(t, h.srv) }

type entry struct {
	name, body string
	link       bool
}

func tarGz(t *testing.T, entries ...entry) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(zw)
	for _, e := range entries {
		h := &tar.Header{Name: e.name, Mode: 0o644, Size: int64(len(e.body)), Typeflag: tar.TypeReg}
		if e.link {
			h = &tar.Header{Name: e.name, Linkname: e.body, Typeflag: tar.TypeSymlink}
		}
		if err := tw.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
		if !e.link {
			tw.Write([]byte(e.body))
		}
	}
	tw.Close()
	zw.Close()
	return buf.Bytes()
}

func zipOf(t *testing.T, entries ...entry) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		w, err := zw.Create(e.name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(e.body))
	}
	zw.Close()
	return buf.Bytes()
}

const publicBucket = `resource "aws_s3_bucket" "this" {
  bucket = var.name
  acl    = "public-read"
}

variable "name" {}

module "inner" {
  source = "./modules/inner"
}
`

const innerModule = `resource "aws_s3_bucket_public_access_block" "off" {
  bucket            = "x"
  block_public_acls = false
}
`

// TestDownloadModules: with a fetcher, remote module calls that terraform
// init did not install are downloaded as terraform init would (registry
// protocol and version constraints, HTTPS archives, git over HTTPS with a
// ref, //subdirectories) and their resources are checked, reported at
// their line in the package named by its source, with the call's location.
func TestDownloadModules(t *testing.T) {
	h := newModuleHost(t, map[string]map[string]string{"repo": {
		"modules/vpc/main.tf": "resource \"aws_default_security_group\" \"d\" {\n  vpc_id = \"vpc-1\"\n}\n",
		"README.md":           "x",
	}})
	h.archives["bucket-1.2.0.tar.gz"] = tarGz(t, entry{name: "main.tf", body: publicBucket}, entry{name: "modules/inner/main.tf", body: innerModule})
	h.archives["net.zip"] = zipOf(t, entry{name: "net/main.tf", body: "resource \"aws_subnet\" \"s\" {\n  vpc_id = \"v\"\n  map_public_ip_on_launch = true\n}\n"})
	main := fmt.Sprintf(`module "bucket" {
  source  = "%[1]s/acme/bucket/aws"
  version = "~> 1.0"
  name    = "logs"
}

module "vpc" {
  source = "git::https://%[1]s/git/repo.git//modules/vpc?ref=v1.0.0"
}

module "net" {
  source = "https://%[1]s/archives/net.zip//net"
}
`, h.host())
	f := h.fetcher(t)
	res := scanFiles(t, map[string]string{"main.tf": main}, terraform.WithModuleFetcher(f))
	docs := documents(t, res)
	for _, w := range res[0].Warnings {
		t.Errorf("warning: %v", w)
	}
	pkg := h.id() + "/acme/bucket/aws@1.2.0"
	b, ok := docs["module.bucket.aws_s3_bucket.this"]
	if !ok {
		t.Fatalf("registry module not read; documents: %v", keys(docs))
	}
	if b.Path != pkg+"/main.tf" || b.Resource["bucket"] != "logs" || b.Resource["acl"] != "public-read" {
		t.Errorf("bucket document %s: %v", b.Path, b.Resource)
	}
	if call := b.Resource[terraform.ModuleCallKey].(map[string]any); call["path"] != "main.tf" || call["start_line"] != 1 {
		t.Errorf("module call location %v", call)
	}
	if d, ok := docs["module.bucket.module.inner.aws_s3_bucket_public_access_block.off"]; !ok || d.Path != pkg+"/modules/inner/main.tf" {
		t.Errorf("local call inside the downloaded module: %+v", d.Path)
	}
	if d, ok := docs["module.vpc.aws_default_security_group.d"]; !ok || d.Path != h.id()+"/git/repo@v1.0.0/modules/vpc/main.tf" {
		t.Errorf("git module: %q (documents %v)", d.Path, keys(docs))
	}
	if d, ok := docs["module.net.aws_subnet.s"]; !ok || d.Resource["map_public_ip_on_launch"] != true {
		t.Errorf("zip module: %+v", d)
	}

	// A second scan with the same cache downloads nothing again.
	before := h.gets["/archives/bucket-1.2.0.tar.gz"]
	documents(t, scanFiles(t, map[string]string{"main.tf": main}, terraform.WithModuleFetcher(f)))
	if after := h.gets["/archives/bucket-1.2.0.tar.gz"]; after != before {
		t.Errorf("cached module downloaded again (%d then %d GETs)", before, after)
	}
}

// TestDownloadModuleFailures: a download asked for that fails is an error
// at the call (the module would otherwise pass unchecked); an archive that
// would write outside its directory or holds links is refused and writes
// nothing; a local call cannot climb out of the downloaded package; a
// source the fetcher does not handle stays a warning, as without downloads.
func TestDownloadModuleFailures(t *testing.T) {
	h := newModuleHost(t, nil)
	h.archives["slip.tar.gz"] = tarGz(t, entry{name: "../../evil.tf", body: "x"})
	h.archives["link.tar.gz"] = tarGz(t, entry{name: "main.tf", body: "/etc/passwd", link: true})
	h.archives["climb.tar.gz"] = tarGz(t, entry{name: "main.tf", body: "module \"up\" {\n  source = \"../../../../../other\"\n}\n"})
	for _, tc := range []struct {
		name, source, want string
		warning            bool
	}{
		{"missing", "https://" + h.host() + "/archives/none.tar.gz", "404", false},
		{"no such version", h.host() + "/acme/bucket/aws\"\n  version = \">= 3.0", "no version meets", false},
		{"zip slip", "https://" + h.host() + "/archives/slip.tar.gz", "leaves the module directory", false},
		{"link", "https://" + h.host() + "/archives/link.tar.gz", "is a link", false},
		{"s3", "s3::https://s3.amazonaws.com/bucket/mod.zip", "not downloaded by tollgate", true},
		{"plain http", "http://" + h.host() + "/archives/slip.tar.gz", "only https", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cache := t.TempDir()
			f := h.fetcher(t)
			f.CacheDir = filepath.Join(cache, "modules")
			src := "module \"m\" {\n  source = \"" + tc.source + "\"\n}\n"
			res := scanFiles(t, map[string]string{"main.tf": src}, terraform.WithModuleFetcher(f))
			list := res[0].Errors
			if tc.warning {
				list = res[0].Warnings
			}
			if len(list) != 1 || list[0].Line != 2 || !strings.Contains(list[0].Error(), tc.want) {
				t.Errorf("errors %v, warnings %v; want one %s containing %q at line 2", res[0].Errors, res[0].Warnings, map[bool]string{true: "warning", false: "error"}[tc.warning], tc.want)
			}
			if _, err := os.Stat(filepath.Join(cache, "evil.tf")); err == nil {
				t.Error("an archive wrote outside its directory")
			}
		})
	}
	t.Run("climbing out", func(t *testing.T) {
		f := h.fetcher(t)
		src := "module \"m\" {\n  source = \"https://" + h.host() + "/archives/climb.tar.gz\"\n}\n"
		res := scanFiles(t, map[string]string{"main.tf": src, "other/main.tf": "resource \"aws_s3_bucket\" \"mine\" {}\n"}, terraform.WithModuleFetcher(f))
		var errs []*scanners.FileError
		for _, r := range res {
			errs = append(errs, r.Errors...)
		}
		if len(errs) != 1 || !strings.Contains(errs[0].Error(), "leaves the downloaded module") {
			t.Errorf("errors %v", errs)
		}
	})
}

func keys(m map[string]scanners.Document) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
