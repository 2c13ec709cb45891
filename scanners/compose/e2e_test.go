package compose

import (
	"context"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"testing"

	"tollgate/policies"
)

// TestPolicies runs the built-in policies over the fixtures' documents and
// checks which Compose rules fire, and on which lines.
func TestPolicies(t *testing.T) {
	ctx := context.Background()
	engine, err := policies.Load(ctx)
	if err != nil {
		t.Fatal(err)
	}
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
			inputs := make([]map[string]any, len(res.Documents))
			for i, d := range res.Documents {
				inputs[i] = d.Input()
			}
			results, errs := engine.Evaluate(ctx, inputs)
			if len(errs) > 0 {
				t.Fatal(errs)
			}
			var got []string
			for i, rs := range results {
				for _, r := range rs {
					if !strings.HasPrefix(r.RuleID, "TG-COMPOSE-") {
						continue
					}
					for _, secret := range res.Documents[i].Secrets {
						if strings.Contains(r.Message, secret) {
							t.Errorf("%s message %q holds a secret", r.RuleID, r.Message)
						}
					}
					got = append(got, fmt.Sprintf("%s %s %v:%v-%v", r.RuleID, res.Documents[i].Name, r.Location["path"], r.Location["start_line"], r.Location["end_line"]))
				}
			}
			sort.Strings(got)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("findings:\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}
