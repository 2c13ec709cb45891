package terraform

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/tollgate/tollgate/scanners"
)

// Terraform's JSON syntax (*.tf.json, *.tfvars.json) is read into the same
// syntax tree as the native syntax, with the lines of the JSON: the parser
// below keeps the range of every value and property name, and the
// conversion builds the hclsyntax blocks, attributes and expressions
// Terraform would decode (https://developer.hashicorp.com/terraform/language/syntax/json):
//
//   - the properties of the top-level object are block types; resource and
//     data take two levels of labels, module, variable, output and provider
//     one; an array of objects may stand wherever an object does;
//   - a string is a template ("${var.x}") wherever an expression is
//     expected, and literal where Terraform reads a literal (variable
//     defaults, module sources, .tfvars.json values);
//   - properties named "//" are comments.
//
// Terraform tells a nested block from an attribute by the provider's
// schema, which a scanner does not have. In a resource, a property whose
// value is an object (or a non-empty array of objects) is read as nested
// blocks, as `terraform show -json` lists them, unless its name is one of
// jsonMapAttributes or its keys are not identifiers: then it is a map.

// jsonMapAttributes are the attribute names, common across providers, of
// maps: a JSON object under one of them is a map, not a nested block.
var jsonMapAttributes = map[string]bool{
	"tags": true, "tags_all": true, "labels": true, "annotations": true, "metadata": true,
	"user_labels": true, "resource_labels": true, "node_labels": true, "node_selector": true,
	"variables": true, "environment_variables": true, "parameters": true, "triggers": true,
	"app_settings": true, "selector": true, "match_labels": true, "data": true, "string_data": true,
	"binary_data": true, "default_tags": true, "context": true, "headers": true, "attributes": true,
}

type jsonKind int

const (
	jsonObject jsonKind = iota
	jsonArray
	jsonString
	jsonNumber
	jsonBool
	jsonNull
)

// jsonValue is a value of a JSON document and where it is.
type jsonValue struct {
	kind  jsonKind
	str   string // a string's value, a number's text
	b     bool
	props []jsonProp
	items []*jsonValue
	rng   hcl.Range
	// open and close are the brackets of an object or array.
	open, close hcl.Range
	depth       int // of containers around it
}

type jsonProp struct {
	name    string
	nameRng hcl.Range
	value   *jsonValue
}

// jsonParser reads JSON with positions, without recursion, refusing
// documents nested deeper than maxNesting.
type jsonParser struct {
	src  []byte
	file string
	i    int
	line int
	col0 int // offset of the first byte of the line
}

func (p *jsonParser) pos() hcl.Pos {
	return hcl.Pos{Line: p.line, Column: p.i - p.col0 + 1, Byte: p.i}
}

func (p *jsonParser) errorf(format string, args ...any) *scanners.FileError {
	return &scanners.FileError{Path: p.file, Line: p.line, Err: fmt.Errorf("json: "+format, args...)}
}

func (p *jsonParser) space() {
	for p.i < len(p.src) {
		switch p.src[p.i] {
		case '\n':
			p.line++
			p.col0 = p.i + 1
		case ' ', '\t', '\r':
		default:
			return
		}
		p.i++
	}
}

// parseJSON reads a whole document.
func parseJSON(src []byte, file string) (*jsonValue, *scanners.FileError) {
	p := &jsonParser{src: bytes.TrimPrefix(src, []byte("\xEF\xBB\xBF")), file: file, line: 1}
	// a frame is a container being filled
	type frame struct {
		v *jsonValue
		// key is the member whose value comes next (objects)
		key *jsonProp
		// sep: a member was read, so a separator or the end comes next
		sep bool
	}
	var stack []*frame
	var root *jsonValue
	// place puts a complete value into its container, or as the root.
	place := func(v *jsonValue) {
		if len(stack) == 0 {
			root = v
			return
		}
		f := stack[len(stack)-1]
		if f.v.kind == jsonArray {
			f.v.items = append(f.v.items, v)
		} else {
			f.key.value = v
			f.v.props = append(f.v.props, *f.key)
			f.key = nil
		}
		f.sep = true
	}
	for root == nil {
		p.space()
		if p.i >= len(p.src) {
			if len(stack) == 0 {
				return nil, p.errorf("empty document")
			}
			return nil, p.errorf("unexpected end of input")
		}
		c := p.src[p.i]
		if n := len(stack); n > 0 {
			f := stack[n-1]
			end := byte('}')
			if f.v.kind == jsonArray {
				end = ']'
			}
			if f.v.kind == jsonArray || f.key == nil {
				if c == end && (f.sep || len(f.v.props)+len(f.v.items) == 0) {
					f.v.close = hcl.Range{Filename: p.file, Start: p.pos()}
					p.i++
					f.v.close.End = p.pos()
					f.v.rng.End = p.pos()
					stack = stack[:n-1]
					place(f.v)
					continue
				}
				if f.sep {
					if c != ',' {
						return nil, p.errorf("expected ',' or %q", end)
					}
					p.i++
					f.sep = false
					p.space()
					if p.i >= len(p.src) {
						return nil, p.errorf("unexpected end of input")
					}
					c = p.src[p.i]
				}
			}
			if f.v.kind == jsonObject && f.key == nil {
				if c != '"' {
					return nil, p.errorf("expected a string as an object key")
				}
				start := p.pos()
				name, err := p.string()
				if err != nil {
					return nil, err
				}
				f.key = &jsonProp{name: name, nameRng: hcl.Range{Filename: p.file, Start: start, End: p.pos()}}
				p.space()
				if p.i >= len(p.src) || p.src[p.i] != ':' {
					return nil, p.errorf("expected ':' after an object key")
				}
				p.i++
				continue
			}
		}
		start := p.pos()
		v := &jsonValue{depth: len(stack)}
		switch {
		case c == '{' || c == '[':
			if len(stack)+1 > maxNesting {
				return nil, p.errorf("nested deeper than %d levels", maxNesting)
			}
			v.kind = jsonObject
			if c == '[' {
				v.kind = jsonArray
			}
			p.i++
			v.open = hcl.Range{Filename: p.file, Start: start, End: p.pos()}
			v.rng = hcl.Range{Filename: p.file, Start: start}
			stack = append(stack, &frame{v: v})
			continue
		case c == '"':
			s, err := p.string()
			if err != nil {
				return nil, err
			}
			v.kind, v.str = jsonString, s
		case c == '-' || (c >= '0' && c <= '9'):
			num, err := p.number()
			if err != nil {
				return nil, err
			}
			v.kind, v.str = jsonNumber, num
		case bytes.HasPrefix(p.src[p.i:], []byte("true")):
			v.kind, v.b = jsonBool, true
			p.i += 4
		case bytes.HasPrefix(p.src[p.i:], []byte("false")):
			v.kind = jsonBool
			p.i += 5
		case bytes.HasPrefix(p.src[p.i:], []byte("null")):
			v.kind = jsonNull
			p.i += 4
		default:
			r, _ := utf8.DecodeRune(p.src[p.i:])
			return nil, p.errorf("invalid character %q looking for a value", r)
		}
		v.rng = hcl.Range{Filename: p.file, Start: start, End: p.pos()}
		place(v)
	}
	p.space()
	if p.i < len(p.src) {
		return nil, p.errorf("unexpected data after the top-level value")
	}
	return root, nil
}

// string reads a string token, decoded as JSON does.
func (p *jsonParser) string() (string, *scanners.FileError) {
	start := p.i
	for j := p.i + 1; j < len(p.src); j++ {
		switch c := p.src[j]; {
		case c == '\\':
			j++
		case c == '"':
			var s string
			if err := json.Unmarshal(p.src[start:j+1], &s); err != nil {
				return "", p.errorf("invalid string: %v", unwrapJSON(err))
			}
			p.i = j + 1
			return s, nil
		case c < 0x20:
			return "", p.errorf("invalid control character in a string")
		}
	}
	return "", p.errorf("unterminated string")
}

// number reads a number token as JSON's grammar has it.
func (p *jsonParser) number() (string, *scanners.FileError) {
	start := p.i
	digits := func() bool {
		n := 0
		for p.i < len(p.src) && p.src[p.i] >= '0' && p.src[p.i] <= '9' {
			p.i++
			n++
		}
		return n > 0
	}
	if p.src[p.i] == '-' {
		p.i++
	}
	if p.i < len(p.src) && p.src[p.i] == '0' {
		p.i++
	} else if !digits() {
		return "", p.errorf("invalid number")
	}
	if p.i < len(p.src) && p.src[p.i] == '.' {
		p.i++
		if !digits() {
			return "", p.errorf("invalid number")
		}
	}
	if p.i < len(p.src) && (p.src[p.i] == 'e' || p.src[p.i] == 'E') {
		p.i++
		if p.i < len(p.src) && (p.src[p.i] == '+' || p.src[p.i] == '-') {
			p.i++
		}
		if !digits() {
			return "", p.errorf("invalid number")
		}
	}
	return string(p.src[start:p.i]), nil
}

func unwrapJSON(err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return errors.New(se.Error())
	}
	return err
}

// jsonReader converts a parsed document into a body.
type jsonReader struct {
	file string
	errs []*scanners.FileError
}

func (jr *jsonReader) errorAt(rng hcl.Range, format string, args ...any) {
	jr.errs = append(jr.errs, &scanners.FileError{Path: jr.file, Line: rng.Start.Line, Err: fmt.Errorf(format, args...)})
}

// parseJSONRoot parses a JSON file under the token limit and checks that
// its root is an object, as Terraform requires of what (a .tf.json or a
// .tfvars.json file).
func parseJSONRoot(src []byte, file, what string) (*jsonValue, *jsonReader, []*scanners.FileError) {
	if n, at := tokenUnits(src, maxTokens); n > maxTokens {
		return nil, nil, []*scanners.FileError{{Path: file, Line: 1 + bytes.Count(src[:at], []byte("\n")), Err: tooManyTokens(0)}}
	}
	root, ferr := parseJSON(src, file)
	if ferr != nil {
		return nil, nil, []*scanners.FileError{ferr}
	}
	jr := &jsonReader{file: file}
	if root.kind != jsonObject {
		jr.errorAt(root.rng, "the root of %s must be an object", what)
		return nil, nil, jr.errs
	}
	return root, jr, nil
}

// parseJSONConfig reads a .tf.json file.
func parseJSONConfig(src []byte, file string) (*hclsyntax.Body, []*scanners.FileError) {
	root, jr, errs := parseJSONRoot(src, file, "a Terraform JSON file")
	if errs != nil {
		return nil, errs
	}
	body := newBody(root)
	for _, prop := range root.props {
		switch prop.name {
		case "//":
		case "resource", "data":
			jr.labelled(body, prop, 2, jr.resourceBody)
		case "module":
			jr.labelled(body, prop, 1, jr.moduleBody)
		case "variable":
			jr.labelled(body, prop, 1, jr.variableBody)
		case "output":
			jr.labelled(body, prop, 1, jr.outputBody)
		case "locals":
			jr.labelled(body, prop, 0, jr.localsBody)
		default:
			// provider, terraform, moved, import, check...: nothing the
			// scanner evaluates
		}
	}
	if len(jr.errs) > 0 {
		return nil, jr.errs
	}
	return body, nil
}

// parseJSONValues reads a .tfvars.json file: an object of literal values.
func parseJSONValues(src []byte, file string) (*hclsyntax.Body, []*scanners.FileError) {
	root, jr, errs := parseJSONRoot(src, file, "a variables file")
	if errs != nil {
		return nil, errs
	}
	body := newBody(root)
	for _, prop := range root.props {
		if prop.name == "//" {
			continue
		}
		jr.attribute(body, prop, jr.literal(prop.value))
	}
	if len(jr.errs) > 0 {
		return nil, jr.errs
	}
	return body, nil
}

func newBody(obj *jsonValue) *hclsyntax.Body {
	return &hclsyntax.Body{Attributes: hclsyntax.Attributes{}, SrcRange: obj.rng, EndRange: obj.close}
}

// attribute adds prop as an attribute of body, refusing a repeated name.
func (jr *jsonReader) attribute(body *hclsyntax.Body, prop jsonProp, expr hclsyntax.Expression) {
	if expr == nil {
		return
	}
	if _, dup := body.Attributes[prop.name]; dup {
		jr.errorAt(prop.nameRng, "duplicate argument %q", prop.name)
		return
	}
	body.Attributes[prop.name] = &hclsyntax.Attribute{
		Name:      prop.name,
		Expr:      expr,
		SrcRange:  hcl.RangeBetween(prop.nameRng, prop.value.rng),
		NameRange: prop.nameRng,
	}
}

// objects are the objects of v: v itself, or the items of an array of
// objects.
func (jr *jsonReader) objects(v *jsonValue, what string) []*jsonValue {
	switch v.kind {
	case jsonObject:
		return []*jsonValue{v}
	case jsonArray:
		var out []*jsonValue
		for _, it := range v.items {
			if it.kind != jsonObject {
				jr.errorAt(it.rng, "%s must be an object", what)
				continue
			}
			out = append(out, it)
		}
		return out
	}
	jr.errorAt(v.rng, "%s must be an object", what)
	return nil
}

// labelled reads the blocks of type prop.name, whose labels are the keys
// of n nested objects.
func (jr *jsonReader) labelled(parent *hclsyntax.Body, prop jsonProp, n int, body func(*hclsyntax.Block, *jsonValue)) {
	var walk func(v *jsonValue, labels []string, ranges []hcl.Range, typeRng hcl.Range)
	walk = func(v *jsonValue, labels []string, ranges []hcl.Range, typeRng hcl.Range) {
		for _, obj := range jr.objects(v, fmt.Sprintf("a %s block", prop.name)) {
			if len(labels) == n {
				b := &hclsyntax.Block{
					Type: prop.name, Labels: labels, TypeRange: typeRng, LabelRanges: ranges,
					OpenBraceRange: obj.open, CloseBraceRange: obj.close, Body: newBody(obj),
				}
				if v.kind == jsonArray {
					b.TypeRange = obj.open // each item is located on its own lines
				}
				body(b, obj)
				parent.Blocks = append(parent.Blocks, b)
				continue
			}
			for _, lp := range obj.props {
				if lp.name == "//" {
					continue
				}
				// The block starts at its last label, so that its lines are
				// those of its own body.
				walk(lp.value, append(labels[:len(labels):len(labels)], lp.name), append(ranges[:len(ranges):len(ranges)], lp.nameRng), lp.nameRng)
			}
		}
	}
	walk(prop.value, nil, nil, prop.nameRng)
}

// resourceBody reads the body of a resource or of a nested block: nested
// blocks, dynamic blocks, provisioners, attributes.
func (jr *jsonReader) resourceBody(b *hclsyntax.Block, obj *jsonValue) {
	for _, prop := range obj.props {
		v := prop.value
		switch {
		case prop.name == "//":
		case prop.name == "dynamic":
			jr.dynamicBlocks(b.Body, prop)
		case prop.name == "provisioner":
			jr.labelled(b.Body, prop, 1, jr.resourceBody)
		case (prop.name == "lifecycle" || prop.name == "connection") && (v.kind == jsonObject || v.kind == jsonArray):
			jr.nestedBlocks(b.Body, prop, jr.genericBody)
		case metaArgs[prop.name]:
			jr.attribute(b.Body, prop, jr.expr(v))
		case isBlockValue(prop.name, v):
			jr.nestedBlocks(b.Body, prop, jr.resourceBody)
		default:
			jr.attribute(b.Body, prop, jr.expr(v))
		}
	}
}

// isBlockValue tells whether the value of a resource's property is nested
// blocks (see the package comment of this file).
func isBlockValue(name string, v *jsonValue) bool {
	if jsonMapAttributes[name] {
		return false
	}
	identKeys := func(o *jsonValue) bool {
		for _, p := range o.props {
			if p.name != "//" && !hclsyntax.ValidIdentifier(p.name) {
				return false
			}
		}
		return true
	}
	switch v.kind {
	case jsonObject:
		return identKeys(v)
	case jsonArray:
		if len(v.items) == 0 {
			return false
		}
		for _, it := range v.items {
			if it.kind != jsonObject || !identKeys(it) {
				return false
			}
		}
		return true
	}
	return false
}

// nestedBlocks adds a block of type prop.name for the object, or each
// object of the array, prop holds.
func (jr *jsonReader) nestedBlocks(parent *hclsyntax.Body, prop jsonProp, body func(*hclsyntax.Block, *jsonValue)) {
	objs := jr.objects(prop.value, fmt.Sprintf("a %s block", prop.name))
	for _, obj := range objs {
		typeRng := prop.nameRng
		if prop.value.kind == jsonArray {
			typeRng = obj.open // each item is located on its own lines
		}
		b := &hclsyntax.Block{Type: prop.name, TypeRange: typeRng, OpenBraceRange: obj.open, CloseBraceRange: obj.close, Body: newBody(obj)}
		body(b, obj)
		parent.Blocks = append(parent.Blocks, b)
	}
}

// dynamicBlocks reads "dynamic": {"LABEL": {"for_each": ..., "iterator":
// "name", "content": {...}}}.
func (jr *jsonReader) dynamicBlocks(parent *hclsyntax.Body, prop jsonProp) {
	jr.labelled(parent, prop, 1, func(b *hclsyntax.Block, obj *jsonValue) {
		for _, p := range obj.props {
			switch p.name {
			case "//":
			case "content":
				jr.nestedBlocks(b.Body, p, jr.resourceBody)
			case "iterator":
				if p.value.kind != jsonString || !hclsyntax.ValidIdentifier(p.value.str) {
					jr.errorAt(p.value.rng, "the iterator of a dynamic block must be a name")
					continue
				}
				jr.attribute(b.Body, p, &hclsyntax.ScopeTraversalExpr{
					Traversal: hcl.Traversal{hcl.TraverseRoot{Name: p.value.str, SrcRange: p.value.rng}},
					SrcRange:  p.value.rng,
				})
			default:
				jr.attribute(b.Body, p, jr.expr(p.value))
			}
		}
	})
}

// genericBody reads a body of attributes only (lifecycle, connection).
func (jr *jsonReader) genericBody(b *hclsyntax.Block, obj *jsonValue) {
	for _, p := range obj.props {
		if p.name != "//" {
			jr.attribute(b.Body, p, jr.expr(p.value))
		}
	}
}

// moduleBody reads a module call: its source and version are literal.
func (jr *jsonReader) moduleBody(b *hclsyntax.Block, obj *jsonValue) {
	for _, p := range obj.props {
		switch p.name {
		case "//":
		case "source", "version":
			jr.attribute(b.Body, p, jr.literal(p.value))
		default:
			jr.attribute(b.Body, p, jr.expr(p.value))
		}
	}
}

// variableBody reads a variable: its type is an expression in a string,
// its default and flags are literal.
func (jr *jsonReader) variableBody(b *hclsyntax.Block, obj *jsonValue) {
	for _, p := range obj.props {
		switch p.name {
		case "//", "validation", "description":
		case "type":
			if p.value.kind != jsonString {
				jr.errorAt(p.value.rng, "a variable's type must be a string")
				continue
			}
			jr.attribute(b.Body, p, jr.parseString(p.value, exprMode))
		default:
			jr.attribute(b.Body, p, jr.literal(p.value))
		}
	}
}

func (jr *jsonReader) outputBody(b *hclsyntax.Block, obj *jsonValue) {
	for _, p := range obj.props {
		if p.name == "value" {
			jr.attribute(b.Body, p, jr.expr(p.value))
		}
	}
}

func (jr *jsonReader) localsBody(b *hclsyntax.Block, obj *jsonValue) {
	for _, p := range obj.props {
		if p.name != "//" {
			jr.attribute(b.Body, p, jr.expr(p.value))
		}
	}
}

// expr converts a value where an expression is expected: strings are
// templates, object keys too.
func (jr *jsonReader) expr(v *jsonValue) hclsyntax.Expression {
	switch v.kind {
	case jsonString:
		return jr.parseString(v, templateMode)
	case jsonArray:
		t := &hclsyntax.TupleConsExpr{SrcRange: v.rng, OpenRange: v.open}
		for _, it := range v.items {
			e := jr.expr(it)
			if e == nil {
				return nil
			}
			t.Exprs = append(t.Exprs, e)
		}
		return t
	case jsonObject:
		o := &hclsyntax.ObjectConsExpr{SrcRange: v.rng, OpenRange: v.open}
		for _, p := range v.props {
			key := jr.parseString(&jsonValue{kind: jsonString, str: p.name, rng: p.nameRng, depth: v.depth + 1}, templateMode)
			val := jr.expr(p.value)
			if key == nil || val == nil {
				return nil
			}
			o.Items = append(o.Items, hclsyntax.ObjectConsItem{KeyExpr: &hclsyntax.ObjectConsKeyExpr{Wrapped: key, ForceNonLiteral: true}, ValueExpr: val})
		}
		return o
	}
	return jr.literal(v)
}

// literal converts a value read literally: strings are never templates.
func (jr *jsonReader) literal(v *jsonValue) hclsyntax.Expression {
	val, ok := jr.value(v)
	if !ok {
		return nil
	}
	return &hclsyntax.LiteralValueExpr{Val: val, SrcRange: v.rng}
}

// value is the cty value of v read literally.
func (jr *jsonReader) value(v *jsonValue) (cty.Value, bool) {
	switch v.kind {
	case jsonString:
		return cty.StringVal(v.str), true
	case jsonNumber:
		n, err := cty.ParseNumberVal(v.str)
		if err == nil {
			err = checkNumber(n)
		}
		if err != nil {
			jr.errorAt(v.rng, "invalid number: %v", err)
			return cty.NilVal, false
		}
		return n, true
	case jsonBool:
		return cty.BoolVal(v.b), true
	case jsonNull:
		return cty.NullVal(cty.DynamicPseudoType), true
	case jsonArray:
		if len(v.items) == 0 {
			return cty.EmptyTupleVal, true
		}
		vals := make([]cty.Value, len(v.items))
		for i, it := range v.items {
			e, ok := jr.value(it)
			if !ok {
				return cty.NilVal, false
			}
			vals[i] = e
		}
		return cty.TupleVal(vals), true
	}
	attrs := make(map[string]cty.Value, len(v.props))
	for _, p := range v.props {
		if _, dup := attrs[p.name]; dup {
			jr.errorAt(p.nameRng, "duplicate object attribute %q", p.name)
			return cty.NilVal, false
		}
		e, ok := jr.value(p.value)
		if !ok {
			return cty.NilVal, false
		}
		attrs[p.name] = e
	}
	return cty.ObjectVal(attrs), true
}

// parseString parses a string's content as a template (or, for a
// variable's type, an expression), located on the string: the content
// starts after the opening quote. As in HCL's own JSON reader, positions
// within the string ignore the escapes the JSON decoding removed.
func (jr *jsonReader) parseString(v *jsonValue, mode sourceMode) hclsyntax.Expression {
	src := []byte(v.str)
	start := hcl.Pos{Line: v.rng.Start.Line, Column: v.rng.Start.Column + 1, Byte: v.rng.Start.Byte + 1}
	// The string's tokens were counted with the document's: only its
	// nesting is checked here.
	if err := checkSource(src, mode, jr.file, start, v.depth, false); err != nil {
		jr.errs = append(jr.errs, &scanners.FileError{Path: jr.file, Line: err.line, Err: err})
		return nil
	}
	var expr hclsyntax.Expression
	var diags hcl.Diagnostics
	if mode == exprMode {
		expr, diags = hclsyntax.ParseExpression(src, jr.file, start)
	} else {
		expr, diags = hclsyntax.ParseTemplate(src, jr.file, start)
	}
	if diags.HasErrors() {
		jr.errs = append(jr.errs, diagErrors(jr.file, diags)...)
		return nil
	}
	return expr
}
