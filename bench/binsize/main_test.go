package main

import (
	"reflect"
	"testing"
)

func TestPackageOf(t *testing.T) {
	graph := map[string][]string{"github.com/a/b": nil, "net/http": nil, "runtime": nil}
	for sym, want := range map[string]string{
		"github.com/a/b.(*T).M":                       "github.com/a/b",
		"type:.eq.github.com/a/b.T":                   "github.com/a/b",
		"go:itab.*net/http.conn,io.Reader":            "net/http",
		"github.com/a/b.F[go.shape.*net/http.Client]": "github.com/a/b",
		"runtime.mallocgc":                            "runtime",
		"go:func.*":                                   "",
		"github.com/other/c.F":                        "",
	} {
		if got := packageOf(sym, graph); got != want {
			t.Errorf("packageOf(%q) = %q, want %q", sym, got, want)
		}
	}
}

func TestExclusiveCosts(t *testing.T) {
	// main imports a and b; both import shared; only a imports big.
	graph := map[string][]string{
		"main": {"a", "b"}, "a": {"shared", "big"}, "b": {"shared"}, "shared": nil, "big": nil,
	}
	sizes := map[string]int64{"a": 1, "b": 2, "shared": 10, "big": 100}
	got := exclusiveCosts(graph, "main", sizes, 10)
	want := []cost{{"a", 101, 2}, {"big", 100, 1}, {"shared", 10, 1}, {"b", 2, 1}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("exclusiveCosts = %+v, want %+v", got, want)
	}
}

func TestExclusiveCostsListsAChainOnce(t *testing.T) {
	// main -> wrapper -> lib: wrapper's cost is lib's, so lib is not listed
	// again under its own name.
	graph := map[string][]string{"main": {"wrapper"}, "wrapper": {"lib"}, "lib": nil}
	sizes := map[string]int64{"lib": 50}
	got := exclusiveCosts(graph, "main", sizes, 10)
	want := []cost{{"wrapper", 50, 2}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("exclusiveCosts = %+v, want %+v", got, want)
	}
}
