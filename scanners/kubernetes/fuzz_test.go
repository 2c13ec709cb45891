package kubernetes_test

import (
	"testing"
	"testing/fstest"
	"time"

	"github.com/tollgate/tollgate/internal/scantest"
	"github.com/tollgate/tollgate/scanners/kubernetes"
)

// FuzzScan: the Kubernetes reader never panics or hangs on a manifest, and
// reports every problem as a FileError naming the file.
func FuzzScan(f *testing.F) {
	for _, b := range scantest.Seeds(f, "kubernetes", ".yaml") {
		f.Add(b)
	}
	f.Add([]byte("apiVersion: v1\nkind: List\nitems:\n  - 1\n  - {apiVersion: v1, kind: Pod, metadata: {name: yes}}\n"))
	f.Add([]byte("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  hostPID: on\n  ~: x\n"))
	s := kubernetes.New()
	f.Fuzz(func(t *testing.T, src []byte) {
		fsys := fstest.MapFS{"m.yaml": {Data: src}}
		start := time.Now()
		results := s.Scan(t.Context(), fsys, []string{"m.yaml"})
		if d := time.Since(start); d > scantest.FuzzMaxDuration {
			t.Fatalf("took %v", d)
		}
		scantest.CheckFuzzResults(t, results, 1)
	})
}
