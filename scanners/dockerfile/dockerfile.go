package dockerfile

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"path"
	"regexp"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/linter"
	"github.com/moby/buildkit/frontend/dockerfile/parser"

	"github.com/tollgate/tollgate/scanners"
)

// Format is the input.format of Dockerfile documents.
const Format = "dockerfile"

// TypeStage is the input.type of a build stage.
const TypeStage = "dockerfile_stage"

// Scanner reads Dockerfiles.
type Scanner struct{}

// New returns a Dockerfile scanner.
func New() *Scanner { return &Scanner{} }

// Name implements scanners.FileScanner.
func (*Scanner) Name() string { return Format }

// Match takes files named like Dockerfiles, and other files whose first
// instruction is FROM (or ARG lines, then FROM).
func (*Scanner) Match(p string, head []byte) bool {
	base := path.Base(p)
	if strings.HasSuffix(base, ".dockerignore") {
		return false // Dockerfile.dockerignore is the ignore file of Dockerfile
	}
	return nameMatches(base) || contentMatches(head)
}

func nameMatches(base string) bool {
	for _, n := range []string{"Dockerfile", "Containerfile"} {
		if base == n || strings.HasPrefix(base, n+".") || strings.HasSuffix(base, "."+n) {
			return true
		}
	}
	return base == "dockerfile" || strings.HasSuffix(base, ".dockerfile")
}

var (
	// fromRE is a whole FROM line: flags, one image, an optional AS name.
	fromRE = regexp.MustCompile(`(?i)^FROM\s+(--\S+\s+)*\S+(\s+AS\s+\S+)?$`)
	// argRE is a whole ARG line of names with optional defaults.
	argRE = regexp.MustCompile(`(?i)^ARG(\s+[A-Za-z_][A-Za-z0-9_]*(=("[^"]*"|'[^']*'|\S*))?)+$`)
)

// contentMatches reports whether the first instruction of head is FROM, or
// ARG lines and then FROM; comments and blank lines are skipped.
func contentMatches(head []byte) bool {
	if bytes.IndexByte(head, 0) >= 0 {
		return false
	}
	for line := range strings.SplitSeq(string(head), "\n") {
		t := strings.TrimSpace(line)
		switch {
		case t == "" || strings.HasPrefix(t, "#"):
			continue
		case fromRE.MatchString(t):
			return true
		case argRE.MatchString(t):
			continue
		}
		return false
	}
	return false
}

// Scan implements scanners.FileScanner.
// Units implements scanners.Partitioner: each file is read on its own.
func (*Scanner) Units(_ fs.FS, files []string) [][]string { return scanners.FileUnits(files) }

func (s *Scanner) Scan(ctx context.Context, fsys fs.FS, files []string) []scanners.Result {
	return scanners.EachFile(ctx, Format, files, func(f string) scanners.Result { return scanFile(fsys, f) })
}

func scanFile(fsys fs.FS, file string) scanners.Result {
	res := scanners.Result{Path: file, Format: Format}
	src, err := scanners.ReadFile(fsys, file)
	if err != nil {
		res.Errors = append(res.Errors, &scanners.FileError{Path: file, Err: err})
		return res
	}
	docs, ferr := Parse(file, src)
	if ferr != nil {
		res.Errors = append(res.Errors, ferr)
		res.Secrets = textSecrets(src)
	}
	res.Documents = docs
	return res
}

// Parse reads the Dockerfile src, reported as path, into one document per
// stage. A file BuildKit refuses yields no documents and an error with the
// line it was found at.
func Parse(path string, src []byte) ([]scanners.Document, *scanners.FileError) {
	docs, ferr := parseFile(path, src)
	if ferr != nil {
		if msg := ferr.Err.Error(); safeMessage(msg, textSecrets(src)) != msg {
			ferr.Err = errors.New(safeMessage(msg, textSecrets(src)))
		}
	}
	return docs, ferr
}

func parseFile(path string, src []byte) ([]scanners.Document, *scanners.FileError) {
	res, err := parser.Parse(bytes.NewReader(src))
	if err != nil {
		return nil, &scanners.FileError{Path: path, Line: errLine(err), Err: err}
	}
	b := newBuilder(path, src, res.EscapeToken)
	// A linter without a Warn function runs no rule; it is still needed
	// because `# check=` comments are merged into it.
	lint := linter.New(&linter.Config{})
	for _, n := range res.AST.Children {
		cmd, err := instructions.ParseInstructionWithLinter(n, lint)
		if err != nil {
			return nil, &scanners.FileError{Path: path, Line: n.StartLine, Err: err}
		}
		if err := b.add(n, cmd); err != nil {
			return nil, &scanners.FileError{Path: path, Line: n.StartLine, Err: err}
		}
	}
	if len(b.stages) == 0 {
		return nil, &scanners.FileError{Path: path, Line: 1, Err: errors.New("no FROM instruction: the Dockerfile has no build stage")}
	}
	return b.documents(), nil
}

// errLine is the first line a BuildKit error points at, 0 when none.
func errLine(err error) int {
	var le *parser.LocationError
	if errors.As(err, &le) {
		for _, rs := range le.Locations {
			for _, r := range rs {
				if r.Start.Line > 0 {
					return r.Start.Line
				}
			}
		}
	}
	return 0
}
