package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/tollgate/tollgate/internal/testtools"
)

// readmeBlock is a fenced code block of README.md.
type readmeBlock struct {
	lang  string
	line  int // of its first line of code
	lines []string
}

var fence = regexp.MustCompile("^( *)```([a-z]*)\\s*$")

// readmeSection returns the blocks of the README section under heading,
// dedented as a list item's are.
func readmeSection(t *testing.T, readme []byte, heading string) []readmeBlock {
	t.Helper()
	lines := strings.Split(string(readme), "\n")
	start := -1
	for i, l := range lines {
		if l == heading {
			start = i
		} else if start >= 0 && strings.HasPrefix(l, "## ") {
			lines = lines[:i]
			break
		}
	}
	if start < 0 {
		t.Fatalf("README.md has no %q section", heading)
	}
	var blocks []readmeBlock
	for i := start; i < len(lines); i++ {
		m := fence.FindStringSubmatch(lines[i])
		if m == nil {
			continue
		}
		b := readmeBlock{lang: m[2], line: i + 2}
		for i++; i < len(lines) && strings.TrimSpace(lines[i]) != "```"; i++ {
			b.lines = append(b.lines, strings.TrimPrefix(lines[i], m[1]))
		}
		blocks = append(blocks, b)
	}
	return blocks
}

// TestReadmeWalkthrough runs the custom-policy walkthrough of README.md
// exactly as written, in an empty directory: each code block whose first
// line is "# PATH" is written to PATH, and each console block's commands
// are run ("$ tollgate ARGS" in process, "$ echo $?" its exit code), their
// stdout then stderr compared with the lines shown. A shown line "..."
// stands for any lines, and a line ending in " ..." for any line so
// beginning.
func TestReadmeWalkthrough(t *testing.T) {
	repo := testtools.Repo()
	readme, err := os.ReadFile(filepath.Join(repo, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	blocks := readmeSection(t, readme, "## Your own policies")
	t.Chdir(t.TempDir())
	t.Setenv("GITHUB_STEP_SUMMARY", "")

	ran := map[string]bool{}
	files := 0
	code := -1
	for _, b := range blocks {
		if b.lang != "console" {
			path, ok := strings.CutPrefix(b.lines[0], "# ")
			if !ok || strings.ContainsAny(path, " \t") {
				t.Fatalf("README.md:%d: a %s block names its file on its first line (# PATH)", b.line, b.lang)
			}
			src := strings.Join(b.lines, "\n") + "\n"
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
				t.Fatal(err)
			}
			files++
			// The walkthrough's policy is the example shipped in testdata.
			if dir, name := filepath.Split(path); dir == "policy/" {
				shipped, err := os.ReadFile(filepath.Join(repo, "testdata", "policies", "custom", name))
				if err != nil {
					t.Fatal(err)
				}
				if body := strings.Join(b.lines[1:], "\n") + "\n"; body != string(shipped) {
					t.Errorf("README.md:%d: %s differs from testdata/policies/custom/%s", b.line, path, name)
				}
			}
			continue
		}
		for i := 0; i < len(b.lines); {
			cmdLine, ok := strings.CutPrefix(b.lines[i], "$ ")
			if !ok {
				t.Fatalf("README.md:%d: console block: %q is neither a command ($ ...) nor its output", b.line+i, b.lines[i])
			}
			at := b.line + i
			j := i + 1
			for j < len(b.lines) && !strings.HasPrefix(b.lines[j], "$ ") {
				j++
			}
			want := b.lines[i+1 : j]
			i = j
			var got string
			switch args := strings.Fields(cmdLine); {
			case cmdLine == "echo $?":
				if code < 0 {
					t.Fatalf("README.md:%d: echo $? before any command", at)
				}
				got = strconv.Itoa(code)
			case len(args) > 0 && args[0] == "tollgate" && !strings.ContainsAny(cmdLine, `'"\|&;<>*$`):
				var stdout, stderr bytes.Buffer
				code = run(args[1:], &stdout, &stderr)
				got = stdout.String() + stderr.String()
				ran[strings.Join(args[:min(3, len(args))], " ")] = true
			default:
				t.Fatalf("README.md:%d: the walkthrough runs only tollgate without shell quoting and echo $?, not %q", at, cmdLine)
			}
			if !matchLines(want, trimLines(got)) {
				t.Errorf("README.md:%d: $ %s\nshows:\n%s\ngot:\n%s", at, cmdLine, strings.Join(want, "\n"), got)
			}
		}
	}
	// An edit of the README that drops a step fails here rather than
	// leaving the step untested.
	for _, c := range []string{"tollgate policy test", "tollgate policy lint", "tollgate scan infra/"} {
		if !ran[c] {
			t.Errorf("the walkthrough no longer runs %s", c)
		}
	}
	if files < 4 {
		t.Errorf("the walkthrough writes %d files, want the rule, its test, the Conftest policy and the Terraform", files)
	}
}

// trimLines splits output into lines, without the trailing empty ones.
func trimLines(s string) []string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	for i := range lines {
		lines[i] = strings.TrimRight(lines[i], " ")
	}
	return lines
}

// matchLines matches the lines a README shows against the output: "..."
// matches any lines, a line ending in " ..." any line with that beginning.
func matchLines(want, got []string) bool {
	for len(want) > 0 && want[len(want)-1] == "" {
		want = want[:len(want)-1]
	}
	if len(want) == 0 {
		return len(got) == 0 || len(got) == 1 && got[0] == ""
	}
	if want[0] == "..." {
		for k := 0; k <= len(got); k++ {
			if matchLines(want[1:], got[k:]) {
				return true
			}
		}
		return false
	}
	if len(got) == 0 {
		return false
	}
	w := want[0]
	if prefix, ok := strings.CutSuffix(w, " ..."); ok {
		if !strings.HasPrefix(got[0], prefix) {
			return false
		}
	} else if w != got[0] {
		return false
	}
	return matchLines(want[1:], got[1:])
}

func TestMatchLines(t *testing.T) {
	for _, tc := range []struct {
		want, got []string
		ok        bool
	}{
		{[]string{"a", "b"}, []string{"a", "b"}, true},
		{[]string{"a"}, []string{"a", "b"}, false},
		{[]string{"a", "..."}, []string{"a", "b", "c"}, true},
		{[]string{"...", "c"}, []string{"a", "b", "c"}, true},
		{[]string{"...", "d"}, []string{"a", "b", "c"}, false},
		{[]string{"a: x ...", "b"}, []string{"a: x y z", "b"}, true},
		{[]string{"a: x ...", "b"}, []string{"a: w y z", "b"}, false},
	} {
		if got := matchLines(tc.want, tc.got); got != tc.ok {
			t.Errorf("matchLines(%q, %q) = %v", tc.want, tc.got, got)
		}
	}
}
