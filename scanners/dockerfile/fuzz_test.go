package dockerfile

import (
	"testing"
	"testing/fstest"
	"time"

	"github.com/tollgate/tollgate/internal/scantest"
)

// FuzzScan: the Dockerfile reader never panics or hangs, and reports every
// problem as a FileError naming the file.
func FuzzScan(f *testing.F) {
	for _, b := range scantest.Seeds(f, "dockerfile", "Dockerfile", ".dockerfile", "Containerfile") {
		f.Add(b)
	}
	f.Add([]byte("ARG A=${B:-x}\nFROM alpine:${A} AS b\nCOPY <<EOT /x\nhi\nEOT\nRUN <<EOF bash\nset -e\nEOF\nUSER ${U:?no}\n"))
	s := New()
	f.Fuzz(func(t *testing.T, src []byte) {
		fsys := fstest.MapFS{"Dockerfile": {Data: src}}
		start := time.Now()
		results := s.Scan(t.Context(), fsys, []string{"Dockerfile"})
		if d := time.Since(start); d > scantest.FuzzMaxDuration {
			t.Fatalf("took %v", d)
		}
		scantest.CheckFuzzResults(t, results, 1)
	})
}
