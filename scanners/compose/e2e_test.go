package compose

import (
	"reflect"
	"sort"
	"testing"

	"github.com/tollgate/tollgate/internal/scantest"
)

// TestPolicies runs the built-in policies over the fixtures' documents and
// checks which Compose rules fire, on which service, and on which lines.
func TestPolicies(t *testing.T) {
	tests := []struct {
		file string
		want []string // "RULE service path:start-end"
	}{
		{"app/compose.yaml", []string{
			"TG-COMPOSE-001 agent app/compose.yaml:38-38",
			"TG-COMPOSE-002 agent app/compose.yaml:39-39",
			"TG-COMPOSE-002 agent app/compose.yaml:40-40",
			"TG-COMPOSE-003 api app/compose.yaml:30-30",
			"TG-COMPOSE-004 agent app/compose.yaml:42-42",
		}},
		{"minimal/docker-compose.yml", nil},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			res := scanFixture(t, tt.file)
			if len(res.Errors) > 0 {
				t.Fatal(res.Errors)
			}
			var got []string
			for _, f := range scantest.Evaluate(t, res.Documents, scantest.Prefix("TG-COMPOSE-")) {
				got = append(got, f.RuleID+" "+f.Document.Name+" "+f.Span)
			}
			sort.Strings(got)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("findings:\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}
