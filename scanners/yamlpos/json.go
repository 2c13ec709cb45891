package yamlpos

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/tollgate/tollgate/scanners"
)

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// DecodeJSON decodes one JSON value into the same located values as Decode
// (JSON is YAML, so positions come from the same decoder). The input is
// checked as JSON first, so a syntax error is an *Error with the line of the
// offending byte, and YAML-only syntax (comments, anchors, tags) is refused.
func DecodeJSON(path string, src []byte) (Document, error) {
	src = bytes.TrimPrefix(src, utf8BOM)
	if err := checkJSON(src); err != nil {
		return Document{}, err
	}
	docs, err := Decode(path, yamlSafe(src))
	if err != nil {
		return Document{}, err
	}
	if len(docs) != 1 {
		return Document{}, &Error{Line: 1, Msg: "json: empty document"}
	}
	// yaml.v3 does not record where a flow collection closes: objects and
	// arrays end on the line of their closing bracket.
	ends := closingLines(src)
	setEnds(docs[0].Value, nil, "", "", ends)
	docs[0].EndLine = max(docs[0].EndLine, ends[""])
	return docs[0], nil
}

// closingLines maps the path of every object and array of valid JSON (see
// pathKey) to the line of its closing bracket.
func closingLines(src []byte) map[string]int {
	type frame struct {
		path   string
		object bool
		index  int
		key    string
	}
	ends := map[string]int{}
	var stack []frame
	line := 1
	// child is the path of the value about to start in the innermost
	// container.
	child := func() string {
		if len(stack) == 0 {
			return ""
		}
		f := stack[len(stack)-1]
		if f.object {
			return pathKey(f.path, f.key)
		}
		return pathKey(f.path, f.index)
	}
	expectKey := false
	for i := 0; i < len(src); i++ {
		switch src[i] {
		case '\n':
			line++
		case '{', '[':
			stack = append(stack, frame{path: child(), object: src[i] == '{'})
			expectKey = src[i] == '{'
		case '}', ']':
			ends[stack[len(stack)-1].path] = line
			stack = stack[:len(stack)-1]
			expectKey = false
		case ',':
			f := &stack[len(stack)-1]
			f.index++
			expectKey = f.object
		case '"':
			end := stringEnd(src, i)
			if expectKey {
				_ = json.Unmarshal(src[i:end], &stack[len(stack)-1].key)
				expectKey = false
			}
			i = end - 1
		}
	}
	return ends
}

// pathKey extends the path of a container by a member name or an index.
func pathKey(parent string, step any) string {
	return fmt.Sprintf("%s\x00%v", parent, step)
}

// setEnds applies closingLines to the decoded value v found at path; attrs
// is the position map of v's parent and key v's name in it.
func setEnds(v any, attrs map[string]any, key, path string, ends map[string]int) {
	end, ok := ends[path]
	switch x := v.(type) {
	case map[string]any:
		loc, _ := x[scanners.LocKey].(map[string]any)
		if ok && loc != nil {
			loc["end_line"] = max(end, loc["end_line"].(int))
		}
		childAttrs, _ := loc["attrs"].(map[string]any)
		for k, child := range x {
			if k != scanners.LocKey {
				setEnds(child, childAttrs, k, pathKey(path, k), ends)
			}
		}
	case []any:
		if a, _ := attrs[key].(map[string]any); ok && a != nil {
			a["end_line"] = max(end, a["end_line"].(int))
		}
		for i, child := range x {
			setEnds(child, nil, "", pathKey(path, i), ends)
		}
	}
}

// checkJSON reports the first syntax error of src, with its line.
func checkJSON(src []byte) error {
	dec := json.NewDecoder(bytes.NewReader(src))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		var se *json.SyntaxError
		switch {
		case errors.As(err, &se):
			return &Error{Line: lineAt(src, int(se.Offset)-1), Msg: "json: " + se.Error()}
		case errors.Is(err, io.EOF):
			return &Error{Line: 1, Msg: "json: empty document"}
		case errors.Is(err, io.ErrUnexpectedEOF):
			return &Error{Line: lineAt(src, len(src)-1), Msg: "json: unexpected end of input"}
		}
		return &Error{Msg: "json: " + err.Error()}
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		off := int(dec.InputOffset())
		return &Error{Line: lineAt(src, off), Msg: fmt.Sprintf("json: unexpected data after the top-level value at byte %d", off)}
	}
	return nil
}

// lineAt is the 1-based line of byte offset off.
func lineAt(src []byte, off int) int {
	off = max(0, min(off, len(src)))
	return bytes.Count(src[:off], []byte("\n")) + 1
}

// yamlSafe rewrites valid JSON, line for line, into YAML that yaml.v3
// decodes to the same values: tabs between tokens become spaces (YAML
// refuses tabs as indentation) and every string is re-quoted with Go's
// escapes, which YAML shares, as yaml.v3 does not know JSON's `\/`.
func yamlSafe(src []byte) []byte {
	out := make([]byte, 0, len(src))
	for i := 0; i < len(src); i++ {
		switch b := src[i]; b {
		case '\t':
			out = append(out, ' ')
		case '"':
			end := stringEnd(src, i)
			var s string
			// src is valid JSON: the token always decodes.
			_ = json.Unmarshal(src[i:end], &s)
			out = strconv.AppendQuote(out, s)
			i = end - 1
		default:
			out = append(out, b)
		}
	}
	return out
}

// stringEnd returns the offset just past the string token opening at i.
func stringEnd(src []byte, i int) int {
	for j := i + 1; j < len(src); j++ {
		switch src[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		}
	}
	return len(src)
}
