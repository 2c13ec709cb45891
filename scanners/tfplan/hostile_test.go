package tfplan_test

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/tollgate/tollgate/internal/scantest"
	"github.com/tollgate/tollgate/scanners"
	"github.com/tollgate/tollgate/scanners/tfplan"
)

// sgPlan is a plan of one security group whose ingress comes from the
// configuration beside it.
const sgPlan = `{
  "format_version": "1.2",
  "planned_values": {
    "root_module": {
      "resources": [
        {
          "address": "aws_security_group.s",
          "mode": "managed",
          "type": "aws_security_group",
          "name": "s",
          "values": {
            "name": "s",
            "ingress": [
              {"from_port": 22, "to_port": 22, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"]}
            ]
          }
        }
      ]
    }
  }
}
`

func scanFS(t *testing.T, files map[string]string) scanners.Result {
	t.Helper()
	fsys := fstest.MapFS{}
	for k, v := range files {
		fsys[k] = &fstest.MapFile{Data: []byte(v)}
	}
	start := time.Now()
	res := tfplan.New().Scan(context.Background(), fsys, []string{"plan.json"})
	if d := time.Since(start); d > 30*time.Second {
		t.Errorf("the scan took %v", d)
	}
	return res[0]
}

func wantPlanError(t *testing.T, r scanners.Result, line int, msg string) {
	t.Helper()
	if len(r.Errors) != 1 || r.Errors[0].Path != "plan.json" || r.Errors[0].Line != line || !strings.Contains(r.Errors[0].Error(), msg) {
		t.Errorf("errors %v, want one at plan.json:%d saying %q", r.Errors, line, msg)
	}
	if len(r.Documents) != 0 {
		t.Errorf("%d documents from a plan that is not read", len(r.Documents))
	}
}

// TestDeepPlan is D06 for plans: encoding/json's own limit (10,000 levels)
// does not crash, but decoding with positions costs the square of the
// nesting (350 KB nested 9,000 deep took 16 s and 3.6 GB), so a plan nested
// deeper than the limit is refused before it is decoded.
func TestDeepPlan(t *testing.T) {
	deep := func(n int) string {
		// in "values", itself 6 deep, on line 11
		return strings.Replace(sgPlan, `"values": {`, `"values": {"x": `+strings.Repeat("[", n)+strings.Repeat("]", n)+",", 1)
	}
	wantPlanError(t, scanFS(t, map[string]string{"plan.json": deep(9000)}), 11, "json: nested deeper than 128 levels")
	wantPlanError(t, scanFS(t, map[string]string{"plan.json": deep(128 - 5)}), 11, "json: nested deeper than 128 levels")
	if r := scanFS(t, map[string]string{"plan.json": deep(128 - 6)}); len(r.Errors) != 0 || len(r.Documents) != 1 {
		t.Errorf("a plan nested 128 deep: errors %v, %d documents", r.Errors, len(r.Documents))
	}
	// Brackets in strings are not nesting.
	quoted := strings.Replace(sgPlan, `"values": {`, `"values": {"x": "`+strings.Repeat("[", 1000)+`",`, 1)
	if r := scanFS(t, map[string]string{"plan.json": quoted}); len(r.Errors) != 0 {
		t.Errorf("brackets in a string: %v", r.Errors)
	}
}

func TestPlanWithTooManyObjects(t *testing.T) {
	many := strings.Replace(sgPlan, `"values": {`, `"values": {"x": [`+strings.Repeat("{},", 500_000)+"{}],", 1)
	wantPlanError(t, scanFS(t, map[string]string{"plan.json": many}), 11, "more than 500000 objects and arrays")
}

// TestHostileConfigurationBesideThePlan: the configuration beside a plan
// is read for its lines only, within the Terraform reader's limits, and
// only literal values are evaluated: nothing in it can crash or stall the
// plan's reading.
func TestHostileConfigurationBesideThePlan(t *testing.T) {
	nums := "[" + strings.TrimSuffix(strings.Repeat("1, ", 1000), ", ") + "]"
	bomb := fmt.Sprintf(`[for a in %s : [for b in %s : [for c in %s : c]]]`, nums, nums, nums)
	for _, tc := range []struct {
		name, file, src string
		lines           [2]int // of the ingress item
	}{
		{"for expressions over literal lists", "main.tf", `resource "aws_security_group" "s" {
  name = "s"
  ingress {
    from_port   = 22
    cidr_blocks = ` + bomb + `
  }
}
`, [2]int{3, 6}},
		{"nesting too deep to parse", "main.tf", `resource "aws_security_group" "s" {
  name = "s"
  ingress {
    from_port   = 22
    cidr_blocks = ` + strings.Repeat("(", 100000) + `"x"` + strings.Repeat(")", 100000) + `
  }
}
`, [2]int{0, 0}},
		{"JSON syntax", "main.tf.json", `{"resource": {"aws_security_group": {"s": {
  "name": "s",
  "ingress": [
    {"from_port": 22, "to_port": 22, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"]}
  ]
}}}}
`, [2]int{4, 4}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := scanFS(t, map[string]string{"plan.json": sgPlan, tc.file: tc.src})
			if len(r.Errors) != 0 || len(r.Documents) != 1 {
				t.Fatalf("errors %v, %d documents", r.Errors, len(r.Documents))
			}
			d := r.Documents[0]
			item := scantest.At(t, d.Resource, "ingress", 0)
			if c := scantest.At(t, item, "cidr_blocks"); !reflect.DeepEqual(c, []any{"0.0.0.0/0"}) {
				t.Errorf("cidr_blocks = %#v: the plan's values", c)
			}
			if tc.lines == [2]int{0, 0} {
				if d.Path != "plan.json" {
					t.Errorf("located in %s, want the plan: the configuration does not parse", d.Path)
				}
				return
			}
			if d.Path != tc.file {
				t.Errorf("located in %s, want %s", d.Path, tc.file)
			}
			if l := scantest.Lines(t, item, ""); l != tc.lines {
				t.Errorf("ingress[0] lines %v, want %v", l, tc.lines)
			}
		})
	}
}
