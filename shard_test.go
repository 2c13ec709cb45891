package tollgate

import (
	"context"
	"errors"
	"reflect"
	"sort"
	"strconv"
	"testing"

	"github.com/tollgate/tollgate/report"
)

// TestShardsCoverTheScan scans the IaC fixtures whole and in 1 to 4
// shards: together the shards report every finding, file and error of the
// whole scan exactly once.
func TestShardsCoverTheScan(t *testing.T) {
	scan := func(sh *report.Shard) *report.Report {
		res, err := Scan(context.Background(), Options{Root: "testdata", FailOn: "none", Shard: sh, Targets: []string{
			"testdata/terraform", "testdata/kubernetes", "testdata/helm", "testdata/kustomize", "testdata/compose", "testdata/cloudformation"}})
		if err != nil {
			t.Fatal(err)
		}
		return res.Report
	}
	lines := func(reps ...*report.Report) (findings, targets []string) {
		for _, r := range reps {
			for _, f := range r.Findings {
				findings = append(findings, f.Fingerprint+" "+f.Location.Path+":"+strconv.Itoa(f.Location.StartLine)+" "+f.Resource)
			}
			for _, tg := range r.Targets {
				targets = append(targets, tg.Path+" "+tg.Status)
			}
			for _, e := range r.Errors {
				targets = append(targets, "error "+e.Path+":"+strconv.Itoa(e.Line)+" "+e.Message)
			}
		}
		sort.Strings(findings)
		sort.Strings(targets)
		return findings, targets
	}
	whole := scan(nil)
	wantF, wantT := lines(whole)
	if len(wantF) < 10 {
		t.Fatalf("the sample has %d findings: not a test", len(wantF))
	}
	for n := 1; n <= 4; n++ {
		var shards []*report.Report
		for k := 1; k <= n; k++ {
			r := scan(&report.Shard{Index: k, Total: n})
			if r.Summary.Shard == nil || *r.Summary.Shard != (report.Shard{Index: k, Total: n}) {
				t.Errorf("shard %d/%d: summary.shard = %v", k, n, r.Summary.Shard)
			}
			shards = append(shards, r)
		}
		gotF, gotT := lines(shards...)
		if !reflect.DeepEqual(gotF, wantF) {
			t.Errorf("%d shards: %d findings, the whole scan %d", n, len(gotF), len(wantF))
		}
		if !reflect.DeepEqual(gotT, wantT) {
			t.Errorf("%d shards: targets and errors\n%v\nwant\n%v", n, gotT, wantT)
		}
	}
}

func TestShardRefusesSigning(t *testing.T) {
	_, err := Scan(context.Background(), Options{Targets: []string{"testdata/terraform/fail"}, Images: []string{"registry.example/app:1"},
		Shard: &report.Shard{Index: 1, Total: 2}, Sign: &SignOptions{KeyPath: "cosign.key"}})
	var ue *UsageError
	if err == nil || !errors.As(err, &ue) {
		t.Fatalf("sign with shard: %v, want a usage error", err)
	}
}
