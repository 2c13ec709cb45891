package scanners

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
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
	var size int64
	if st, err := f.Stat(); err == nil {
		if size = st.Size(); size > MaxFileSize {
			return nil, fmt.Errorf("file is %d MiB, over the %d MiB limit", size>>20, MaxFileSize>>20)
		}
	}
	b, err := readAll(f, size)
	if err != nil {
		return nil, err
	}
	if len(b) > MaxFileSize {
		return nil, fmt.Errorf("file is over the %d MiB limit", MaxFileSize>>20)
	}
	return b, nil
}

// readAll reads r to its end, but never more than MaxFileSize+1 bytes,
// into a buffer sized for size (the file's size as stated): a file that
// did not change since takes one read and the read that finds its end,
// where io.ReadAll starts at 512 bytes and grows, a read at a time.
func readAll(r io.Reader, size int64) ([]byte, error) {
	buf := make([]byte, 0, min(max(size, 0), MaxFileSize)+1)
	lr := io.LimitReader(r, MaxFileSize+1)
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)] // the file grew: room for more
		}
		n, err := lr.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
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

var (
	secretNameRE = regexp.MustCompile(`(?i)(secret|passw(or)?d|passwd|passphrase|token|api_?key|private_?key|access_?key|credential|auth_?key|client_?key|basic_?auth|(^|[_-])auth$)`)
	// notAValueRE matches names that refer to a credential without holding
	// it: its ARN, id, file, length, rotation settings...
	notAValueRE = regexp.MustCompile(`(?i)[_-]?(arn|ids?|file|path|dir|length|enabled|type|version|policy|name|rotation\w*|days|count|ttl|ref|source|version_stage|kms_key_id|wo_version|validity|units|template|characters|tokens)$`)
)

// SecretName reports whether a variable or key name looks like it holds a
// credential (AWS_SECRET_ACCESS_KEY, DB_PASSWORD, GITHUB_TOKEN...), and not
// merely names one (secret_arn, password_length, POSTGRES_PASSWORD_FILE).
func SecretName(name string) bool {
	if v, ok := secretNames.Load(name); ok {
		return v.(bool)
	}
	secret := secretNameRE.MatchString(name) &&
		// An access key id is as good as half a credential pair: kept secret.
		(!notAValueRE.MatchString(name) || strings.Contains(strings.ToLower(name), "access_key"))
	// Every attribute of every document is asked about, and a repository
	// has few distinct names: the regular expressions were a tenth of the
	// reading time. Bounded, so hostile input cannot grow it without end.
	if secretNamesKept.Add(1) <= maxSecretNames {
		secretNames.Store(name, secret)
	}
	return secret
}

var (
	secretNames     sync.Map // name -> bool
	secretNamesKept atomic.Int64
)

const maxSecretNames = 1 << 14

// secretStrings returns v when it is a string of 4 characters or more, or such
// strings of a list.
func secretStrings(v any) []string {
	switch x := v.(type) {
	case string:
		if len(x) >= 4 {
			return []string{x}
		}
	case []any:
		var out []string
		for _, item := range x {
			if s, ok := item.(string); ok && len(s) >= 4 {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// SecretValues returns the string values held under credential-like keys
// anywhere in v (maps and lists of plain values), for Document.Secrets.
// Values shorter than 4 characters are left out: masking "on" or "1" would
// mangle messages and protect nothing.
func SecretValues(v any) []string {
	var out []string
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, child := range x {
				if k == LocKey {
					continue
				}
				if SecretName(k) {
					out = append(out, secretStrings(child)...)
				}
				walk(child)
			}
		case []any:
			for _, child := range x {
				walk(child)
			}
		}
	}
	walk(v)
	return out
}
