package yamlpos_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"

	yaml2 "go.yaml.in/yaml/v2"
	sigsyaml "sigs.k8s.io/yaml"

	"github.com/tollgate/tollgate/scanners/yamlpos"
)

// scalars is a corpus of plain scalar texts on which YAML 1.1 and 1.2
// readers disagree.
var scalars = []string{
	"y", "Y", "yes", "Yes", "YES", "yEs", "n", "N", "no", "No", "NO", "on", "On", "ON", "oN", "off", "Off", "OFF",
	"true", "True", "TRUE", "tRue", "false", "~", "null", "Null", "NULL", "nULL", "", "0", "00", "017", "018",
	"0o17", "0x1F", "0X1F", "0b101", "-0b101", "+0b1", "1_000", "_1", "1__0", "-1", "+1", "1.5", ".5", "-.5",
	"+.5", "1.", "1e3", "1E3", "1e+3", "1.0e+3", "1.0e3", ".inf", "-.inf", "+.inf", ".Inf", ".nan", ".NaN",
	"nan", "inf", "1:20", "1:20.5", "-1:20", "190:20:30", "2024-01-02", "2024-1-2",
	"2001-12-14t21:59:43.10-05:00", "12345678901234567890", "-9223372036854775808", "9223372036854775808",
	"0x_1F", "0_7", "abc", "1_0.5", "0x", "-0", "+0", "0.", "00.5", "1:60", "1:5", "0xfF", "0b2", "08", "0_8",
	"0b_", "1_", "0x1_F", "-0x1F", "+0o7", "0.1e-2", "1e-2", "9e99999", "-9e99999",
}

// v2Value is the value go.yaml.in/yaml/v2 decodes text to in an
// interface{}, as documents hold it (ints as int, other numbers float64).
func v2Value(t *testing.T, text string) (any, bool) {
	t.Helper()
	var m map[string]any
	if err := yaml2.Unmarshal([]byte("k: "+text+"\n"), &m); err != nil {
		return nil, false
	}
	switch x := m["k"].(type) {
	case int64:
		return float64(x), true
	case uint64:
		return float64(x), true
	}
	return m["k"], true
}

func same(a, b any) bool {
	if fa, ok := a.(float64); ok {
		if fb, ok := b.(float64); ok {
			return fa == fb || math.IsNaN(fa) && math.IsNaN(fb)
		}
	}
	return reflect.DeepEqual(a, b)
}

func decode1(t *testing.T, src string, s yamlpos.Schema) (map[string]any, error) {
	t.Helper()
	docs, err := yamlpos.Decode("in.yaml", []byte(src), yamlpos.WithSchema(s))
	if err != nil {
		return nil, err
	}
	if len(docs) != 1 {
		t.Fatalf("%q: %d documents", src, len(docs))
	}
	return docs[0].Value.(map[string]any), nil
}

// GoYAML11 is go.yaml.in/yaml/v2, checked against it.
func TestGoYAML11MatchesYAMLv2(t *testing.T) {
	for _, text := range append(scalars, "<<", "! 12", "!!str yes", "!!bool yes", "!!int 0x10", "!!float 1",
		"!!bool 1", "!!int yes", "!!null ~", "'yes'", `"on"`, "!local yes", "&a yes", "&a ! 12", "!!binary aGk=",
		"!!timestamp 2024-01-02") {
		want, ok := v2Value(t, text)
		got, err := decode1(t, "k: "+text+"\n", yamlpos.GoYAML11)
		if !ok {
			if err == nil {
				t.Errorf("%q: decoded to %#v, yaml.v2 refuses it", text, got["k"])
			}
			continue
		}
		if err != nil {
			t.Errorf("%q: %v, yaml.v2 decodes %#v", text, err, want)
			continue
		}
		if g := got["k"]; !same(g, want) {
			if i, isInt := g.(int); !isInt || !same(float64(i), want) {
				t.Errorf("%q: %#v, yaml.v2 decodes %#v", text, g, want)
			}
		}
	}
}

// Keys are the strings sigs.k8s.io/yaml (kubectl's YAML to JSON) makes.
func TestGoYAML11KeysMatchSigsYAML(t *testing.T) {
	for _, text := range append(scalars, "'yes'", "!!str on") {
		src := text + ": v\n"
		j, jerr := sigsyaml.YAMLToJSON([]byte(src))
		got, err := decode1(t, src, yamlpos.GoYAML11)
		if jerr != nil {
			if err == nil {
				t.Errorf("key %q: decoded, sigs.k8s.io/yaml refuses it: %v", text, jerr)
			}
			continue
		}
		var m map[string]any
		if e := json.Unmarshal(j, &m); e != nil {
			t.Fatal(e)
		}
		if err != nil {
			t.Errorf("key %q: %v; sigs.k8s.io/yaml: %s", text, err, j)
			continue
		}
		for k := range m {
			if _, ok := got[k]; !ok {
				t.Errorf("key %q: keys %v, sigs.k8s.io/yaml %s", text, keys(got), j)
			}
		}
	}
}

func keys(m map[string]any) []string {
	var out []string
	for k := range m {
		if k != "__loc" {
			out = append(out, k)
		}
	}
	return out
}

// pyYAML holds what PyYAML 6.0.3's yaml.safe_load gives for "k: TEXT",
// generated with it (dates kept as their text, as Decode does):
// kind "bool", "int", "float", "nil", "str" or "err".
var pyYAML = map[string][2]string{
	"y": {"str", "y"}, "Y": {"str", "Y"}, "yes": {"bool", "true"}, "Yes": {"bool", "true"},
	"YES": {"bool", "true"}, "yEs": {"str", "yEs"}, "n": {"str", "n"}, "N": {"str", "N"},
	"no": {"bool", "false"}, "No": {"bool", "false"}, "NO": {"bool", "false"}, "on": {"bool", "true"},
	"On": {"bool", "true"}, "ON": {"bool", "true"}, "oN": {"str", "oN"}, "off": {"bool", "false"},
	"Off": {"bool", "false"}, "OFF": {"bool", "false"}, "true": {"bool", "true"}, "True": {"bool", "true"},
	"TRUE": {"bool", "true"}, "tRue": {"str", "tRue"}, "false": {"bool", "false"}, "~": {"nil"},
	"null": {"nil"}, "Null": {"nil"}, "NULL": {"nil"}, "nULL": {"str", "nULL"}, "": {"nil"},
	"0": {"int", "0"}, "00": {"int", "0"}, "017": {"int", "15"}, "018": {"str", "018"},
	"0o17": {"str", "0o17"}, "0x1F": {"int", "31"}, "0X1F": {"str", "0X1F"}, "0b101": {"int", "5"},
	"-0b101": {"int", "-5"}, "+0b1": {"int", "1"}, "1_000": {"int", "1000"}, "_1": {"str", "_1"},
	"1__0": {"int", "10"}, "-1": {"int", "-1"}, "+1": {"int", "1"}, "1.5": {"float", "1.5"},
	".5": {"float", "0.5"}, "-.5": {"str", "-.5"}, "+.5": {"str", "+.5"}, "1.": {"float", "1"},
	"1e3": {"str", "1e3"}, "1E3": {"str", "1E3"}, "1e+3": {"str", "1e+3"}, "1.0e+3": {"float", "1000"},
	"1.0e3": {"str", "1.0e3"}, ".inf": {"float", "+Inf"}, "-.inf": {"float", "-Inf"},
	"+.inf": {"float", "+Inf"}, ".Inf": {"float", "+Inf"}, ".nan": {"float", "NaN"},
	".NaN": {"float", "NaN"}, "nan": {"str", "nan"}, "inf": {"str", "inf"}, "1:20": {"int", "80"},
	"1:20.5": {"float", "80.5"}, "-1:20": {"int", "-80"}, "190:20:30": {"int", "685230"},
	"2024-01-02": {"str", "2024-01-02"}, "2024-1-2": {"str", "2024-1-2"},
	"2001-12-14t21:59:43.10-05:00": {"str", "2001-12-14t21:59:43.10-05:00"},
	"12345678901234567890":         {"float", "1.2345678901234567e+19"},
	"-9223372036854775808":         {"int", "-9223372036854775808"},
	"9223372036854775808":          {"float", "9.223372036854776e+18"},
	"0x_1F":                        {"int", "31"}, "0_7": {"int", "7"}, "<<": {"err"}, "abc": {"str", "abc"},
	"1_0.5": {"float", "10.5"}, "0b_": {"err"}, "0x": {"str", "0x"}, "-0": {"int", "0"}, "+0": {"int", "0"},
	"0.": {"float", "0"}, "00.5": {"float", "0.5"}, "1:60": {"str", "1:60"}, "1:5": {"int", "65"},
	"0xfF": {"int", "255"}, "0b2": {"str", "0b2"}, "08": {"str", "08"}, "0_8": {"str", "0_8"},
	"=": {"err"},
}

func TestPyYAML11MatchesPyYAML(t *testing.T) {
	for text, want := range pyYAML {
		got, err := decode1(t, "k: "+text+"\n", yamlpos.PyYAML11)
		if want[0] == "err" {
			if err == nil {
				t.Errorf("%q: decoded to %#v, PyYAML refuses it", text, got["k"])
			}
			continue
		}
		if err != nil {
			t.Errorf("%q: %v", text, err)
			continue
		}
		var kind, val string
		switch x := got["k"].(type) {
		case bool:
			kind, val = "bool", fmt.Sprint(x)
		case int:
			kind, val = "int", fmt.Sprint(x)
		case float64:
			kind, val = "float", fmt.Sprint(x)
		case nil:
			kind = "nil"
		case string:
			kind, val = "str", x
		default:
			kind = fmt.Sprintf("%T", x)
		}
		if kind != want[0] || val != want[1] {
			t.Errorf("%q: %s %q, PyYAML gives %s %q", text, kind, val, want[0], want[1])
		}
	}
}

// The D02 manifest: each schema reads `yes`/`on` as its tool does, and a
// quoted "yes" is a string in all of them.
func TestSchemasOnYesAndOn(t *testing.T) {
	src := "privileged: yes\nhostPID: on\nhostIPC: y\nquoted: \"yes\"\nsingle: 'on'\nblock: |\n  yes\ntagged: !!str yes\n"
	for _, tc := range []struct {
		schema yamlpos.Schema
		want   map[string]any
	}{
		{yamlpos.YAML12, map[string]any{"privileged": "yes", "hostPID": "on", "hostIPC": "y"}},
		{yamlpos.GoYAML11, map[string]any{"privileged": true, "hostPID": true, "hostIPC": true}},
		{yamlpos.PyYAML11, map[string]any{"privileged": true, "hostPID": true, "hostIPC": "y"}},
	} {
		t.Run(tc.schema.String(), func(t *testing.T) {
			got, err := decode1(t, src, tc.schema)
			if err != nil {
				t.Fatal(err)
			}
			for k, v := range tc.want {
				if got[k] != v {
					t.Errorf("%s = %#v, want %#v", k, got[k], v)
				}
			}
			for k, v := range map[string]any{"quoted": "yes", "single": "on", "block": "yes\n", "tagged": "yes"} {
				if got[k] != v {
					t.Errorf("%s = %#v, want the string %#v", k, got[k], v)
				}
			}
		})
	}
}

func TestSchemaKeys(t *testing.T) {
	src := "on: a\nyes: b\n1.50: c\n0x10: d\n~: e\n"
	got, err := decode1(t, src, yamlpos.PyYAML11)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"true", "1.5", "16", "null"} {
		if _, ok := got[k]; !ok {
			t.Errorf("PyYAML11: no key %q in %v", k, keys(got))
		}
	}
	// kubectl cannot decode a null key: neither can GoYAML11.
	if _, err := decode1(t, src, yamlpos.GoYAML11); err == nil {
		t.Error("GoYAML11: a null key decoded")
	}
	got, err = decode1(t, "on: a\n1.50: c\n0x10: d\n", yamlpos.GoYAML11)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"true", "1.5", "16"} {
		if _, ok := got[k]; !ok {
			t.Errorf("GoYAML11: no key %q in %v", k, keys(got))
		}
	}
	got, err = decode1(t, "on: a\n", yamlpos.YAML12)
	if err != nil || got["on"] != "a" {
		t.Errorf("YAML12 keys are their text: %v %v", keys(got), err)
	}
}

// A tag that does not fit its value is an error that does not repeat the
// value: it may be a credential.
func TestTagErrorsDoNotQuoteTheValue(t *testing.T) {
	for _, s := range []yamlpos.Schema{yamlpos.YAML12, yamlpos.GoYAML11, yamlpos.PyYAML11} {
		_, err := yamlpos.Decode("in.yaml", []byte("a: 1\npassword: !!bool Sup3rS3cret\n"), yamlpos.WithSchema(s))
		var ye *yamlpos.Error
		if !errors.As(err, &ye) || ye.Line != 2 {
			t.Errorf("%v: error %v, want a *yamlpos.Error on line 2", s, err)
			continue
		}
		if strings.Contains(err.Error(), "Sup3rS3cret") {
			t.Errorf("%v: error quotes the value: %v", s, err)
		}
	}
}
