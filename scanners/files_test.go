package scanners

import (
	"bytes"
	"strings"
	"testing"
)

// readAll reads everything whatever the size hint says (a file may grow
// or shrink after its Stat), and stops one byte past MaxFileSize.
func TestReadAll(t *testing.T) {
	for _, c := range []struct {
		text string
		hint int64
	}{
		{"", 0}, {"abc", 3}, {"abc", 0}, {"abc", 1}, {"abc", 100}, {"abc", -1},
		{strings.Repeat("x", 5000), 512}, {strings.Repeat("y", 70000), 70000},
	} {
		b, err := readAll(strings.NewReader(c.text), c.hint)
		if err != nil || string(b) != c.text {
			t.Errorf("hint %d: read %d bytes (%v), want %d", c.hint, len(b), err, len(c.text))
		}
	}
	big := bytes.Repeat([]byte("z"), MaxFileSize+10)
	for _, hint := range []int64{0, MaxFileSize, MaxFileSize + 10} {
		b, err := readAll(bytes.NewReader(big), hint)
		if err != nil || len(b) != MaxFileSize+1 {
			t.Errorf("hint %d: read %d bytes (%v), want the limit and one", hint, len(b), err)
		}
	}
}
