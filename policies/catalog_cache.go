package policies

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"
)

// catalogFormat is the version of the catalog file; a change of the
// Engine's fields it keeps changes it.
const catalogFormat = 3

// WithCatalog keeps what loading the library tells without evaluating
// anything (its rules' metadata, its packages, the warnings about the
// user's policies) in dir, under key, which must digest everything the
// library is made of (the tollgate version and embedded policies, the user
// policy files and bundle digests, the params). A later Load with the same
// key reads it back and compiles the library only when a document is
// first evaluated, so a scan that a cache answers whole never pays the
// compilation (about 1.5 s for the built-in library). A catalog that
// cannot be read is ignored.
func WithCatalog(dir, key string) Option {
	return func(o *options) error {
		o.catalogDir, o.catalogKey = dir, key
		return nil
	}
}

// catalog is the file WithCatalog keeps.
type catalog struct {
	Format   int             `json:"format"`
	Key      string          `json:"key"`
	Rules    map[string]Rule `json:"rules"`
	Packages []catalogPkg    `json:"packages"`
	Warnings []Warning       `json:"warnings"`
}

type catalogPkg struct {
	Path    string   `json:"path"`
	Types   []string `json:"types"`
	Formats []string `json:"formats"`
	Multi   bool     `json:"multi"`
}

func catalogPath(o options) string {
	return filepath.Join(o.catalogDir, "catalog-"+o.catalogKey+".json")
}

// fromCatalog returns an engine read from its catalog, or nil.
func fromCatalog(o options) *Engine {
	if o.catalogDir == "" || o.catalogKey == "" {
		return nil
	}
	b, err := os.ReadFile(catalogPath(o))
	if err != nil {
		return nil
	}
	var c catalog
	if json.Unmarshal(b, &c) != nil || c.Format != catalogFormat || c.Key != o.catalogKey || c.Rules == nil {
		return nil
	}
	e := &Engine{rules: c.Rules, warnings: c.Warnings, workers: o.workers}
	for _, p := range c.Packages {
		e.packages = append(e.packages, denyPackage{path: p.Path, types: p.Types, formats: p.Formats, multi: p.Multi})
	}
	e.lazy = newLazyBuild(func(ctx context.Context) error {
		full, err := build(ctx, o)
		if err != nil {
			return fmt.Errorf("load policies: %w", err)
		}
		if len(full.rules) != len(e.rules) || !slices.EqualFunc(full.packages, e.packages, samePackage) {
			// The key promised the same library: refuse to evaluate
			// with metadata that does not describe it.
			return fmt.Errorf("load policies: the catalog in %s does not match the library (%d rules and %d packages, %d and %d compiled): delete it",
				o.catalogDir, len(e.rules), len(e.packages), len(full.rules), len(full.packages))
		}
		e.compiler, e.store = full.compiler, full.store
		return nil
	})
	return e
}

// saveCatalog writes e's catalog, atomically; a failure only costs the
// next scan the compilation.
func saveCatalog(o options, e *Engine) {
	if o.catalogDir == "" || o.catalogKey == "" {
		return
	}
	c := catalog{Format: catalogFormat, Key: o.catalogKey, Rules: e.rules, Warnings: e.warnings}
	for _, p := range e.packages {
		c.Packages = append(c.Packages, catalogPkg{Path: p.path, Types: p.types, Formats: p.formats, Multi: p.multi})
	}
	b, err := json.Marshal(c)
	if err != nil || os.MkdirAll(o.catalogDir, 0o755) != nil {
		return
	}
	f, err := os.CreateTemp(o.catalogDir, ".catalog-*")
	if err != nil {
		return
	}
	_, werr := f.Write(b)
	if cerr := f.Close(); werr != nil || cerr != nil || os.Rename(f.Name(), catalogPath(o)) != nil {
		os.Remove(f.Name())
	}
}

// lazyBuild compiles the library of an engine made before it was compiled
// (from its catalog, or WithBackgroundCompile), once, on a goroutine of its
// own.
type lazyBuild struct {
	compile func(context.Context) error
	once    sync.Once
	done    chan struct{}
	err     error
}

func newLazyBuild(compile func(context.Context) error) *lazyBuild {
	return &lazyBuild{compile: compile, done: make(chan struct{})}
}

// start starts the compile unless it has started. It is not cancelled
// with ctx: an engine is compiled once for every later use.
func (l *lazyBuild) start(ctx context.Context) {
	l.once.Do(func() {
		go func() {
			defer close(l.done)
			l.err = l.compile(context.WithoutCancel(ctx))
		}()
	})
}

// ready compiles the library if it is not compiled yet, and waits for it.
func (e *Engine) ready(ctx context.Context) error {
	l := e.lazy
	if l == nil {
		return nil
	}
	l.start(ctx)
	select {
	case <-l.done:
		return l.err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Wait compiles the policies if the engine was loaded before they were
// compiled (WithBackgroundCompile, WithCatalog) and this has not started,
// and returns once they are: its error is the compile's.
func (e *Engine) Wait(ctx context.Context) error { return e.ready(ctx) }

// Compiled reports, without waiting or starting anything, whether documents
// can be evaluated without waiting for a compile.
func (e *Engine) Compiled() bool {
	if e.lazy == nil {
		return true
	}
	select {
	case <-e.lazy.done:
		return true
	default:
		return false
	}
}

// samePackage: the package selection of a catalog matches the compiled one
// (the queries are chosen by it).
func samePackage(a, b denyPackage) bool {
	return a.path == b.path && a.multi == b.multi && slices.Equal(a.types, b.types) && slices.Equal(a.formats, b.formats)
}
