package report

import (
	"strings"
	"testing"
)

func TestWriteOutputs(t *testing.T) {
	got := string(render(t, WriteOutputs, testReport()))
	for _, want := range []string{"result=error\n", "findings=4\n", "critical=1\n", "high=1\n", "medium=0\n", "suppressed=1\n", "errors=1\n", "images=1\n", "digest=" + testDigest + "\n"} {
		if !strings.Contains(got, want) {
			t.Errorf("outputs lack %q:\n%s", want, got)
		}
	}
	for _, line := range strings.Split(strings.TrimSpace(got), "\n") {
		if k, _, ok := strings.Cut(line, "="); !ok || k == "" || strings.ContainsAny(k, " \t") {
			t.Errorf("line %q is not name=value", line)
		}
	}
	if empty := string(render(t, WriteOutputs, emptyReport())); !strings.Contains(empty, "digest=\n") || !strings.Contains(empty, "findings=0\n") {
		t.Errorf("empty report outputs:\n%s", empty)
	}
}
