package dockerfile

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tollgate/tollgate/internal/scantest"
	"github.com/tollgate/tollgate/scanners"
)

const fixtures = "../../testdata/dockerfile"

var _ scanners.FileScanner = New()

func TestMatch(t *testing.T) {
	from := []byte("FROM alpine:3.20\n")
	tests := []struct {
		path string
		head string
		want bool
	}{
		{"Dockerfile", "", true},
		{"svc/Dockerfile.prod", "", true},
		{"build.Dockerfile", "", true},
		{"Containerfile", "", true},
		{"ci/Containerfile.arm64", "", true},
		{"dockerfile", "", true},
		{"tools/app.dockerfile", "", true},
		{"Dockerfile.dockerignore", "FROM x\n", false},
		{"scanners/dockerfile/dockerfile.go", "package dockerfile\n", false},
		{"image.build", string(from), true},
		{"image.build", "# syntax=docker/dockerfile:1\n\n# comment\nFROM --platform=$BUILDPLATFORM golang:1.22 AS build\n", true},
		{"image.build", "ARG BASE=debian:bookworm-slim\nARG X Y=\"a b\"\nFROM ${BASE}\n", true},
		{"image.build", "ARG BASE=debian\nRUN make\n", false},
		{"notes.txt", "From here we go\n", false},
		{"mail.eml", "From: someone@example.com\n", false},
		{"script.sh", "#!/bin/sh\nFROM=1\n", false},
		{"blob.bin", "FROM a\x00\n", false},
		{"compose.yaml", "services:\n  web:\n    image: x\n", false},
	}
	s := New()
	for _, tt := range tests {
		if got := s.Match(tt.path, []byte(tt.head)); got != tt.want {
			t.Errorf("Match(%q, %q) = %v, want %v", tt.path, tt.head, got, tt.want)
		}
	}
}

// scanFixture scans one file of testdata/dockerfile.
func scanFixture(t *testing.T, file string) scanners.Result {
	t.Helper()
	return scantest.Scan(t, New(), os.DirFS(fixtures), file)[0]
}

func TestGolden(t *testing.T) {
	for _, file := range []string{"simple/Dockerfile", "multistage/Dockerfile", "rootuser/Containerfile", "content/image.build"} {
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

// stageNamed returns the resource of the document named name.
func stageNamed(t *testing.T, docs []scanners.Document, name string) map[string]any {
	t.Helper()
	for _, d := range docs {
		if d.Name == name {
			return d.Resource
		}
	}
	t.Fatalf("no stage %q", name)
	return nil
}

func entry(t *testing.T, list any, name string) map[string]any {
	t.Helper()
	for _, e := range list.([]any) {
		if m := e.(map[string]any); m["name"] == name {
			return m
		}
	}
	t.Fatalf("no entry %q", name)
	return nil
}

func TestMultistageLines(t *testing.T) {
	res := scanFixture(t, "multistage/Dockerfile")
	if len(res.Documents) != 2 {
		t.Fatalf("%d documents, want 2", len(res.Documents))
	}
	build := stageNamed(t, res.Documents, "build")
	runtime := stageNamed(t, res.Documents, "runtime")

	checks := []struct {
		what      string
		got, want [2]int
	}{
		{"build stage", scantest.Lines(t, build, ""), [2]int{5, 18}},
		{"build base_image", scantest.Lines(t, build, "base_image"), [2]int{5, 5}},
		{"build user (inherited: FROM)", scantest.Lines(t, build, "user"), [2]int{5, 5}},
		{"ARG VERSION", scantest.Lines(t, entry(t, build["args"], "VERSION"), ""), [2]int{6, 6}},
		{"ENV CGO_ENABLED", scantest.Lines(t, entry(t, build["env"], "CGO_ENABLED"), ""), [2]int{7, 7}},
		{"ENV GOFLAGS (continuation)", scantest.Lines(t, entry(t, build["env"], "GOFLAGS"), ""), [2]int{8, 8}},
		{"RUN --mount with continuations", scantest.Lines(t, build["instructions"].([]any)[5].(map[string]any), ""), [2]int{11, 13}},
		{"RUN heredoc", scantest.Lines(t, build["instructions"].([]any)[7].(map[string]any), ""), [2]int{15, 18}},
		{"global ARG GO_VERSION", scantest.Lines(t, entry(t, build["meta_args"], "GO_VERSION"), ""), [2]int{2, 2}},
		{"runtime stage", scantest.Lines(t, runtime, ""), [2]int{20, 24}},
		{"runtime user", scantest.Lines(t, runtime, "user"), [2]int{22, 22}},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s: lines %v, want %v", c.what, c.got, c.want)
		}
	}
	if got := build["base_image"]; got != "golang:1.22-bookworm" {
		t.Errorf("build base_image = %v, want global ARG expanded", got)
	}
	if got := runtime["base_image"]; got != "gcr.io/distroless/static-debian12@sha256:6ec5aa99dc335666e79dc64e4a6c8b89c33a543a1967f20d360922a80dd21f02" {
		t.Errorf("runtime base_image = %v", got)
	}
	if build["is_final"] != false || runtime["is_final"] != true {
		t.Errorf("is_final: build %v, runtime %v", build["is_final"], runtime["is_final"])
	}
	if runtime["user"] != "65532:65532" || build["user"] != "" {
		t.Errorf("users: build %q, runtime %q", build["user"], runtime["user"])
	}
	heredoc := build["instructions"].([]any)[7].(map[string]any)
	hs := heredoc["heredocs"].([]any)
	if len(hs) != 1 || !strings.Contains(hs[0].(map[string]any)["content"].(string), "go build -ldflags") {
		t.Errorf("heredocs = %v", hs)
	}
	copyFrom := runtime["instructions"].([]any)[1].(map[string]any)
	if !reflect.DeepEqual(copyFrom["sources"], []any{"/out/app"}) || copyFrom["dest"] != "/app" || !reflect.DeepEqual(copyFrom["flags"], []any{"--from=build"}) {
		t.Errorf("COPY --from = %v", copyFrom)
	}
}

func TestRootUserInheritance(t *testing.T) {
	res := scanFixture(t, "rootuser/Containerfile")
	base := stageNamed(t, res.Documents, "base")
	final := stageNamed(t, res.Documents, "1")
	if base["user"] != "app" || scantest.Lines(t, base, "user") != [2]int{3, 3} {
		t.Errorf("base user %v at %v, want app at 3", base["user"], scantest.Lines(t, base, "user"))
	}
	if final["user"] != "root" || scantest.Lines(t, final, "user") != [2]int{6, 6} {
		t.Errorf("final user %v at %v, want root at 6", final["user"], scantest.Lines(t, final, "user"))
	}
	if final["base_stage"] != "base" {
		t.Errorf("final base_stage = %v, want base", final["base_stage"])
	}
}

func parse(t *testing.T, src string) []scanners.Document {
	t.Helper()
	docs, err := Parse("Dockerfile", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return docs
}

func TestExpansion(t *testing.T) {
	docs := parse(t, `ARG BASE
ARG TAG=3.20
FROM alpine:${TAG} AS a
ENV HOME_DIR=/home/app
ENV CONF=${HOME_DIR}/conf PATH=/app:$PATH
ARG UID
USER ${UID}
FROM ${BASE} AS b
FROM scratch AS c
ENV PORT=8080 URL=http://localhost:$PORT
USER ${NOT_DECLARED:-nobody}
FROM c AS d
ARG TAG
ENV IMG=alpine:$TAG LISTEN=:$PORT
`)
	a := stageNamed(t, docs, "a")
	if a["base_image"] != "alpine:3.20" {
		t.Errorf("a base_image = %v", a["base_image"])
	}
	if v := entry(t, a["env"], "CONF")["value"]; v != "/home/app/conf" {
		t.Errorf("CONF = %v, want the earlier ENV expanded", v)
	}
	if p := entry(t, a["env"], "PATH"); !scantest.Unknown(p, "value") {
		t.Errorf("PATH = %v, want unknown: $PATH comes from the base image", p)
	}
	if !scantest.Unknown(a, "user") {
		t.Errorf("a user = %v, want unknown: ARG UID has no default", a["user"])
	}
	if b := stageNamed(t, docs, "b"); !scantest.Unknown(b, "base_image") {
		t.Errorf("b base_image = %v, want unknown: ARG BASE has no default", b["base_image"])
	}
	c := stageNamed(t, docs, "c")
	if v := entry(t, c["env"], "URL")["value"]; v != "http://localhost:" {
		t.Errorf("URL = %q, want PORT as it was before the ENV (unset on scratch)", v)
	}
	if c["user"] != "nobody" {
		t.Errorf("c user = %v, want the default of an undeclared variable on scratch", c["user"])
	}
	d := stageNamed(t, docs, "d")
	if v := entry(t, d["env"], "IMG")["value"]; v != "alpine:3.20" {
		t.Errorf("IMG = %v, want the redeclared global ARG's value", v)
	}
	if v := entry(t, d["env"], "LISTEN")["value"]; v != ":8080" {
		t.Errorf("LISTEN = %v, want ENV inherited from stage c", v)
	}
	if d["user"] != "nobody" {
		t.Errorf("d user = %v, want inherited from stage c", d["user"])
	}
}

func TestSecrets(t *testing.T) {
	res := scanFixture(t, "simple/Dockerfile")
	if len(res.Documents) != 1 {
		t.Fatalf("%d documents, want 1", len(res.Documents))
	}
	got := res.Documents[0].Secrets
	for _, want := range []string{"hunter2", "pypi-exampletoken"} {
		found := false
		for _, s := range got {
			found = found || s == want
		}
		if !found {
			t.Errorf("secrets %q lack %q", got, want)
		}
	}
	for _, s := range got {
		if s == "/srv/app" {
			t.Errorf("secrets %q hold APP_HOME, which is not a credential", got)
		}
	}
}

func TestErrors(t *testing.T) {
	res := scanFixture(t, "error/Dockerfile")
	if len(res.Documents) != 0 || len(res.Errors) != 1 {
		t.Fatalf("documents %d, errors %v; want 0 and 1", len(res.Documents), res.Errors)
	}
	if e := res.Errors[0]; e.Path != "error/Dockerfile" || e.Line != 3 || !strings.Contains(e.Err.Error(), "unknown flag: --bogus") {
		t.Errorf("error = %v, want error/Dockerfile:3 unknown flag", e)
	}

	tests := []struct {
		name, src, msg string
		line           int
	}{
		{"unknown instruction", "FROM alpine\nRUN true\nFORM alpine\n", "unknown instruction: FORM", 3},
		{"unterminated heredoc", "FROM alpine\nRUN <<EOF\necho hi\n", "unterminated heredoc", 2},
		{"instruction before FROM", "# build\nRUN make\nFROM alpine\n", "RUN before the first FROM", 2},
		{"ENV without a value", "FROM alpine\nENV\n", "ENV requires at least one argument", 2},
		{"no FROM", "ARG A=1\n", "no FROM instruction", 1},
		{"empty", "\n# nothing\n", "file with no instructions", 2}, // BuildKit points at the end
	}
	for _, tt := range tests {
		docs, err := Parse("Dockerfile", []byte(tt.src))
		if err == nil {
			t.Errorf("%s: no error, %d documents", tt.name, len(docs))
			continue
		}
		if err.Line != tt.line || !strings.Contains(err.Error(), tt.msg) || len(docs) != 0 {
			t.Errorf("%s: error %q at line %d, want %q at line %d", tt.name, err, err.Line, tt.msg, tt.line)
		}
	}
}

func TestScanReadError(t *testing.T) {
	fsys := fstest.MapFS{"Dockerfile": &fstest.MapFile{Data: []byte("FROM alpine\n")}}
	res := New().Scan(context.Background(), fsys, []string{"Dockerfile", "missing/Dockerfile"})
	if len(res) != 2 || len(res[0].Errors) != 0 || len(res[0].Documents) != 1 {
		t.Fatalf("results %+v", res)
	}
	if len(res[1].Errors) != 1 || res[1].Errors[0].Path != "missing/Dockerfile" {
		t.Errorf("missing file: %+v, want one error", res[1])
	}
}

// BuildKit's errors quote the text they stop at: a credential written in
// the file never appears in the error, which keeps its line.
func TestErrorsDoNotPrintSecrets(t *testing.T) {
	const pw = "Sup3rS3cretPw"
	for _, tc := range []struct{ name, src, msg string }{
		{"stray NAME=VALUE line", "FROM alpine\nDB_PASSWORD=" + pw + "\n", "unknown instruction: DB_PASSWORD=…"},
		{"stray line, name not a credential", "FROM alpine\nFOO=" + pw + "\n", "unknown instruction: FOO=…"},
		{"ENV word without =", "FROM alpine\nENV DB_PASSWORD=x " + pw + "\n", "can't find = in a word"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := scantest.Scan(t, New(), fstest.MapFS{"Dockerfile": {Data: []byte(tc.src)}}, "Dockerfile")[0]
			if len(res.Errors) != 1 || res.Errors[0].Line != 2 {
				t.Fatalf("errors %v, want one at line 2", res.Errors)
			}
			if msg := res.Errors[0].Error(); strings.Contains(msg, pw) || !strings.Contains(msg, tc.msg) {
				t.Errorf("error %q, want %q without the secret", msg, tc.msg)
			}
		})
	}
	res := scantest.Scan(t, New(), fstest.MapFS{"Dockerfile": {Data: []byte("FROM alpine\nENV API_TOKEN " + pw + "\nDB_PASSWORD=\"" + pw + "2\"\n")}}, "Dockerfile")[0]
	if len(res.Errors) != 1 || !slices.Contains(res.Secrets, pw) || !slices.Contains(res.Secrets, pw+"2") {
		t.Errorf("errors %v, secrets %q; want both values among the secrets", res.Errors, res.Secrets)
	}
}
