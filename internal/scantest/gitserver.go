package scantest

import (
	"encoding/pem"
	"net/http"
	"net/http/cgi"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/tollgate/tollgate/scanners/fetch"
)

// GitServer serves git repositories over HTTPS on the loopback interface
// with git's own smart HTTP server (git http-backend), the real protocol
// go-git speaks to GitHub: each repository of repos (name -> files) is
// committed once, tagged tag, and served at /git/NAME.git. extra handlers
// share the server. The test is skipped when git is not installed.
func GitServer(t *testing.T, repos map[string]map[string]string, tag string, extra map[string]http.Handler) *httptest.Server {
	t.Helper()
	git, err := exec.LookPath("git")
	if err != nil {
		t.Skip("git is needed to serve a repository")
	}
	root := t.TempDir()
	for name, files := range repos {
		work := t.TempDir()
		for f, body := range files {
			p := filepath.Join(work, filepath.FromSlash(f))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		id := []string{"-c", "user.email=t@example.com", "-c", "user.name=t"}
		for _, args := range [][]string{
			{"init", "-q", "-b", "main", work},
			append(append([]string{"-C", work}, id...), "add", "."),
			append(append([]string{"-C", work}, id...), "commit", "-q", "-m", "one"),
			{"-C", work, "tag", tag},
			{"clone", "-q", "--bare", work, filepath.Join(root, name+".git")},
		} {
			if out, err := exec.Command(git, args...).CombinedOutput(); err != nil {
				t.Fatalf("git %v: %v %s", args, err, out)
			}
		}
	}
	mux := http.NewServeMux()
	mux.Handle("/git/", &cgi.Handler{Path: git, Args: []string{"http-backend"}, Root: "/git",
		Env: []string{"GIT_PROJECT_ROOT=" + root, "GIT_HTTP_EXPORT_ALL=1"}})
	for p, h := range extra {
		mux.Handle(p, h)
	}
	srv := httptest.NewTLSServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

// Getter is a fetch.Getter that trusts srv, caching in a temporary
// directory.
func Getter(t *testing.T, srv *httptest.Server) *fetch.Getter {
	return &fetch.Getter{
		CacheDir: t.TempDir(),
		Client:   srv.Client(),
		CABundle: pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw}),
	}
}
