// Package testtools finds the real tools the interop tests run against
// (the cosign CLI, a real registry server) and validates documents against
// their official JSON schemas.
package testtools

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// Repo is the repository root: the nearest directory above the working
// directory (a package's, under go test) whose go.mod is tollgate's. It does
// not rely on source file paths, which -trimpath removes.
func Repo() string {
	dir, err := os.Getwd()
	if err != nil {
		panic(err)
	}
	for d := dir; ; d = filepath.Dir(d) {
		if b, err := os.ReadFile(filepath.Join(d, "go.mod")); err == nil && strings.HasPrefix(string(b), "module github.com/tollgate/tollgate\n") {
			return d
		}
		if filepath.Dir(d) == d {
			panic("testtools: no tollgate go.mod above " + dir)
		}
	}
}

// required reports whether a missing tool must fail the test: under CI the
// interop tests run, never silently skip.
func required() bool { return os.Getenv("CI") != "" }

// Cosign returns the path of the pinned cosign CLI installed by
// scripts/tools.sh ($TOLLGATE_COSIGN, $TOLLGATE_TOOLS/bin/cosign, then PATH).
func Cosign(t testing.TB) string {
	t.Helper()
	return tool(t, "cosign", "TOLLGATE_COSIGN")
}

// tool finds a pinned tool: $ENV, $TOLLGATE_TOOLS/bin/NAME, then PATH.
func tool(t testing.TB, name, env string) string {
	t.Helper()
	candidates := []string{os.Getenv(env)}
	tools := os.Getenv("TOLLGATE_TOOLS")
	if tools == "" {
		if home, err := os.UserHomeDir(); err == nil {
			tools = filepath.Join(home, ".cache", "tollgate-tools")
		}
	}
	candidates = append(candidates, filepath.Join(tools, "bin", name))
	if p, err := exec.LookPath(name); err == nil {
		candidates = append(candidates, p)
	}
	for _, c := range candidates {
		if c == "" {
			continue
		}
		if st, err := os.Stat(c); err == nil && !st.IsDir() {
			return c
		}
	}
	missing(t, name+" not found: run scripts/tools.sh (scripts/test.sh does)")
	return ""
}

// Actionlint returns the path of the pinned actionlint installed by
// scripts/tools.sh.
func Actionlint(t testing.TB) string {
	t.Helper()
	return tool(t, "actionlint", "TOLLGATE_ACTIONLINT")
}

// Chromium returns the path of Debian's chromium, installed by
// scripts/tools.sh.
func Chromium(t testing.TB) string {
	t.Helper()
	for _, p := range []string{os.Getenv("TOLLGATE_CHROMIUM"), "/usr/bin/chromium"} {
		if p != "" {
			if _, err := os.Stat(p); err == nil {
				return p
			}
		}
	}
	missing(t, "chromium not found: run scripts/tools.sh (scripts/test.sh does)")
	return ""
}

// Registry returns host:port of the real registry server scripts/test.sh
// starts (Debian's docker-registry), from $TOLLGATE_TEST_REGISTRY.
func Registry(t testing.TB) string {
	t.Helper()
	r := os.Getenv("TOLLGATE_TEST_REGISTRY")
	if r == "" {
		missing(t, "TOLLGATE_TEST_REGISTRY not set: run the tests with scripts/test.sh, which starts Debian's docker-registry")
	}
	return r
}

func missing(t testing.TB, msg string) {
	t.Helper()
	if required() {
		t.Fatal(msg + " (CI is set: interop tests must run)")
	}
	t.Skip(msg)
}

// CosignEnv is the environment the cosign CLI runs in for tests: offline,
// never prompting, with its home, TUF cache and docker config in home so it
// neither reads nor writes the user's.
func CosignEnv(home string) []string {
	return append(os.Environ(),
		"HOME="+home,
		"TUF_ROOT="+filepath.Join(home, "tuf"),
		"DOCKER_CONFIG="+filepath.Join(home, "docker"),
		"SIGSTORE_NO_CACHE=true",
		"COSIGN_YES=true",
		"COSIGN_EXPERIMENTAL=0")
}

// RunCosign runs the cosign CLI offline with its caches in a temp dir and
// returns its combined output.
func RunCosign(t testing.TB, args ...string) (string, error) {
	t.Helper()
	cmd := exec.Command(Cosign(t), args...)
	cmd.Env = CosignEnv(t.TempDir())
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	return out.String(), err
}

// Schema files, relative to testdata/schemas, with the URL each is known by.
var schemaSets = map[string][][2]string{
	"cyclonedx-1.6": {
		{"cyclonedx/bom-1.6.SNAPSHOT.schema.json", "http://cyclonedx.org/schema/bom-1.6.schema.json"},
		{"cyclonedx/spdx.SNAPSHOT.schema.json", "http://cyclonedx.org/schema/spdx.SNAPSHOT.schema.json"},
		{"cyclonedx/jsf-0.82.SNAPSHOT.schema.json", "http://cyclonedx.org/schema/jsf-0.82.SNAPSHOT.schema.json"},
	},
	"spdx-2.3":        {{"spdx-schema-2.3.json", "http://spdx.org/rdf/terms/2.3"}},
	"github-action":   {{"schemastore-github-action.json", "https://json.schemastore.org/github-action.json"}},
	"github-workflow": {{"schemastore-github-workflow.json", "https://json.schemastore.org/github-workflow.json"}},
	"sarif-2.1.0":     {{"sarif-schema-2.1.0.json", "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"}},
}

// Schema compiles a JSON Schema, with format assertions on: one of the
// official schema sets shipped in testdata/schemas ("cyclonedx-1.6",
// "spdx-2.3", "sarif-2.1.0", "github-action", "github-workflow"), or a
// schema file known by its own $id (or id, for draft-04). edit, when not
// nil, may change the root schema document before it is compiled.
func Schema(nameOrFile string, edit func(any)) (*jsonschema.Schema, error) {
	files, ok := schemaSets[nameOrFile]
	if !ok {
		files = [][2]string{{nameOrFile, ""}}
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	root := ""
	for i, f := range files {
		path := f[0]
		if ok {
			path = filepath.Join(Repo(), "testdata", "schemas", f[0])
		}
		raw, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		v, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
		if err != nil {
			return nil, fmt.Errorf("schema %s: %w", f[0], err)
		}
		id := f[1]
		if id == "" {
			m, _ := v.(map[string]any)
			if id, _ = m["$id"].(string); id == "" {
				id, _ = m["id"].(string)
			}
			if id == "" {
				return nil, fmt.Errorf("schema %s has no $id", f[0])
			}
		}
		if i == 0 {
			root = id
			if edit != nil {
				edit(v)
			}
		}
		if err := c.AddResource(id, v); err != nil {
			return nil, fmt.Errorf("schema %s: %w", f[0], err)
		}
	}
	return c.Compile(root)
}

// Validate checks a JSON document against a compiled schema.
func Validate(s *jsonschema.Schema, doc []byte) error {
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		return err
	}
	return s.Validate(v)
}

// ValidateJSON validates doc against one of the official schema sets in
// testdata/schemas (see Schema).
func ValidateJSON(set string, doc []byte) error {
	if _, ok := schemaSets[set]; !ok {
		return fmt.Errorf("unknown schema set %q", set)
	}
	s, err := Schema(set, nil)
	if err != nil {
		return err
	}
	return Validate(s, doc)
}

// IsolateUserCache points the user cache directory (XDG_CACHE_HOME) of the
// test process, and of the processes it starts, at a new temporary
// directory, so that scans cache their units in one of their own: no test
// run sees another's entries, and none leaves any behind. The Go build
// cache stays where it was, so go commands run by tests stay warm. Call it
// from TestMain, before m.Run, and the returned function after.
func IsolateUserCache() (cleanup func()) {
	if os.Getenv("GOCACHE") == "" {
		if dir, err := os.UserCacheDir(); err == nil {
			os.Setenv("GOCACHE", filepath.Join(dir, "go-build"))
		}
	}
	cache, err := os.MkdirTemp("", "tollgate-test-cache")
	if err != nil {
		panic(err)
	}
	os.Setenv("XDG_CACHE_HOME", cache)
	return func() { os.RemoveAll(cache) }
}

// CloseObjects edits a JSON schema so that every object that lists its
// properties allows no other (additionalProperties: false, unless the
// schema says otherwise): validating against the closed copy fails on a
// field the published, open schema does not document.
func CloseObjects(v any) {
	switch v := v.(type) {
	case map[string]any:
		if _, ok := v["properties"]; ok {
			if _, ok := v["additionalProperties"]; !ok {
				v["additionalProperties"] = false
			}
		}
		for _, c := range v {
			CloseObjects(c)
		}
	case []any:
		for _, c := range v {
			CloseObjects(c)
		}
	}
}
