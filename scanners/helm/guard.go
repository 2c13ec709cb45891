package helm

import (
	"fmt"
	"reflect"
	"text/template"
	"text/template/parse"
)

// The functions the parse trees are rewritten to call: text/template has
// no hook where a value is printed or a range starts, so every template's
// tree gets calls to them there.
const (
	guardPrint = "__tollgate_print"
	guardRange = "__tollgate_range"
	guardTick  = "__tollgate_tick"
)

// guardTrees rewrites the trees of t's templates not rewritten yet:
//
//   - an action that prints ({{ .x }}, {{ include ... }}) ends with
//     | __tollgate_print, which measures the value before formatting it as
//     text/template would (a value built of shared parts may be
//     exponentially larger printed than in memory);
//   - a range pipeline ends with | __tollgate_range, which bounds the
//     integer a range counts to (Go's `range 1000000000`);
//   - every range body starts with {{ __tollgate_tick }}, which prints
//     nothing but fails once the render is abandoned, so that an abandoned
//     loop stops at its next iteration.
func (r *renderer) guardTrees(t *template.Template) {
	for _, tt := range t.Templates() {
		if tt.Tree == nil || tt.Tree.Root == nil || r.guarded[tt.Tree.Root] {
			continue
		}
		r.guarded[tt.Tree.Root] = true
		guardNode(tt.Tree.Root)
	}
}

func guardNode(n parse.Node) {
	switch x := n.(type) {
	case *parse.ListNode:
		if x == nil {
			return
		}
		for _, c := range x.Nodes {
			guardNode(c)
		}
	case *parse.ActionNode:
		if len(x.Pipe.Decl) == 0 {
			x.Pipe.Cmds = append(x.Pipe.Cmds, call(x.Pipe.Pos, guardPrint))
		}
	case *parse.IfNode:
		guardNode(x.List)
		guardNode(x.ElseList)
	case *parse.WithNode:
		guardNode(x.List)
		guardNode(x.ElseList)
	case *parse.RangeNode:
		guardNode(x.List)
		guardNode(x.ElseList)
		x.Pipe.Cmds = append(x.Pipe.Cmds, call(x.Pipe.Pos, guardRange))
		tick := &parse.ActionNode{NodeType: parse.NodeAction, Pos: x.Pos, Line: x.Line,
			Pipe: &parse.PipeNode{NodeType: parse.NodePipe, Pos: x.Pos, Line: x.Line, Cmds: []*parse.CommandNode{call(x.Pos, guardTick)}}}
		x.List.Nodes = append([]parse.Node{tick}, x.List.Nodes...)
	}
}

// call is the command calling the function name without arguments (with
// the pipeline's value as its final argument).
func call(pos parse.Pos, name string) *parse.CommandNode {
	return &parse.CommandNode{NodeType: parse.NodeCommand, Pos: pos,
		Args: []parse.Node{parse.NewIdentifier(name).SetPos(pos)}}
}

var (
	errorIface    = reflect.TypeFor[error]()
	stringerIface = reflect.TypeFor[fmt.Stringer]()
)

// printValue formats v as text/template prints a value (printableValue,
// then fmt.Fprint), after measuring it.
func (r *renderer) printValue(v any) (string, error) {
	if err := r.alive(); err != nil {
		return "", err
	}
	rv := reflect.ValueOf(v)
	if !rv.IsValid() {
		return "<no value>", nil
	}
	if rv.Kind() == reflect.Pointer {
		for rv.Kind() == reflect.Pointer && !rv.IsNil() {
			if rv.Type().Implements(errorIface) || rv.Type().Implements(stringerIface) {
				break
			}
			rv = rv.Elem()
		}
	}
	if !rv.Type().Implements(errorIface) && !rv.Type().Implements(stringerIface) {
		if p := reflect.PointerTo(rv.Type()); p.Implements(errorIface) || p.Implements(stringerIface) {
			// text/template prints an addressable value through its
			// pointer methods: the value reached it through a pointer.
			c := reflect.New(rv.Type())
			c.Elem().Set(rv)
			rv = c
		} else {
			switch rv.Kind() {
			case reflect.Chan, reflect.Func:
				return "", fmt.Errorf("can't print value of type %s", rv.Type())
			}
		}
	}
	iface := rv.Interface()
	if err := checkSize(iface, MaxValueSize); err != nil {
		return "", err
	}
	s := fmt.Sprint(iface)
	return s, r.produced(len(s))
}

// rangeValue passes v to the range it is the value of, after checking the
// count of a range over an integer.
func (r *renderer) rangeValue(v any) (any, error) {
	if err := r.alive(); err != nil {
		return nil, err
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if rv.Int() > MaxListLength {
			return nil, listTooLong(int(min(rv.Int(), 1<<62)))
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		if rv.Uint() > MaxListLength {
			return nil, listTooLong(MaxListLength + 1)
		}
	}
	return v, nil
}

// tick prints nothing; it fails once the render is abandoned.
func (r *renderer) tick() (string, error) { return "", r.alive() }
