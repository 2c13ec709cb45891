package scanners

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
)

// headSize is how much of a file Match sees.
const headSize = 8 << 10

// skipDirs are directories that hold tools' state, never the user's IaC.
var skipDirs = map[string]bool{".git": true, ".terraform": true, "node_modules": true, ".hg": true, ".svn": true}

// Skipped is a file no scanner took, and why.
type Skipped struct {
	Path   string
	Reason string
}

// Walked is what Walk made of the targets.
type Walked struct {
	Results []Result
	Skipped []Skipped
}

// WalkOption configures Walk.
type WalkOption func(*walkOptions)

type walkOptions struct {
	exclude       *Exclude
	emit          func(Result)
	shard, shards int
	unitHook      func(Unit)
	drain         func()
}

// Unit is one group of files a scanner reads together, handed to the
// WithUnitHook callback instead of being read by the walker.
type Unit struct {
	// Scanner is the name of the scanner that reads the unit.
	Scanner string
	// Files are the unit's files, in the order the scanner is given them.
	Files []string
	// FS is the scan root the unit is read from.
	FS fs.FS
	// Emit hands a file's result to the walk, as the walker does with
	// what it reads itself (a result with NotFormat is listed as skipped).
	Emit func(Result)

	ctx     context.Context
	scanner FileScanner
}

// Read reads the unit's files from fsys (FS, or a file system wrapping
// it, such as a Recorder) and returns their results without emitting them.
func (u Unit) Read(fsys fs.FS) []Result { return u.scanner.Scan(u.ctx, fsys, u.Files) }

// WithUnitHook hands each unit to hook, from several goroutines at once,
// instead of reading it: hook reads it (Unit.Read) or replays a result it
// kept, and emits each file's result with Unit.Emit or accounts for it
// itself. The walker still finds, matches, claims, partitions and shards.
func WithUnitHook(hook func(Unit)) WalkOption {
	return func(o *walkOptions) { o.unitHook = hook }
}

// WithDrain calls drain once the units of a target have all been handed
// over, before its root is closed: whatever a hook or results callback
// put off doing with them (an evaluation waiting for the policies'
// compile, reading the code lines of a finding) is done there.
func WithDrain(drain func()) WalkOption {
	return func(o *walkOptions) { o.drain = drain }
}

// WithExclude leaves out what e excludes.
func WithExclude(e *Exclude) WalkOption {
	return func(o *walkOptions) { o.exclude = e }
}

// WithResults streams the results: emit is called once per file, from
// several goroutines at once, as soon as the unit holding the file has been
// read, and Walked.Results stays empty. A unit's documents are held only
// until emit returns for its files, so memory follows the largest unit,
// not the repository.
func WithResults(emit func(Result)) WalkOption {
	return func(o *walkOptions) { o.emit = emit }
}

// WithShard reads only shard k of n (1 <= k <= n): the units are dealt to
// the shards by a hash of their first path, never split, so n walks with
// k = 1..n together read every unit exactly once, and the same tree is
// always dealt the same way. Skipped files and files that could not be
// opened are dealt by their own path.
func WithShard(k, n int) WalkOption {
	return func(o *walkOptions) { o.shard, o.shards = k, n }
}

// Partitioner is a FileScanner that says which of its files must be read
// together (a Terraform configuration and the local modules it calls).
// Each unit is read by one Scan call, in parallel with the others; the
// files of a scanner without Partitioner form one unit.
type Partitioner interface {
	Units(fsys fs.FS, files []string) [][]string
}

// FileUnits makes each file a unit of its own: for formats whose files are
// read independently.
func FileUnits(files []string) [][]string {
	out := make([][]string, len(files))
	for i, f := range files {
		out[i] = []string{f}
	}
	return out
}

// ShardOf deals the unit or input named key to one of n shards: the same
// key always goes to the same shard, from 1 to n.
func ShardOf(key string, n int) int {
	if n <= 1 {
		return 1
	}
	h := fnv.New32a()
	h.Write([]byte(key))
	return int(h.Sum32()%uint32(n)) + 1
}

// mine reports whether the unit or file keyed by key falls to this walk's
// shard.
func (o *walkOptions) mine(key string) bool {
	return o.shards <= 1 || ShardOf(key, o.shards) == o.shard
}

// Walk finds the files under targets (files or directories), gives each to
// the first scanner that matches it, and scans them. Paths in results are
// relative to base when a target lies under it (so that reports point into
// the repository), else relative to the target's own directory. A target
// that does not exist is a FileError, never a silent skip.
func Walk(ctx context.Context, base string, targets []string, scs []FileScanner, opts ...WalkOption) (Walked, error) {
	var o walkOptions
	for _, opt := range opts {
		opt(&o)
	}
	baseAbs, err := filepath.Abs(base)
	if err != nil {
		return Walked{}, fmt.Errorf("scan root: %w", err)
	}
	var w Walked
	var mu sync.Mutex // guards w while units are read
	add := func(r Result) {
		if r.NotFormat != "" && len(r.Errors) == 0 && len(r.Documents) == 0 {
			mu.Lock()
			w.Skipped = append(w.Skipped, Skipped{Path: r.Path, Reason: r.NotFormat})
			mu.Unlock()
			return
		}
		if o.emit != nil {
			o.emit(r)
			return
		}
		mu.Lock()
		w.Results = append(w.Results, r)
		mu.Unlock()
	}
	for _, t := range targets {
		if err := ctx.Err(); err != nil {
			return w, err
		}
		root, name, err := rootOf(baseAbs, t)
		if err != nil {
			if o.mine(t) {
				add(Result{Path: t, Errors: []*FileError{{Path: t, Err: err}}})
			}
			continue
		}
		fsys, err := OpenRoot(root)
		if err != nil {
			if o.mine(t) {
				add(Result{Path: t, Errors: []*FileError{{Path: t, Err: unwrapPathErr(err)}}})
			}
			continue
		}
		byScanner := map[FileScanner][]string{}
		var order []FileScanner
		var readErrs []Result
		// Files are classified by their first bytes a batch at a time,
		// the heads read in parallel (opening and reading thousands of
		// small files is most of the walk) and matched in walk order.
		var pending []string
		heads := make([][]byte, headBatch)
		herrs := make([]error, headBatch)
		classify := func() {
			Parallel(len(pending), func(i int) { heads[i], herrs[i] = readHead(fsys, pending[i]) })
		files:
			for i, p := range pending {
				if herrs[i] != nil {
					readErrs = append(readErrs, Result{Path: p, Errors: []*FileError{{Path: p, Err: herrs[i]}}})
					continue
				}
				for _, s := range scs {
					if match(s, fsys, p, heads[i]) {
						if _, seen := byScanner[s]; !seen {
							order = append(order, s)
						}
						byScanner[s] = append(byScanner[s], p)
						continue files
					}
				}
				w.Skipped = append(w.Skipped, Skipped{Path: p, Reason: skipReason(p, p == name)})
			}
			pending = pending[:0]
			clear(heads)
			clear(herrs)
		}
		err = fs.WalkDir(fsys, name, func(p string, d fs.DirEntry, err error) error {
			if err := ctx.Err(); err != nil {
				return err
			}
			if err != nil {
				readErrs = append(readErrs, Result{Path: p, Errors: []*FileError{{Path: p, Err: unwrapPathErr(err)}}})
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				if p != name && skipDirs[d.Name()] {
					return fs.SkipDir
				}
				if why := o.exclude.excluded(p, true); p != name && why != "" {
					w.Skipped = append(w.Skipped, Skipped{Path: p + "/", Reason: why})
					return fs.SkipDir
				}
				return nil
			}
			if why := o.exclude.excluded(p, false); p != name && why != "" {
				w.Skipped = append(w.Skipped, Skipped{Path: p, Reason: why})
				return nil
			}
			if d.Type()&fs.ModeSymlink != 0 {
				// Followed as the tools the files are written for follow
				// it, as long as it stays inside the scan root.
				st, err := fsys.Stat(p)
				switch {
				case err != nil:
					readErrs = append(readErrs, Result{Path: p, Errors: []*FileError{{Path: p, Err: unwrapPathErr(err)}}})
					return nil
				case st.IsDir():
					w.Skipped = append(w.Skipped, Skipped{Path: p, Reason: "symbolic link to a directory: not walked (scan its target, or call it as a module)"})
					return nil
				}
			} else if !d.Type().IsRegular() {
				w.Skipped = append(w.Skipped, Skipped{Path: p, Reason: "not a regular file (device, FIFO or socket): never read"})
				return nil
			}
			pending = append(pending, p)
			if len(pending) == headBatch {
				classify()
			}
			return nil
		})
		if err != nil {
			fsys.Close()
			return w, err
		}
		classify()
		for _, r := range readErrs {
			if o.mine(r.Path) {
				add(r)
			}
		}
		claimed := claim(fsys, order, byScanner)
		units := partition(fsys, order, byScanner)
		for _, r := range claimed {
			// A claimed file is read through its claimer's unit.
			if o.mine(unitKeyOf(units, r.Format, r.Path)) {
				add(r)
			}
		}
		mineUnits := units[:0]
		for _, u := range units {
			if o.mine(u.key()) {
				mineUnits = append(mineUnits, u)
			}
		}
		readUnits(ctx, fsys, mineUnits, add, o.unitHook)
		if o.drain != nil {
			o.drain()
		}
		fsys.Close()
	}
	// Units read after ctx was done hold its error: the walk is not
	// whole, and says so.
	if err := ctx.Err(); err != nil {
		return w, err
	}
	if o.shards > 1 {
		kept := w.Skipped[:0]
		for _, s := range w.Skipped {
			if o.mine(s.Path) {
				kept = append(kept, s)
			}
		}
		w.Skipped = kept
	}
	w.Results = MergeResults(w.Results)
	sort.SliceStable(w.Results, func(i, j int) bool { return w.Results[i].Path < w.Results[j].Path })
	sort.SliceStable(w.Skipped, func(i, j int) bool { return w.Skipped[i].Path < w.Skipped[j].Path })
	return w, nil
}

// MergeResults joins the results of one file read in several units (a
// Terraform module several configurations call): its documents from every
// unit, its errors and warnings once each. Results keep their first order.
func MergeResults(rs []Result) []Result {
	at := map[string]int{}
	out := rs[:0]
	for _, r := range rs {
		i, dup := at[r.Format+"\x00"+r.Path]
		if !dup {
			at[r.Format+"\x00"+r.Path] = len(out)
			out = append(out, r)
			continue
		}
		m := &out[i]
		m.Documents = append(m.Documents, r.Documents...)
		m.Errors = appendNew(m.Errors, r.Errors)
		m.Warnings = appendNew(m.Warnings, r.Warnings)
		m.Secrets = append(m.Secrets, r.Secrets...)
	}
	return out
}

// appendNew adds the errors of more that list does not hold yet.
func appendNew(list, more []*FileError) []*FileError {
	for _, e := range more {
		if !slices.ContainsFunc(list, func(x *FileError) bool { return x.Error() == e.Error() }) {
			list = append(list, e)
		}
	}
	return list
}

// unit is a group of files one scanner reads together.
type unit struct {
	scanner FileScanner
	files   []string
}

// key names the unit for sharding: its scanner and first file.
func (u unit) key() string { return u.scanner.Name() + "\x00" + u.files[0] }

// unitKeyOf is the key of the unit of the scanner named format holding
// file, or of the scanner's first unit (a claimed file is read by
// whichever of the claimer's units names it).
func unitKeyOf(units []unit, format, file string) string {
	first := ""
	for _, u := range units {
		if u.scanner.Name() != format {
			continue
		}
		if first == "" {
			first = u.key()
		}
		if slices.Contains(u.files, file) {
			return u.key()
		}
	}
	if first == "" {
		return file
	}
	return first
}

// partition splits each scanner's files into the units it reads together.
func partition(fsys fs.FS, order []FileScanner, byScanner map[FileScanner][]string) []unit {
	var out []unit
	for _, s := range order {
		files := byScanner[s]
		if len(files) == 0 {
			continue
		}
		p, ok := s.(Partitioner)
		if !ok {
			out = append(out, unit{s, files})
			continue
		}
		for _, u := range p.Units(fsys, files) {
			if len(u) > 0 {
				out = append(out, unit{s, u})
			}
		}
	}
	return out
}

// headBatch is how many files the walk classifies at a time: enough to
// keep every core reading, few enough that their heads take little memory.
const headBatch = 256

// Parallel calls fn(i) for each i in [0, n) from GOMAXPROCS goroutines,
// and returns once every call has.
func Parallel(n int, fn func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		for i := range n {
			fn(i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				fn(i)
			}
		})
	}
	wg.Wait()
}

// readUnits reads the units, at most GOMAXPROCS at once, and hands each
// file's result to add as soon as its unit is read. Once ctx is done, no
// unit is read any more: each file of the units not yet read gets a result
// holding only ctx's error, so that an interrupted scan stops within the
// units already being read, whatever the size of the tree.
func readUnits(ctx context.Context, fsys fs.FS, units []unit, add func(Result), hook func(Unit)) {
	next := make(chan unit)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(units)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for u := range next {
				if err := ctx.Err(); err != nil {
					for _, f := range u.files {
						add(Result{Path: f, Format: u.scanner.Name(), Errors: []*FileError{{Path: f, Err: err}}})
					}
					continue
				}
				if hook != nil {
					hook(Unit{Scanner: u.scanner.Name(), Files: u.files, FS: fsys, Emit: add, ctx: ctx, scanner: u.scanner})
					continue
				}
				// The files of a large unit (a root module of hundreds
				// of files) are handed over from every core, not only
				// from the one that read it.
				rs := u.scanner.Scan(ctx, fsys, u.files)
				Parallel(len(rs), func(i int) { add(rs[i]) })
			}
		}()
	}
	for _, u := range units {
		next <- u
	}
	close(next)
	wg.Wait()
}

func match(s FileScanner, fsys fs.FS, p string, head []byte) bool {
	if m, ok := s.(FSMatcher); ok {
		return m.MatchFS(fsys, p, head)
	}
	return s.Match(p, head)
}

// claim takes the files that claimers consume away from the other
// scanners, and returns their results: read, through the claimer.
func claim(fsys fs.FS, order []FileScanner, byScanner map[FileScanner][]string) []Result {
	var out []Result
	for _, s := range order {
		c, ok := s.(Claimer)
		if !ok {
			continue
		}
		claimed := map[string]bool{}
		for _, p := range c.Claims(fsys, byScanner[s]) {
			claimed[p] = true
		}
		for _, other := range order {
			if other == s {
				continue
			}
			kept := byScanner[other][:0]
			for _, p := range byScanner[other] {
				if claimed[p] {
					out = append(out, Result{Path: p, Format: s.Name()})
					continue
				}
				kept = append(kept, p)
			}
			byScanner[other] = kept
		}
	}
	return out
}

// rootOf returns the file system root and the fs path of target.
func rootOf(baseAbs, target string) (root, name string, err error) {
	abs, err := filepath.Abs(target)
	if err != nil {
		return "", "", err
	}
	st, err := os.Stat(abs)
	if err != nil {
		return "", "", unwrapPathErr(err)
	}
	if rel, err := filepath.Rel(baseAbs, abs); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return baseAbs, filepath.ToSlash(rel), nil
	}
	if st.IsDir() {
		return abs, ".", nil
	}
	return filepath.Dir(abs), filepath.Base(abs), nil
}

func readHead(fsys fs.FS, p string) ([]byte, error) {
	f, err := fsys.Open(p)
	if err != nil {
		return nil, unwrapPathErr(err)
	}
	defer f.Close()
	buf := make([]byte, headSize)
	n, err := io.ReadFull(f, buf)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return nil, err
	}
	return buf[:n], nil
}

func skipReason(p string, explicit bool) string {
	switch strings.ToLower(path.Ext(p)) {
	case ".yaml", ".yml":
		return "YAML that no reader recognises (not Kubernetes, Helm, Kustomize, Compose, CloudFormation or Ansible)"
	}
	if explicit {
		return "not a supported IaC format"
	}
	return "not an IaC file"
}

// unwrapPathErr drops the *fs.PathError wrapper, whose path is already the
// error's Path, keeping messages to one path.
func unwrapPathErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
