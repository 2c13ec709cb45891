package compose

import (
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tollgate/tollgate/internal/scantest"
	"github.com/tollgate/tollgate/scanners"
)

const fixtures = "../../testdata/compose"

var _ scanners.FileScanner = New()

func TestMatch(t *testing.T) {
	svc := "services:\n  web:\n    image: nginx\n"
	tests := []struct {
		path, head string
		want       bool
	}{
		{"compose.yaml", "", true},
		{"deploy/compose.yml", "", true},
		{"compose.override.yaml", "", true},
		{"docker-compose.yml", "", true},
		{"docker-compose.prod.yaml", "", true},
		{"stack.yml", svc, true},
		{"stack.yaml", "# stack\nversion: \"3.9\"\nservices: # the app\n\n  web:\n    build:\n      context: .\n", true},
		{"stack.yml", "x-common: &c\n  image: nginx\nservices:\n  web:\n    <<: *c\n", false},
		{"ci.yml", "jobs:\n  build:\n    image: golang\nservices:\n  - postgres\n", false},
		{"k8s.yaml", "apiVersion: v1\nkind: Service\nspec:\n  ports: []\n", false},
		{"stack.json", svc, false},
		{"composer.json", "", false},
		{"compose.yaml.bak", "", false},
	}
	s := New()
	for _, tt := range tests {
		if got := s.Match(tt.path, []byte(tt.head)); got != tt.want {
			t.Errorf("Match(%q, %q) = %v, want %v", tt.path, tt.head, got, tt.want)
		}
	}
}

func scan(t *testing.T, s *Scanner, fsys fs.FS, file string) scanners.Result {
	t.Helper()
	return scantest.Scan(t, s, fsys, file)[0]
}

func scanFixture(t *testing.T, file string, opts ...Option) scanners.Result {
	t.Helper()
	return scan(t, New(opts...), os.DirFS(fixtures), file)
}

func TestGolden(t *testing.T) {
	for _, file := range []string{"app/compose.yaml", "minimal/docker-compose.yml"} {
		t.Run(file, func(t *testing.T) {
			res := scanFixture(t, file)
			if len(res.Errors) > 0 {
				t.Fatalf("errors: %v", res.Errors)
			}
			golden := filepath.Join(fixtures, filepath.Dir(file), "documents.golden.json")
			scantest.Golden(t, golden, scantest.DocumentsJSON(t, res.Documents))
		})
	}
}

func service(t *testing.T, res scanners.Result, name string) map[string]any {
	t.Helper()
	for _, d := range res.Documents {
		if d.Name == name {
			if d.Type != TypeService || d.Format != Format || d.Address != res.Path+"#"+name {
				t.Errorf("document %q: type %q format %q address %q", name, d.Type, d.Format, d.Address)
			}
			return d.Resource
		}
	}
	t.Fatalf("no service %q in %s", name, res.Path)
	return nil
}

func TestLines(t *testing.T) {
	res := scanFixture(t, "app/compose.yaml")
	if len(res.Errors) > 0 {
		t.Fatal(res.Errors)
	}
	var names []string
	for _, d := range res.Documents {
		names = append(names, d.Name)
	}
	if !reflect.DeepEqual(names, []string{"web", "api", "agent"}) {
		t.Errorf("services %q, want file order web, api, agent (profiles included)", names)
	}
	web, api, agent := service(t, res, "web"), service(t, res, "api"), service(t, res, "agent")
	ports := web["ports"].([]any)
	checks := []struct {
		what      string
		got, want [2]int
	}{
		{"web", scantest.Lines(t, web, ""), [2]int{9, 23}},
		{"web image", scantest.Lines(t, web, "image"), [2]int{10, 10}},
		{"web build", scantest.Lines(t, web["build"], ""), [2]int{11, 14}},
		{"web build.args NPM_TOKEN (list item)", scantest.Lines(t, web["build"].(map[string]any)["args"], "NPM_TOKEN"), [2]int{14, 14}},
		{"web port 8080:80", scantest.Lines(t, ports[0], ""), [2]int{16, 16}},
		{"web port 9000 of the range", scantest.Lines(t, ports[1], ""), [2]int{17, 17}},
		{"web port 9001 of the range", scantest.Lines(t, ports[2], ""), [2]int{17, 17}},
		{"web environment", scantest.Lines(t, web["environment"], ""), [2]int{18, 20}},
		{"web SESSION_SECRET", scantest.Lines(t, web["environment"], "SESSION_SECRET"), [2]int{20, 20}},
		{"web read_only", scantest.Lines(t, web, "read_only"), [2]int{21, 21}},
		{"web logging driver (anchor)", scantest.Lines(t, web["logging"], "driver"), [2]int{4, 4}},
		{"api", scantest.Lines(t, api, ""), [2]int{25, 34}},
		{"api image (unknown)", scantest.Lines(t, api, "image"), [2]int{26, 26}},
		{"api DB_PASSWORD (list item)", scantest.Lines(t, api["environment"], "DB_PASSWORD"), [2]int{30, 30}},
		{"api STRIPE_API_KEY (bare)", scantest.Lines(t, api["environment"], "STRIPE_API_KEY"), [2]int{31, 31}},
		{"agent privileged", scantest.Lines(t, agent, "privileged"), [2]int{38, 38}},
		{"agent network_mode", scantest.Lines(t, agent, "network_mode"), [2]int{39, 39}},
		{"agent pid", scantest.Lines(t, agent, "pid"), [2]int{40, 40}},
		{"agent docker.sock volume", scantest.Lines(t, agent["volumes"].([]any)[0], ""), [2]int{42, 42}},
		{"agent named volume", scantest.Lines(t, agent["volumes"].([]any)[1], ""), [2]int{43, 43}},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s: lines %v, want %v", c.what, c.got, c.want)
		}
	}
}

func TestValues(t *testing.T) {
	res := scanFixture(t, "app/compose.yaml")
	web, api, agent := service(t, res, "web"), service(t, res, "api"), service(t, res, "agent")
	if web["image"] != "registry.example/shop/web:1.4.2" || scantest.Attr(t, web, "image")["interpolated"] != true {
		t.Errorf("web image %v (attrs %v), want TAG from .env, interpolated", web["image"], scantest.Attr(t, web, "image"))
	}
	env := web["environment"].(map[string]any)
	if env["SESSION_SECRET"] != "s3ss10n-from-dotenv" || scantest.Attr(t, env, "SESSION_SECRET")["interpolated"] != true {
		t.Errorf("SESSION_SECRET %v, want from .env and interpolated", env["SESSION_SECRET"])
	}
	if env["API_URL"] != "http://api:3000" || scantest.Attr(t, env, "API_URL")["interpolated"] != nil {
		t.Errorf("API_URL %v attrs %v, want a literal", env["API_URL"], scantest.Attr(t, env, "API_URL"))
	}
	if _, ok := api["image"]; ok || scantest.Attr(t, api, "image")["unknown"] != true {
		t.Errorf("api image %v, want unknown (API_TAG is set nowhere)", api["image"])
	}
	apiEnv := api["environment"].(map[string]any)
	if _, ok := apiEnv["STRIPE_API_KEY"]; ok || scantest.Attr(t, apiEnv, "STRIPE_API_KEY")["unknown"] != true {
		t.Errorf("STRIPE_API_KEY %v, want unknown (bare, set nowhere)", apiEnv["STRIPE_API_KEY"])
	}
	if apiEnv["DB_PASSWORD"] != "changeme" || scantest.Attr(t, apiEnv, "DB_PASSWORD")["interpolated"] != nil {
		t.Errorf("DB_PASSWORD %v, want a literal", apiEnv["DB_PASSWORD"])
	}
	vol := agent["volumes"].([]any)[0].(map[string]any)
	if vol["type"] != "bind" || vol["source"] != "/var/run/docker.sock" {
		t.Errorf("volume %v, want the canonical bind of docker.sock", vol)
	}
	port := web["ports"].([]any)[0].(map[string]any)
	if port["target"] != 80 || port["published"] != "8080" {
		t.Errorf("port %v, want target 80 (an int), published \"8080\"", port)
	}
	if agent["privileged"] != true || agent["network_mode"] != "host" || agent["pid"] != "host" {
		t.Errorf("agent %v", agent)
	}
	for _, d := range res.Documents {
		if d.Name == "web" && !reflect.DeepEqual(d.Secrets, []string{"s3ss10n-from-dotenv", "npm_dotenvtoken"}) {
			t.Errorf("web secrets %q", d.Secrets)
		}
		if d.Name == "api" && !reflect.DeepEqual(d.Secrets, []string{"changeme", "npm_dotenvtoken", "s3ss10n-from-dotenv"}) {
			t.Errorf("api secrets %q", d.Secrets)
		}
	}
}

func TestEnvironment(t *testing.T) {
	t.Setenv("API_TAG", "from-the-process") // never read
	res := scanFixture(t, "app/compose.yaml", WithEnvironment(map[string]string{"TAG": "2.0.0", "STRIPE_API_KEY": "sk_test_x"}))
	web, api := service(t, res, "web"), service(t, res, "api")
	if web["image"] != "registry.example/shop/web:2.0.0" {
		t.Errorf("web image %v, want TAG from WithEnvironment over .env", web["image"])
	}
	if _, ok := api["image"]; ok {
		t.Errorf("api image %v, want unknown: the process environment is not read", api["image"])
	}
	env := api["environment"].(map[string]any)
	if env["STRIPE_API_KEY"] != "sk_test_x" || scantest.Attr(t, env, "STRIPE_API_KEY")["interpolated"] != true {
		t.Errorf("STRIPE_API_KEY %v (attrs %v), want from WithEnvironment, interpolated", env["STRIPE_API_KEY"], scantest.Attr(t, env, "STRIPE_API_KEY"))
	}

	// Without .env, ${TAG:-latest} takes its default.
	src, err := os.ReadFile(filepath.Join(fixtures, "app/compose.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	res = scan(t, New(), fstest.MapFS{"compose.yaml": {Data: src}}, "compose.yaml")
	if img := service(t, res, "web")["image"]; img != "registry.example/shop/web:latest" {
		t.Errorf("web image %v without .env, want the default", img)
	}
}

func TestExtends(t *testing.T) {
	fsys := fstest.MapFS{
		"same/compose.yaml": {Data: []byte(`services:
  base:
    image: alpine:3.20
    privileged: true
  child:
    extends: base
    user: "1000"
`)},
		"other/compose.yaml": {Data: []byte(`services:
  web:
    extends:
      file: common.yml
      service: web
    image: nginx:1.27
`)},
		"other/common.yml": {Data: []byte("services:\n  web:\n    privileged: true\n")},
	}
	res := scan(t, New(), fsys, "same/compose.yaml")
	if len(res.Errors) > 0 {
		t.Fatal(res.Errors)
	}
	child := service(t, res, "child")
	if child["privileged"] != true || scantest.Lines(t, child, "privileged") != [2]int{4, 4} {
		t.Errorf("child privileged %v at %v, want true at the base's line 4", child["privileged"], scantest.Lines(t, child, "privileged"))
	}
	if child["user"] != "1000" || scantest.Lines(t, child, "user") != [2]int{7, 7} || scantest.Lines(t, child, "") != [2]int{5, 7} {
		t.Errorf("child user %v at %v, service %v", child["user"], scantest.Lines(t, child, "user"), scantest.Lines(t, child, ""))
	}

	res = scan(t, New(), fsys, "other/compose.yaml")
	if len(res.Errors) > 0 {
		t.Fatal(res.Errors)
	}
	web := service(t, res, "web")
	if web["image"] != "nginx:1.27" || web["privileged"] != nil {
		t.Errorf("web %v, want loaded without the other file's extends", web)
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		name, file, msg string
		line            int
		fsys            fs.FS
	}{
		{"invalid value", "invalid/compose.yaml", "services.web.privileged", 4, os.DirFS(fixtures)},
		{"syntax", "syntax/compose.yaml", "did not find expected ',' or ']'", 4, os.DirFS(fixtures)},
		{"unknown key", "compose.yaml", "services.web.bogus", 4, fstest.MapFS{"compose.yaml": {Data: []byte("services:\n  web:\n    image: x\n    bogus: 1\n")}}},
		{"required variable", "compose.yaml", "required variable NEED is missing a value", 3, fstest.MapFS{"compose.yaml": {Data: []byte("services:\n  web:\n    image: ${NEED:?set NEED}\n")}}},
		{"not a mapping", "compose.yaml", "a compose file is a mapping", 1, fstest.MapFS{"compose.yaml": {Data: []byte("- web\n")}}},
	}
	for _, tt := range tests {
		res := scan(t, New(), tt.fsys, tt.file)
		if len(res.Errors) != 1 || len(res.Documents) != 0 {
			t.Errorf("%s: errors %v, %d documents; want one error", tt.name, res.Errors, len(res.Documents))
			continue
		}
		e := res.Errors[0]
		if e.Path != tt.file || e.Line != tt.line || !strings.Contains(e.Error(), tt.msg) {
			t.Errorf("%s: error %q at line %d, want %q at line %d", tt.name, e, e.Line, tt.msg, tt.line)
		}
	}
}

func TestDotenvError(t *testing.T) {
	fsys := fstest.MapFS{
		"compose.yaml": {Data: []byte("services:\n  web:\n    image: nginx:${TAG}\n")},
		".env":         {Data: []byte("TAG=\"unterminated\n")},
	}
	res := scan(t, New(), fsys, "compose.yaml")
	if len(res.Errors) != 1 || res.Errors[0].Path != ".env" || len(res.Documents) != 0 {
		t.Errorf("errors %v, documents %d; want one error on .env", res.Errors, len(res.Documents))
	}
}

// TestErrorsDoNotPrintSecrets is D14: a value interpolated from .env that
// compose-go cannot cast, or quotes in another error, never appears in an
// error; the error names the key and its line instead.
func TestErrorsDoNotPrintSecrets(t *testing.T) {
	const pw = "Sup3rS3cretDbPw"
	for _, tc := range []struct {
		name, compose, env, msg string
		line                    int
	}{
		{"D14: cast to a boolean", "services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${DB_PASSWORD}\n    privileged: ${DB_PASSWORD}\n",
			"DB_PASSWORD=" + pw + "\n", "services.db.privileged: the value, once interpolated, is not a boolean", 6},
		{"cast to a number", "services:\n  db:\n    image: postgres:16\n    cpus: ${DB_PASSWORD}\n",
			"DB_PASSWORD=" + pw + "\n", "services.db.cpus: the value, once interpolated, is not a number", 4},
		{"variable not named like a credential, in a credential", "services:\n  db:\n    image: postgres:16\n    environment:\n      API_TOKEN: ${TOK}\n    read_only: ${TOK}\n",
			"TOK=" + pw + "\n", "services.db.read_only: the value, once interpolated, is not a boolean", 6},
		{"invalid interpolation format", "services:\n  db:\n    image: postgres:16\n    environment:\n      API_TOKEN: " + pw + "${X\n",
			"", "services.db.environment.API_TOKEN: invalid interpolation format", 5},
		{"decoding error", "services:\n  db:\n    image: postgres:16\n    shm_size: ${DB_PASSWORD}\n",
			"DB_PASSWORD=" + pw + "\n", "services[db].shm_size", 0},
		{".env syntax", "services:\n  db:\n    image: postgres:16\n", "A=1\nDB_PASSWORD=\"" + pw + "\n", "unterminated quoted value", 0},
		{".env variable name", "services:\n  db:\n    image: postgres:16\n", "DB$PASSWORD=" + pw + "\n", "unexpected character", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fsys := fstest.MapFS{"app/compose.yaml": {Data: []byte(tc.compose)}}
			if tc.env != "" {
				fsys["app/.env"] = &fstest.MapFile{Data: []byte(tc.env)}
			}
			res := scan(t, New(), fsys, "app/compose.yaml")
			if len(res.Errors) != 1 {
				t.Fatalf("errors %v, want one", res.Errors)
			}
			e := res.Errors[0]
			if strings.Contains(e.Error(), pw) {
				t.Errorf("error prints the secret: %q", e)
			}
			if !strings.Contains(e.Error(), tc.msg) || tc.line > 0 && e.Line != tc.line {
				t.Errorf("error %q at line %d, want %q at line %d", e, e.Line, tc.msg, tc.line)
			}
			if strings.HasPrefix(tc.name, ".env") {
				return
			}
			found := false
			for _, s := range res.Secrets {
				found = found || strings.Contains(s, pw)
			}
			if !found {
				t.Errorf("result secrets %q, want the password among them", res.Secrets)
			}
		})
	}
}

// compose-go casts yes/no/on/off/y/n (any case, quoted or not) to booleans
// for the boolean fields it knows, as `docker compose` does: the documents
// hold what compose-go resolves.
func TestYAML11Booleans(t *testing.T) {
	src := "services:\n  a:\n    image: x\n    privileged: yes\n  b:\n    image: x\n    privileged: \"on\"\n  c:\n    image: x\n    read_only: Y\n  d:\n    image: x\n    privileged: no\n"
	res := scan(t, New(), fstest.MapFS{"compose.yaml": {Data: []byte(src)}}, "compose.yaml")
	if len(res.Errors) != 0 {
		t.Fatal(res.Errors)
	}
	for name, want := range map[string][2]any{"a": {"privileged", true}, "b": {"privileged", true}, "c": {"read_only", true}, "d": {"privileged", nil}} {
		if got := service(t, res, name)[want[0].(string)]; got != want[1] {
			t.Errorf("%s.%s = %#v, want %#v", name, want[0], got, want[1])
		}
	}
	var got []string
	for _, f := range scantest.Evaluate(t, res.Documents, scantest.Rules("TG-COMPOSE-001")) {
		got = append(got, f.Document.Name+" "+f.Span)
	}
	if strings.Join(got, ",") != "a compose.yaml:4-4,b compose.yaml:7-7" {
		t.Errorf("privileged findings %v, want a and b", got)
	}
}

// A render.com blueprint has top-level services (a list, with image keys)
// and is taken by content; Compose rejects it, so it is another tool's file:
// skipped with Compose's reason, not a failed scan. The same text under a
// Compose file name is a broken Compose file and an error.
func TestContentMatchedFileComposeRejectsIsNotFormat(t *testing.T) {
	const render = "services:\n  - type: web\n    name: app\n    runtime: image\n    image:\n      url: docker.io/library/nginx:1.27\n"
	fsys := fstest.MapFS{"render.yaml": {Data: []byte(render)}, "compose.yaml": {Data: []byte(render)}}
	if !New().Match("render.yaml", []byte(render)) {
		t.Fatal("render.yaml is not taken by content: the test checks nothing")
	}
	res := scan(t, New(), fsys, "render.yaml")
	if len(res.Errors) != 0 || len(res.Documents) != 0 || !strings.Contains(res.NotFormat, "not a Compose file") || !strings.Contains(res.NotFormat, "services") {
		t.Errorf("render.yaml: errors %v, %d documents, not-format %q; want only a not-format reason naming services", res.Errors, len(res.Documents), res.NotFormat)
	}
	res = scan(t, New(), fsys, "compose.yaml")
	if len(res.Errors) != 1 || res.NotFormat != "" {
		t.Errorf("compose.yaml: errors %v, not-format %q; want an error", res.Errors, res.NotFormat)
	}
	// A YAML syntax error stays an error whatever the name: the file is
	// broken for every tool.
	broken := fstest.MapFS{"stack.yaml": {Data: []byte("services:\n  web:\n    image: [x\n")}}
	if res := scan(t, New(), broken, "stack.yaml"); len(res.Errors) != 1 || res.NotFormat != "" {
		t.Errorf("stack.yaml: errors %v, not-format %q; want an error", res.Errors, res.NotFormat)
	}
}
