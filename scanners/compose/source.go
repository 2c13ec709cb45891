package compose

import (
	"bytes"
	"encoding/json"
	"regexp"
	"sort"
	"strings"

	"github.com/compose-spec/compose-go/v2/types"
	"gopkg.in/yaml.v3"

	"github.com/tollgate/tollgate/scanners"
	"github.com/tollgate/tollgate/scanners/yamlpos"
)

// source is the compose file as written: located values and YAML nodes.
type source struct {
	path  string
	text  string
	root  map[string]any // the document holding services, with lines
	node  *yaml.Node     // its mapping node
	start int
}

func parseSource(file string, src []byte) (*source, error) {
	docs, err := yamlpos.Decode(file, src)
	if err != nil {
		return nil, err
	}
	var nodes []*yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(src))
	for {
		var n yaml.Node
		if err := dec.Decode(&n); err != nil {
			break // io.EOF: yamlpos already reported syntax errors
		}
		if n.Kind == yaml.DocumentNode && len(n.Content) > 0 && n.Content[0].Kind == yaml.MappingNode {
			nodes = append(nodes, n.Content[0])
		}
	}
	f := &source{path: file, text: string(src), root: map[string]any{}, start: 1}
	// Lines are joined on the last document that defines services; a
	// multi-document compose file is rare (compose-go merges them in order).
	for i, d := range docs {
		m, ok := d.Value.(map[string]any)
		if !ok {
			return nil, &yamlpos.Error{Line: d.StartLine, Msg: "yaml: a compose file is a mapping"}
		}
		_, hasServices := m["services"]
		if i > 0 && !hasServices {
			continue
		}
		f.root, f.node, f.start = m, nil, d.StartLine
		for _, n := range nodes {
			if n.Line == d.StartLine {
				f.node = n
			}
		}
	}
	return f, nil
}

// service is the located mapping and node of service name, with the keys
// of the services it extends in the same file (those are where inherited
// values are written).
func (f *source) service(name string, seen map[string]bool) (map[string]any, *yaml.Node) {
	svcs, _ := f.root["services"].(map[string]any)
	m, _ := svcs[name].(map[string]any)
	n := mapValue(mapValue(f.node, "services"), name)
	if m == nil || seen[name] {
		return m, n
	}
	seen[name] = true
	base := ""
	switch e := m["extends"].(type) {
	case string:
		base = e
	case map[string]any:
		if _, other := e["file"]; !other {
			base, _ = e["service"].(string)
		}
	}
	if base == "" {
		return m, n
	}
	bm, bn := f.service(base, seen)
	if bm == nil {
		return m, n
	}
	merged := make(map[string]any, len(m)+len(bm))
	for k, v := range bm {
		merged[k] = v
	}
	for k, v := range m {
		merged[k] = v
	}
	// The lines of inherited attributes stay those of the base service.
	loc := scanners.Loc(f.path, startOf(m), endOf(m))
	attrs := map[string]any{}
	for _, src := range []map[string]any{bm, m} {
		if a, ok := locOf(src)["attrs"].(map[string]any); ok {
			for k, v := range a {
				attrs[k] = v
			}
		}
	}
	loc["attrs"] = attrs
	merged[scanners.LocKey] = loc
	return merged, mergeNodes(n, bn)
}

// mergeNodes is a mapping node with the pairs of n, then those of base
// whose keys n does not have.
func mergeNodes(n, base *yaml.Node) *yaml.Node {
	if n == nil || base == nil {
		return n
	}
	out := &yaml.Node{Kind: yaml.MappingNode, Line: n.Line, Content: append([]*yaml.Node(nil), n.Content...)}
	for i := 0; i+1 < len(base.Content); i += 2 {
		if mapValue(n, base.Content[i].Value) == nil {
			out.Content = append(out.Content, base.Content[i], base.Content[i+1])
		}
	}
	return out
}

// documents returns one document per service, in the order of the file.
func (f *source) documents(proj *types.Project, env map[string]string) []scanners.Document {
	all := proj.AllServices()
	names := make([]string, 0, len(all))
	for n := range all {
		names = append(names, n)
	}
	line := func(n string) int {
		m, _ := f.service(n, map[string]bool{})
		return startOf(m)
	}
	sort.Slice(names, func(i, j int) bool {
		li, lj := line(names[i]), line(names[j])
		if li != lj {
			return li < lj
		}
		return names[i] < names[j]
	})
	docs := make([]scanners.Document, 0, len(names))
	for _, name := range names {
		docs = append(docs, f.document(name, all[name], env))
	}
	return docs
}

func (f *source) document(name string, svc types.ServiceConfig, env map[string]string) scanners.Document {
	located, node := f.service(name, map[string]bool{})
	start, end := startOf(located), endOf(located)
	if located == nil {
		start, end = f.start, f.start
	}
	j := &joiner{path: f.path, env: env}
	v, _ := j.value("", plain(svc), located, node, start, end)
	obj, _ := v.(map[string]any)
	if obj == nil {
		obj = map[string]any{scanners.LocKey: scanners.Loc(f.path, start, end)}
	}
	obj["name"] = name
	resolveUnset(obj, "environment", env)
	if b, ok := obj["build"].(map[string]any); ok {
		resolveUnset(b, "args", env)
	}
	return scanners.Document{
		Format:   Format,
		Type:     TypeService,
		Name:     name,
		Address:  f.path + "#" + name,
		Path:     f.path,
		Resource: obj,
		Secrets:  dedupe(append(secrets(obj), f.interpolatedSecrets(env)...)),
	}
}

// plain is svc as JSON-like values: maps, lists, strings, bools, ints and
// float64s.
func plain(svc types.ServiceConfig) any {
	b, err := json.Marshal(svc)
	if err != nil {
		return map[string]any{}
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		return map[string]any{}
	}
	for k, v := range m {
		if v == nil {
			delete(m, k) // command and entrypoint, when not set
		}
	}
	return numbers(m)
}

func numbers(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			x[k] = numbers(e)
		}
	case []any:
		for i, e := range x {
			x[i] = numbers(e)
		}
	case json.Number:
		if i, err := x.Int64(); err == nil {
			return int(i)
		}
		f, _ := x.Float64()
		return f
	}
	return v
}

// resolveUnset gives the variables of the map obj[key] that have no value
// in the file (`KEY:` or a bare `KEY`) their value from env, as `docker
// compose` takes it from the shell; those set nowhere are unknown.
func resolveUnset(obj map[string]any, key string, env map[string]string) {
	m, ok := obj[key].(map[string]any)
	if !ok {
		return
	}
	for k, v := range m {
		if k == scanners.LocKey || v != nil {
			continue
		}
		if ev, ok := env[k]; ok {
			m[k] = ev
			scanners.SetAttrFlag(m, k, "interpolated")
			continue
		}
		delete(m, k)
		scanners.MarkUnknown(m, k)
	}
}

// secrets are the values of environment variables and build args named
// like credentials.
func secrets(obj map[string]any) []string {
	var out []string
	add := func(m map[string]any) {
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if v, ok := m[k].(string); ok && v != "" && k != scanners.LocKey && scanners.SecretName(k) {
				out = append(out, v)
			}
		}
	}
	if m, ok := obj["environment"].(map[string]any); ok {
		add(m)
	}
	if b, ok := obj["build"].(map[string]any); ok {
		if m, ok := b["args"].(map[string]any); ok {
			add(m)
		}
	}
	return out
}

// interpolatedSecrets are the values of the environment's variables named
// like credentials that the file refers to: interpolated into another value
// (DATABASE_URL: postgres://app:${DB_PASSWORD}@db) they are still secrets.
func (f *source) interpolatedSecrets(env map[string]string) []string {
	var out []string
	for k, v := range env {
		if v != "" && scanners.SecretName(k) && strings.Contains(f.text, k) {
			out = append(out, v)
		}
	}
	sort.Strings(out)
	return out
}

func dedupe(list []string) []string {
	seen := make(map[string]bool, len(list))
	out := list[:0]
	for _, s := range list {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

var pathRE = regexp.MustCompile(`[A-Za-z0-9_\-]+(?:\.[A-Za-z0-9_\-]+)+`)

// errorLine finds the line of the first dotted path in a compose-go error
// message ("services.web.privileged must be a boolean") that names
// something in the file; 0 when none does.
func (f *source) errorLine(msg string) int {
	for _, p := range pathRE.FindAllString(msg, -1) {
		if line := f.pathLine(strings.Split(p, ".")); line > 0 {
			return line
		}
	}
	return 0
}

// pathLine is the line of the deepest existing element of p, 0 when even
// its first element is not a top-level key.
func (f *source) pathLine(p []string) int {
	var cur any = f.root
	line := 0
	for _, seg := range p {
		m, ok := cur.(map[string]any)
		if !ok {
			return line
		}
		child, ok := m[seg]
		if !ok {
			return line
		}
		if cm, ok := child.(map[string]any); ok {
			line = startOf(cm)
		} else if a, ok := attrOf(m, seg); ok {
			line = a[0]
		}
		cur = child
	}
	return line
}

// mapValue is the value node of key in the mapping node n (aliases
// followed, merge keys searched), nil when there is none.
func mapValue(n *yaml.Node, key string) *yaml.Node {
	n = deref(n)
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key && n.Content[i].Tag != "!!merge" {
			return n.Content[i+1]
		}
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Tag != "!!merge" {
			continue
		}
		srcs := []*yaml.Node{n.Content[i+1]}
		if v := deref(n.Content[i+1]); v != nil && v.Kind == yaml.SequenceNode {
			srcs = v.Content
		}
		for _, s := range srcs {
			if v := mapValue(s, key); v != nil {
				return v
			}
		}
	}
	return nil
}

func deref(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	return n
}

func locOf(m map[string]any) map[string]any {
	loc, _ := m[scanners.LocKey].(map[string]any)
	return loc
}

func startOf(m map[string]any) int {
	n, _ := locOf(m)["start_line"].(int)
	return n
}

func endOf(m map[string]any) int {
	n, _ := locOf(m)["end_line"].(int)
	return n
}

// attrOf is the line range yamlpos recorded for the scalar or list key of m.
func attrOf(m map[string]any, key string) ([2]int, bool) {
	attrs, _ := locOf(m)["attrs"].(map[string]any)
	a, _ := attrs[key].(map[string]any)
	s, ok1 := a["start_line"].(int)
	e, ok2 := a["end_line"].(int)
	return [2]int{s, e}, ok1 && ok2
}
