package scanners

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
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
	exclude *Exclude
}

// WithExclude leaves out what e excludes.
func WithExclude(e *Exclude) WalkOption {
	return func(o *walkOptions) { o.exclude = e }
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
	for _, t := range targets {
		if err := ctx.Err(); err != nil {
			return w, err
		}
		root, name, err := rootOf(baseAbs, t)
		if err != nil {
			w.Results = append(w.Results, Result{Path: t, Errors: []*FileError{{Path: t, Err: err}}})
			continue
		}
		fsys, err := OpenRoot(root)
		if err != nil {
			w.Results = append(w.Results, Result{Path: t, Errors: []*FileError{{Path: t, Err: unwrapPathErr(err)}}})
			continue
		}
		byScanner := map[FileScanner][]string{}
		var order []FileScanner
		var readErrs []Result
		err = fs.WalkDir(fsys, name, func(p string, d fs.DirEntry, err error) error {
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
			head, herr := readHead(fsys, p)
			if herr != nil {
				readErrs = append(readErrs, Result{Path: p, Errors: []*FileError{{Path: p, Err: herr}}})
				return nil
			}
			for _, s := range scs {
				if match(s, fsys, p, head) {
					if _, seen := byScanner[s]; !seen {
						order = append(order, s)
					}
					byScanner[s] = append(byScanner[s], p)
					return nil
				}
			}
			w.Skipped = append(w.Skipped, Skipped{Path: p, Reason: skipReason(p, p == name)})
			return nil
		})
		if err != nil {
			fsys.Close()
			return w, err
		}
		w.Results = append(w.Results, readErrs...)
		w.Results = append(w.Results, claim(fsys, order, byScanner)...)
		w.Results = append(w.Results, scanAll(ctx, fsys, order, byScanner)...)
		fsys.Close()
	}
	kept := w.Results[:0]
	for _, r := range w.Results {
		if r.NotFormat != "" && len(r.Errors) == 0 && len(r.Documents) == 0 {
			w.Skipped = append(w.Skipped, Skipped{Path: r.Path, Reason: r.NotFormat})
			continue
		}
		kept = append(kept, r)
	}
	w.Results = kept
	sort.SliceStable(w.Results, func(i, j int) bool { return w.Results[i].Path < w.Results[j].Path })
	return w, nil
}

// scanAll runs each scanner over its files, the scanners side by side (they
// read disjoint files), at most GOMAXPROCS at once.
func scanAll(ctx context.Context, fsys fs.FS, order []FileScanner, byScanner map[FileScanner][]string) []Result {
	results := make([][]Result, len(order))
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for i, s := range order {
		if len(byScanner[s]) == 0 {
			continue
		}
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			results[i] = s.Scan(ctx, fsys, byScanner[s])
		}()
	}
	wg.Wait()
	var out []Result
	for _, r := range results {
		out = append(out, r...)
	}
	return out
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
