package names

import "testing"

func TestDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"soc2", "soc2", 0}, {"", "abc", 3}, {"remedation", "remediation", 1},
		{"titel", "title", 1}, // a transposition is one edit
		{"soc-2", "soc2", 1}, {"cis-aws-1.5", "cis-aws-2.0", 2}, {"sévérité", "severite", 3},
	} {
		if got := Distance(tc.a, tc.b); got != tc.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}
