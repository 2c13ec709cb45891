package dockerfile

import (
	"reflect"
	"testing"

	"github.com/tollgate/tollgate/internal/scantest"
)

// TestPolicies runs the built-in policies over the fixtures' documents and
// checks which Dockerfile rules fire, and on which lines.
func TestPolicies(t *testing.T) {
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
			got := scantest.Findings(t, res.Documents, scantest.Prefix("TG-DOCKER-"))
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("findings:\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}
