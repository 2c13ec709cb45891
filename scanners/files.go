package scanners

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"regexp"
)

// MaxFileSize is the largest file a scanner reads; a larger one is an error
// in the report, never a silent skip.
const MaxFileSize = 10 << 20

// ReadFile reads name from fsys, refusing files over MaxFileSize.
func ReadFile(fsys fs.FS, name string) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.Size() > MaxFileSize {
		return nil, fmt.Errorf("file is %d MiB, over the %d MiB limit", st.Size()>>20, MaxFileSize>>20)
	}
	b, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(b) > MaxFileSize {
		return nil, fmt.Errorf("file is over the %d MiB limit", MaxFileSize>>20)
	}
	return b, nil
}

// EachFile scans files one at a time with scan, for formats whose files
// are each read on their own: one result per file, in the order given.
// Once ctx is done, every remaining file gets a result of the given format
// holding only ctx's error.
func EachFile(ctx context.Context, format string, files []string, scan func(file string) Result) []Result {
	out := make([]Result, 0, len(files))
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			out = append(out, Result{Path: f, Format: format, Errors: []*FileError{{Path: f, Err: err}}})
			continue
		}
		out = append(out, scan(f))
	}
	return out
}

var secretNameRE = regexp.MustCompile(`(?i)(secret|passw(or)?d|passwd|token|api_?key|private_?key|access_?key|credential|auth)`)

// SecretName reports whether a variable or key name looks like it holds a
// credential (AWS_SECRET_ACCESS_KEY, DB_PASSWORD, GITHUB_TOKEN...).
func SecretName(name string) bool { return secretNameRE.MatchString(name) }
