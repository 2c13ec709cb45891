package main

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/tollgate/tollgate"
)

func TestScanQuiet(t *testing.T) {
	code, stdout, stderr := runCLI(t, "scan", "terraform/fail", "--quiet")
	if code != 1 {
		t.Fatalf("exit %d, want 1 (the fixture fails)", code)
	}
	if stdout != "" {
		t.Errorf("--quiet printed a report on stdout:\n%s", stdout)
	}
	if lines := strings.Split(strings.TrimSpace(stderr), "\n"); len(lines) != 1 || !strings.HasPrefix(lines[0], "tollgate: FAILED:") {
		t.Errorf("--quiet stderr = %q, want the verdict line only", stderr)
	}
	// A format asked for is still written.
	code, stdout, _ = runCLI(t, "scan", "terraform/fail", "-q", "--format", "json")
	if code != 1 || !strings.Contains(stdout, `"rule_id"`) {
		t.Errorf("-q --format json: exit %d, stdout %.80q", code, stdout)
	}
	if code, _, stderr := runCLI(t, "scan", "terraform/fail", "--quiet", "--debug"); code != 2 || !strings.Contains(stderr, "cannot be used together") {
		t.Errorf("--quiet --debug: exit %d, %q", code, stderr)
	}
}

func TestScanDebug(t *testing.T) {
	code, _, stderr := runCLI(t, "scan", "terraform/fail", "--debug", "--format", "json=/dev/null")
	if code != 1 {
		t.Fatalf("exit %d, want 1", code)
	}
	for _, want := range []string{`msg="policies loaded" rules=`, `msg="files read and evaluated" files=3`, "took=", "tollgate: FAILED:"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("--debug stderr lacks %q:\n%s", want, stderr)
		}
	}
}

func TestProgressLine(t *testing.T) {
	var b bytes.Buffer
	now := time.Unix(0, 0)
	p := &progressLine{w: &b, now: func() time.Time { return now }}
	p.update(tollgate.Progress{Files: 1, Resources: 3})
	now = now.Add(50 * time.Millisecond)
	p.update(tollgate.Progress{Files: 2, Resources: 5}) // too soon: not drawn
	now = now.Add(60 * time.Millisecond)
	p.update(tollgate.Progress{Files: 3, Resources: 8})
	p.update(tollgate.Progress{Files: 3, Resources: 8, Image: "registry:r/app:1"}) // an image is always drawn
	p.clear()
	want := "\r\x1b[Ktollgate: 1 files read, 3 resources evaluated" +
		"\r\x1b[Ktollgate: 3 files read, 8 resources evaluated" +
		"\r\x1b[Ktollgate: pulling and cataloguing registry:r/app:1" +
		"\r\x1b[K"
	if b.String() != want {
		t.Errorf("progress line wrote %q\nwant %q", b.String(), want)
	}
	if newProgressLine(&b) != nil {
		t.Error("a progress line on a buffer, which is not a terminal")
	}
	var none *progressLine
	none.clear() // no terminal: nothing to clear, no panic
}
