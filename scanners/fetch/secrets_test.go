package fetch

import (
	"slices"
	"testing"
)

func TestSecrets(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"git::https://deploy:s3cr3t-pw@github.com/org/repo.git//x?ref=v1.2.0", []string{"s3cr3t-pw"}},
		{"https://ghp_abcdefghijklmnop@github.com/org/repo", []string{"ghp_abcdefghijklmnop"}},
		{`GET https://bucket.s3.amazonaws.com/m.zip?X-Amz-Signature=abc123def&archive=zip: 403 Forbidden`, []string{"abc123def"}},
		{"github.com/org/repo//x?ref=main", nil},
		{"https://registry.terraform.io/v1/modules/acme/x/aws/versions", nil},
	} {
		got := Secrets(tc.in)
		for _, w := range tc.want {
			if !slices.Contains(got, w) {
				t.Errorf("Secrets(%q) = %q, want %q among them", tc.in, got, w)
			}
		}
		if len(tc.want) == 0 && len(got) != 0 {
			t.Errorf("Secrets(%q) = %q, want none", tc.in, got)
		}
	}
}
