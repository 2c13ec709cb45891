package terraform

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
	ctyjson "github.com/zclconf/go-cty/cty/json"
)

// failClosed is an error of a function that makes the file fail: a file
// that cannot be read (outside the scan root, missing, too large, not
// UTF-8), a range() Terraform refuses. Its value is not merely unknown:
// that would let a configuration hide what it does behind it.
type failClosed struct{ err error }

func (e *failClosed) Error() string { return e.err.Error() }
func (e *failClosed) Unwrap() error { return e.err }

func failClosedf(format string, args ...any) error {
	return &failClosed{err: fmt.Errorf(format, args...)}
}

// guard wraps function f (named name) within the limits: its arguments are
// measured (and their size spent from the root module's budget) before it runs,
// with name's own pre-check when it has one; its result is measured after.
// A limit crossed, or a failClosed error, is recorded for the caller to
// report at the call.
func (l *limiter) guard(name string, f function.Function) function.Function {
	pre := preChecks[name]
	return function.New(&function.Spec{
		Description: f.Description(),
		Params:      f.Params(),
		VarParam:    f.VarParam(),
		Type: func(args []cty.Value) (cty.Type, error) {
			if l.halted() {
				return cty.DynamicPseudoType, nil
			}
			if err := l.checkArgs(args, pre); err != nil {
				l.callError(name, err, true)
				return cty.DynamicPseudoType, err
			}
			return f.ReturnTypeForValues(args)
		},
		Impl: func(args []cty.Value, retType cty.Type) (cty.Value, error) {
			if l.halted() {
				return cty.UnknownVal(retType), nil
			}
			v, err := f.Call(args)
			if l.halted() {
				return cty.UnknownVal(retType), nil
			}
			if err != nil {
				var fc *failClosed
				if errors.As(err, &fc) {
					l.callError(name, err, errors.Is(err, errLimit))
				}
				return cty.UnknownVal(retType), err
			}
			if err := l.check(v); err != nil {
				l.callError(name, err, true)
				return cty.UnknownVal(retType), err
			}
			return v, nil
		},
	})
}

// checkArgs measures the arguments of a call together, then applies the
// function's own pre-check (to the arguments unmarked).
func (l *limiter) checkArgs(args []cty.Value, pre func(*limiter, []cty.Value) error) error {
	if len(args) > 0 {
		if err := l.check(cty.TupleVal(args)); err != nil {
			return err
		}
	}
	if pre != nil {
		top := make([]cty.Value, len(args))
		for i, a := range args {
			top[i], _ = a.Unmark()
		}
		return pre(l, top)
	}
	return nil
}

// preChecks refuse, before they run, the calls whose result or work would
// grow faster than their arguments.
var preChecks = map[string]func(*limiter, []cty.Value) error{
	"setproduct": func(_ *limiter, args []cty.Value) error {
		n := 1
		for _, a := range args {
			if k, ok := knownLength(a); ok {
				if k > 0 && n > maxValueElements/k {
					return tooMany("setproduct", maxValueElements)
				}
				n *= max(k, 1)
			}
		}
		return nil
	},
	"format":     func(_ *limiter, args []cty.Value) error { return checkFormat(args, 1) },
	"formatlist": checkFormatList,
	"join": func(_ *limiter, args []cty.Value) error {
		if len(args) == 0 || !args[0].IsKnown() || args[0].IsNull() {
			return nil
		}
		n := 0
		for _, a := range args[1:] {
			k, _ := knownLength(a)
			n += k
		}
		if n*len(args[0].AsString()) > maxValueBytes {
			return tooLong("join")
		}
		return nil
	},
	"indent": func(_ *limiter, args []cty.Value) error {
		spaces, ok := knownInt(args[0])
		if !ok || !args[1].IsKnown() || args[1].IsNull() {
			return nil
		}
		if spaces < 0 || spaces > maxValueBytes || spaces*strings.Count(args[1].AsString(), "\n") > maxValueBytes {
			return tooLong("indent")
		}
		return nil
	},
	"split": func(_ *limiter, args []cty.Value) error {
		if !wholly(args...) {
			return nil
		}
		sep, str := args[0].AsString(), args[1].AsString()
		n := strings.Count(str, sep) + 1
		if sep == "" {
			n = utf8.RuneCountInString(str)
		}
		if n > maxValueElements {
			return tooMany("split", maxValueElements)
		}
		return nil
	},
	"regex":    checkRegex,
	"regexall": checkRegex,
	"replace": func(l *limiter, args []cty.Value) error {
		if wholly(args...) && isRegexPattern(args[1].AsString()) {
			return checkRegex(l, []cty.Value{cty.StringVal(strings.Trim(args[1].AsString(), "/")), args[0]})
		}
		return nil
	},
	"csvdecode": func(_ *limiter, args []cty.Value) error {
		if !wholly(args...) {
			return nil
		}
		s := args[0].AsString()
		// every cell but the first of a row follows a comma
		if strings.Count(s, ",")+strings.Count(s, "\n")+1 > maxValueElements {
			return tooMany("csvdecode", maxValueElements)
		}
		return nil
	},
	"jsondecode": func(_ *limiter, args []cty.Value) error {
		if !wholly(args...) {
			return nil
		}
		return checkJSONText(args[0].AsString())
	},
	"parseint": func(_ *limiter, args []cty.Value) error {
		if wholly(args[0]) && args[0].Type() == cty.String && len(args[0].AsString()) > 4*maxNumberDigits {
			return fmt.Errorf("%w: parseint of more than %d characters", errLimit, 4*maxNumberDigits)
		}
		return nil
	},
}

func tooMany(fn string, limit int) error {
	return fmt.Errorf("%w: %s would make more than %d elements", errLimit, fn, limit)
}

func tooLong(fn string) error {
	return fmt.Errorf("%w: %s would make a string of more than %d MiB", errLimit, fn, maxValueBytes>>20)
}

func wholly(args ...cty.Value) bool {
	for _, a := range args {
		a, _ = a.UnmarkDeep()
		if !a.IsWhollyKnown() || a.IsNull() || a.Type() != cty.String {
			return false
		}
	}
	return true
}

func knownLength(v cty.Value) (int, bool) {
	v, _ = v.Unmark()
	if !v.IsKnown() || v.IsNull() || !v.CanIterateElements() {
		return 0, false
	}
	return v.LengthInt(), true
}

func knownInt(v cty.Value) (int, bool) {
	v, _ = v.Unmark()
	if !v.IsKnown() || v.IsNull() || v.Type() != cty.Number {
		return 0, false
	}
	i, _ := v.AsBigFloat().Int64() // saturates
	return int(max(min(i, 1<<40), -(1 << 40))), true
}

// checkFormat bounds the widths and precisions of a format string (%9999999d
// pads to that many characters), and the numbers its verbs would print.
func checkFormat(args []cty.Value, n int) error {
	if len(args) == 0 {
		return nil
	}
	f, _ := args[0].Unmark()
	if !f.IsKnown() || f.IsNull() {
		return nil
	}
	total := 0
	s := f.AsString()
	for i := 0; i < len(s); i++ {
		if s[i] != '%' {
			continue
		}
		i++
		for i < len(s) && strings.IndexByte("+-# 0", s[i]) >= 0 {
			i++
		}
		if i < len(s) && s[i] == '[' {
			for i < len(s) && s[i] != ']' {
				i++
			}
			i++
		}
		for i < len(s) && (s[i] >= '0' && s[i] <= '9' || s[i] == '.') {
			start := i
			for i < len(s) && s[i] >= '0' && s[i] <= '9' {
				i++
			}
			if d := s[start:i]; len(d) > 9 {
				return tooLong("format")
			} else if d != "" {
				var w int
				fmt.Sscan(d, &w)
				total += w
				if total > maxValueBytes {
					return tooLong("format")
				}
			}
			if i < len(s) && s[i] == '.' {
				i++
			}
		}
	}
	if total*n > maxValueBytes {
		return tooLong("format")
	}
	// A string argument printed by %d is converted to a number first.
	for _, a := range args[1:] {
		if err := checkNumberStrings(a); err != nil {
			return err
		}
	}
	return nil
}

// checkNumberStrings refuses strings of v that are numbers over
// maxNumberDigits.
func checkNumberStrings(v cty.Value) error {
	v, _ = v.UnmarkDeep()
	if !v.IsKnown() || v.IsNull() {
		return nil
	}
	if v.Type() == cty.String {
		if n, err := cty.ParseNumberVal(v.AsString()); err == nil {
			return checkNumber(n)
		}
		return nil
	}
	if v.CanIterateElements() {
		for it := v.ElementIterator(); it.Next(); {
			_, e := it.Element()
			if err := checkNumberStrings(e); err != nil {
				return err
			}
		}
	}
	return nil
}

// checkFormatList bounds formatlist: each of its results repeats the
// format and the arguments that are not lists.
func checkFormatList(_ *limiter, args []cty.Value) error {
	if len(args) == 0 {
		return nil
	}
	n, scalar := 1, 0
	for _, a := range args[1:] {
		a, _ = a.UnmarkDeep()
		if k, ok := knownLength(a); ok && (a.Type().IsListType() || a.Type().IsTupleType()) {
			n = max(n, k)
			continue
		}
		if a.IsKnown() && !a.IsNull() && a.Type() == cty.String {
			scalar += len(a.AsString())
		}
	}
	f, _ := args[0].Unmark()
	if f.IsKnown() && !f.IsNull() && n*(len(f.AsString())+scalar) > maxValueBytes {
		return tooLong("formatlist")
	}
	return checkFormat(args, n)
}

// checkRegex charges the work of a regular expression match, which grows
// with the pattern times the string, and bounds the matches of regexall.
func checkRegex(l *limiter, args []cty.Value) error {
	if !wholly(args...) {
		return nil
	}
	pattern, str := args[0].AsString(), args[1].AsString()
	// Go's matcher takes, at worst, a step per byte of the string and
	// instruction of the pattern.
	if err := l.spend(len(pattern) * len(str) / regexStepsPerSpend); err != nil {
		return fmt.Errorf("%w: matching a pattern of %d bytes against %d bytes", err, len(pattern), len(str))
	}
	re, err := regexp.Compile(pattern)
	if err != nil {
		return nil // the function reports it
	}
	if len(re.FindAllStringIndex(str, maxValueElements+1)) > maxValueElements {
		return tooMany("regexall", maxValueElements)
	}
	return nil
}

// checkJSONText bounds what jsondecode would make of s: cty's decoder
// recurses once per nested array or object.
func checkJSONText(s string) error {
	depth, maxDepth, elems := 0, 0, 1
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '"':
			for i++; i < len(s) && s[i] != '"'; i++ {
				if s[i] == '\\' {
					i++
				}
			}
		case '[', '{':
			depth++
			elems++
			maxDepth = max(maxDepth, depth)
		case ']', '}':
			depth--
		case ',', ':':
			elems++
		}
	}
	if maxDepth > maxNesting {
		return fmt.Errorf("%w: jsondecode of JSON nested deeper than %d levels", errLimit, maxNesting)
	}
	if elems > maxValueElements {
		return tooMany("jsondecode", maxValueElements)
	}
	return nil
}

// rangeFunc is cty's range, whose refusals (more than 1024 values, a step
// of zero) fail closed, as Terraform stops on them.
var rangeFunc = function.New(&function.Spec{
	Description: stdlib.RangeFunc.Description(),
	Params:      stdlib.RangeFunc.Params(),
	VarParam:    stdlib.RangeFunc.VarParam(),
	Type:        func(args []cty.Value) (cty.Type, error) { return stdlib.RangeFunc.ReturnTypeForValues(args) },
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		v, err := stdlib.RangeFunc.Call(args)
		if err != nil {
			return cty.DynamicVal, failClosedf("range: %w", err)
		}
		return v, nil
	},
})

// distinctFunc is Terraform's distinct in linear time (cty's compares each
// element with all those before it): known elements are compared by their
// JSON form, which is the same exactly when they are equal.
var distinctFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "list", Type: cty.List(cty.DynamicPseudoType)}},
	Type:   func(args []cty.Value) (cty.Type, error) { return args[0].Type(), nil },
	Impl: func(args []cty.Value, retType cty.Type) (cty.Value, error) {
		list := args[0]
		if !list.IsWhollyKnown() {
			return cty.UnknownVal(retType), nil
		}
		seen := map[string]bool{}
		var out []cty.Value
		et := retType.ElementType()
		for it := list.ElementIterator(); it.Next(); {
			_, v := it.Element()
			key, err := ctyjson.Marshal(v, et)
			if err != nil {
				return cty.NilVal, err
			}
			if !seen[string(key)] {
				seen[string(key)] = true
				out = append(out, v)
			}
		}
		if len(out) == 0 {
			return cty.ListValEmpty(et), nil
		}
		return cty.ListVal(out), nil
	},
})

// trimFunc is Terraform's trim (strings.Trim) in linear time: Go's takes
// the length of the cutset for each character trimmed when the cutset is
// not ASCII.
var trimFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "str", Type: cty.String}, {Name: "cutset", Type: cty.String}},
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		str, cutset := args[0].AsString(), args[1].AsString()
		set := map[rune]bool{}
		for _, r := range cutset {
			set[r] = true
		}
		return cty.StringVal(strings.TrimRightFunc(strings.TrimLeftFunc(str, func(r rune) bool { return set[r] }), func(r rune) bool { return set[r] })), nil
	},
})

// replaceFunc is Terraform's replace: a substring, or a regular expression
// when the search string is enclosed in slashes. Its result is bounded:
// each replacement may be longer than what it replaces.
var replaceFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "str", Type: cty.String}, {Name: "substr", Type: cty.String}, {Name: "replace", Type: cty.String}},
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		str, substr, repl := args[0].AsString(), args[1].AsString(), args[2].AsString()
		if isRegexPattern(substr) {
			re, err := regexp.Compile(substr[1 : len(substr)-1])
			if err != nil {
				return cty.UnknownVal(cty.String), err
			}
			var b strings.Builder
			last := 0
			for _, m := range re.FindAllStringSubmatchIndex(str, -1) {
				b.WriteString(str[last:m[0]])
				dst := re.ExpandString(nil, repl, str, m)
				if b.Len()+len(dst) > maxValueBytes {
					return cty.UnknownVal(cty.String), &failClosed{tooLong("replace")}
				}
				b.Write(dst)
				last = m[1]
			}
			b.WriteString(str[last:])
			return cty.StringVal(b.String()), nil
		}
		n := strings.Count(str, substr)
		if len(str)+n*(len(repl)-len(substr)) > maxValueBytes {
			return cty.UnknownVal(cty.String), &failClosed{tooLong("replace")}
		}
		return cty.StringVal(strings.ReplaceAll(str, substr, repl)), nil
	},
})

func isRegexPattern(s string) bool {
	return len(s) > 1 && s[0] == '/' && s[len(s)-1] == '/'
}

// regexStepsPerSpend is how many steps of a regular expression match
// count as one step of maxEvalSteps.
const regexStepsPerSpend = 64
