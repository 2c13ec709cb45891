package yamlpos_test

import (
	"errors"
	"reflect"
	"testing"

	"github.com/tollgate/tollgate/scanners"
	"github.com/tollgate/tollgate/scanners/yamlpos"
)

func TestDecodeJSONLines(t *testing.T) {
	src := "{\n" +
		"\t\"Resources\": {\n" +
		"\t\t\"Bucket\": {\n" +
		"\t\t\t\"Type\": \"AWS::S3::Bucket\",\n" +
		"\t\t\t\"Url\": \"https:\\/\\/example.com\\u00e9\\ud83d\\ude00\\t\",\n" +
		"\t\t\t\"List\": [1, 2.5, true, null,\n" +
		"\t\t\t\t\"x\"\n" +
		"\t\t\t]\n" +
		"\t\t}\n" +
		"\t}\n" +
		"}\n"
	doc, err := yamlpos.DecodeJSON("t.json", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	loc := func(start, end int, attrs map[string]any) map[string]any {
		l := scanners.Loc("t.json", start, end)
		if attrs != nil {
			l["attrs"] = attrs
		}
		return l
	}
	want := map[string]any{
		scanners.LocKey: loc(1, 11, nil),
		"Resources": map[string]any{
			scanners.LocKey: loc(2, 10, nil),
			"Bucket": map[string]any{
				scanners.LocKey: loc(3, 9, map[string]any{"Type": lines(4, 4), "Url": lines(5, 5), "List": lines(6, 8)}),
				"Type":          "AWS::S3::Bucket",
				"Url":           "https://example.com\u00e9\U0001F600\t",
				"List":          []any{1, 2.5, true, nil, "x"},
			},
		},
	}
	if !reflect.DeepEqual(doc.Value, want) {
		t.Errorf("got  %#v\nwant %#v", doc.Value, want)
	}
	if doc.StartLine != 1 || doc.EndLine != 11 {
		t.Errorf("document lines %d-%d, want 1-11", doc.StartLine, doc.EndLine)
	}
}

func TestDecodeJSONMinified(t *testing.T) {
	// terraform show -json writes one line.
	doc, err := yamlpos.DecodeJSON("p.json", []byte(`{"a":{"b":[{"c":1}]},"d":"e"}`+"\n"))
	if err != nil {
		t.Fatal(err)
	}
	c := doc.Value.(map[string]any)["a"].(map[string]any)["b"].([]any)[0].(map[string]any)
	if c["c"] != 1 || c[scanners.LocKey].(map[string]any)["start_line"] != 1 {
		t.Errorf("got %#v", c)
	}
}

func TestDecodeJSONErrors(t *testing.T) {
	cases := []struct {
		name, src string
		line      int
	}{
		{"missing comma", "{\n  \"a\": 1\n  \"b\": 2\n}\n", 3},
		{"truncated", "{\n  \"a\": [1,\n", 2},
		{"trailing data", "{\"a\": 1}\n\n{\"b\": 2}\n", 3},
		{"empty", "  \n", 1},
		{"YAML comment", "{\n  # not JSON\n  \"a\": 1\n}\n", 2},
		{"literal tab in string", "{\n\"a\": \"x\ty\"\n}\n", 2},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := yamlpos.DecodeJSON("t.json", []byte(tc.src))
			var ye *yamlpos.Error
			if !errors.As(err, &ye) {
				t.Fatalf("error %v is not a *yamlpos.Error", err)
			}
			if ye.Line != tc.line {
				t.Errorf("line %d (%v), want %d", ye.Line, err, tc.line)
			}
		})
	}
}
