package tollgate

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tollgate/tollgate/internal/testtools"
	"github.com/tollgate/tollgate/report"
)

// writeReadJSON writes r as its JSON report and reads it back with
// ReadReport, as tollgate merge reads a shard's artifact.
func writeReadJSON(t *testing.T, r *report.Report, path string) *report.Report {
	t.Helper()
	var buf bytes.Buffer
	if err := report.WriteJSON(&buf, r); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	back, err := ReadReport(path)
	if err != nil {
		t.Fatalf("ReadReport of a report tollgate wrote: %v", err)
	}
	return back
}

// renderAll renders r in every format.
func renderAll(t *testing.T, r *report.Report) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for _, f := range report.FormatNames() {
		var buf bytes.Buffer
		if err := report.Formats[f](&buf, r); err != nil {
			t.Fatalf("write %s: %v", f, err)
		}
		out[f] = buf.Bytes()
	}
	return out
}

// firstDiff shows the first line where two renderings part.
func firstDiff(a, b []byte) string {
	al, bl := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := 0; i < len(al) || i < len(bl); i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			return fmt.Sprintf("line %d:\n merged: %s\n  whole: %s", i+1, x, y)
		}
	}
	return "equal"
}

// TestMergeEqualsOneScan scans a tree whole, then in parts (each its own
// scan, written as JSON and read back as tollgate merge reads shards), and
// checks that the merged report is the whole scan's in every format:
// finding for finding with their fingerprints, exceptions, counts, the
// compliance view, the verdict and the exit code.
func TestMergeEqualsOneScan(t *testing.T) {
	iac := [][]string{
		{"testdata/terraform/fail", "testdata/terraform/modules", "testdata/exceptions"},
		{"testdata/kubernetes/fail", "testdata/kubernetes/syntax-error", "testdata/helm/basic", "testdata/kustomize/basic",
			"testdata/dockerfile/rootuser", "testdata/compose/app", "testdata/source/app"},
	}
	clean := [][]string{{"testdata/terraform/pass"}, {"testdata/kubernetes/pass"}}
	for _, tc := range []struct {
		name   string
		parts  [][]string
		images [][]string
		opts   Options
		merge  MergeOptions
		code   int
	}{
		// The inline exception without a reason and the YAML syntax error
		// are input errors: the scan fails closed, and so does the merge.
		{name: "input errors fail closed", parts: iac, code: ExitError,
			opts: Options{ConfigPath: "testdata/exceptions/tollgate.yaml"}},
		{name: "findings over the threshold", parts: iac, code: ExitFailed,
			opts:  Options{ConfigPath: "testdata/exceptions/tollgate.yaml", SkipErrors: true, Compliance: []string{"cis-aws-2.0", "nist-800-53"}},
			merge: MergeOptions{SkipErrors: true}},
		{name: "threshold given to the merge", parts: iac, code: ExitPassed,
			opts: Options{SkipErrors: true, FailOn: "none"}, merge: MergeOptions{SkipErrors: true, FailOn: "none"}},
		{name: "per-category threshold", parts: iac, code: ExitFailed,
			opts: Options{SkipErrors: true, FailOn: "critical,access=medium"}, merge: MergeOptions{SkipErrors: true, FailOn: "critical,access=medium"}},
		{name: "images", parts: [][]string{iac[0], nil}, images: [][]string{nil, {"oci-dir:testdata/image/oci/fail", "oci-dir:testdata/image/oci/pass"}},
			opts: Options{SkipErrors: true}, merge: MergeOptions{SkipErrors: true}, code: ExitFailed},
		{name: "clean", parts: clean, code: ExitPassed},
	} {
		t.Run(tc.name, func(t *testing.T) {
			all := tc.opts
			all.Root = "testdata"
			all.Targets, all.Images = nil, nil
			for i := range tc.parts {
				all.Targets = append(all.Targets, tc.parts[i]...)
				if tc.images != nil {
					all.Images = append(all.Images, tc.images[i]...)
				}
			}
			whole := scan(t, all)
			dir := t.TempDir()
			var shards []*report.Report
			var names []string
			for i := range tc.parts {
				o := all
				o.Targets, o.Images = tc.parts[i], nil
				if tc.images != nil {
					o.Images = tc.images[i]
				}
				part := scan(t, o)
				if len(part.Report.Targets) == 0 {
					t.Fatalf("part %d read nothing: the test checks nothing", i+1)
				}
				name := filepath.Join(dir, fmt.Sprintf("part-%d.json", i+1))
				names = append(names, name)
				shards = append(shards, writeReadJSON(t, part.Report, name))
			}
			tc.merge.Names = names
			merged, err := Merge(shards, tc.merge)
			if err != nil {
				t.Fatalf("Merge: %v", err)
			}
			if got, want := merged.ExitCode(), whole.ExitCode(); got != want || got != tc.code {
				t.Errorf("merged exit code %d, whole scan's %d, want %d", got, want, tc.code)
			}
			// A scan lists its exceptions in the order it met them; the
			// merge by source file and line.
			sortExceptions(whole.Report.Exceptions)
			got, want := renderAll(t, merged.Report), renderAll(t, whole.Report)
			for _, f := range report.FormatNames() {
				if !bytes.Equal(got[f], want[f]) {
					t.Errorf("%s report of the merge differs from the whole scan's at %s", f, firstDiff(got[f], want[f]))
				}
			}
			if err := testtools.ValidateJSON("sarif-2.1.0", got["sarif"]); err != nil {
				t.Errorf("merged SARIF is not valid against the official schema: %v", err)
			}
			sch, err := testtools.Schema(filepath.Join("report", "schema", "report.schema.json"), nil)
			if err != nil {
				t.Fatal(err)
			}
			if err := testtools.Validate(sch, got["json"]); err != nil {
				t.Errorf("merged JSON report is not valid against report.schema.json: %v", err)
			}
			if tc.code == ExitPassed && tc.parts[0][0] == "testdata/terraform/pass" {
				return
			}
			s := merged.Report.Summary
			if s.Findings == 0 || s.FilesScanned == 0 || s.Resources == 0 {
				t.Errorf("merged summary %+v: the test compares empty reports", s)
			}
		})
	}
}

// TestMergeDedupes: the same findings, errors, targets and images reported
// by two shards are one; a config exception unused in one shard and used
// in another is used, and its matches are added up.
func TestMergeDedupes(t *testing.T) {
	res := scan(t, Options{Targets: []string{"testdata/exceptions", "testdata/kubernetes/syntax-error"},
		ConfigPath: "testdata/exceptions/tollgate.yaml", SkipErrors: true})
	one := res.Report
	other := clone(t, one)
	// In the other shard, the exceptions matched none of its findings.
	for i := range other.Exceptions {
		other.Exceptions[i].Matched = 0
		if other.Exceptions[i].Status == report.ExceptionUsed {
			other.Exceptions[i].Status = report.ExceptionUnused
		}
	}
	merged, err := Merge([]*report.Report{other, one}, MergeOptions{SkipErrors: true})
	if err != nil {
		t.Fatal(err)
	}
	m := merged.Report
	if len(m.Findings) != len(one.Findings) || len(m.Errors) != len(one.Errors) || len(m.Targets) != len(one.Targets) {
		t.Errorf("merging a report with a copy of itself: %d findings, %d errors, %d targets; want %d, %d, %d",
			len(m.Findings), len(m.Errors), len(m.Targets), len(one.Findings), len(one.Errors), len(one.Targets))
	}
	if m.Summary.FilesScanned != one.Summary.FilesScanned || m.Summary.FilesFailed != one.Summary.FilesFailed ||
		m.Summary.Resources != one.Summary.Resources || m.Summary.Findings != one.Summary.Findings {
		t.Errorf("summary %+v, want the counts of %+v: a target two shards read is read once", m.Summary, one.Summary)
	}
	used := 0
	for _, e := range one.Exceptions {
		if e.Status == report.ExceptionUsed {
			used++
		}
	}
	if used == 0 {
		t.Fatal("the fixture uses no exception: the test checks nothing")
	}
	for i, e := range m.Exceptions {
		want := one.Exceptions[indexOfException(one.Exceptions, e)]
		if e.Status != want.Status || e.Matched != want.Matched {
			t.Errorf("exception %d (%s %s): %s, %d matched; want %s, %d", i, e.RuleID, e.Source, e.Status, e.Matched, want.Status, want.Matched)
		}
	}
}

func indexOfException(list []report.Exception, e report.Exception) int {
	for i, x := range list {
		if x.Suppression == e.Suppression && x.RuleID == e.RuleID {
			return i
		}
	}
	return -1
}

func clone(t *testing.T, r *report.Report) *report.Report {
	t.Helper()
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var c report.Report
	if err := json.Unmarshal(b, &c); err != nil {
		t.Fatal(err)
	}
	return &c
}

// TestMergeRefuses: reports that are not one scan's parts are an error
// naming them, never a verdict.
func TestMergeRefuses(t *testing.T) {
	base := scan(t, Options{Targets: []string{"testdata/terraform/fail"}, Compliance: []string{"cis-aws-2.0"}}).Report
	names := []string{"a.json", "b.json", "c.json"}
	shard := func(r *report.Report, i, n int) *report.Report {
		r.Summary.Shard = &report.Shard{Index: i, Total: n}
		return r
	}
	for _, tc := range []struct {
		name   string
		edit   func(a, b *report.Report) []*report.Report
		failOn string
		want   string
		differ bool
	}{
		{name: "tollgate versions", differ: true, want: "a.json is of tollgate dev and b.json of tollgate v9.9.9",
			edit: func(a, b *report.Report) []*report.Report { b.Tool.Version = "v9.9.9"; return []*report.Report{a, b} }},
		{name: "rule sets", differ: true, want: "a.json evaluated",
			edit: func(a, b *report.Report) []*report.Report { b.Summary.RulesEvaluated++; return []*report.Report{a, b} }},
		{name: "a rule changed", differ: true, want: "is not the same in a.json and b.json",
			edit: func(a, b *report.Report) []*report.Report {
				b.Rules[0].Severity = "info"
				return []*report.Report{a, b}
			}},
		{name: "compliance views", differ: true, want: "scan every shard with the same --compliance",
			edit: func(a, b *report.Report) []*report.Report { b.Compliance = nil; return []*report.Report{a, b} }},
		{name: "compliance mappings", differ: true, want: "map different rules",
			edit: func(a, b *report.Report) []*report.Report {
				b.Compliance[0].Controls[0].Rules = append(b.Compliance[0].Controls[0].Rules, "TG-XXX-999")
				return []*report.Report{a, b}
			}},
		{name: "a signed shard", want: "b.json: the shard was scanned with --sign",
			edit: func(a, b *report.Report) []*report.Report {
				b.Signing = &report.Signature{Skipped: "nothing signed"}
				return []*report.Report{a, b}
			}},
		{name: "thresholds", want: `a.json was gated at "high" and b.json at "medium": give merge --fail-on`,
			edit: func(a, b *report.Report) []*report.Report { b.Summary.FailOn = "medium"; return []*report.Report{a, b} }},
		{name: "unknown category", failOn: "high,encyption=low", want: `no rule has category "encyption"`,
			edit: func(a, b *report.Report) []*report.Report { return []*report.Report{a, b} }},
		{name: "schema version", want: `b.json: report version "2"`,
			edit: func(a, b *report.Report) []*report.Report { b.Version = "2"; return []*report.Report{a, b} }},
		{name: "a shard missing", differ: true, want: "shard 2/3 missing",
			edit: func(a, b *report.Report) []*report.Report { return []*report.Report{shard(a, 1, 3), shard(b, 3, 3)} }},
		{name: "a shard twice", differ: true, want: "a.json and b.json are both shard 1/2",
			edit: func(a, b *report.Report) []*report.Report { return []*report.Report{shard(a, 1, 2), shard(b, 1, 2)} }},
		{name: "shards of two scans", differ: true, want: "a.json is shard 1/2 and b.json shard 2/3",
			edit: func(a, b *report.Report) []*report.Report { return []*report.Report{shard(a, 1, 2), shard(b, 2, 3)} }},
		{name: "a shard and a whole scan", differ: true, want: "b.json is a shard and a.json a whole scan",
			edit: func(a, b *report.Report) []*report.Report { return []*report.Report{a, shard(b, 1, 1)} }},
		{name: "no shard", differ: true, want: "a.json: shard 0/2 is not a shard",
			edit: func(a, b *report.Report) []*report.Report { return []*report.Report{shard(a, 0, 2), shard(b, 2, 2)} }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Merge(tc.edit(clone(t, base), clone(t, base)), MergeOptions{Names: names, FailOn: tc.failOn})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Merge: %v, want an error containing %q", err, tc.want)
			}
			if got := errors.Is(err, ErrReportsDiffer); got != tc.differ {
				t.Errorf("errors.Is(%v, ErrReportsDiffer) = %t, want %t", err, got, tc.differ)
			}
			var ue *UsageError
			if !errors.As(err, &ue) {
				t.Errorf("%v is not a *UsageError (exit 2)", err)
			}
		})
	}
	// The same, with the threshold given, and every shard: merged.
	a, b, c := clone(t, base), clone(t, base), clone(t, base)
	b.Summary.FailOn = "medium"
	if _, err := Merge([]*report.Report{shard(c, 3, 3), shard(a, 1, 3), shard(b, 2, 3)}, MergeOptions{FailOn: "high"}); err != nil {
		t.Errorf("every shard, in any order, with --fail-on: %v", err)
	}
}

// TestMergeShardsThatReadNothing: each shard may read nothing; the whole
// must read something, as an unsharded scan must.
func TestMergeShardsThatReadNothing(t *testing.T) {
	empty := func(i int) *report.Report {
		return &report.Report{Version: report.SchemaVersion, Tool: report.Tool{Name: "tollgate", Version: Version},
			Targets: []report.Target{{Path: fmt.Sprintf("README-%d.md", i), Status: report.StatusSkipped, Reason: "not IaC"}},
			Summary: report.Summary{Result: report.ResultPassed, FailOn: "high", FilesSkipped: 1, RulesEvaluated: 3, Shard: &report.Shard{Index: i, Total: 2}}}
	}
	res, err := Merge([]*report.Report{empty(1), empty(2)}, MergeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.ExitCode() != ExitError || len(res.Report.Errors) != 1 || !strings.Contains(res.Report.Errors[0].Message, "nothing to scan") ||
		!strings.Contains(res.Report.Errors[0].Message, "(2 files skipped)") {
		t.Errorf("exit %d, errors %v; want exit 2 for nothing to scan (2 files skipped)", res.ExitCode(), res.Report.Errors)
	}
	one := empty(1)
	one.Summary.Shard = nil
	if res, err := Merge([]*report.Report{one}, MergeOptions{}); err != nil || res.ExitCode() != ExitPassed {
		t.Errorf("an unsharded report, whose scan checked this itself: %v, exit %d", err, res.ExitCode())
	}
}

func TestReadReport(t *testing.T) {
	const valid = `{"version":"1","tool":{"name":"tollgate","version":"dev"},"findings":[],"errors":[],"rules":[],"targets":[],` +
		`"summary":{"result":"passed","fail_on":"high","counts":{}}}`
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	if r, err := ReadReport(write("valid.json", valid)); err != nil || r.Summary.FailOn != "high" {
		t.Fatalf("a valid report: %+v, %v", r, err)
	}
	edit := func(old, new string) string {
		if !strings.Contains(valid, old) {
			t.Fatalf("%s not in %s", old, valid)
		}
		return strings.Replace(valid, old, new, 1)
	}
	for _, tc := range []struct{ name, content, want string }{
		{"syntax.json", "{\n  \"version\": \"1\",\n  \"tool\": {,\n}", "syntax.json:3: not JSON"},
		{"truncated.json", "{\n  \"version\": \"1\",\n", "truncated.json:3: not JSON"},
		{"v2.json", edit(`"version":"1"`, `"version":"2"`), `v2.json: report version "2", want "1"`},
		{"noversion.json", edit(`"version":"1",`, ``), `noversion.json: not a tollgate JSON report: "version" is missing`},
		{"nofindings.json", edit(`"findings":[],`, ``), `nofindings.json: not a tollgate JSON report: "findings" is missing`},
		{"nullrules.json", edit(`"rules":[]`, `"rules":null`), `nullrules.json: not a tollgate JSON report: "rules" is missing`},
		{"unknown.json", edit(`"findings":[]`, `"findings":[{"rule_id":"X","cvss":9}]`), `unknown.json: unknown field "cvss": written by another tollgate version`},
		{"type.json", edit(`"errors":[]`, "\n\"errors\":\"none\""), `type.json:2: errors is string, want []report.Error`},
		{"trailing.json", valid + "\n{}", "trailing.json:2: not JSON: invalid character '{' after top-level value"},
		{"other.json", edit(`"name":"tollgate"`, `"name":"trivy"`), `other.json: a report of "trivy", not of tollgate`},
		{"array.json", "[]", "array.json:1: not a tollgate JSON report: want a JSON object, got array"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadReport(write(tc.name, tc.content))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("ReadReport: %v, want an error containing %q", err, tc.want)
			}
		})
	}
	if _, err := ReadReport(filepath.Join(dir, "missing.json")); err == nil || !strings.Contains(err.Error(), "missing.json") {
		t.Errorf("a missing file: %v", err)
	}
}

// TestShardedWorkflowExample checks the README's sharded workflow:
// schema-valid, clean under actionlint, and the same text as
// examples/github-sharded-workflow.yml.
func TestShardedWorkflowExample(t *testing.T) {
	const path = "examples/github-sharded-workflow.yml"
	if err := testtools.ValidateJSON("github-workflow", yamlToJSON(t, path)); err != nil {
		t.Errorf("%s is not valid against the github-workflow schema: %v", path, err)
	}
	wf, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	readme, _ := os.ReadFile("README.md")
	if !bytes.Contains(readme, wf) {
		t.Errorf("README.md does not contain %s verbatim", path)
	}
	out, err := exec.Command(testtools.Actionlint(t), "-no-color", path).CombinedOutput()
	if err != nil {
		t.Errorf("actionlint %s: %v\n%s", path, err, out)
	}
}
