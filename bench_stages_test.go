package tollgate

import (
	"context"
	"io"
	"runtime"
	"sync"
	"testing"

	"github.com/tollgate/tollgate/bench/corpus/gen"
	"github.com/tollgate/tollgate/policies"
	"github.com/tollgate/tollgate/report"
	"github.com/tollgate/tollgate/scanners"
)

// The stages of a scan, measured apart over the corpus bench/compare.sh
// scans (bench/corpus/gen): read (walk and parse), evaluate (the policy
// library over the documents read) and report (every format). With -short
// the corpus is small: scripts/test.sh runs them once that way so that they
// keep compiling and passing.

// benchCorpus writes 200 Terraform files and 50 Kubernetes manifests (20
// and 5 with -short).
func benchCorpus(b *testing.B) (dir string, files int) {
	b.Helper()
	tf := 200
	if testing.Short() {
		tf = 20
	}
	dir = b.TempDir()
	st, err := gen.Write(dir, gen.Options{TF: tf, K8s: tf / 4, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	return dir, st.TFFiles + st.K8sFiles
}

// benchRead reads dir as a scan does, keeping every file's documents; a file
// that cannot be read fails the benchmark, which would otherwise measure
// less than the corpus.
func benchRead(b *testing.B, dir string, files int) (results []scanners.Result, docs int) {
	b.Helper()
	scs, err := fileScanners(Options{})
	if err != nil {
		b.Fatal(err)
	}
	walked, err := scanners.Walk(context.Background(), dir, []string{dir}, scs)
	if err != nil {
		b.Fatal(err)
	}
	for _, r := range walked.Results {
		if len(r.Errors) > 0 {
			b.Fatalf("%s: %v", r.Path, r.Errors[0])
		}
		docs += len(r.Documents)
	}
	if len(walked.Results) != files || docs == 0 {
		b.Fatalf("read %d of %d files into %d documents", len(walked.Results), files, docs)
	}
	return walked.Results, docs
}

// BenchmarkRead walks the corpus and parses every file into documents, with
// the readers of a scan; files/s is the throughput.
func BenchmarkRead(b *testing.B) {
	dir, files := benchCorpus(b)
	_, docs := benchRead(b, dir, files)
	scs, err := fileScanners(Options{})
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		walked, err := scanners.Walk(context.Background(), dir, []string{dir}, scs)
		if err != nil || len(walked.Results) != files {
			b.Fatalf("read %d of %d files: %v", len(walked.Results), files, err)
		}
	}
	b.ReportMetric(float64(files)*float64(b.N)/b.Elapsed().Seconds(), "files/s")
	b.ReportMetric(float64(docs), "docs")
}

// BenchmarkEvaluate runs the whole built-in library over the documents read
// from the corpus and records the findings, file by file from GOMAXPROCS
// goroutines as the walk hands them over in a scan (the library is compiled
// once, outside the loop: policies.BenchmarkLoad measures that);
// resources/s is the throughput.
func BenchmarkEvaluate(b *testing.B) {
	dir, files := benchCorpus(b)
	results, docs := benchRead(b, dir, files)
	engine, err := policies.Load(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	var rep *report.Report
	for b.Loop() {
		rep = &report.Report{}
		ev := newEvaluator(context.Background(), engine, rep, func(string) bool { return true })
		next := make(chan scanners.Result)
		var wg sync.WaitGroup
		for range runtime.GOMAXPROCS(0) {
			wg.Go(func() {
				for r := range next {
					ev.file(r)
				}
			})
		}
		for _, r := range results {
			next <- r
		}
		close(next)
		wg.Wait()
		ev.finish(nil)
	}
	if len(rep.Errors) > 0 || len(rep.Findings) == 0 || rep.Summary.Resources != docs {
		b.Fatalf("%d of %d resources evaluated, %d findings, errors: %v", rep.Summary.Resources, docs, len(rep.Findings), rep.Errors)
	}
	b.ReportMetric(float64(docs)*float64(b.N)/b.Elapsed().Seconds(), "resources/s")
	b.ReportMetric(float64(len(rep.Findings)), "findings")
}

// BenchmarkReport writes the report of a whole scan of the corpus in each
// format; MB/s is the output rate, findings/s the throughput.
func BenchmarkReport(b *testing.B) {
	dir, files := benchCorpus(b)
	res, err := Scan(context.Background(), Options{Root: dir, Targets: []string{dir}, FailOn: "none"})
	if err != nil {
		b.Fatal(err)
	}
	rep := res.Report
	if rep.Summary.FilesScanned != files || len(rep.Errors) > 0 || len(rep.Findings) == 0 {
		b.Fatalf("scanned %d of %d files, %d findings, errors: %v", rep.Summary.FilesScanned, files, len(rep.Findings), rep.Errors)
	}
	for _, name := range report.FormatNames() {
		write := report.Formats[name]
		b.Run(name, func(b *testing.B) {
			var w countingWriter
			for b.Loop() {
				w = 0
				if err := write(&w, rep); err != nil {
					b.Fatal(err)
				}
			}
			if w == 0 {
				b.Fatal("nothing written")
			}
			b.SetBytes(int64(w))
			b.ReportMetric(float64(len(rep.Findings))*float64(b.N)/b.Elapsed().Seconds(), "findings/s")
		})
	}
}

// countingWriter counts what is written to it and keeps nothing.
type countingWriter int64

func (w *countingWriter) Write(p []byte) (int, error) {
	*w += countingWriter(len(p))
	return len(p), nil
}

var _ io.Writer = (*countingWriter)(nil)
