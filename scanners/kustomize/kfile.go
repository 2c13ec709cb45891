package kustomize

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/tollgate/tollgate/scanners"
	"github.com/tollgate/tollgate/scanners/yamlpos"
)

// kustomization is a kustomization file as tollgate reads it: its YAML
// nodes, for the lines of its entries.
type kustomization struct {
	path string
	dir  string
	// top is the top-level mapping; nil for an empty file.
	top *yaml.Node
}

// parseKustomization reads the kustomization file name; YAML errors carry
// their line.
func parseKustomization(name string, src []byte) (*kustomization, *scanners.FileError) {
	if _, err := yamlpos.Decode(name, src); err != nil {
		var ye *yamlpos.Error
		if errors.As(err, &ye) {
			return nil, &scanners.FileError{Path: name, Line: ye.Line, Err: errors.New(ye.Msg)}
		}
		return nil, &scanners.FileError{Path: name, Err: err}
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return nil, &scanners.FileError{Path: name, Err: err}
	}
	k := &kustomization{path: name, dir: path.Dir(name)}
	if len(doc.Content) == 0 {
		return k, nil
	}
	if doc.Content[0].Kind != yaml.MappingNode {
		return nil, &scanners.FileError{Path: name, Line: doc.Content[0].Line, Err: errors.New("kustomization is not a mapping")}
	}
	k.top = doc.Content[0]
	return k, nil
}

// get returns the value of key in the mapping n, nil when absent.
func get(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

// items returns the items of the sequence n.
func items(n *yaml.Node) []*yaml.Node {
	if n == nil || n.Kind != yaml.SequenceNode {
		return nil
	}
	return n.Content
}

// str returns the value of a scalar, "" for anything else.
func str(n *yaml.Node) string {
	if n == nil || n.Kind != yaml.ScalarNode {
		return ""
	}
	return n.Value
}

func (k *kustomization) kind() string { return str(get(k.top, "kind")) }

// references returns the paths, in the scanned tree, of the local
// resources, bases and components k builds on.
func (k *kustomization) references() []string {
	var out []string
	for _, field := range []string{"resources", "bases", "components"} {
		for _, it := range items(get(k.top, field)) {
			if v := str(it); v != "" && !isRemote(v) {
				out = append(out, path.Join(k.dir, v))
			}
		}
	}
	return out
}

// remoteRE matches what kustomize fetches over the network: URLs with a
// scheme (https://, ssh://, file:// git repositories...), scp-style git
// addresses (git@host:org/repo) and GitHub shorthands.
var remoteRE = regexp.MustCompile(`(?i)^(git::)?([a-z][a-z0-9+.-]*://|[a-z][a-z0-9-]*@|github\.com[/:])`)

func isRemote(s string) bool { return remoteRE.MatchString(s) }

// pathEntries returns every entry of k that kustomize reads as a path or
// URL: resources, bases, components, patch and replacement files,
// generator sources, plugin configurations, the OpenAPI schema.
func (k *kustomization) pathEntries() []*yaml.Node {
	var out []*yaml.Node
	for _, field := range []string{"resources", "bases", "components", "crds", "configurations",
		"transformers", "generators", "validators", "patchesStrategicMerge"} {
		out = append(out, items(get(k.top, field))...)
	}
	for _, field := range []string{"patches", "patchesJson6902", "replacements"} {
		for _, it := range items(get(k.top, field)) {
			out = append(out, get(it, "path"))
		}
	}
	for _, field := range []string{"configMapGenerator", "secretGenerator"} {
		for _, it := range items(get(k.top, field)) {
			out = append(out, items(get(it, "files"))...)
			out = append(out, items(get(it, "envs"))...)
			out = append(out, get(it, "env"))
		}
	}
	return append(out, get(get(k.top, "openapi"), "path"))
}

// remoteEntry returns an error for the first entry of k that kustomize
// would fetch over the network: a scan reads only the scanned tree.
func (k *kustomization) remoteEntry() *scanners.FileError {
	for _, n := range k.pathEntries() {
		v := str(n)
		_, file, _ := strings.Cut(v, "=") // a generator's key=path
		if isRemote(v) || isRemote(file) {
			return &scanners.FileError{Path: k.path, Line: n.Line,
				Err: fmt.Errorf("remote reference %q is not fetched (scans are offline; --download-bases fetches git bases over https): vendor it into the repository", v)}
		}
	}
	return nil
}

// generatorLines returns the lines of the generator entry of k that made
// the object of kind (ConfigMap, Secret) whose built name is name: the
// entry whose name the built name contains the most of (it carries prefixes
// and a hash suffix).
func (k *kustomization) generatorLines(kind, name string) (int, int, bool) {
	field := map[string]string{"ConfigMap": "configMapGenerator", "Secret": "secretGenerator"}[kind]
	var best *yaml.Node
	for _, it := range items(get(k.top, field)) {
		n := str(get(it, "name"))
		if n != "" && strings.Contains(name, n) && (best == nil || len(n) > len(str(get(best, "name")))) {
			best = it
		}
	}
	if best == nil {
		return 0, 0, false
	}
	return best.Line, lastLine(best), true
}

// lastLine is the line of the last scalar under n.
func lastLine(n *yaml.Node) int {
	for len(n.Content) > 0 {
		n = n.Content[len(n.Content)-1]
	}
	return n.Line
}

// selector is a patch target: kind and a name regular expression, either
// from the patch's target field or from the patch document itself.
type selector struct {
	kind string
	name string
}

// patchDoc is one strategic merge patch document, located in the file
// that holds it.
type patchDoc struct {
	doc    map[string]any
	target selector
	// byTarget is true when target comes from a target field (a regular
	// expression), false when it is the patch document's own kind and name.
	byTarget bool
}

// patchDocs returns the patches of k, the later first (a later patch
// overrides an earlier one): strategic merge patches as written, and JSON
// 6902 patches as the mapping their add and replace operations write
// (jsonPatchDoc). Patch files that cannot be read are left out: their
// fields are located on the resource instead.
func (k *kustomization) patchDocs(fsys fs.FS) []patchDoc {
	var out []patchDoc
	add := func(docs []yamlpos.Document, target *yaml.Node) {
		for _, d := range docs {
			m, ok := d.Value.(map[string]any)
			if ops, isList := d.Value.([]any); isList && target != nil {
				m, ok = jsonPatchDoc(ops), true
			}
			if !ok || m == nil {
				continue
			}
			p := patchDoc{doc: m}
			if target != nil {
				p.target = selector{kind: str(get(target, "kind")), name: str(get(target, "name"))}
				p.byTarget = true
			} else {
				meta, _ := m["metadata"].(map[string]any)
				p.target.kind, _ = m["kind"].(string)
				p.target.name, _ = meta["name"].(string)
			}
			out = append(out, p)
		}
	}
	for _, it := range items(get(k.top, "patches")) {
		if file := str(get(it, "path")); file != "" {
			add(k.readPatch(fsys, file), get(it, "target"))
		} else if inline := get(it, "patch"); inline != nil {
			add(k.inlinePatch(inline), get(it, "target"))
		}
	}
	for _, it := range items(get(k.top, "patchesJson6902")) {
		if file := str(get(it, "path")); file != "" {
			add(k.readPatch(fsys, file), get(it, "target"))
		} else if inline := get(it, "patch"); inline != nil {
			add(k.inlinePatch(inline), get(it, "target"))
		}
	}
	for _, it := range items(get(k.top, "patchesStrategicMerge")) {
		if v := str(it); strings.ContainsAny(v, "\n:") {
			add(k.inlinePatch(it), nil)
		} else if v != "" {
			add(k.readPatch(fsys, v), nil)
		}
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}

// readPatch decodes the patch file rel (relative to k's directory).
func (k *kustomization) readPatch(fsys fs.FS, rel string) []yamlpos.Document {
	name := path.Join(k.dir, rel)
	src, err := scanners.ReadFile(fsys, name)
	if err != nil {
		return nil
	}
	docs, _ := yamlpos.Decode(name, src)
	return docs
}

// inlinePatch decodes a patch written in k itself. A literal block
// (patch: |) keeps its lines; any other style is located on its first line.
func (k *kustomization) inlinePatch(n *yaml.Node) []yamlpos.Document {
	docs, _ := yamlpos.Decode(k.path, []byte(n.Value))
	lineOf := func(int) int { return n.Line }
	if n.Style&yaml.LiteralStyle != 0 {
		lineOf = func(l int) int { return n.Line + l }
	}
	for _, d := range docs {
		yamlpos.Remap(d.Value, lineOf)
	}
	return docs
}

// withOriginAnnotations returns src with originAnnotations added to its
// buildMetadata, so that kustomize records the file every resource came
// from. It is applied to the in-memory copy kustomize reads, never to the
// file.
func withOriginAnnotations(src []byte) ([]byte, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return nil, err
	}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return src, nil // kustomize reports what is wrong with it
	}
	top := doc.Content[0]
	const option = "originAnnotations"
	if bm := get(top, "buildMetadata"); bm != nil {
		if bm.Kind != yaml.SequenceNode {
			return src, nil
		}
		for _, it := range bm.Content {
			if it.Value == option {
				return src, nil
			}
		}
		bm.Content = append(bm.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: option})
	} else {
		top.Content = append(top.Content,
			&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: "buildMetadata"},
			&yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Content: []*yaml.Node{{Kind: yaml.ScalarNode, Tag: "!!str", Value: option}}})
	}
	return yaml.Marshal(&doc)
}

// isKustomizationFile reports whether base names a kustomization file.
func isKustomizationFile(base string) bool {
	return base == "kustomization.yaml" || base == "kustomization.yml" || base == "Kustomization"
}

// jsonPatchDoc returns the mapping that the add and replace operations of a
// JSON 6902 patch write, for locating what they set: each mapping on the
// way to an operation's path is located on the operation, its value where
// it is written. remove, move, copy and test write nothing of their own
// (a moved or copied value keeps the position of where it came from). An
// index into a list (/containers/0) is an item at that position; "-"
// (append) is not located. nil when no operation writes anything.
func jsonPatchDoc(ops []any) map[string]any {
	var root map[string]any
	for _, o := range ops {
		op, _ := o.(map[string]any)
		kind, _ := op["op"].(string)
		ptr, _ := op["path"].(string)
		val, hasVal := op["value"]
		opLoc, _ := op[scanners.LocKey].(map[string]any)
		if (kind != "add" && kind != "replace") || !hasVal || opLoc == nil || !strings.HasPrefix(ptr, "/") {
			continue
		}
		segs := strings.Split(ptr[1:], "/")
		for i, seg := range segs {
			segs[i] = strings.ReplaceAll(strings.ReplaceAll(seg, "~1", "/"), "~0", "~")
		}
		newMap := func() map[string]any {
			return map[string]any{scanners.LocKey: scanners.Loc(opLoc["path"].(string), opLoc["start_line"].(int), opLoc["end_line"].(int))}
		}
		if root == nil {
			root = newMap()
		}
		var cur any = root
		for i, seg := range segs {
			last := i == len(segs)-1
			switch c := cur.(type) {
			case map[string]any:
				if last {
					c[seg] = val
					attrs, _ := opLoc["attrs"].(map[string]any)
					if va, ok := attrs["value"].(map[string]any); ok {
						scanners.SetAttrLoc(c, seg, va["start_line"].(int), va["end_line"].(int))
					}
					break
				}
				next, exists := c[seg]
				if !exists || !isContainer(next) {
					next = containerFor(segs[i+1], newMap)
					c[seg] = next
				}
				cur = next
			case []any:
				n, err := strconv.Atoi(seg)
				if err != nil || n < 0 || n > 1000 {
					cur = nil // "-" or not an index: not located
					break
				}
				for len(c) <= n {
					c = append(c, nil)
				}
				setList(root, segs[:i], c)
				if last {
					c[n] = val
					break
				}
				if !isContainer(c[n]) {
					c[n] = containerFor(segs[i+1], newMap)
				}
				cur = c[n]
			default:
				cur = nil
			}
			if cur == nil {
				break
			}
		}
	}
	return root
}

func isContainer(v any) bool {
	switch v.(type) {
	case map[string]any, []any:
		return true
	}
	return false
}

// containerFor is the container a JSON pointer's next segment indexes: a
// list for a number or "-", else a mapping.
func containerFor(next string, newMap func() map[string]any) any {
	if next == "-" {
		return []any{}
	}
	if _, err := strconv.Atoi(next); err == nil {
		return []any{}
	}
	return newMap()
}

// setList stores list (grown by append) back at path under root.
func setList(root map[string]any, path []string, list []any) {
	var cur any = root
	for i, seg := range path {
		last := i == len(path)-1
		switch c := cur.(type) {
		case map[string]any:
			if last {
				c[seg] = list
				return
			}
			cur = c[seg]
		case []any:
			n, _ := strconv.Atoi(seg)
			if n < 0 || n >= len(c) {
				return
			}
			if last {
				c[n] = list
				return
			}
			cur = c[n]
		default:
			return
		}
	}
}
