// Package kubernetes reads Kubernetes manifests (multi-document YAML, List
// kinds) into one document per object, with the lines of every field.
//
// Manifests are decoded as kubectl, Helm and client-go decode them
// (sigs.k8s.io/yaml over go.yaml.in/yaml/v2, YAML 1.1): a plain `yes`, `on`
// or `y` is true, `no`, `off`, `n` false, `0o17` and `017` are 15, and map
// keys are the strings kubectl makes of them; a quoted "yes" stays a
// string. See yamlpos.GoYAML11.
package kubernetes

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"strings"

	"github.com/tollgate/tollgate/scanners"
	"github.com/tollgate/tollgate/scanners/yamlpos"
)

// Scanner reads Kubernetes manifests.
type Scanner struct{}

// New returns a Kubernetes manifest scanner.
func New() *Scanner { return &Scanner{} }

// Name implements scanners.FileScanner.
func (*Scanner) Name() string { return "kubernetes" }

var (
	apiVersionRE = regexp.MustCompile(`(?m)^apiVersion:\s*\S`)
	kindRE       = regexp.MustCompile(`(?m)^kind:\s*\S`)
)

// Match takes YAML files whose content has top-level apiVersion and kind.
func (*Scanner) Match(p string, head []byte) bool {
	ext := strings.ToLower(path.Ext(p))
	if ext != ".yaml" && ext != ".yml" {
		return false
	}
	return apiVersionRE.Match(head) && kindRE.Match(head)
}

// Scan implements scanners.FileScanner.
// Units implements scanners.Partitioner: each file is read on its own.
func (*Scanner) Units(_ fs.FS, files []string) [][]string { return scanners.FileUnits(files) }

func (s *Scanner) Scan(ctx context.Context, fsys fs.FS, files []string) []scanners.Result {
	out := make([]scanners.Result, 0, len(files))
	for _, f := range files {
		out = append(out, s.scanFile(fsys, f))
	}
	return out
}

func (s *Scanner) scanFile(fsys fs.FS, file string) scanners.Result {
	res := scanners.Result{Path: file, Format: s.Name()}
	src, err := scanners.ReadFile(fsys, file)
	if err != nil {
		res.Errors = append(res.Errors, &scanners.FileError{Path: file, Err: err})
		return res
	}
	docs, err := Decode(file, src)
	if err != nil {
		res.Errors = append(res.Errors, yamlFileError(file, err))
	}
	for _, d := range docs {
		obj, ok := d.Value.(map[string]any)
		if !ok {
			res.Errors = append(res.Errors, &scanners.FileError{Path: file, Line: d.StartLine, Err: errors.New("document is not a Kubernetes object (not a mapping)")})
			continue
		}
		res.Documents = append(res.Documents, objects(file, obj, d.StartLine, &res)...)
	}
	return res
}

// objects returns the document of obj, or of each item of a List kind.
func objects(file string, obj map[string]any, line int, res *scanners.Result) []scanners.Document {
	kind, _ := obj["kind"].(string)
	apiVersion, _ := obj["apiVersion"].(string)
	if kind == "" || apiVersion == "" {
		res.Errors = append(res.Errors, &scanners.FileError{Path: file, Line: line, Err: errors.New("document has no apiVersion or kind")})
		return nil
	}
	if items, ok := obj["items"].([]any); ok && strings.HasSuffix(kind, "List") {
		var out []scanners.Document
		for _, it := range items {
			m, ok := it.(map[string]any)
			if !ok {
				res.Errors = append(res.Errors, &scanners.FileError{Path: file, Line: line, Err: fmt.Errorf("%s item is not an object", kind)})
				continue
			}
			start := line
			if loc, ok := m[scanners.LocKey].(map[string]any); ok {
				start, _ = loc["start_line"].(int)
			}
			out = append(out, objects(file, m, start, res)...)
		}
		return out
	}
	meta, _ := obj["metadata"].(map[string]any)
	name, _ := meta["name"].(string)
	ns, _ := meta["namespace"].(string)
	addr := []string{apiVersion, kind}
	if ns != "" {
		addr = append(addr, ns)
	}
	addr = append(addr, name)
	return []scanners.Document{{
		Format:   "kubernetes",
		Type:     kind,
		Name:     name,
		Address:  strings.Join(addr, "/"),
		Path:     file,
		Resource: obj,
		Secrets:  secrets(kind, obj),
	}}
}

// secrets lists values that must never be printed: a Secret's data and
// stringData, and env literals named like credentials.
func secrets(kind string, obj map[string]any) []string {
	var out []string
	if kind == "Secret" {
		for _, k := range []string{"data", "stringData"} {
			if m, ok := obj[k].(map[string]any); ok {
				for key, v := range m {
					if s, ok := v.(string); ok && key != scanners.LocKey && s != "" {
						out = append(out, s)
					}
				}
			}
		}
	}
	walkEnv(obj, func(name, value string) {
		if scanners.SecretName(name) && value != "" {
			out = append(out, value)
		}
	})
	return out
}

// walkEnv calls fn for every {name, value} in an "env" list anywhere in v.
func walkEnv(v any, fn func(name, value string)) {
	switch x := v.(type) {
	case map[string]any:
		for k, child := range x {
			if k == "env" {
				if list, ok := child.([]any); ok {
					for _, e := range list {
						if m, ok := e.(map[string]any); ok {
							n, _ := m["name"].(string)
							val, _ := m["value"].(string)
							fn(n, val)
						}
					}
				}
			}
			walkEnv(child, fn)
		}
	case []any:
		for _, child := range x {
			walkEnv(child, fn)
		}
	}
}

func yamlFileError(file string, err error) *scanners.FileError {
	var ye *yamlpos.Error
	if errors.As(err, &ye) {
		return &scanners.FileError{Path: file, Line: ye.Line, Err: errors.New(ye.Msg)}
	}
	return &scanners.FileError{Path: file, Err: err}
}
