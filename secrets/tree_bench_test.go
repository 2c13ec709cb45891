package secrets

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkScanTree is secret detection over the text files of the
// directories in TOLLGATE_BENCH_SECRETS_DIRS (a path list), up to 1 MiB
// each as in images: the cost per MB of an image's source code or
// scripts, where BenchmarkScanCorpus is that of IaC. Skipped when unset.
//
//	TOLLGATE_BENCH_SECRETS_DIRS=/usr/local/go/src/net:/usr/lib/python3.11 go test ./secrets -run X -bench ScanTree
func BenchmarkScanTree(b *testing.B) {
	dirs := os.Getenv("TOLLGATE_BENCH_SECRETS_DIRS")
	if dirs == "" {
		b.Skip("TOLLGATE_BENCH_SECRETS_DIRS is not set")
	}
	d := detector(b)
	var files []textFile
	size := 0
	for _, dir := range filepath.SplitList(dirs) {
		fs, n := readTexts(b, dir)
		files, size = append(files, fs...), size+n
	}
	b.SetBytes(int64(size))
	for b.Loop() {
		for _, f := range files {
			d.ScanText(f.path, f.text)
		}
	}
}

// textFile is a file's path and text, for the benchmarks.
type textFile struct{ path, text string }

// readTexts reads the text files under dir as an image's are checked: not
// empty, not binary, at most 1 MiB. It returns them and their size.
func readTexts(tb testing.TB, dir string) ([]textFile, int) {
	var files []textFile
	size := 0
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || !e.Type().IsRegular() {
			return err
		}
		t, err := os.ReadFile(p)
		if err != nil || len(t) == 0 || len(t) > 1<<20 || Binary(t) {
			return err
		}
		files = append(files, textFile{p, string(t)})
		size += len(t)
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return files, size
}
