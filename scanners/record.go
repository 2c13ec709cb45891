package scanners

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"sort"
	"sync"
)

// Dep is one thing a reader learnt from the file system: the outcome of an
// operation on a path, as a digest. Replaying the operation on the same
// tree gives the same Sum; any change a reader could have seen changes it.
type Dep struct {
	Op   string `json:"op"` // "open", "stat" or "readdir"
	Path string `json:"path"`
	Sum  string `json:"sum"`
}

// Recorder is a file system that remembers every file read, file stated
// and directory listed through it, misses included (a file whose absence a
// reader noticed is a dependency too), so that the outcome of a read can be
// cached and checked later with Unchanged. Readers must reach every input
// through the file system they are handed; one that read around it would
// make the record incomplete.
type Recorder struct {
	fsys fs.FS

	mu   sync.Mutex
	deps map[Dep]bool
	// see, when set, is shown each file read whole.
	see func(name string, content []byte)
	// partial is set when a read could not be recorded whole (a file over
	// MaxFileSize): the record is then not to be trusted.
	partial bool
}

var (
	_ fs.StatFS     = (*Recorder)(nil)
	_ fs.ReadDirFS  = (*Recorder)(nil)
	_ fs.ReadFileFS = (*Recorder)(nil)
)

// NewRecorder records the reads made through it from fsys.
func NewRecorder(fsys fs.FS) *Recorder {
	return &Recorder{fsys: fsys, deps: map[Dep]bool{}}
}

// See shows see each regular file read through r, with its content: a
// caller that must know something of the files a unit read (whether they
// hold an inline exception) need not read them again. Set it before use.
func (r *Recorder) See(see func(name string, content []byte)) { r.see = see }

// Deps are the recorded dependencies, sorted, and whether they are
// complete: false means the outcome must not be cached.
func (r *Recorder) Deps() ([]Dep, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]Dep, 0, len(r.deps))
	for d := range r.deps {
		out = append(out, d)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Path != out[j].Path {
			return out[i].Path < out[j].Path
		}
		if out[i].Op != out[j].Op {
			return out[i].Op < out[j].Op
		}
		return out[i].Sum < out[j].Sum
	})
	return out, !r.partial
}

func (r *Recorder) add(op, name, sum string) {
	r.mu.Lock()
	r.deps[Dep{Op: op, Path: name, Sum: sum}] = true
	r.mu.Unlock()
}

// Open reads a regular file whole, records its digest and serves what was
// read, so the digest is of exactly the bytes the reader saw. A directory
// is recorded as its listing.
func (r *Recorder) Open(name string) (fs.File, error) {
	f, err := r.fsys.Open(name)
	if err != nil {
		r.add("open", name, errSum(err))
		return nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		r.add("open", name, errSum(err))
		return nil, err
	}
	if st.IsDir() {
		r.ReadDir(name) // records the listing
		return f, nil
	}
	defer f.Close()
	b, err := readAll(f, st.Size())
	if err != nil {
		r.add("open", name, errSum(err))
		return nil, err
	}
	if len(b) > MaxFileSize {
		r.mu.Lock()
		r.partial = true
		r.mu.Unlock()
	}
	r.add("open", name, contentSum(b))
	if r.see != nil {
		r.see(name, b)
	}
	return &memFile{Reader: bytes.NewReader(b), info: st}, nil
}

// ReadFile reads through Open, so the limit and the record are the same.
func (r *Recorder) ReadFile(name string) ([]byte, error) {
	return ReadFile(onlyOpenFS{r}, name)
}

// Stat records whether name exists, and its kind and size.
func (r *Recorder) Stat(name string) (fs.FileInfo, error) {
	st, err := fs.Stat(r.fsys, name)
	r.add("stat", name, statSum(st, err))
	return st, err
}

// ReadDir records the names and kinds of a directory's entries.
func (r *Recorder) ReadDir(name string) ([]fs.DirEntry, error) {
	ents, err := fs.ReadDir(r.fsys, name)
	r.add("readdir", name, dirSum(ents, err))
	return ents, err
}

// Unchanged reports whether every dependency has the same outcome in fsys
// as when it was recorded. Any doubt is a change.
func Unchanged(fsys fs.FS, deps []Dep) bool { return UnchangedSeeing(fsys, deps, nil) }

// UnchangedSeeing is Unchanged, showing see each file it reads whole with
// its content (as Recorder.See).
func UnchangedSeeing(fsys fs.FS, deps []Dep, see func(name string, content []byte)) bool {
	for _, d := range deps {
		var sum string
		switch d.Op {
		case "open":
			sum = openSum(fsys, d.Path, see)
		case "stat":
			sum = statSum(fs.Stat(fsys, d.Path))
		case "readdir":
			sum = dirSum(fs.ReadDir(fsys, d.Path))
		default:
			return false
		}
		if sum != d.Sum {
			return false
		}
	}
	return true
}

// openSum is what Open records for name.
func openSum(fsys fs.FS, name string, see func(string, []byte)) string {
	f, err := fsys.Open(name)
	if err != nil {
		return errSum(err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return errSum(err)
	}
	if st.IsDir() {
		return "dir" // its listing is a readdir dependency of its own
	}
	b, err := readAll(f, st.Size())
	if err != nil {
		return errSum(err)
	}
	if see != nil {
		see(name, b)
	}
	return contentSum(b)
}

func contentSum(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// errSum is an error's outcome: its message (what a reader may report),
// with "missing" for any spelling of a file that does not exist.
func errSum(err error) string {
	if errors.Is(err, fs.ErrNotExist) {
		return "missing"
	}
	return "error:" + err.Error()
}

func statSum(st fs.FileInfo, err error) string {
	if err != nil {
		return errSum(err)
	}
	if st.IsDir() {
		return "dir"
	}
	return "file:" + st.Mode().Type().String() + ":" + itoa(st.Size())
}

func dirSum(ents []fs.DirEntry, err error) string {
	if err != nil {
		return errSum(err)
	}
	h := sha256.New()
	for _, e := range ents {
		h.Write([]byte(e.Name()))
		h.Write([]byte{0})
		h.Write([]byte(e.Type().String()))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}

func itoa(n int64) string {
	var b [20]byte
	i := len(b)
	if n == 0 {
		return "0"
	}
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}

// onlyOpenFS hides Recorder's ReadFile from ReadFile, which would call it
// back.
type onlyOpenFS struct{ r *Recorder }

func (o onlyOpenFS) Open(name string) (fs.File, error) { return o.r.Open(name) }

// memFile serves a file already read.
type memFile struct {
	*bytes.Reader
	info fs.FileInfo
}

func (f *memFile) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *memFile) Close() error               { return nil }
