package main

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/tollgate/tollgate/internal/testtools"
	"github.com/tollgate/tollgate/sign"
)

// TestMain lets the test binary stand in for the tollgate binary: with
// TOLLGATE_TEST_MAIN set it runs the command line and exits as main does, so
// tests can send it real signals.
func TestMain(m *testing.M) {
	if os.Getenv("TOLLGATE_TEST_MAIN") == "1" {
		quietLibraries()
		os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
	}
	cleanup := testtools.IsolateUserCache()
	code := m.Run()
	cleanup()
	os.Exit(code)
}

// TestSignalsStopTheScanWithoutReports: SIGINT and SIGTERM (Ctrl-C,
// timeout(1), CI cancellation) during a scan end it promptly with the
// shell's code for the signal, write no report, and sign nothing (D11, D13).
// The scan is held in an image pull from a registry that never answers.
func TestSignalsStopTheScanWithoutReports(t *testing.T) {
	for _, tc := range []struct {
		sig  syscall.Signal
		code int
		name string
	}{
		{syscall.SIGINT, 130, "SIGINT"},
		{syscall.SIGTERM, 143, "SIGTERM"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			asked := make(chan struct{}, 16)
			release := make(chan struct{})
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				asked <- struct{}{}
				select { // stall until the test ends
				case <-release:
				case <-r.Context().Done():
				}
			}))
			defer srv.Close()
			defer close(release)

			dir := t.TempDir()
			tree := filepath.Join(dir, "tf")
			if err := os.MkdirAll(tree, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(tree, "main.tf"), []byte("resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"b\"\n}\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			key := filepath.Join(dir, "cosign.key")
			host := strings.TrimPrefix(srv.URL, "http://")
			cmd := exec.Command(os.Args[0], "scan", "tf", "--image", host+"/app:1",
				"--format", "json="+filepath.Join(dir, "out.json"), "--format", "sarif="+filepath.Join(dir, "out.sarif"),
				"--sign", "--key", key)
			cmd.Dir = dir
			cmd.Env = append(os.Environ(), "TOLLGATE_TEST_MAIN=1", "COSIGN_PASSWORD=pw")
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			writeTestKey(t, key)
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			select {
			case <-asked:
			case <-time.After(2 * time.Minute):
				cmd.Process.Kill()
				t.Fatalf("the scan never reached the registry; stderr:\n%s", stderr.String())
			}
			if err := cmd.Process.Signal(tc.sig); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			select {
			case <-done:
			case <-time.After(30 * time.Second):
				cmd.Process.Kill()
				t.Fatalf("still running 30 s after %s; stderr:\n%s", tc.name, stderr.String())
			}
			if got := cmd.ProcessState.ExitCode(); got != tc.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", got, tc.code, stderr.String())
			}
			if !strings.Contains(stderr.String(), "interrupted ("+tc.name+"): no report written, nothing signed") {
				t.Errorf("stderr does not say so:\n%s", stderr.String())
			}
			for _, f := range []string{"out.json", "out.sarif"} {
				if _, err := os.Stat(filepath.Join(dir, f)); err == nil {
					t.Errorf("%s written after %s", f, tc.name)
				}
			}
		})
	}
}

// writeTestKey writes a cosign private key (password pw), so that
// --sign gets past its checks and the test shows an interrupt signs nothing.
func writeTestKey(t *testing.T, path string) {
	t.Helper()
	priv, _, err := sign.GenerateKeyPair([]byte("pw"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, priv, 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestTimeoutEndsAStalledScan: a registry that accepts the connection and
// never answers cannot hold the job past --timeout (D07): exit 2, no report.
func TestTimeoutEndsAStalledScan(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(release)
	dir := t.TempDir()
	out := filepath.Join(dir, "out.json")
	start := time.Now()
	code, _, stderr := runCLI(t, "scan", "--image", strings.TrimPrefix(srv.URL, "http://")+"/app:1", "--timeout", "2s", "--format", "json="+out)
	if code != 2 {
		t.Errorf("exit %d, want 2; stderr:\n%s", code, stderr)
	}
	if !strings.Contains(stderr, "the scan took longer than its 2s time limit (--timeout): no report written, nothing signed") {
		t.Errorf("stderr:\n%s", stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("report written after the timeout")
	}
	if d := time.Since(start); d > time.Minute {
		t.Errorf("took %s", d)
	}
}
