package yamlpos_test

import (
	"reflect"
	"testing"

	"github.com/tollgate/tollgate/scanners"
	"github.com/tollgate/tollgate/scanners/yamlpos"
)

func TestRemap(t *testing.T) {
	docs := decode(t, "a: 1\nb:\n  c: x\n  d:\n    - e: 2\n      f: |\n        two\n        lines\n")
	// Lines 1-8 of the text came from lines 10, 10, 11, 11, 12, 13, 20, 12:
	// the block scalar f (6-8) ends on a line that maps before its start,
	// so it ends where it starts.
	from := []int{10, 10, 11, 11, 12, 13, 20, 12}
	yamlpos.Remap(docs[0].Value, func(n int) int { return from[n-1] })
	root := docs[0].Value.(map[string]any)
	item := root["b"].(map[string]any)["d"].([]any)[0].(map[string]any)
	for _, tc := range []struct {
		name string
		got  any
		want map[string]any
	}{
		{"root", root[scanners.LocKey], map[string]any{"path": "in.yaml", "start_line": 10, "end_line": 12,
			"attrs": map[string]any{"a": lines(10, 10)}}},
		{"nested map", root["b"].(map[string]any)[scanners.LocKey].(map[string]any)["attrs"], map[string]any{"c": lines(11, 11), "d": lines(11, 12)}},
		{"map in a list", item[scanners.LocKey], map[string]any{"path": "in.yaml", "start_line": 12, "end_line": 12,
			"attrs": map[string]any{"e": lines(12, 12), "f": lines(13, 13)}}},
	} {
		if !reflect.DeepEqual(tc.got, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, tc.got, tc.want)
		}
	}
}
