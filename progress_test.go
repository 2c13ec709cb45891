package tollgate

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"
)

func TestScanReportsProgressAndLogs(t *testing.T) {
	var mu sync.Mutex
	var seen []Progress
	var logs bytes.Buffer
	res, err := Scan(context.Background(), Options{Root: "testdata", Targets: []string{"testdata/terraform", "testdata/kubernetes"}, FailOn: "none",
		Logger: slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
		Progress: func(p Progress) {
			mu.Lock()
			defer mu.Unlock()
			seen = append(seen, p)
		}})
	if err != nil {
		t.Fatal(err)
	}
	files := res.Report.Summary.FilesScanned + res.Report.Summary.FilesFailed
	if len(seen) != files {
		t.Fatalf("progress called %d times for %d files", len(seen), files)
	}
	for i := 1; i < len(seen); i++ {
		if seen[i].Files != seen[i-1].Files+1 || seen[i].Resources < seen[i-1].Resources {
			t.Fatalf("progress went %+v then %+v", seen[i-1], seen[i])
		}
	}
	if last := seen[len(seen)-1]; last.Files != files || last.Resources != res.Report.Summary.Resources {
		t.Errorf("last progress %+v, summary %d files %d resources", last, files, res.Report.Summary.Resources)
	}
	for _, want := range []string{`msg="policies loaded"`, `msg="files read and evaluated"`} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("debug log lacks %s:\n%s", want, logs.String())
		}
	}
}
