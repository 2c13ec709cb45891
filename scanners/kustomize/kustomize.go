// Package kustomize builds Kustomize overlays in memory and reads the built
// objects as Kubernetes documents located in the files they came from.
package kustomize

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"sigs.k8s.io/kustomize/api/krusty"
	"sigs.k8s.io/kustomize/api/resource"

	"github.com/tollgate/tollgate/scanners"
	"github.com/tollgate/tollgate/scanners/fetch"
	"github.com/tollgate/tollgate/scanners/kubernetes"
	"github.com/tollgate/tollgate/scanners/yamlpos"
)

// Scanner builds kustomizations.
//
// Only top-level kustomizations are built: those that no other scanned
// kustomization uses as a resource, base or component. A base is checked
// as its overlays deploy it, once per overlay, not also on its own (a
// privileged container that an overlay patches away is not a finding); a
// base with no overlay in the scan is built on its own. Components are
// only built through the kustomizations that use them.
//
// The build reads the scanned tree only, through a read-only view of it:
// remote bases and resources (git repositories, URLs) are errors, never
// fetched, and a path that leaves the scanned tree does not exist. Plugins
// and the Helm chart generator are disabled, as in kustomize's defaults.
//
// Each built object becomes a document of its origin file (the base's
// deployment.yaml, at the object's lines), see relocate for the fields
// that an overlay adds. Its results are those of the top-level
// kustomization file; other kustomization files are only checked for
// errors.
//
// Every file kustomize reads is first checked against yamlpos's limits
// (aliases that expand to more than yamlpos.MaxNodes nodes, nesting deeper
// than yamlpos.MaxDepth; files over scanners.MaxFileSize are never read):
// kustomize expands aliases without a bound, so a file over them is an
// error naming it, and kustomize never sees it.
//
// Values are what kubectl applies: kustomize reads its inputs as YAML 1.2
// (kyaml, yaml.v3), so a plain `privileged: yes` in a resource or a patch
// is the string "yes", which kustomize writes out quoted; the built objects
// are decoded as kubectl decodes kustomize's output (kubernetes.Decode).
// kubectl thus sends the string "yes", which the API server refuses for a
// boolean field: no policy fires on it, as nothing is deployed.
//
// Errors never quote the values kustomize's messages may carry: credential
// values found in the files read (Secret data, secretGenerator literals and
// sources, values under credential-like keys) are masked in them and are
// the results' Secrets.
type Scanner struct {
	getter *fetch.Getter // nil: remote bases are errors
}

// New returns a Kustomize scanner.
func New(opts ...Option) *Scanner {
	s := &Scanner{}
	for _, o := range opts {
		o(s)
	}
	return s
}

// Name implements scanners.FileScanner.
func (*Scanner) Name() string { return "kustomize" }

// Match takes kustomization files: kustomization.yaml, kustomization.yml
// and Kustomization.
func (*Scanner) Match(p string, _ []byte) bool { return isKustomizationFile(path.Base(p)) }

// Scan implements scanners.FileScanner.
func (s *Scanner) Scan(ctx context.Context, fsys fs.FS, files []string) []scanners.Result {
	var mounts *scanners.MountFS
	if s.getter != nil {
		mounts = &scanners.MountFS{Base: fsys}
		defer mounts.Close()
		fsys = mounts
	}
	results := make([]scanners.Result, len(files))
	parsed := map[string]*kustomization{}
	for i, f := range files {
		results[i] = scanners.Result{Path: f, Format: s.Name()}
		k, ferr := readKustomization(fsys, f)
		if ferr != nil {
			results[i].Errors = append(results[i].Errors, ferr)
			continue
		}
		parsed[f] = k
	}
	build := topLevel(files, parsed)
	for i, f := range files {
		if !build[f] {
			continue
		}
		if err := ctx.Err(); err != nil {
			results[i].Errors = append(results[i].Errors, &scanners.FileError{Path: f, Err: err})
			continue
		}
		b := &builder{ctx: ctx, fsys: fsys, root: parsed[f], read: map[string]*kustomization{}, secrets: &secretSet{},
			getter: s.getter, mounts: mounts}
		docs, errs, secrets := b.run()
		results[i].Documents = docs
		results[i].Errors = append(results[i].Errors, errs...)
		results[i].Secrets = secrets
	}
	return results
}

func readKustomization(fsys fs.FS, name string) (*kustomization, *scanners.FileError) {
	src, err := scanners.ReadFile(fsys, name)
	if err != nil {
		return nil, &scanners.FileError{Path: name, Err: unwrapPathErr(err)}
	}
	return parseKustomization(name, src)
}

// topLevel returns the kustomizations to build: those no other one refers
// to, and, so that a reference cycle is reported rather than silently
// skipped, any that cannot be reached from those.
func topLevel(files []string, parsed map[string]*kustomization) map[string]bool {
	byDir := map[string]string{}
	for _, f := range files {
		if parsed[f] != nil {
			byDir[path.Dir(f)] = f
		}
	}
	uses := map[string][]string{}
	used := map[string]bool{}
	for _, f := range files {
		if k := parsed[f]; k != nil {
			for _, ref := range k.references() {
				if g, ok := byDir[ref]; ok && g != f {
					uses[f] = append(uses[f], g)
					used[g] = true
				}
			}
		}
	}
	build := map[string]bool{}
	reached := map[string]bool{}
	var reach func(f string)
	reach = func(f string) {
		if reached[f] {
			return
		}
		reached[f] = true
		for _, g := range uses[f] {
			reach(g)
		}
	}
	for _, f := range files {
		if k := parsed[f]; k != nil && !used[f] && k.kind() != "Component" {
			build[f] = true
			reach(f)
		}
	}
	for _, f := range files {
		if k := parsed[f]; k != nil && !reached[f] && k.kind() != "Component" {
			build[f] = true
			reach(f)
		}
	}
	return build
}

// run builds the kustomization with krusty over a read-only view of the
// file system and returns the built objects as located documents, and the
// secrets found in the files read.
func (b *builder) run() ([]scanners.Document, []*scanners.FileError, []string) {
	docs, errs := b.build()
	secrets := b.secrets.list()
	for _, e := range errs {
		if msg := e.Err.Error(); clip(b.secrets.mask(msg)) != msg {
			e.Err = errors.New(clip(b.secrets.mask(msg)))
		}
	}
	return docs, errs, secrets
}

// maxMessage bounds an error message: kyaml's errors may quote a whole
// node of a resource.
const maxMessage = 4096

// clip cuts msg to maxMessage bytes, keeping both ends.
func clip(msg string) string {
	if len(msg) <= maxMessage {
		return msg
	}
	head, tail := msg[:maxMessage/2], msg[len(msg)-maxMessage/2:]
	return fmt.Sprintf("%s ... (%d bytes left out) ... %s", strings.ToValidUTF8(head, ""), len(msg)-maxMessage, strings.ToValidUTF8(tail, ""))
}

func (b *builder) build() ([]scanners.Document, []*scanners.FileError) {
	k := b.root
	rfs := &readOnlyFS{fsys: b.fsys, onRead: b.onRead}
	rm, err := krusty.MakeKustomizer(krusty.MakeDefaultOptions()).Run(rfs, absPath(k.dir))
	if b.refused != nil {
		return nil, []*scanners.FileError{b.refused}
	}
	if err != nil {
		return nil, []*scanners.FileError{{Path: k.path, Err: fmt.Errorf("kustomize build: %s", relPath(err.Error()))}}
	}
	for _, name := range b.order {
		b.patches = append(b.patches, b.read[name].patchDocs(b.fsys)...)
	}
	var docs []scanners.Document
	var errs []*scanners.FileError
	for _, r := range rm.Resources() {
		d, e := b.document(r)
		docs = append(docs, d...)
		errs = append(errs, e...)
	}
	return docs, errs
}

// builder follows one build: the kustomization files kustomize reads, in
// the order it reads them (the top-level one first, then its bases).
type builder struct {
	ctx  context.Context
	fsys fs.FS
	// getter fetches remote bases into mounts (nil: they are errors);
	// bases are the fetched ones, by entry.
	getter *fetch.Getter
	mounts *scanners.MountFS
	bases  map[string]string
	root   *kustomization
	order  []string
	read   map[string]*kustomization
	// refused is the first file refused before kustomize could read it:
	// remote content, or a file over yamlpos's limits.
	refused *scanners.FileError
	secrets *secretSet
	// secretSources are the files secretGenerator entries read.
	secretSources map[string]bool
	// patches are the strategic merge patches of the kustomizations read,
	// by precedence: the top-level kustomization's first, the later first.
	patches []patchDoc
	// files caches the decoded origin files.
	files map[string][]yamlpos.Document
}

// refuse records the first file refused and returns its error.
func (b *builder) refuse(ferr *scanners.FileError) error {
	if b.refused == nil {
		b.refused = ferr
	}
	return ferr
}

// onRead sees every file kustomize reads. It refuses files over yamlpos's
// limits, records the secrets of every file, records kustomization files,
// refuses those that reference remote content (before kustomize could
// fetch it), and adds originAnnotations to the top-level one.
func (b *builder) onRead(name string, data []byte) ([]byte, error) {
	docs, err := yamlpos.Decode(name, data)
	if errors.Is(err, yamlpos.ErrLimit) {
		var ye *yamlpos.Error
		errors.As(err, &ye)
		return nil, b.refuse(&scanners.FileError{Path: name, Line: ye.Line,
			Err: fmt.Errorf("%w: not handed to kustomize, which would expand it without a bound", ye)})
	}
	b.secrets.addFile(name, docs, data, b.secretSources[name])
	if !isKustomizationFile(path.Base(name)) {
		return data, nil
	}
	k, ferr := parseKustomization(name, data)
	if ferr != nil {
		return data, nil // kustomize reports it
	}
	if _, seen := b.read[name]; !seen {
		b.read[name] = k
		b.order = append(b.order, name)
	}
	b.secrets.addKustomization(k)
	for _, n := range k.pathEntries() {
		b.secrets.add(fetch.Secrets(str(n))...)
	}
	for _, src := range k.secretSources() {
		if b.secretSources == nil {
			b.secretSources = map[string]bool{}
		}
		b.secretSources[src] = true
	}
	if b.getter != nil {
		fetched, ferr := b.fetchBases(k, data)
		if ferr != nil {
			return nil, b.refuse(ferr)
		}
		data = fetched
		if k, ferr = parseKustomization(name, data); ferr != nil {
			return nil, b.refuse(ferr)
		}
	}
	if ferr := k.remoteEntry(); ferr != nil {
		return nil, b.refuse(ferr)
	}
	if name != b.root.path {
		return data, nil
	}
	out, err := withOriginAnnotations(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return out, nil
}

// document converts one built object into located documents.
func (b *builder) document(r *resource.Resource) ([]scanners.Document, []*scanners.FileError) {
	origin, err := r.GetOrigin()
	if err != nil {
		return nil, []*scanners.FileError{{Path: b.root.path, Err: fmt.Errorf("read origin of %s: %w", r.CurId(), err)}}
	}
	if err := r.SetOrigin(nil); err != nil {
		return nil, []*scanners.FileError{{Path: b.root.path, Err: err}}
	}
	if err := r.ClearTransformations(); err != nil {
		return nil, []*scanners.FileError{{Path: b.root.path, Err: err}}
	}
	y, err := r.AsYAML()
	if err != nil {
		return nil, []*scanners.FileError{{Path: b.root.path, Err: fmt.Errorf("serialize %s: %w", r.CurId(), err)}}
	}
	built, err := kubernetes.Decode(b.root.path, y)
	if err != nil || len(built) != 1 {
		return nil, []*scanners.FileError{{Path: b.root.path, Err: fmt.Errorf("read built %s: %v", r.CurId(), err)}}
	}
	obj, ok := built[0].Value.(map[string]any)
	if !ok {
		return nil, []*scanners.FileError{{Path: b.root.path, Err: fmt.Errorf("built %s is not a mapping", r.CurId())}}
	}
	srcs, fb := b.sources(origin, r.GetKind(), r.GetName())
	relocate(obj, srcs, fb, true)
	return kubernetes.Documents(fb.path, obj, fb.start)
}

// sources returns the versions of the object of kind and built name in the
// files it was made from (origin first, then patches by precedence), and
// where to locate what none of them writes.
func (b *builder) sources(origin *resource.Origin, kind, name string) ([]map[string]any, fallback) {
	fb := fallback{path: b.root.path, start: 1, end: 1}
	if origin == nil {
		return nil, fb
	}
	if origin.Path == "" && origin.ConfiguredIn != "" {
		// A generated object: located on its generator's entry.
		file := path.Join(b.root.dir, origin.ConfiguredIn)
		fb.path = file
		if k := b.read[file]; k != nil {
			if start, end, ok := k.generatorLines(kind, name); ok {
				fb.start, fb.end = start, end
			}
		}
		return nil, fb
	}
	file := path.Join(b.root.dir, origin.Path)
	fb.path = file
	obj, start, end := findObject(b.decoded(file), kind, name)
	originName := name
	if obj != nil {
		fb.start, fb.end = start, end
		originName = objectName(obj)
	}
	srcs := []map[string]any{obj}
	for _, p := range b.patches {
		if p.applies(kind, originName, name) {
			srcs = append(srcs, p.doc)
		}
	}
	return srcs, fb
}

// decoded returns the documents of file, decoded once per build.
func (b *builder) decoded(file string) []yamlpos.Document {
	if docs, ok := b.files[file]; ok {
		return docs
	}
	if b.files == nil {
		b.files = map[string][]yamlpos.Document{}
	}
	src, err := scanners.ReadFile(b.fsys, file)
	var docs []yamlpos.Document
	if err == nil {
		docs, _ = yamlpos.Decode(file, src)
	}
	b.files[file] = docs
	return docs
}

// Claims returns the local files the given kustomizations read (resources,
// patches, generator sources...): their content reaches policies through
// the build, located in those files, so they must not also be scanned as
// plain manifests, which would report every finding twice.
func (*Scanner) Claims(fsys fs.FS, files []string) []string {
	var out []string
	for _, f := range files {
		k, ferr := readKustomization(fsys, f)
		if ferr != nil {
			continue
		}
		for _, n := range k.pathEntries() {
			v := str(n)
			if v == "" || isRemote(v) {
				continue
			}
			p := path.Join(k.dir, v)
			if st, err := fs.Stat(fsys, p); err == nil && st.Mode().IsRegular() {
				out = append(out, p)
			}
		}
	}
	return out
}
