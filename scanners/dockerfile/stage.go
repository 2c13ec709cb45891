package dockerfile

import (
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
	"github.com/moby/buildkit/frontend/dockerfile/shell"

	"github.com/tollgate/tollgate/scanners"
)

// platformArgs are the ARGs BuildKit defines in the global scope; their
// values depend on the build, so they are unknown.
var platformArgs = []string{
	"BUILDPLATFORM", "BUILDOS", "BUILDARCH", "BUILDVARIANT",
	"TARGETPLATFORM", "TARGETOS", "TARGETARCH", "TARGETVARIANT",
}

// scope is the variables visible to an instruction, for expansion.
type scope struct {
	known   map[string]string
	unknown map[string]bool
	// open means an undeclared name may still have a value: one set by an
	// ENV of the base image, which the Dockerfile does not show.
	open bool
	// envs are the names set by ENV, which an ARG of the same name does not
	// override.
	envs map[string]bool
}

func newScope(open bool) *scope {
	return &scope{known: map[string]string{}, unknown: map[string]bool{}, envs: map[string]bool{}, open: open}
}

// inherit is the scope a stage built FROM this one starts with: its ENV
// variables, not its ARGs.
func (s *scope) inherit() *scope {
	c := newScope(s.open)
	for k := range s.envs {
		v, ok := s.known[k]
		c.set(k, v, ok)
		c.envs[k] = true
	}
	return c
}

// set records name's value, or that it is unknown.
func (s *scope) set(name, value string, known bool) {
	if known {
		s.known[name] = value
		delete(s.unknown, name)
		return
	}
	s.unknown[name] = true
	delete(s.known, name)
}

// Get and Keys make scope a shell.EnvGetter over its known values.
func (s *scope) Get(name string) (string, bool) {
	v, ok := s.known[name]
	return v, ok
}

func (s *scope) Keys() []string {
	keys := make([]string, 0, len(s.known))
	for k := range s.known {
		keys = append(keys, k)
	}
	return keys
}

// stage is one build stage being read.
type stage struct {
	index    int
	name     string
	from     *parser.Node
	last     *parser.Node
	obj      map[string]any
	scope    *scope
	instrs   []any
	env      []any
	args     []any
	user     string
	userOK   bool
	userNode *parser.Node
	secrets  []string
}

// builder turns the instructions of one Dockerfile into stages.
type builder struct {
	path     string
	lines    []string
	lex      *shell.Lex
	global   *scope
	meta     []map[string]any
	metaSecr []string
	stages   []*stage
}

func newBuilder(path string, src []byte, escape rune) *builder {
	lines := strings.Split(string(src), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSuffix(l, "\r")
	}
	global := newScope(false)
	for _, a := range platformArgs {
		global.set(a, "", false)
	}
	return &builder{path: path, lines: lines, lex: shell.NewLex(escape), global: global}
}

// expand expands word as BuildKit would in sc; known is false when the
// result depends on a value that cannot be known statically.
func (b *builder) expand(sc *scope, word string) (string, bool) {
	r, err := b.lex.ProcessWordWithMatches(word, sc)
	if err != nil {
		return "", false
	}
	for name := range r.Unmatched {
		if sc.unknown[name] || sc.open {
			return "", false
		}
	}
	return r.Result, true
}

func (b *builder) loc(n *parser.Node) map[string]any {
	return scanners.Loc(b.path, n.StartLine, n.EndLine)
}

// add records one parsed instruction.
func (b *builder) add(n *parser.Node, cmd any) error {
	if st, ok := cmd.(*instructions.Stage); ok {
		b.startStage(n, st)
		return nil
	}
	if a, ok := cmd.(*instructions.ArgCommand); ok && len(b.stages) == 0 {
		b.addMetaArgs(n, a)
		return nil
	}
	if _, ok := cmd.(instructions.Command); !ok {
		return fmt.Errorf("%s is not an instruction BuildKit can build", strings.ToUpper(n.Value))
	}
	if len(b.stages) == 0 {
		return fmt.Errorf("%s before the first FROM", strings.ToUpper(n.Value))
	}
	st := b.stages[len(b.stages)-1]
	st.last = n
	st.instrs = append(st.instrs, b.instruction(n, cmd))
	switch c := cmd.(type) {
	case *instructions.ArgCommand:
		b.addArgs(st, n, c)
	case *instructions.EnvCommand:
		b.addEnv(st, n, c)
	case *instructions.UserCommand:
		st.user, st.userOK = b.expand(st.scope, c.User)
		st.userNode = n
	case *instructions.AddCommand:
		for _, src := range c.SourcePaths {
			if u, err := url.Parse(src); err == nil && u.User != nil {
				if pw, ok := u.User.Password(); ok && pw != "" && !contains(st.secrets, pw) {
					st.secrets = append(st.secrets, pw) // ADD https://user:password@host/...
				}
			}
		}
	}
	return nil
}

func (b *builder) startStage(n *parser.Node, c *instructions.Stage) {
	st := &stage{index: len(b.stages), name: c.Name, from: n, last: n}
	obj := map[string]any{
		"name":          c.Name,
		"index":         st.index,
		"is_final":      false,
		scanners.LocKey: b.loc(n),
	}
	scanners.SetAttrLoc(obj, "name", n.StartLine, n.EndLine)
	scanners.SetAttrLoc(obj, "base_image", n.StartLine, n.EndLine)
	base, ok := b.expand(b.global, c.BaseName)
	switch {
	case !ok:
		scanners.MarkUnknown(obj, "base_image")
		st.scope = newScope(true)
		st.userOK = true
	default:
		obj["base_image"] = base
		if prev := b.stageNamed(base); prev != nil {
			obj["base_stage"] = prev.name
			scanners.SetAttrLoc(obj, "base_stage", n.StartLine, n.EndLine)
			st.scope = prev.scope.inherit()
			st.user, st.userOK = prev.user, prev.userOK
		} else {
			st.scope = newScope(base != "scratch")
			st.userOK = true
		}
	}
	if c.Platform != "" {
		scanners.SetAttrLoc(obj, "platform", n.StartLine, n.EndLine)
		if p, ok := b.expand(b.global, c.Platform); ok {
			obj["platform"] = p
		} else {
			scanners.MarkUnknown(obj, "platform")
		}
	}
	st.obj = obj
	st.instrs = append(st.instrs, b.instruction(n, c))
	b.stages = append(b.stages, st)
}

// stageNamed is the earlier stage a FROM refers to, nil for an image.
func (b *builder) stageNamed(name string) *stage {
	name = strings.ToLower(name)
	for _, st := range b.stages {
		if st.name != "" && st.name == name {
			return st
		}
	}
	return nil
}

func (b *builder) addMetaArgs(n *parser.Node, c *instructions.ArgCommand) {
	lines := b.pairLines(n, argKeys(c))
	for i, kv := range c.Args {
		entry := map[string]any{"name": kv.Key, scanners.LocKey: scanners.Loc(b.path, lines[i][0], lines[i][1])}
		if kv.Value == nil {
			b.global.set(kv.Key, "", false)
		} else {
			v, ok := b.expand(b.global, *kv.Value)
			setValue(entry, "default", v, ok)
			b.global.set(kv.Key, v, ok)
			b.metaSecr = appendSecret(b.metaSecr, kv.Key, v, *kv.Value)
		}
		b.meta = append(b.meta, entry)
	}
}

func (b *builder) addArgs(st *stage, n *parser.Node, c *instructions.ArgCommand) {
	lines := b.pairLines(n, argKeys(c))
	for i, kv := range c.Args {
		entry := map[string]any{"name": kv.Key, scanners.LocKey: scanners.Loc(b.path, lines[i][0], lines[i][1])}
		var v string
		var ok bool
		switch {
		case kv.Value != nil:
			v, ok = b.expand(st.scope, *kv.Value)
			setValue(entry, "default", v, ok)
			st.secrets = appendSecret(st.secrets, kv.Key, v, *kv.Value)
		default:
			// A global ARG declared again takes its global value; any
			// other ARG without a default gets its value from the build.
			v, ok = b.global.known[kv.Key]
		}
		if !st.scope.envs[kv.Key] {
			st.scope.set(kv.Key, v, ok)
		}
		st.args = append(st.args, entry)
	}
}

func (b *builder) addEnv(st *stage, n *parser.Node, c *instructions.EnvCommand) {
	keys := make([]string, len(c.Env))
	for i, kv := range c.Env {
		keys[i] = kv.Key
	}
	lines := b.pairLines(n, keys)
	type value struct {
		v  string
		ok bool
	}
	// Every pair of one ENV sees the variables as they were before it.
	values := make([]value, len(c.Env))
	for i, kv := range c.Env {
		values[i].v, values[i].ok = b.expand(st.scope, kv.Value)
	}
	for i, kv := range c.Env {
		entry := map[string]any{"name": kv.Key, scanners.LocKey: scanners.Loc(b.path, lines[i][0], lines[i][1])}
		setValue(entry, "value", values[i].v, values[i].ok)
		st.env = append(st.env, entry)
		st.scope.set(kv.Key, values[i].v, values[i].ok)
		st.scope.envs[kv.Key] = true
		st.secrets = appendSecret(st.secrets, kv.Key, values[i].v, kv.Value)
	}
}

func argKeys(c *instructions.ArgCommand) []string {
	keys := make([]string, len(c.Args))
	for i, kv := range c.Args {
		keys[i] = kv.Key
	}
	return keys
}

// setValue sets obj[key] to a known value, or marks it unknown.
func setValue(obj map[string]any, key, v string, known bool) {
	if known {
		obj[key] = v
		return
	}
	scanners.MarkUnknown(obj, key)
}

// appendSecret adds the value of a variable named like a credential, as
// expanded and as written, to secrets.
func appendSecret(secrets []string, name, value, raw string) []string {
	if !scanners.SecretName(name) {
		return secrets
	}
	raw = strings.Trim(raw, `"'`)
	for _, s := range []string{value, raw} {
		if s != "" && !contains(secrets, s) {
			secrets = append(secrets, s)
		}
	}
	return secrets
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// instruction is the document form of one instruction.
func (b *builder) instruction(n *parser.Node, cmd any) map[string]any {
	obj := map[string]any{
		"cmd":           strings.ToLower(n.Value),
		"original":      n.Original,
		"args":          nodeArgs(n),
		"flags":         strs(n.Flags),
		"json":          n.Attributes["json"],
		scanners.LocKey: b.loc(n),
	}
	if len(n.Heredocs) > 0 {
		hs := make([]any, len(n.Heredocs))
		for i, h := range n.Heredocs {
			hs[i] = map[string]any{"name": h.Name, "content": h.Content, scanners.LocKey: b.loc(n)}
		}
		obj["heredocs"] = hs
	}
	var sd *instructions.SourcesAndDest
	switch c := cmd.(type) {
	case *instructions.AddCommand:
		sd = &c.SourcesAndDest
	case *instructions.CopyCommand:
		sd = &c.SourcesAndDest
	}
	if sd != nil {
		sources := strs(sd.SourcePaths)
		for _, sc := range sd.SourceContents {
			sources = append(sources, sc.Path)
		}
		obj["sources"] = sources
		obj["dest"] = sd.DestPath
		scanners.SetAttrLoc(obj, "sources", n.StartLine, n.EndLine)
		scanners.SetAttrLoc(obj, "dest", n.StartLine, n.EndLine)
	}
	return obj
}

// nodeArgs are the words of an instruction; ENV and LABEL pairs, which
// BuildKit keeps as (key, value, delimiter) triplets, become "KEY=VALUE".
func nodeArgs(n *parser.Node) []any {
	out := []any{}
	switch strings.ToLower(n.Value) {
	case "env", "label":
		for a := n.Next; a != nil && a.Next != nil; a = a.Next.Next.Next {
			out = append(out, a.Value+"="+a.Next.Value)
			if a.Next.Next == nil {
				break
			}
		}
		return out
	}
	for a := n.Next; a != nil; a = a.Next {
		switch {
		case a.Value == "" && len(a.Children) > 0:
			out = append(out, a.Children[0].Original) // ONBUILD's instruction
		default:
			out = append(out, a.Value)
		}
	}
	return out
}

func strs(in []string) []any {
	out := make([]any, len(in))
	for i, s := range in {
		out[i] = s
	}
	return out
}

// pairLines finds, for each key of an ENV or ARG instruction, the line it
// is written on, and the last line of its value (the line before the next
// key's, or the instruction's last). Keys are searched in order after the
// instruction's keyword; comment lines inside continuations are skipped.
func (b *builder) pairLines(n *parser.Node, keys []string) [][2]int {
	out := make([][2]int, len(keys))
	line, col := n.StartLine, keywordEnd(b.lineText(n.StartLine))
	for i, k := range keys {
		out[i] = [2]int{n.StartLine, n.EndLine}
		if !utf8.ValidString(k) {
			continue // not a name any builder accepts: the instruction's lines
		}
		re := regexp.MustCompile(`(?:^|\s)(` + regexp.QuoteMeta(k) + `)(?:=|\s|$)`)
		for l := line; l <= n.EndLine; l, col = l+1, 0 {
			text := b.lineText(l)
			if l != n.StartLine && strings.HasPrefix(strings.TrimSpace(text), "#") {
				continue
			}
			if col > len(text) {
				continue
			}
			if m := re.FindStringSubmatchIndex(text[col:]); m != nil {
				out[i][0] = l
				line, col = l, col+m[3]
				break
			}
		}
	}
	for i := range out {
		if i+1 < len(out) && out[i+1][0] > out[i][0] {
			out[i][1] = out[i+1][0] - 1
		} else if i+1 < len(out) {
			out[i][1] = out[i][0]
		}
	}
	return out
}

func (b *builder) lineText(l int) string {
	if l < 1 || l > len(b.lines) {
		return ""
	}
	return b.lines[l-1]
}

// keywordEnd is the offset just past the instruction keyword of line.
func keywordEnd(line string) int {
	i := len(line) - len(strings.TrimLeft(line, " \t"))
	for i < len(line) && line[i] != ' ' && line[i] != '\t' {
		i++
	}
	return i
}

// documents returns one document per stage.
func (b *builder) documents() []scanners.Document {
	docs := make([]scanners.Document, 0, len(b.stages))
	for _, st := range b.stages {
		obj := st.obj
		obj["is_final"] = st.index == len(b.stages)-1
		loc := obj[scanners.LocKey].(map[string]any)
		loc["end_line"] = st.last.EndLine
		userNode := st.from
		if st.userNode != nil {
			userNode = st.userNode
		}
		scanners.SetAttrLoc(obj, "user", userNode.StartLine, userNode.EndLine)
		setValue(obj, "user", st.user, st.userOK)
		obj["instructions"] = orEmpty(st.instrs)
		obj["env"] = orEmpty(st.env)
		obj["args"] = orEmpty(st.args)
		meta := make([]any, len(b.meta))
		for i, m := range b.meta {
			meta[i] = clone(m)
		}
		obj["meta_args"] = meta
		name := st.name
		if name == "" {
			name = strconv.Itoa(st.index)
		}
		secrets := append(append([]string(nil), b.metaSecr...), st.secrets...)
		docs = append(docs, scanners.Document{
			Format:   Format,
			Type:     TypeStage,
			Name:     name,
			Address:  b.path + "#" + name,
			Path:     b.path,
			Resource: obj,
			Secrets:  secrets,
		})
	}
	return docs
}

func orEmpty(list []any) []any {
	if list == nil {
		return []any{}
	}
	return list
}

// clone copies maps and slices, so that documents share no mutable value.
func clone(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = clone(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = clone(e)
		}
		return out
	}
	return v
}
