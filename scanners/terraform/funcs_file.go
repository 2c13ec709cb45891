package terraform

import (
	"encoding/base64"
	"errors"
	"fmt"
	"io/fs"
	"path"
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
// system. A path outside it cannot be read: the value is unknown.
type fileFuncs struct {
	fsys fs.FS
	base string
}

// resolve maps a path given to a file function onto the scanned file
// system.
func (f fileFuncs) resolve(p string) (string, error) {
	if path.IsAbs(p) || strings.HasPrefix(p, "~") {
		return "", fmt.Errorf("%s is outside the scanned tree", p)
	}
	full := path.Clean(path.Join(f.base, p))
	if !fs.ValidPath(full) {
		return "", fmt.Errorf("%s is outside the scanned tree", p)
	}
	return full, nil
}

func (f fileFuncs) read(p string) ([]byte, error) {
	full, err := f.resolve(p)
	if err != nil {
		return nil, err
	}
	return scanners.ReadFile(f.fsys, full)
}

// fileFunc makes file (UTF-8 text) and filebase64.
func (f fileFuncs) fileFunc(encBase64 bool) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}},
		Type:   function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			src, err := f.read(args[0].AsString())
			if err != nil {
				return cty.UnknownVal(cty.String), err
			}
			if encBase64 {
				return cty.StringVal(base64.StdEncoding.EncodeToString(src)), nil
			}
			if !utf8.Valid(src) {
				return cty.UnknownVal(cty.String), fmt.Errorf("contents of %s are not valid UTF-8", args[0].AsString())
			}
			return cty.StringVal(string(src)), nil
		},
	})
}

// existsFunc makes fileexists.
func (f fileFuncs) existsFunc() function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}},
		Type:   function.StaticReturnType(cty.Bool),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			full, err := f.resolve(args[0].AsString())
			if err != nil {
				return cty.UnknownVal(cty.Bool), err
			}
			st, err := fs.Stat(f.fsys, full)
			switch {
			case errors.Is(err, fs.ErrNotExist):
				return cty.False, nil
			case err != nil:
				return cty.UnknownVal(cty.Bool), err
			case !st.Mode().IsRegular():
				return cty.UnknownVal(cty.Bool), fmt.Errorf("%s is not a regular file", args[0].AsString())
			}
			return cty.True, nil
		},
	})
}

// templateFunc makes templatefile: the file rendered as an HCL template
// with only the given variables and the functions fns.
func (f fileFuncs) templateFunc(fns map[string]function.Function) function.Function {
	render := func(args []cty.Value) (cty.Value, error) {
		src, err := f.read(args[0].AsString())
		if err != nil {
			return cty.DynamicVal, err
		}
		if !utf8.Valid(src) {
			return cty.DynamicVal, fmt.Errorf("contents of %s are not valid UTF-8", args[0].AsString())
		}
		expr, diags := hclsyntax.ParseTemplate(src, args[0].AsString(), hcl.InitialPos)
		if diags.HasErrors() {
			return cty.DynamicVal, diags
		}
		return renderTemplate(expr, args[1], fns)
	}
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}, {Name: "vars", Type: cty.DynamicPseudoType}},
		Type: func(args []cty.Value) (cty.Type, error) {
			if !args[0].IsKnown() || !args[1].IsKnown() {
				return cty.DynamicPseudoType, nil
			}
			v, err := render(args)
			return v.Type(), err
		},
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) { return render(args) },
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
