package tollgate

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/tollgate/tollgate/report"
)

// TestSharedModuleIsOneTarget scans two configurations that call one module:
// the module is read with each (its bucket is reported once per call, at
// the module's line, with each call as related location), and listed once.
func TestSharedModuleIsOneTarget(t *testing.T) {
	dir := t.TempDir()
	for p, src := range map[string]string{
		"a/main.tf":         "module \"m\" {\n  source = \"../modules/m\"\n}\n",
		"b/main.tf":         "module \"m\" {\n  source = \"../modules/m\"\n}\n",
		"modules/m/main.tf": "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"x\"\n  acl    = \"public-read\"\n}\n",
	} {
		os.MkdirAll(filepath.Join(dir, filepath.Dir(p)), 0o755)
		if err := os.WriteFile(filepath.Join(dir, p), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res, err := Scan(context.Background(), Options{Root: dir, Targets: []string{dir}, FailOn: "none", Select: Selection{Rules: []string{"TG-AWS-001"}}})
	if err != nil {
		t.Fatal(err)
	}
	rep := res.Report
	var module []report.Target
	for _, tg := range rep.Targets {
		if tg.Path == "modules/m/main.tf" {
			module = append(module, tg)
		}
	}
	if len(module) != 1 || module[0].Resources != 2 || module[0].Status != report.StatusScanned {
		t.Errorf("module targets %+v, want one, scanned, with 2 resources (one per call)", module)
	}
	if rep.Summary.FilesScanned != 3 {
		t.Errorf("files scanned %d, want 3", rep.Summary.FilesScanned)
	}
	calls := map[string]bool{}
	for _, f := range rep.Findings {
		if f.Location.Path != "modules/m/main.tf" || len(f.Related) != 1 {
			t.Errorf("finding %s at %s related %v", f.RuleID, f.Location.Path, f.Related)
			continue
		}
		calls[f.Related[0].Location.Path] = true
	}
	if len(rep.Findings) != 2 || !calls["a/main.tf"] || !calls["b/main.tf"] {
		t.Errorf("%d findings from calls %v, want one per call from a/ and b/", len(rep.Findings), calls)
	}
}
