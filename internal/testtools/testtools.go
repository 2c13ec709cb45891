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
	"runtime"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// Repo is the repository root.
func Repo() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
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

// RunCosign runs the cosign CLI offline with its caches in a temp dir and
// returns its combined output.
func RunCosign(t testing.TB, args ...string) (string, error) {
	t.Helper()
	cmd := exec.Command(Cosign(t), args...)
	home := t.TempDir()
	cmd.Env = append(os.Environ(), "HOME="+home, "TUF_ROOT="+filepath.Join(home, "tuf"),
		"SIGSTORE_NO_CACHE=true", "COSIGN_YES=true", "COSIGN_EXPERIMENTAL=0")
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

// ValidateJSON validates doc against one of the official schemas shipped in
// testdata/schemas: "cyclonedx-1.6", "spdx-2.3" or "sarif-2.1.0".
func ValidateJSON(set string, doc []byte) error {
	files, ok := schemaSets[set]
	if !ok {
		return fmt.Errorf("unknown schema set %q", set)
	}
	c := jsonschema.NewCompiler()
	for _, f := range files {
		raw, err := os.ReadFile(filepath.Join(Repo(), "testdata", "schemas", f[0]))
		if err != nil {
			return err
		}
		v, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
		if err != nil {
			return fmt.Errorf("schema %s: %w", f[0], err)
		}
		if err := c.AddResource(f[1], v); err != nil {
			return fmt.Errorf("schema %s: %w", f[0], err)
		}
	}
	c.AssertFormat()
	s, err := c.Compile(files[0][1])
	if err != nil {
		return err
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		return err
	}
	return s.Validate(v)
}
