package tollgate

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// Images are pulled while the policies compile, and a scan that stops
// before it reaches them (here: a policy that does not compile) cancels
// the pull and returns only once it has ended.
func TestImagesLoadWhilePoliciesCompile(t *testing.T) {
	var started, ended atomic.Int32
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/v2/" {
			w.WriteHeader(http.StatusOK)
			return
		}
		started.Add(1)
		defer ended.Add(1)
		select {
		case <-r.Context().Done():
		case <-release:
		}
		http.Error(w, "stalled", http.StatusServiceUnavailable)
	}))
	defer srv.Close()
	defer close(release)
	host := strings.TrimPrefix(srv.URL, "http://")

	dir := t.TempDir()
	policy := filepath.Join(dir, "policy")
	if err := os.MkdirAll(policy, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(policy, "bad.rego"), []byte("package custom.bad\n\ndeny contains msg if {\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// The registry stalls for good: Scan returns only if it cancels the
	// pull (the registry client's own timeout is a minute).
	scanned := make(chan error, 1)
	go func() {
		_, err := Scan(context.Background(), Options{Root: dir, Images: []string{"registry:" + host + "/app:v1"},
			InsecureRegistries: []string{host}, PolicyDirs: []string{policy}, FailOn: "none", NoCache: true, NoSecrets: true})
		scanned <- err
	}()
	var err error
	select {
	case err = <-scanned:
	case <-time.After(30 * time.Second):
		t.Fatal("Scan still waits for the stalled pull 30 s after its policy failed to compile")
	}
	var usage *UsageError
	if !errors.As(err, &usage) {
		t.Fatalf("err %v, want the policy's usage error", err)
	}
	if started.Load() == 0 {
		t.Skip("the pull had not started when the policy failed to compile: nothing to tell")
	}
	// Cancelled, the pull's request ends (the registry sees its
	// connection close); left running, it would wait for release, at the
	// end of the test.
	for wait := time.Now().Add(10 * time.Second); ended.Load() < started.Load(); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(wait) {
			t.Fatalf("%d of %d registry requests still wait after Scan returned: the image load was not stopped", started.Load()-ended.Load(), started.Load())
		}
	}
}
