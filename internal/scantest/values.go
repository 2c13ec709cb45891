package scantest

import (
	"fmt"
	"testing"

	"github.com/tollgate/tollgate/scanners"
)

// At walks obj along keys, map keys as strings and list indexes as ints,
// and returns the value there; a missing map key gives nil. It fails the
// test when a step meets something that is not a map or has no such item.
func At(t testing.TB, obj any, keys ...any) any {
	t.Helper()
	for _, k := range keys {
		switch k := k.(type) {
		case string:
			m, ok := obj.(map[string]any)
			if !ok {
				t.Fatalf("at %v: %T is not a map", keys, obj)
			}
			obj = m[k]
		case int:
			l, ok := obj.([]any)
			if !ok || k < 0 || k >= len(l) {
				t.Fatalf("at %v: no item %d", keys, k)
			}
			obj = l[k]
		default:
			t.Fatalf("at %v: key %v is %T, not a string or an int", keys, k, k)
		}
	}
	return obj
}

// Loc returns the position object of obj (its scanners.LocKey), failing
// the test when obj is not a map that has one.
func Loc(t testing.TB, obj any) map[string]any {
	t.Helper()
	m, ok := obj.(map[string]any)
	if !ok {
		t.Fatalf("%T is not a map", obj)
	}
	loc, ok := m[scanners.LocKey].(map[string]any)
	if !ok {
		t.Fatalf("no %s in %v", scanners.LocKey, m)
	}
	return loc
}

// Attr returns the entry of attribute key in the position of obj (its
// lines and flags such as "unknown"), nil when there is none.
func Attr(t testing.TB, obj any, key string) map[string]any {
	t.Helper()
	attrs, _ := Loc(t, obj)["attrs"].(map[string]any)
	a, _ := attrs[key].(map[string]any)
	return a
}

// Lines returns the lines of obj, or of its attribute attr when attr is
// not "", as {start, end}. It fails the test when there are none.
func Lines(t testing.TB, obj any, attr string) [2]int {
	t.Helper()
	r := lineRange(t, obj, attr)
	start, ok1 := r["start_line"].(int)
	end, ok2 := r["end_line"].(int)
	if !ok1 || !ok2 {
		t.Fatalf("lines %v are not ints", r)
	}
	return [2]int{start, end}
}

// Span returns the position of obj, or of its attribute attr when attr is
// not "", as "path:start-end".
func Span(t testing.TB, obj any, attr string) string {
	t.Helper()
	r := lineRange(t, obj, attr)
	path := Loc(t, obj)["path"]
	if p, ok := r["path"]; ok {
		path = p // an attribute written in another file than its object
	}
	return fmt.Sprintf("%s:%v-%v", path, r["start_line"], r["end_line"])
}

// lineRange is the position of obj, or the entry of its attribute attr.
func lineRange(t testing.TB, obj any, attr string) map[string]any {
	t.Helper()
	loc := Loc(t, obj)
	if attr == "" {
		return loc
	}
	a := Attr(t, obj, attr)
	if _, ok := a["start_line"]; !ok {
		t.Fatalf("no position for attribute %q in %v", attr, loc)
	}
	return a
}

// Unknown reports whether attribute key of obj is left out of obj and
// marked unknown in its position, as scanners.MarkUnknown does.
func Unknown(obj any, key string) bool {
	m, _ := obj.(map[string]any)
	_, present := m[key]
	loc, _ := m[scanners.LocKey].(map[string]any)
	attrs, _ := loc["attrs"].(map[string]any)
	a, _ := attrs[key].(map[string]any)
	return !present && a["unknown"] == true
}
