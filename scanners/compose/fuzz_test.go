package compose

import (
	"testing"
	"testing/fstest"
	"time"

	"github.com/tollgate/tollgate/internal/scantest"
)

// FuzzScan: the Compose reader never panics or hangs on a compose file and
// its .env, and reports every problem as a FileError naming a file.
func FuzzScan(f *testing.F) {
	envs := [][]byte{[]byte("TAG=1.0\nDB_PASSWORD=\"x y\"\n"), nil}
	for i, b := range scantest.Seeds(f, "compose", ".yaml", ".yml") {
		f.Add(b, envs[i%2])
	}
	f.Add([]byte("services:\n  a:\n    image: x\n    privileged: ${P:-yes}\n    ports: [\"${PORT}:80\"]\n    extends: b\n  b:\n    image: y\n    extends: a\n"), []byte("P=on\n"))
	s := New(WithEnvironment(map[string]string{"API_TOKEN": "secret-token"}))
	f.Fuzz(func(t *testing.T, src, env []byte) {
		fsys := fstest.MapFS{"compose.yaml": {Data: src}}
		if env != nil {
			fsys[".env"] = &fstest.MapFile{Data: env}
		}
		start := time.Now()
		results := s.Scan(t.Context(), fsys, []string{"compose.yaml"})
		if d := time.Since(start); d > scantest.FuzzMaxDuration {
			t.Fatalf("took %v", d)
		}
		scantest.CheckFuzzResults(t, results, 1)
	})
}
