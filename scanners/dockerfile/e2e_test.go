package dockerfile

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
// checks which Dockerfile rules fire, and on which lines.
func TestPolicies(t *testing.T) {
	ctx := context.Background()
	engine, err := policies.Load(ctx)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		file string
		want []string // "RULE path:start-end"
	}{
		{"simple/Dockerfile", []string{
			"TG-DOCKER-001 simple/Dockerfile:1-1",
			"TG-DOCKER-002 simple/Dockerfile:3-3",
			"TG-DOCKER-002 simple/Dockerfile:4-4",
			"TG-DOCKER-003 simple/Dockerfile:5-5",
			"TG-DOCKER-004 simple/Dockerfile:1-1",
		}},
		{"multistage/Dockerfile", []string{
			"TG-DOCKER-004 multistage/Dockerfile:5-5",
		}},
		{"rootuser/Containerfile", []string{
			"TG-DOCKER-001 rootuser/Containerfile:6-6",
			"TG-DOCKER-004 rootuser/Containerfile:1-1",
		}},
		{"content/image.build", []string{
			"TG-DOCKER-004 content/image.build:3-3",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			res := scanFixture(t, tt.file)
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
					if !strings.HasPrefix(r.RuleID, "TG-DOCKER-") {
						continue
					}
					for _, secret := range res.Documents[i].Secrets {
						if strings.Contains(r.Message, secret) {
							t.Errorf("%s message %q holds a secret", r.RuleID, r.Message)
						}
					}
					got = append(got, fmt.Sprintf("%s %v:%v-%v", r.RuleID, r.Location["path"], r.Location["start_line"], r.Location["end_line"]))
				}
			}
			sort.Strings(got)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("findings:\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}
