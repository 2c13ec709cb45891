package terraform

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"

	"github.com/tollgate/tollgate/scanners"
)

// fileFuncs are the file functions of one root module: relative paths are
// read from base, Terraform's working directory, in the scanned file
// system, and only through it (links are followed only inside the scan
// root). A file that cannot be read fails closed, as a failClosed error
// the caller reports at the call: a path outside the scanned tree, a
// missing file, a file over scanners.MaxFileSize, text that is not UTF-8.
// Terraform would read a file outside the tree; the scanner cannot, and an
// unknown value there would let a configuration hide what it sets.
type fileFuncs struct {
	fsys fs.FS
	base string
	lim  *limiter
}

// functions are the file functions but templatefile.
func (f fileFuncs) functions() map[string]function.Function {
	return map[string]function.Function{
		"file":             f.fileFunc(false),
		"filebase64":       f.fileFunc(true),
		"fileexists":       f.existsFunc(),
		"fileset":          f.filesetFunc(),
		"filemd5":          f.hashFunc(md5.New, hex.EncodeToString),
		"filesha1":         f.hashFunc(sha1.New, hex.EncodeToString),
		"filesha256":       f.hashFunc(sha256.New, hex.EncodeToString),
		"filesha512":       f.hashFunc(sha512.New, hex.EncodeToString),
		"filebase64sha256": f.hashFunc(sha256.New, base64.StdEncoding.EncodeToString),
		"filebase64sha512": f.hashFunc(sha512.New, base64.StdEncoding.EncodeToString),
	}
}

// resolve maps a path given to a file function onto the scanned file
// system.
func (f fileFuncs) resolve(p string) (string, error) {
	if path.IsAbs(p) || strings.HasPrefix(p, "~") {
		return "", failClosedf("%s: an absolute path, outside the scanned tree", jsonQuote(p))
	}
	full := path.Clean(path.Join(f.base, p))
	if !fs.ValidPath(full) {
		return "", failClosedf("%s is outside the scanned tree", jsonQuote(p))
	}
	return full, nil
}

// read reads a file for a file function.
func (f fileFuncs) read(p string) ([]byte, string, error) {
	full, err := f.resolve(p)
	if err != nil {
		return nil, "", err
	}
	src, err := scanners.ReadFile(f.fsys, full)
	if err != nil {
		return nil, "", failClosedf("%s: %w", jsonQuote(p), unwrapPathErr(err))
	}
	return src, full, nil
}

// readText reads a UTF-8 text file.
func (f fileFuncs) readText(p string) ([]byte, string, error) {
	src, full, err := f.read(p)
	if err == nil && !utf8.Valid(src) {
		err = failClosedf("contents of %s are not valid UTF-8; use filebase64 for raw bytes", jsonQuote(p))
	}
	return src, full, err
}

// fileFunc makes file (UTF-8 text) and filebase64.
func (f fileFuncs) fileFunc(encBase64 bool) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}},
		Type:   function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			if encBase64 {
				src, _, err := f.read(args[0].AsString())
				if err != nil {
					return cty.UnknownVal(cty.String), err
				}
				return cty.StringVal(base64.StdEncoding.EncodeToString(src)), nil
			}
			src, _, err := f.readText(args[0].AsString())
			if err != nil {
				return cty.UnknownVal(cty.String), err
			}
			return cty.StringVal(string(src)), nil
		},
	})
}

// hashFunc makes filemd5, filesha1... : the hash of a file's bytes.
func (f fileFuncs) hashFunc(h func() hash.Hash, enc func([]byte) string) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}},
		Type:   function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			src, _, err := f.read(args[0].AsString())
			if err != nil {
				return cty.UnknownVal(cty.String), err
			}
			d := h()
			d.Write(src)
			return cty.StringVal(enc(d.Sum(nil))), nil
		},
	})
}

// existsFunc makes fileexists: false for a file that does not exist, as in
// Terraform; a path outside the scanned tree, or a link out of it, fails
// closed.
func (f fileFuncs) existsFunc() function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}},
		Type:   function.StaticReturnType(cty.Bool),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			p := args[0].AsString()
			full, err := f.resolve(p)
			if err != nil {
				return cty.UnknownVal(cty.Bool), err
			}
			st, err := fs.Stat(f.fsys, full)
			switch {
			case errors.Is(err, fs.ErrNotExist) && !errors.Is(err, scanners.ErrOutsideRoot):
				return cty.False, nil
			case err != nil:
				return cty.UnknownVal(cty.Bool), failClosedf("%s: %w", jsonQuote(p), unwrapPathErr(err))
			case !st.Mode().IsRegular():
				return cty.UnknownVal(cty.Bool), failClosedf("%s is not a regular file", jsonQuote(p))
			}
			return cty.True, nil
		},
	})
}

// filesetFunc makes fileset: the regular files under a directory whose
// path relative to it matches a pattern (*, **, ?, [class], {a,b}), as
// Terraform lists them. A directory that does not exist has none.
func (f fileFuncs) filesetFunc() function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}, {Name: "pattern", Type: cty.String}},
		Type:   function.StaticReturnType(cty.Set(cty.String)),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			p := args[0].AsString()
			dir, err := f.resolve(p)
			if err != nil {
				return cty.UnknownVal(cty.Set(cty.String)), err
			}
			re, err := globRegexp(args[1].AsString())
			if err != nil {
				return cty.UnknownVal(cty.Set(cty.String)), function.NewArgError(1, err)
			}
			var found []string
			err = fs.WalkDir(f.fsys, dir, func(name string, d fs.DirEntry, err error) error {
				if err != nil {
					if name == dir && errors.Is(err, fs.ErrNotExist) && !errors.Is(err, scanners.ErrOutsideRoot) {
						return fs.SkipAll
					}
					return failClosedf("%s: %w", jsonQuote(name), unwrapPathErr(err))
				}
				if err := f.lim.spend(1); err != nil {
					return &failClosed{err}
				}
				if d.IsDir() {
					return nil
				}
				regular := d.Type().IsRegular()
				if d.Type()&fs.ModeSymlink != 0 {
					st, err := fs.Stat(f.fsys, name)
					if err != nil {
						return failClosedf("%s: %w", jsonQuote(name), unwrapPathErr(err))
					}
					regular = st.Mode().IsRegular()
				}
				rel := name
				if dir != "." {
					rel = strings.TrimPrefix(name, dir+"/")
				}
				if regular && re.MatchString(rel) {
					if len(found) >= maxValueElements {
						return &failClosed{tooMany("fileset", maxValueElements)}
					}
					found = append(found, rel)
				}
				return nil
			})
			if err != nil {
				return cty.UnknownVal(cty.Set(cty.String)), err
			}
			if len(found) == 0 {
				return cty.SetValEmpty(cty.String), nil
			}
			sort.Strings(found)
			vals := make([]cty.Value, len(found))
			for i, s := range found {
				vals[i] = cty.StringVal(s)
			}
			return cty.SetVal(vals), nil
		},
	})
}

// globRegexp translates a fileset pattern into a regular expression over
// slash-separated relative paths.
func globRegexp(pattern string) (*regexp.Regexp, error) {
	var b strings.Builder
	b.WriteString("^")
	alternatives := 0
	for i := 0; i < len(pattern); i++ {
		c := pattern[i]
		switch {
		case c == '*' && strings.HasPrefix(pattern[i:], "**/"):
			b.WriteString("(?:.*/)?")
			i += 2
		case c == '*' && strings.HasPrefix(pattern[i:], "**"):
			b.WriteString(".*")
			i++
		case c == '*':
			b.WriteString("[^/]*")
		case c == '?':
			b.WriteString("[^/]")
		case c == '[':
			end := strings.IndexByte(pattern[i+1:], ']')
			if end < 0 {
				return nil, fmt.Errorf("invalid pattern: unclosed [")
			}
			class := pattern[i+1 : i+1+end]
			if strings.HasPrefix(class, "!") {
				class = "^" + class[1:]
			}
			b.WriteString("[" + strings.ReplaceAll(class, `\`, `\\`) + "]")
			i += end + 1
		case c == '{':
			alternatives++
			b.WriteString("(?:")
		case c == '}' && alternatives > 0:
			alternatives--
			b.WriteString(")")
		case c == ',' && alternatives > 0:
			b.WriteString("|")
		case c == '\\' && i+1 < len(pattern):
			i++
			b.WriteString(regexp.QuoteMeta(pattern[i : i+1]))
		default:
			b.WriteString(regexp.QuoteMeta(pattern[i : i+1]))
		}
	}
	if alternatives > 0 {
		return nil, fmt.Errorf("invalid pattern: unclosed {")
	}
	b.WriteString("$")
	return regexp.Compile(b.String())
}

// templateFunc makes templatefile: the file rendered as an HCL template
// with only the given variables and the functions fns. A template that
// cannot be read, or does not parse, fails closed; its result type is
// known once rendered.
func (f fileFuncs) templateFunc(fns map[string]function.Function) function.Function {
	names := make(map[string]bool, len(fns))
	for n := range fns {
		names[n] = true
	}
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}, {Name: "vars", Type: cty.DynamicPseudoType}},
		Type:   function.StaticReturnType(cty.DynamicPseudoType),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			p := args[0].AsString()
			src, full, err := f.readText(p)
			if err != nil {
				return cty.DynamicVal, err
			}
			start := hcl.InitialPos
			if lerr := checkSource(src, templateMode, full, start, 0, true); lerr != nil {
				return cty.DynamicVal, &failClosed{fmt.Errorf("%w: template %s, line %d: %s", errLimit, full, lerr.line, lerr.msg)}
			}
			expr, diags := hclsyntax.ParseTemplate(src, full, start)
			if diags.HasErrors() {
				return cty.DynamicVal, failClosedf("template %s does not parse: %w", full, firstError(diags))
			}
			rw := &rewriter{lim: f.lim, funcs: names}
			expr = rw.expr(expr)
			if len(rw.errs) > 0 {
				return cty.DynamicVal, &failClosed{fmt.Errorf("template %s: line %d: %w", full, rw.errs[0].Line, rw.errs[0].Err)}
			}
			return renderTemplate(expr, args[1], fns)
		},
	})
}

// renderTemplate evaluates a template with vars as its only variables; it
// must refer to no other.
func renderTemplate(expr hclsyntax.Expression, vars cty.Value, fns map[string]function.Function) (cty.Value, error) {
	if t := vars.Type(); !t.IsMapType() && !t.IsObjectType() {
		return cty.DynamicVal, function.NewArgErrorf(1, "invalid vars value: must be a map")
	}
	ctx := &hcl.EvalContext{Variables: vars.AsValueMap(), Functions: fns}
	for n := range ctx.Variables {
		if !hclsyntax.ValidIdentifier(n) {
			return cty.DynamicVal, function.NewArgErrorf(1, "invalid template variable name %q", n)
		}
	}
	for _, t := range expr.Variables() {
		if _, ok := ctx.Variables[t.RootName()]; !ok {
			return cty.DynamicVal, function.NewArgErrorf(1, "vars map does not contain key %q", t.RootName())
		}
	}
	v, diags := expr.Value(ctx)
	if diags.HasErrors() {
		return cty.DynamicVal, diags
	}
	return v, nil
}

// jsonQuote quotes a path for a message.
func jsonQuote(s string) string {
	return fmt.Sprintf("%q", s)
}
