package gen

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"gopkg.in/yaml.v3"
)

// readTree maps every file under dir, by slash path, to its content.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestWriteIsDeterministic(t *testing.T) {
	o := Options{TF: 60, K8s: 15, Seed: 7}
	a, b := t.TempDir(), t.TempDir()
	if _, err := Write(a, o); err != nil {
		t.Fatal(err)
	}
	if _, err := Write(b, o); err != nil {
		t.Fatal(err)
	}
	ta, tb := readTree(t, a), readTree(t, b)
	if len(ta) != len(tb) {
		t.Fatalf("same seed: %d files, then %d", len(ta), len(tb))
	}
	for p, data := range ta {
		if !bytes.Equal(data, tb[p]) {
			t.Fatalf("same seed: %s differs", p)
		}
	}
	c := t.TempDir()
	if _, err := Write(c, Options{TF: 60, K8s: 15, Seed: 8}); err != nil {
		t.Fatal(err)
	}
	same := 0
	for p, data := range readTree(t, c) {
		if bytes.Equal(data, ta[p]) {
			same++
		}
	}
	if same > len(sharedModules) {
		t.Errorf("another seed wrote %d identical files: the seed does not choose the corpus", same)
	}
}

// TestWriteCounts checks the counts asked for and reported, and that every
// file is valid HCL or YAML of Kubernetes objects.
func TestWriteCounts(t *testing.T) {
	dir := t.TempDir()
	st, err := Write(dir, Options{TF: 120, K8s: 30, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	var tf, k8s, resources, objects, calls int
	var size int64
	for p, data := range readTree(t, dir) {
		size += int64(len(data))
		switch {
		case strings.HasSuffix(p, ".tf"):
			tf++
			f, diags := hclsyntax.ParseConfig(data, p, hcl.InitialPos)
			if diags.HasErrors() {
				t.Fatalf("%s: %v", p, diags)
			}
			for _, blk := range f.Body.(*hclsyntax.Body).Blocks {
				switch blk.Type {
				case "resource":
					resources++
				case "module":
					calls++
				}
			}
		case strings.HasSuffix(p, ".yaml"):
			k8s++
			dec := yaml.NewDecoder(bytes.NewReader(data))
			for {
				var obj struct {
					APIVersion string `yaml:"apiVersion"`
					Kind       string `yaml:"kind"`
					Metadata   struct{ Name string }
				}
				err := dec.Decode(&obj)
				if errors.Is(err, io.EOF) {
					break
				}
				if err != nil {
					t.Fatalf("%s: %v", p, err)
				}
				if obj.APIVersion == "" || obj.Kind == "" || obj.Metadata.Name == "" {
					t.Fatalf("%s: object %d has no apiVersion, kind or name", p, objects)
				}
				objects++
			}
		default:
			t.Errorf("unexpected file %s", p)
		}
	}
	want := Stats{TFFiles: 120, K8sFiles: 30, RootModules: st.RootModules, ModuleCalls: calls, Resources: resources, Objects: objects, Bytes: size}
	if st != want || tf != 120 || k8s != 30 {
		t.Errorf("stats %+v, found %d .tf and %d .yaml files: %+v", st, tf, k8s, want)
	}
	if st.RootModules < 120/6 || calls == 0 {
		t.Errorf("%d root modules, %d module calls: the files are not spread over modules calling shared ones", st.RootModules, calls)
	}
	if avg := float64(resources) / 120; avg < 8 || avg > 13 {
		t.Errorf("%.1f resources a file, want about 10", avg)
	}
}

// TestWriteMixesCompliance checks that compliant and non-compliant settings
// both occur, about as often.
func TestWriteMixesCompliance(t *testing.T) {
	dir := t.TempDir()
	if _, err := Write(dir, Options{TF: 200, K8s: 200, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	var all strings.Builder
	for _, data := range readTree(t, dir) {
		all.Write(data)
	}
	text := all.String()
	for _, pair := range [][2]string{
		{`http_tokens                 = "required"`, `http_tokens                 = "optional"`},
		{`enable_key_rotation     = true`, `enable_key_rotation     = false`},
		{`protocol          = "HTTPS"`, `protocol          = "HTTP"`},
		{"@sha256:", ":latest\n"},
	} {
		good, bad := strings.Count(text, pair[0]), strings.Count(text, pair[1])
		if good == 0 || bad == 0 || good > 6*bad || bad > 6*good {
			t.Errorf("%q %d times, %q %d times: want both, about as often", pair[0], good, pair[1], bad)
		}
	}
}

func TestWriteRefuses(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "x"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Write(dir, Options{TF: 50}); err == nil || !strings.Contains(err.Error(), "not empty") {
		t.Errorf("a non-empty directory: %v", err)
	}
	if _, err := Write(t.TempDir(), Options{TF: MinTF - 1}); err == nil {
		t.Errorf("%d Terraform files: no error", MinTF-1)
	}
	if _, err := Write(t.TempDir(), Options{TF: MinTF, K8s: -1}); err == nil {
		t.Error("negative Kubernetes files: no error")
	}
	if _, err := Write(filepath.Join(t.TempDir(), "new"), Options{TF: MinTF}); err != nil {
		t.Errorf("a new directory: %v", err)
	}
}
