package tollgate

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tollgate/tollgate/report"
)

func TestExceptions(t *testing.T) {
	now := func() time.Time { return time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC) }
	res := scan(t, Options{Root: "testdata/exceptions", Targets: []string{"testdata/exceptions"},
		ConfigPath: "testdata/exceptions/tollgate.yaml", Now: now})
	rep := res.Report
	got := map[string]report.Finding{}
	for _, f := range rep.Findings {
		got[f.RuleID+" "+f.Resource] = f
	}
	site, legacy, ebs := got["TG-AWS-001 aws_s3_bucket.site"], got["TG-AWS-010 aws_db_instance.legacy"], got["TG-AWS-011 aws_ebs_volume.scratch"]
	if s := site.Suppression; s == nil || s.Kind != "inline" || s.Source != "main.tf:1" || s.Owner != "web-team" {
		t.Errorf("TG-AWS-001 written above the resource: suppression %+v", s)
	}
	if legacy.Suppression != nil {
		t.Errorf("an expired inline exception still suppresses TG-AWS-010: %+v", legacy.Suppression)
	}
	if ebs.Suppression != nil {
		t.Errorf("an inline exception without reason suppresses: %+v", ebs.Suppression)
	}
	if s := got["TG-AWS-020 aws_db_instance.legacy"].Suppression; s == nil || s.Kind != "config" || s.Source != "testdata/exceptions/tollgate.yaml:7" {
		t.Errorf("config exception: suppression %+v", s)
	}
	status := map[string]string{}
	for _, e := range rep.Exceptions {
		status[e.Source] = e.Status
	}
	want := map[string]string{
		"main.tf:1": report.ExceptionUsed, "main.tf:8": report.ExceptionExpired,
		"testdata/exceptions/tollgate.yaml:7": report.ExceptionUsed, "testdata/exceptions/tollgate.yaml:11": report.ExceptionUnused,
	}
	for src, st := range want {
		if status[src] != st {
			t.Errorf("exception %s: status %q, want %q (all: %v)", src, status[src], st, status)
		}
	}
	if len(rep.Errors) != 1 || rep.Errors[0].Path != "main.tf" || rep.Errors[0].Line != 15 {
		t.Errorf("errors %+v, want the reason-less exception at main.tf:15", rep.Errors)
	}
	if rep.Summary.Suppressed != 2 || rep.Summary.Result != report.ResultError {
		t.Errorf("summary %+v", rep.Summary)
	}

	// Forbidding inline exceptions: the comments are reported, not applied.
	res = scan(t, Options{Root: "testdata/exceptions", Targets: []string{"testdata/exceptions"}, NoInlineExceptions: true, Now: now})
	for _, f := range res.Report.Findings {
		if f.Suppression != nil {
			t.Errorf("%s suppressed with inline exceptions forbidden", f.RuleID)
		}
	}
	for _, e := range res.Report.Exceptions {
		if e.Status != report.ExceptionIgnored {
			t.Errorf("exception %s: status %s, want ignored", e.Source, e.Status)
		}
	}
}

func TestConfigThresholdAndParams(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "main.tf"), []byte("resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"b\"\n}\n"), 0o644)
	os.WriteFile(filepath.Join(dir, ".tollgate.yaml"), []byte("fail_on: {default: critical, encryption: medium}\n"), 0o644)
	res := scan(t, Options{Root: dir, Targets: []string{dir}})
	if res.ExitCode() != ExitFailed || len(res.Report.Summary.Tripped) != 1 || res.Report.Summary.Tripped[0] != "encryption=medium" {
		t.Errorf("exit %d, summary %+v: want encryption=medium tripped by TG-AWS-012", res.ExitCode(), res.Report.Summary)
	}
	// The flag overrides the config file.
	res = scan(t, Options{Root: dir, Targets: []string{dir}, FailOn: "critical"})
	if res.ExitCode() != ExitPassed {
		t.Errorf("--fail-on critical over the config: exit %d", res.ExitCode())
	}
	os.WriteFile(filepath.Join(dir, ".tollgate.yaml"), []byte("fail_on: high\nexceptionz: []\n"), 0o644)
	if _, err := Scan(t.Context(), Options{Root: dir, Targets: []string{dir}}); err == nil {
		t.Error("a misspelt config key is not an error")
	}
}

func TestBaseline(t *testing.T) {
	first := scan(t, Options{Targets: []string{"testdata/terraform/fail"}})
	dir := t.TempDir()
	for _, format := range []string{"json", "sarif"} {
		path := filepath.Join(dir, "previous."+format)
		if err := report.WriteAll(first.Report, []report.Output{{Format: format, Path: path}}, nil); err != nil {
			t.Fatal(err)
		}
		res := scan(t, Options{Targets: []string{"testdata/terraform/fail"}, Baseline: path})
		if res.ExitCode() != ExitPassed || res.Report.Summary.Baselined != len(first.Report.Findings) {
			t.Errorf("%s baseline: exit %d, summary %+v; want every finding known", format, res.ExitCode(), res.Report.Summary)
		}
	}
	// A new finding fails the gate even with the baseline.
	var prev report.Report
	b, _ := json.Marshal(first.Report)
	json.Unmarshal(b, &prev)
	prev.Findings = prev.Findings[1:]
	path := filepath.Join(dir, "partial.json")
	report.WriteAll(&prev, []report.Output{{Format: "json", Path: path}}, nil)
	res := scan(t, Options{Targets: []string{"testdata/terraform/fail"}, Baseline: path, FailOn: "low"})
	if res.ExitCode() != ExitFailed || res.Report.Summary.Baselined != len(first.Report.Findings)-1 {
		t.Errorf("partial baseline: exit %d summary %+v", res.ExitCode(), res.Report.Summary)
	}
}

func TestMisspeltCategoryIsAUsageError(t *testing.T) {
	_, err := Scan(t.Context(), Options{Targets: []string{"testdata/terraform/pass"}, FailOn: "none,encyption=low"})
	var ue *UsageError
	if !errors.As(err, &ue) || !strings.Contains(err.Error(), "encyption") {
		t.Errorf("err %v, want a usage error naming the category", err)
	}
}

func TestParseThreshold(t *testing.T) {
	for in, want := range map[string]string{
		"": "high", "HIGH": "high", "none": "none", "encryption=medium,access=high": "high,access=high,encryption=medium",
		"low,audit=none": "low,audit=none",
	} {
		th, err := ParseThreshold(in)
		if err != nil || th.String() != want {
			t.Errorf("ParseThreshold(%q) = %q, %v; want %q", in, th.String(), err, want)
		}
	}
	for _, bad := range []string{"severe", "=high", "encryption=hi", "high,high", "access=low,access=high"} {
		if _, err := ParseThreshold(bad); err == nil {
			t.Errorf("ParseThreshold(%q): no error", bad)
		}
	}
}

// TestExceptionNamesTheResourceAsTerraformDoes: scanned from above its
// module, a resource's address is qualified with the module's directory;
// an exception may still name it as Terraform does.
func TestExceptionNamesTheResourceAsTerraformDoes(t *testing.T) {
	res := scan(t, Options{Root: ".", Targets: []string{"testdata/exceptions"}, ConfigPath: "testdata/exceptions/tollgate.yaml",
		Now: func() time.Time { return time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC) }})
	for _, f := range res.Report.Findings {
		if f.RuleID == "TG-AWS-020" {
			if f.Resource != "testdata/exceptions:aws_db_instance.legacy" || f.Suppression == nil {
				t.Errorf("TG-AWS-020 on %s: suppression %+v", f.Resource, f.Suppression)
			}
			return
		}
	}
	t.Error("no TG-AWS-020 finding")
}
