package helm

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"text/template"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"github.com/Masterminds/sprig/v3"
	sigsyaml "sigs.k8s.io/yaml"
	goYaml "sigs.k8s.io/yaml/goyaml.v3"
)

// funcMap is Helm's template functions (pkg/engine/funcs.go: sprig without
// env and expandenv, and Helm's own), with the functions that allocate in
// proportion to a number (until, repeat, indent...) replaced by bounded
// ones. include, tpl, required and fail are added by initFuncMap.
func (r *renderer) funcMap() template.FuncMap {
	f := sprig.TxtFuncMap()
	delete(f, "env")
	delete(f, "expandenv")
	helm := template.FuncMap{
		"toToml":        toTOML,
		"fromToml":      fromTOML,
		"toYaml":        toYAML,
		"toYamlPretty":  toYAMLPretty,
		"fromYaml":      fromYAML,
		"fromYamlArray": fromYAMLArray,
		"toJson":        toJSON,
		"fromJson":      fromJSON,
		"fromJsonArray": fromJSONArray,
		"lookup": func(string, string, string, string) (map[string]any, error) {
			return map[string]any{}, nil
		},
	}
	for k, v := range helm {
		f[k] = v
	}
	for k, v := range r.bounded() {
		f[k] = v
	}
	return f
}

// sprigFuncs are sprig's functions, for the bounded versions to call.
var sprigFuncs = sprig.TxtFuncMap()

// bounded are the replacements of the functions whose cost a number or a
// separator decides: they check the size of their result before making it.
func (r *renderer) bounded() template.FuncMap {
	tooLong := func(n int) error {
		if n > MaxListLength || n < 0 {
			return &limitError{fmt.Sprintf("%d items: more than %d (the template list limit)", n, MaxListLength)}
		}
		return nil
	}
	tooBig := func(n float64) error {
		if n > MaxValueSize {
			return valueTooLarge()
		}
		return nil
	}
	randFn := func(name string) func(int) (string, error) {
		fn := sprigFuncs[name].(func(int) string)
		return func(n int) (string, error) {
			if err := tooBig(float64(n)); err != nil {
				return "", err
			}
			return fn(n), nil
		}
	}
	regexReplace := func(name string, literal bool) func(string, string, string) (string, error) {
		fn := sprigFuncs[name]
		return func(re, s, repl string) (string, error) {
			per := float64(len(repl))
			if !literal {
				per += float64(strings.Count(repl, "$")) * float64(len(s))
			}
			if err := tooBig(float64(len(s)) + float64(len(s)+1)*per); err != nil {
				return "", err
			}
			switch f := fn.(type) {
			case func(string, string, string) string:
				return f(re, s, repl), nil
			case func(string, string, string) (string, error):
				return f(re, s, repl)
			}
			return "", fmt.Errorf("%s: unexpected function", name)
		}
	}
	// regexN bounds the n of regexFindAll and regexSplit: -1 (all) may
	// be a match per byte.
	regexN := func(name string) func(string, string, int) ([]string, error) {
		fn := sprigFuncs[name]
		return func(re, s string, n int) ([]string, error) {
			capped := n < 0 || n > MaxListLength
			if capped {
				n = MaxListLength + 1
			}
			var out []string
			var err error
			switch f := fn.(type) {
			case func(string, string, int) []string:
				out = f(re, s, n)
			case func(string, string, int) ([]string, error):
				out, err = f(re, s, n)
			}
			if err == nil && capped && len(out) > MaxListLength {
				err = tooLong(len(out))
			}
			return out, err
		}
	}
	parts := func(sep, s string) int {
		if sep == "" {
			return utf8.RuneCountInString(s)
		}
		return strings.Count(s, sep) + 1
	}
	indent := func(spaces int, v string) (string, error) {
		if spaces > 0 {
			if err := tooBig(float64(spaces)*float64(strings.Count(v, "\n")+1) + float64(len(v))); err != nil {
				return "", err
			}
		}
		pad := strings.Repeat(" ", spaces)
		return pad + strings.ReplaceAll(v, "\n", "\n"+pad), nil
	}
	wrap := func(l int, sep, str string) (string, error) {
		if err := tooBig(float64(len(str)) + float64(len(str)/max(l, 1)+1)*float64(len(sep))); err != nil {
			return "", err
		}
		return sprigFuncs["wrapWith"].(func(int, string, string) string)(l, sep, str), nil
	}
	return template.FuncMap{
		"until": func(n int) ([]int, error) {
			step := 1
			if n < 0 {
				step = -1
			}
			return untilStep(0, n, step)
		},
		"untilStep": untilStep,
		"seq":       seq,
		"repeat": func(n int, s string) (string, error) {
			if n > 0 {
				if err := tooBig(float64(n) * float64(len(s))); err != nil {
					return "", err
				}
			}
			return strings.Repeat(s, n), nil
		},
		"indent": indent,
		"nindent": func(spaces int, v string) (string, error) {
			s, err := indent(spaces, v)
			return "\n" + s, err
		},
		"replace": func(old, new, src string) (string, error) {
			n := float64(parts(old, src))
			if old == "" {
				n++
			}
			if err := tooBig(float64(len(src)) + n*float64(len(new))); err != nil {
				return "", err
			}
			return strings.ReplaceAll(src, old, new), nil
		},
		"wrap":     func(l int, s string) (string, error) { return wrap(l, "\n", s) },
		"wrapWith": wrap,
		"join": func(sep string, v any) (string, error) {
			n := 0
			if rv := reflect.ValueOf(v); rv.Kind() == reflect.Slice || rv.Kind() == reflect.Array {
				n = rv.Len()
			}
			if err := tooBig(float64(n) * float64(len(sep))); err != nil {
				return "", err
			}
			return sprigFuncs["join"].(func(string, any) string)(sep, v), nil
		},
		"splitList": func(sep, s string) ([]string, error) {
			if err := tooLong(parts(sep, s)); err != nil {
				return nil, err
			}
			return strings.Split(s, sep), nil
		},
		"split": func(sep, s string) (map[string]string, error) {
			if err := tooLong(parts(sep, s)); err != nil {
				return nil, err
			}
			return sprigFuncs["split"].(func(string, string) map[string]string)(sep, s), nil
		},
		"splitn": func(sep string, n int, s string) (map[string]string, error) {
			if n < 0 || n > MaxListLength {
				if err := tooLong(parts(sep, s)); err != nil {
					return nil, err
				}
			}
			return sprigFuncs["splitn"].(func(string, int, string) map[string]string)(sep, n, s), nil
		},
		"concat": func(lists ...any) (any, error) {
			n := 0
			for _, l := range lists {
				if rv := reflect.ValueOf(l); rv.Kind() == reflect.Slice || rv.Kind() == reflect.Array {
					n += rv.Len()
				}
			}
			if err := tooLong(n); err != nil {
				return nil, err
			}
			return sprigFuncs["concat"].(func(...any) any)(lists...), nil
		},
		"regexReplaceAll":            regexReplace("regexReplaceAll", false),
		"mustRegexReplaceAll":        regexReplace("mustRegexReplaceAll", false),
		"regexReplaceAllLiteral":     regexReplace("regexReplaceAllLiteral", true),
		"mustRegexReplaceAllLiteral": regexReplace("mustRegexReplaceAllLiteral", true),
		"regexFindAll":               regexN("regexFindAll"),
		"mustRegexFindAll":           regexN("mustRegexFindAll"),
		"regexSplit":                 regexN("regexSplit"),
		"mustRegexSplit":             regexN("mustRegexSplit"),
		"randAlphaNum":               randFn("randAlphaNum"),
		"randAlpha":                  randFn("randAlpha"),
		"randAscii":                  randFn("randAscii"),
		"randNumeric":                randFn("randNumeric"),
		"randBytes": func(n int) (string, error) {
			if err := tooBig(float64(n) * 4 / 3); err != nil {
				return "", err
			}
			return sprigFuncs["randBytes"].(func(int) (string, error))(n)
		},
		// text/template's printing builtins, which the guard below must
		// see: they format values as printing does.
		"print":    fmt.Sprint,
		"println":  fmt.Sprintln,
		"printf":   printf,
		"html":     template.HTMLEscaper,
		"js":       template.JSEscaper,
		"urlquery": template.URLQueryEscaper,
		// The guards the parse trees are rewritten to call (guard.go).
		guardPrint: r.printValue,
		guardRange: r.rangeValue,
		guardTick:  r.tick,
	}
}

// untilStep is sprig's, without its endless loop when i += step overflows.
func untilStep(start, stop, step int) ([]int, error) {
	if n := count(start, stop, step); n > MaxListLength {
		return nil, &limitError{fmt.Sprintf("untilStep %d %d %d: more than %d items (the template list limit)", start, stop, step, MaxListLength)}
	}
	v := []int{}
	if stop < start {
		if step >= 0 {
			return v, nil
		}
		for i := start; i > stop; i += step {
			v = append(v, i)
			if i < math.MinInt-step {
				break
			}
		}
		return v, nil
	}
	if step <= 0 {
		return v, nil
	}
	for i := start; i < stop; i += step {
		v = append(v, i)
		if i > math.MaxInt-step {
			break
		}
	}
	return v, nil
}

// seq is sprig's, over the bounded untilStep.
func seq(params ...int) (string, error) {
	increment := 1
	var list []int
	var err error
	switch len(params) {
	case 1:
		start, end := 1, params[0]
		if end < start {
			increment = -1
		}
		list, err = untilStep(start, end+increment, increment)
	case 3:
		start, end, step := params[0], params[2], params[1]
		if end < start {
			increment = -1
			if step > 0 {
				return "", nil
			}
		}
		list, err = untilStep(start, end+increment, step)
	case 2:
		start, end := params[0], params[1]
		step := 1
		if end < start {
			step = -1
		}
		list, err = untilStep(start, end+step, step)
	default:
		return "", nil
	}
	if err != nil {
		return "", err
	}
	return strings.Trim(strings.Join(strings.Fields(fmt.Sprint(list)), " "), "[]"), nil
}

var widthRE = regexp.MustCompile(`%[-+# 0]*(\d*)(?:\.(\d*))?`)

// printf is fmt.Sprintf after checking that the widths and precisions of
// the format (each at most 10^6 in fmt) cannot pad it past the value limit.
func printf(format string, args ...any) (string, error) {
	total := float64(len(format))
	for _, m := range widthRE.FindAllStringSubmatch(format, -1) {
		for _, d := range m[1:] {
			if n, err := strconv.Atoi(d); err == nil {
				total += float64(min(n, 1_000_000))
			}
		}
	}
	if total > MaxValueSize {
		return "", valueTooLarge()
	}
	return fmt.Sprintf(format, args...), nil
}

// Helm's own functions (pkg/engine/funcs.go).

func toYAML(v any) string {
	data, err := sigsyaml.Marshal(v)
	if err != nil {
		return ""
	}
	return strings.TrimSuffix(string(data), "\n")
}

func toYAMLPretty(v any) string {
	var data bytes.Buffer
	encoder := goYaml.NewEncoder(&data)
	encoder.SetIndent(2)
	if err := encoder.Encode(v); err != nil {
		return ""
	}
	return strings.TrimSuffix(data.String(), "\n")
}

func fromYAML(str string) map[string]any {
	m := map[string]any{}
	if err := sigsyaml.Unmarshal([]byte(str), &m); err != nil {
		m["Error"] = err.Error()
	}
	return m
}

func fromYAMLArray(str string) []any {
	a := []any{}
	if err := sigsyaml.Unmarshal([]byte(str), &a); err != nil {
		a = []any{err.Error()}
	}
	return a
}

func toTOML(v any) string {
	b := bytes.NewBuffer(nil)
	e := toml.NewEncoder(b)
	if err := e.Encode(v); err != nil {
		return err.Error()
	}
	return b.String()
}

func fromTOML(str string) map[string]any {
	m := make(map[string]any)
	if err := toml.Unmarshal([]byte(str), &m); err != nil {
		m["Error"] = err.Error()
	}
	return m
}

func toJSON(v any) string {
	data, err := json.Marshal(v)
	if err != nil {
		return ""
	}
	return string(data)
}

func fromJSON(str string) map[string]any {
	m := make(map[string]any)
	if err := json.Unmarshal([]byte(str), &m); err != nil {
		m["Error"] = err.Error()
	}
	return m
}

func fromJSONArray(str string) []any {
	a := []any{}
	if err := json.Unmarshal([]byte(str), &a); err != nil {
		a = []any{err.Error()}
	}
	return a
}

// serializers are the functions that write out their arguments in full
// (strval, fmt, YAML, JSON, TOML, deep copies): their arguments are
// measured first (checkSize), as a value built of shared parts may be
// exponentially larger written out than in memory.
var serializers = map[string]bool{
	"toJson": true, "toPrettyJson": true, "toRawJson": true, "mustToJson": true, "mustToPrettyJson": true,
	"mustToRawJson": true, "toYaml": true, "toYamlPretty": true, "toToml": true, "toString": true, "cat": true,
	"quote": true, "squote": true, "join": true, "toStrings": true, "sortAlpha": true, "deepCopy": true,
	"mustDeepCopy": true, "print": true, "println": true, "printf": true, "html": true, "js": true,
	"urlquery": true, "urlJoin": true,
}

var errorType = reflect.TypeFor[error]()

// guardFuncs wraps every function of m: it fails once the render is
// abandoned, measures the arguments of serializers (and the keys of dict),
// and bounds its result (checkResult). A function that returns no error
// gets an error result, which text/template reports with the template and
// line of the call.
func (r *renderer) guardFuncs(m template.FuncMap) template.FuncMap {
	out := make(template.FuncMap, len(m))
	for name, fn := range m {
		switch name {
		case guardPrint, guardRange, guardTick:
			out[name] = fn // they check for themselves
			continue
		}
		out[name] = r.guard(name, fn)
	}
	return out
}

func (r *renderer) guard(name string, fn any) any {
	v := reflect.ValueOf(fn)
	t := v.Type()
	ins := make([]reflect.Type, t.NumIn())
	for i := range ins {
		ins[i] = t.In(i)
	}
	hasErr := t.NumOut() == 2
	wt := reflect.FuncOf(ins, []reflect.Type{t.Out(0), errorType}, t.IsVariadic())
	zero := reflect.Zero(t.Out(0))
	fail := func(err error) []reflect.Value {
		return []reflect.Value{zero, reflect.ValueOf(&err).Elem()}
	}
	// include and tpl write through limitedWriter, which accounts for them.
	accounted := name == "include" || name == "tpl"
	return reflect.MakeFunc(wt, func(args []reflect.Value) []reflect.Value {
		if err := r.alive(); err != nil {
			return fail(err)
		}
		switch {
		case serializers[name]:
			for _, a := range args {
				if err := checkSize(a.Interface(), MaxValueSize); err != nil {
					return fail(err)
				}
			}
		case name == "dict" && len(args) == 1:
			kv := args[0]
			for i := 0; i < kv.Len(); i += 2 {
				if err := checkSize(kv.Index(i).Interface(), MaxValueSize); err != nil {
					return fail(err)
				}
			}
		}
		var res []reflect.Value
		if t.IsVariadic() {
			res = v.CallSlice(args)
		} else {
			res = v.Call(args)
		}
		if hasErr && !res[1].IsNil() {
			return res
		}
		if !accounted {
			if err := r.checkResult(res[0]); err != nil {
				return fail(err)
			}
		}
		if !hasErr {
			res = append(res, reflect.Zero(errorType))
		}
		return res
	}).Interface()
}
