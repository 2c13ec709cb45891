package yamlpos_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/tollgate/tollgate/scanners"
	"github.com/tollgate/tollgate/scanners/yamlpos"
)

// longForm turns CloudFormation's short-form tags into their long form.
func longForm(tag string, v any) any {
	name := strings.TrimPrefix(tag, "!")
	if name == "Ref" {
		return map[string]any{"Ref": v}
	}
	return map[string]any{"Fn::" + name: v}
}

func loc(start, end int, attrs map[string]any) map[string]any {
	l := scanners.Loc("t.yaml", start, end)
	if attrs != nil {
		l["attrs"] = attrs
	}
	return l
}

func lines(start, end int) map[string]any {
	return map[string]any{"start_line": start, "end_line": end}
}

func TestDecodeWithTagsRewritesLocalTags(t *testing.T) {
	src := `Bucket:
  Name: !Ref BucketName
  Arn: !Sub "arn:aws:s3:::${BucketName}"
  Mode: !If
    - IsProd
    - 1
    - !Join ["-", [!Ref Env, "x"]]
  Kept: plain
`
	docs, err := yamlpos.DecodeWithTags("t.yaml", []byte(src), longForm)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{
		scanners.LocKey: loc(1, 8, nil),
		"Bucket": map[string]any{
			scanners.LocKey: loc(1, 8, map[string]any{"Kept": lines(8, 8)}),
			"Name":          map[string]any{scanners.LocKey: loc(2, 2, map[string]any{"Ref": lines(2, 2)}), "Ref": "BucketName"},
			"Arn":           map[string]any{scanners.LocKey: loc(3, 3, map[string]any{"Fn::Sub": lines(3, 3)}), "Fn::Sub": "arn:aws:s3:::${BucketName}"},
			"Mode": map[string]any{
				scanners.LocKey: loc(4, 7, map[string]any{"Fn::If": lines(4, 7)}),
				"Fn::If": []any{"IsProd", 1, map[string]any{
					scanners.LocKey: loc(7, 7, map[string]any{"Fn::Join": lines(7, 7)}),
					"Fn::Join": []any{"-", []any{
						map[string]any{scanners.LocKey: loc(7, 7, map[string]any{"Ref": lines(7, 7)}), "Ref": "Env"},
						"x",
					}},
				}},
			},
			"Kept": "plain",
		},
	}
	if len(docs) != 1 || !reflect.DeepEqual(docs[0].Value, want) {
		t.Errorf("got  %#v\nwant %#v", docs, want)
	}
}

func TestDecodeKeepsTagsOut(t *testing.T) {
	// Decode, without a TagFunc, decodes tagged nodes as if untagged, as it
	// always has.
	docs, err := yamlpos.Decode("t.yaml", []byte("a: !Ref X\nb: !Sub [x, y]\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{
		scanners.LocKey: loc(1, 2, map[string]any{"a": lines(1, 1), "b": lines(2, 2)}),
		"a":             "X",
		"b":             []any{"x", "y"},
	}
	if !reflect.DeepEqual(docs[0].Value, want) {
		t.Errorf("got %#v, want %#v", docs[0].Value, want)
	}
}

func TestDecodeWithTagsSkipsStandardTags(t *testing.T) {
	var seen []string
	fn := func(tag string, v any) any {
		seen = append(seen, tag)
		return v
	}
	src := "a: !!str 5\nb: ! 6\nc: !<tag:yaml.org,2002:int> 7\nd: !vault |\n  $ANSIBLE_VAULT;1.1;AES256\n  6162\n"
	docs, err := yamlpos.DecodeWithTags("t.yaml", []byte(src), fn)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(seen, []string{"!vault"}) {
		t.Errorf("TagFunc saw %q, want only !vault", seen)
	}
	plain, err := yamlpos.Decode("t.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	// A TagFunc returning its input changes nothing.
	if !reflect.DeepEqual(docs, plain) {
		t.Errorf("DecodeWithTags = %#v\nDecode         = %#v", docs, plain)
	}
	m := docs[0].Value.(map[string]any)
	if m["a"] != "5" || m["c"] != 7 || m["d"] != "$ANSIBLE_VAULT;1.1;AES256\n6162\n" {
		t.Errorf("values changed: %#v", m)
	}
	if got := m[scanners.LocKey].(map[string]any)["attrs"].(map[string]any)["d"]; !reflect.DeepEqual(got, lines(4, 6)) {
		t.Errorf("d lines = %v, want 4-6", got)
	}
}

func TestDecodeWithTagsScalarResultGetsAttrLines(t *testing.T) {
	// A TagFunc may turn a tagged mapping into a scalar: its lines then
	// live in the parent's attrs, like any scalar's.
	fn := func(string, any) any { return "resolved" }
	src := "top:\n  v: !Custom\n    a: 1\n    b: 2\n  w: 3\n"
	docs, err := yamlpos.DecodeWithTags("t.yaml", []byte(src), fn)
	if err != nil {
		t.Fatal(err)
	}
	top := docs[0].Value.(map[string]any)["top"].(map[string]any)
	want := map[string]any{
		scanners.LocKey: loc(1, 5, map[string]any{"v": lines(2, 4), "w": lines(5, 5)}),
		"v":             "resolved",
		"w":             3,
	}
	if !reflect.DeepEqual(top, want) {
		t.Errorf("got %#v, want %#v", top, want)
	}
}

func TestDecodeWithTagsThroughAliases(t *testing.T) {
	src := "a: &name !Ref Env\nb: *name\n"
	docs, err := yamlpos.DecodeWithTags("t.yaml", []byte(src), longForm)
	if err != nil {
		t.Fatal(err)
	}
	m := docs[0].Value.(map[string]any)
	for _, k := range []string{"a", "b"} {
		ref, ok := m[k].(map[string]any)
		if !ok || ref["Ref"] != "Env" {
			t.Errorf("%s = %#v, want {Ref: Env}", k, m[k])
		}
	}
	// The alias is used on line 2: its value's range starts there.
	if got := m["b"].(map[string]any)[scanners.LocKey].(map[string]any)["start_line"]; got != 2 {
		t.Errorf("b starts on line %v, want 2", got)
	}
}
