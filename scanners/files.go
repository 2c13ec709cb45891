package scanners

import (
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

var secretNameRE = regexp.MustCompile(`(?i)(secret|passw(or)?d|passwd|token|api_?key|private_?key|access_?key|credential|auth)`)

// SecretName reports whether a variable or key name looks like it holds a
// credential (AWS_SECRET_ACCESS_KEY, DB_PASSWORD, GITHUB_TOKEN...).
func SecretName(name string) bool { return secretNameRE.MatchString(name) }
