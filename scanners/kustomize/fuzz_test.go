package kustomize_test

import (
	"testing"
	"testing/fstest"
	"time"

	"github.com/tollgate/tollgate/internal/scantest"
	"github.com/tollgate/tollgate/scanners/kustomize"
)

// FuzzKustomization: a kustomization and one resource never panic or hang
// the Kustomize reader, and every problem is a FileError naming a file.
func FuzzKustomization(f *testing.F) {
	ks := scantest.Seeds(f, "kustomize", "kustomization.yaml")
	for i, res := range scantest.Seeds(f, "kustomize", ".yaml") {
		f.Add(ks[i%len(ks)], res)
	}
	f.Add([]byte("resources: [r.yaml]\npatches:\n  - patch: |\n      apiVersion: v1\n      kind: Pod\n      metadata: {name: p}\n      spec: {hostPID: yes}\n"), []byte("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n"))
	f.Add([]byte("resources: [r.yaml]\nsecretGenerator:\n  - name: s\n    literals: [password=xyz1234]\n"), []byte("a: &a [x, x]\nb: &b [*a, *a]\n"))
	s := kustomize.New()
	f.Fuzz(func(t *testing.T, k, res []byte) {
		fsys := fstest.MapFS{
			"k/kustomization.yaml": {Data: k},
			"k/r.yaml":             {Data: res},
		}
		start := time.Now()
		results := s.Scan(t.Context(), fsys, []string{"k/kustomization.yaml"})
		if d := time.Since(start); d > scantest.FuzzMaxDuration {
			t.Fatalf("took %v", d)
		}
		scantest.CheckFuzzResults(t, results, 1)
	})
}
