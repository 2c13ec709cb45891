package tfplan_test

import (
	"context"
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/tollgate/tollgate/scanners"
	"github.com/tollgate/tollgate/scanners/tfplan"
)

// FuzzPlan fuzzes a plan whose configuration lies beside it: the reader
// never panics, never runs away, and every problem is a FileError naming a
// file.
func FuzzPlan(f *testing.F) {
	root := os.DirFS("../../testdata/tfplan")
	plans, _ := fs.Glob(root, "*/plan.json")
	if len(plans) == 0 {
		f.Fatal("no plan fixtures")
	}
	for _, p := range plans {
		b, err := fs.ReadFile(root, p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(sgPlan))
	config, err := fs.ReadFile(root, "hcl/main.tf")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		fsys := fstest.MapFS{
			"plan.json":   {Data: src},
			"main.tf":     {Data: config},
			"sg.tf.json":  {Data: []byte(`{"resource": {"aws_security_group": {"s": {"name": "s", "ingress": [{"from_port": 22}]}}}}`)},
			"mod/main.tf": {Data: []byte("resource \"aws_s3_bucket\" \"this\" {\n  bucket = \"b\"\n  versioning {\n    enabled = true\n  }\n}\n")},
		}
		start := time.Now()
		res := tfplan.New().Scan(context.Background(), fsys, []string{"plan.json"})
		if d := time.Since(start); d > 30*time.Second {
			t.Fatalf("the scan took %v", d)
		}
		if len(res) != 1 || res[0].Path != "plan.json" {
			t.Fatalf("results %+v", res)
		}
		for _, e := range res[0].Errors {
			if e == nil || e.Path == "" || e.Err == nil || e.Line < 0 {
				t.Errorf("error %#v: not a FileError naming a file", e)
			}
		}
		for _, d := range res[0].Documents {
			if d.Path == "" || d.Resource[scanners.LocKey] == nil || strings.TrimSpace(d.Address) == "" {
				t.Errorf("document %q without a location", d.Address)
			}
		}
	})
}
