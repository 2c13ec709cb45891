package yamlpos

import (
	"encoding/json"
	"fmt"
	"testing"
)

func TestZZExplore(t *testing.T) {
	for _, src := range []string{
		"a: |\n  x\n  y\nb: >\n  p\n  q\n  r\nc: 1\n",
		"a: \"x\\ny\"\nb: 2\n",
		"a: \"x\n  y\"\nb: 2\n",
		"a: x\n  y\n  z\nb: 2\n",
		"base: &b\n  a: 1\n  b: 2\nx:\n  y: *b\n",
		"a: 1\nb: [\n",
		"a: b: c\n",
		"a: 1\nb: 2\nc: d: e\n",
		"a: 1\n\n\nb:\n  - x\n  - 'y\n  - z\n",
		"a: 1\n---\n---\n# c\n---\nb: 2\n...\n",
		"k: {a: 1,\n  b: 2}\nz: 1\n",
	} {
		docs, err := Decode("f", []byte(src))
		b, _ := json.Marshal(docs)
		fmt.Printf("%q\n  => %s err=%#v\n", src, b, err)
	}
}
