package yamlpos_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	yaml2 "go.yaml.in/yaml/v2"

	"github.com/tollgate/tollgate/internal/scantest"
	"github.com/tollgate/tollgate/scanners/yamlpos"
)

func yamlSeeds(f *testing.F) [][]byte {
	var out [][]byte
	for _, dir := range []string{"kubernetes", "ansible", "cloudformation", "compose", "helm", "kustomize"} {
		root := filepath.Join("..", "..", "testdata", dir)
		_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && (strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".yml") || strings.HasSuffix(p, ".json")) {
				if b, err := os.ReadFile(p); err == nil && len(b) < 64<<10 {
					out = append(out, b)
				}
			}
			return nil
		})
	}
	if len(out) == 0 {
		f.Fatal("no seeds")
	}
	return out
}

// FuzzDecode: Decode, in every schema, never panics, returns only
// *yamlpos.Error errors, and every mapping it returns carries a valid
// position; DecodeJSON likewise.
func FuzzDecode(f *testing.F) {
	for _, b := range yamlSeeds(f) {
		f.Add(b, uint8(0))
	}
	f.Add([]byte(billionLaughs(9, "lol")), uint8(1))
	f.Add([]byte("a: &a [*a]\n"), uint8(2))
	f.Add([]byte("k: ! 12\nj: &x ! yes\n? [a]\n: b\n"), uint8(1))
	f.Fuzz(func(t *testing.T, src []byte, schema uint8) {
		s := yamlpos.Schema(schema % 3)
		start := time.Now()
		docs, err := yamlpos.Decode("f.yaml", src, yamlpos.WithSchema(s))
		if d := time.Since(start); d > 5*time.Second {
			t.Fatalf("took %v", d)
		}
		checkDecoded(t, docs, err)
		if len(src) > 0 && src[0] == '{' {
			d, err := yamlpos.DecodeJSON("f.json", src)
			if err == nil {
				checkDecoded(t, []yamlpos.Document{d}, nil)
			} else {
				checkDecoded(t, nil, err)
			}
		}
	})
}

func checkDecoded(t *testing.T, docs []yamlpos.Document, err error) {
	t.Helper()
	var ye *yamlpos.Error
	if err != nil && !errors.As(err, &ye) {
		t.Fatalf("error %v (%T), want *yamlpos.Error", err, err)
	}
	if ye != nil && ye.Line < 0 {
		t.Fatalf("error at line %d", ye.Line)
	}
	for _, d := range docs {
		if d.StartLine < 1 || d.EndLine < d.StartLine {
			t.Fatalf("document lines %d-%d", d.StartLine, d.EndLine)
		}
		scantest.CheckLocs(t, d.Value)
	}
}

// FuzzGoYAML11Scalar: on a plain scalar, GoYAML11 decodes what
// go.yaml.in/yaml/v2 decodes (the two parsers differ on syntax, not on the
// resolution this checks).
func FuzzGoYAML11Scalar(f *testing.F) {
	for _, s := range scalars {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		// NEL, LS and PS are line breaks to YAML 1.1 parsers: a text with
		// one is not a plain scalar but several lines (or documents).
		if strings.ContainsAny(text, ":#,[]{}&*!|>'\"%@`\n\r\t\\?\u0085\u2028\u2029") || strings.TrimSpace(text) != text || text == "" ||
			text[0] == '-' && (len(text) == 1 || text[1] == ' ' || strings.HasPrefix(text, "---")) {
			return
		}
		var m map[string]any
		if err := yaml2.Unmarshal([]byte("k: "+text+"\n"), &m); err != nil {
			return
		}
		docs, err := yamlpos.Decode("f.yaml", []byte("k: "+text+"\n"), yamlpos.WithSchema(yamlpos.GoYAML11))
		if err != nil || len(docs) != 1 {
			t.Fatalf("%q: %v; yaml.v2 decodes %#v", text, err, m["k"])
		}
		got := docs[0].Value.(map[string]any)["k"]
		want, _ := v2Value(t, text)
		if !same(got, want) {
			if i, ok := got.(int); !ok || !same(float64(i), want) {
				t.Fatalf("%q: %#v, yaml.v2 decodes %#v", text, got, want)
			}
		}
	})
}
