package tfplan_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tollgate/tollgate/internal/scantest"
	"github.com/tollgate/tollgate/scanners"
	"github.com/tollgate/tollgate/scanners/tfplan"
)

var testdata = os.DirFS("../../testdata")

// password is the sensitive variable's value in the fixtures' plans.
const password = "Tr0ub4dor&3-orders"

func scan(t *testing.T, files ...string) []scanners.Result {
	t.Helper()
	return scantest.Scan(t, tfplan.New(), testdata, files...)
}

func TestMatch(t *testing.T) {
	cases := []struct {
		path, head string
		want       bool
	}{
		{"plan.json", `{"format_version":"1.2","terraform_version":"1.5.7","planned_values":{}}`, true},
		{"tfplan", "\n  {\n  \"format_version\": \"1.0\",\n  \"resource_changes\": []\n}", true},
		// A large variables section may push planned_values past the head.
		{"out.json", `{"format_version":"1.2","terraform_version":"1.9.0","variables":{"big":{"value":"...`, true},
		// terraform show -json of a state, providers schema -json, other JSON.
		{"state.json", `{"format_version":"1.0","terraform_version":"1.5.7","values":{"root_module":{}}}`, false},
		{"schema.json", `{"format_version":"1.0","provider_schemas":{}}`, false},
		{"package.json", `{"name": "planned_values"}`, false},
		// Not a JSON object at all.
		{"notes.txt", `see "format_version" and "planned_values"`, false},
	}
	s := tfplan.New()
	for _, tc := range cases {
		if got := s.Match(tc.path, []byte(tc.head)); got != tc.want {
			t.Errorf("Match(%s, %q) = %v, want %v", tc.path, tc.head, got, tc.want)
		}
	}
	if s.Name() != "terraform-plan" {
		t.Errorf("Name() = %q", s.Name())
	}
}

func TestScanGolden(t *testing.T) {
	for _, c := range []string{"hcl", "json-only"} {
		t.Run(c, func(t *testing.T) {
			res := scan(t, "tfplan/"+c+"/plan.json")
			if len(res) != 1 || len(res[0].Errors) > 0 || res[0].Format != "terraform-plan" {
				t.Fatalf("results %+v", res)
			}
			for _, d := range res[0].Documents {
				// The sensitive value is in the plan, never in a document.
				if b, _ := json.Marshal(d.Input()); bytes.Contains(b, []byte(password)) {
					t.Errorf("%s: document holds the sensitive password", d.Address)
				}
			}
			scantest.Golden(t, "../../testdata/tfplan/"+c+"/documents.golden", scantest.DocumentsJSON(t, res[0].Documents))
		})
	}
}

func lines(start, end int) map[string]any {
	return map[string]any{"start_line": start, "end_line": end}
}

func TestScanLocatesOnConfiguration(t *testing.T) {
	docs := scan(t, "tfplan/hcl/plan.json")[0].Documents
	var addrs []string
	for _, d := range docs {
		addrs = append(addrs, d.Address)
	}
	// Not the data source, nor the instance being deleted.
	want := []string{"aws_db_instance.orders", "aws_db_instance.reports", "aws_kms_key.db", "aws_security_group.bastion", "module.storage.aws_s3_bucket.logs[0]"}
	if !reflect.DeepEqual(addrs, want) {
		t.Fatalf("documents %q, want %q", addrs, want)
	}

	orders := scantest.Doc(t, docs, "aws_db_instance.orders")
	if orders.Format != "terraform" || orders.Type != "aws_db_instance" || orders.Name != "orders" || orders.Path != "tfplan/hcl/main.tf" {
		t.Errorf("document %s %s %s %s", orders.Format, orders.Type, orders.Name, orders.Path)
	}
	r := orders.Resource
	if got := scantest.Span(t, r, ""); got != "tfplan/hcl/main.tf:21-31" {
		t.Errorf("orders at %s, want main.tf:21-31", got)
	}
	for key, want := range map[string]map[string]any{"storage_encrypted": lines(28, 28), "backup_retention_period": lines(29, 29), "engine": lines(23, 23)} {
		if got := scantest.Attr(t, r, key); !reflect.DeepEqual(got, want) {
			t.Errorf("%s at %v, want %v", key, got, want)
		}
	}
	if r["storage_encrypted"] != false || r["backup_retention_period"] != 0 {
		t.Errorf("planned values: %v %v", r["storage_encrypted"], r["backup_retention_period"])
	}
	// A provider default the configuration does not set: no line of its own.
	if r["auto_minor_version_upgrade"] != true || scantest.Attr(t, r, "auto_minor_version_upgrade") != nil {
		t.Errorf("auto_minor_version_upgrade = %v at %v", r["auto_minor_version_upgrade"], scantest.Attr(t, r, "auto_minor_version_upgrade"))
	}
	// null: not set.
	if _, ok := r["deletion_protection"]; ok {
		t.Error("a null planned value must be left out")
	}
	if r["password"] != tfplan.Masked || !reflect.DeepEqual(scantest.Attr(t, r, "password"), map[string]any{"start_line": 27, "end_line": 27, "sensitive": true}) {
		t.Errorf("password = %v at %v, want masked at 27", r["password"], scantest.Attr(t, r, "password"))
	}
	if !slices.Contains(orders.Secrets, password) {
		t.Errorf("secrets %q lack the sensitive password", orders.Secrets)
	}
	if _, ok := r["arn"]; ok || !reflect.DeepEqual(scantest.Attr(t, r, "arn"), map[string]any{"unknown": true}) {
		t.Errorf("arn (computed) must be unknown without a line: %v", scantest.Attr(t, r, "arn"))
	}

	reports := scantest.Doc(t, docs, "aws_db_instance.reports").Resource
	if _, ok := reports["storage_encrypted"]; ok || !reflect.DeepEqual(scantest.Attr(t, reports, "storage_encrypted"), map[string]any{"start_line": 40, "end_line": 40, "unknown": true}) {
		t.Errorf("storage_encrypted known only after apply: %v at %v", reports["storage_encrypted"], scantest.Attr(t, reports, "storage_encrypted"))
	}

	// The plan lists the set's items in another order than main.tf.
	sg := scantest.Doc(t, docs, "aws_security_group.bastion").Resource
	ingress := sg["ingress"].([]any)
	if got := scantest.Attr(t, sg, "ingress"); !reflect.DeepEqual(got, lines(47, 61)) {
		t.Errorf("ingress at %v, want 47-61", got)
	}
	ssh, https := ingress[0].(map[string]any), ingress[1].(map[string]any)
	if ssh["from_port"] != 22 || scantest.Span(t, ssh, "") != "tfplan/hcl/main.tf:55-61" || !reflect.DeepEqual(scantest.Attr(t, ssh, "cidr_blocks"), lines(60, 60)) {
		t.Errorf("ssh ingress %v at %s, cidr_blocks at %v; want 55-61 and 60", ssh["from_port"], scantest.Span(t, ssh, ""), scantest.Attr(t, ssh, "cidr_blocks"))
	}
	if https["from_port"] != 443 || scantest.Span(t, https, "") != "tfplan/hcl/main.tf:47-53" {
		t.Errorf("https ingress %v at %s, want 47-53", https["from_port"], scantest.Span(t, https, ""))
	}

	bucket := scantest.Doc(t, docs, "module.storage.aws_s3_bucket.logs[0]")
	const mod = "tfplan/hcl/modules/storage/main.tf"
	if bucket.Path != mod || scantest.Span(t, bucket.Resource, "") != mod+":5-18" || !reflect.DeepEqual(scantest.Attr(t, bucket.Resource, "acl"), lines(8, 8)) {
		t.Errorf("bucket in %s at %s, acl at %v", bucket.Path, scantest.Span(t, bucket.Resource, ""), scantest.Attr(t, bucket.Resource, "acl"))
	}
	versioning := bucket.Resource["versioning"].([]any)[0]
	if scantest.Span(t, versioning, "") != mod+":10-12" || !reflect.DeepEqual(scantest.Attr(t, versioning, "enabled"), lines(11, 11)) {
		t.Errorf("versioning at %s, enabled at %v", scantest.Span(t, versioning, ""), scantest.Attr(t, versioning, "enabled"))
	}
	tags := bucket.Resource["tags"]
	if scantest.Span(t, tags, "") != mod+":14-17" || !reflect.DeepEqual(scantest.Attr(t, tags, "env"), lines(16, 16)) {
		t.Errorf("tags at %s, env at %v", scantest.Span(t, tags, ""), scantest.Attr(t, tags, "env"))
	}
	// tags_all is computed by the provider: located on the resource block.
	if got := scantest.Span(t, bucket.Resource["tags_all"], ""); got != mod+":5-18" || scantest.Attr(t, bucket.Resource["tags_all"], "env") != nil {
		t.Errorf("tags_all at %s", got)
	}
}

func TestScanLocatesOnPlanWithoutConfiguration(t *testing.T) {
	docs := scan(t, "tfplan/json-only/plan.json")[0].Documents
	const plan = "tfplan/json-only/plan.json"
	orders := scantest.Doc(t, docs, "aws_db_instance.orders")
	if orders.Path != plan || scantest.Span(t, orders.Resource, "") != plan+":198-219" {
		t.Errorf("orders in %s at %s, want the change's after object, 198-219", orders.Path, scantest.Span(t, orders.Resource, ""))
	}
	if got := scantest.Attr(t, orders.Resource, "storage_encrypted"); !reflect.DeepEqual(got, lines(215, 215)) {
		t.Errorf("storage_encrypted at %v, want 215", got)
	}
	ssh := scantest.Doc(t, docs, "aws_security_group.bastion").Resource["ingress"].([]any)[0]
	if scantest.Span(t, ssh, "") != plan+":358-370" || !reflect.DeepEqual(scantest.Attr(t, ssh, "cidr_blocks"), lines(359, 361)) {
		t.Errorf("ingress[0] at %s, cidr_blocks at %v", scantest.Span(t, ssh, ""), scantest.Attr(t, ssh, "cidr_blocks"))
	}
}

func TestScanErrors(t *testing.T) {
	r := scan(t, "tfplan/malformed/plan.json")[0]
	if len(r.Errors) != 1 || r.Errors[0].Line != 8 || !strings.HasPrefix(r.Errors[0].Err.Error(), "json: ") || len(r.Documents) != 0 {
		t.Errorf("malformed plan: %v, %d documents; want one json error at line 8", r.Errors, len(r.Documents))
	}

	minimal := func(extra string) []byte {
		return []byte(`{"format_version": "1.2", "terraform_version": "1.9.0",` + extra + `
"resource_changes": [{"address": "aws_s3_bucket.b", "mode": "managed", "type": "aws_s3_bucket", "name": "b",
  "change": {"actions": ["create"], "after": {"acl": "private"}, "after_unknown": {}, "after_sensitive": {}}}]}`)
	}
	fsys := fstest.MapFS{
		"v2.json":       {Data: []byte("{\n\"format_version\": \"2.0\",\n\"planned_values\": {}\n}")},
		"state.json":    {Data: []byte(`{"format_version": "1.0", "terraform_version": "1.5.7", "values": {}}`)},
		"errored.json":  {Data: minimal("\n\"errored\": true,")},
		"one-line.json": {Data: minimal("")},
	}
	results := tfplan.New().Scan(context.Background(), fsys, []string{"v2.json", "state.json", "errored.json", "one-line.json"})
	type fileErr struct {
		Line int
		Msg  string
	}
	got := map[string][]fileErr{}
	for _, r := range results {
		for _, e := range r.Errors {
			got[r.Path] = append(got[r.Path], fileErr{e.Line, e.Err.Error()})
		}
	}
	want := map[string][]fileErr{
		"v2.json":      {{2, `unsupported plan format_version "2.0": tollgate reads 1.x`}},
		"state.json":   {{1, "not a Terraform plan: no planned_values or resource_changes (a state file?)"}},
		"errored.json": {{2, `the plan is "errored": terraform plan failed, so resources may be missing from it`}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("errors %+v, want %+v", got, want)
	}
	// An errored plan is still read; so is terraform's one-line output.
	for _, i := range []int{2, 3} {
		if docs := results[i].Documents; len(docs) != 1 || docs[0].Resource["acl"] != "private" {
			t.Errorf("%s: documents %+v", results[i].Path, docs)
		}
	}
	if l := scantest.Loc(t, results[3].Documents[0].Resource); l["start_line"] != 3 || l["end_line"] != 3 {
		t.Errorf("one-line plan position %v", l)
	}
}

func TestScanUnknownAndSensitiveShapes(t *testing.T) {
	plan := `{"format_version": "1.2", "resource_changes": [{"address": "aws_security_group.sg", "mode": "managed",
  "type": "aws_security_group", "name": "sg", "change": {"actions": ["update"],
  "after": {"ingress": [{"cidr_blocks": [null, "0.0.0.0/0"], "from_port": 22}, null], "tags": {"team": "x"}, "user_data": "c2VjcmV0"},
  "after_unknown": {"ingress": [{"cidr_blocks": [true, false]}, true], "tags": {}},
  "after_sensitive": {"user_data": true, "tags": true}}}]}`
	res := tfplan.New().Scan(context.Background(), fstest.MapFS{"p.json": {Data: []byte(plan)}}, []string{"p.json"})
	if len(res[0].Errors) > 0 || len(res[0].Documents) != 1 {
		t.Fatalf("result %+v", res[0])
	}
	d := res[0].Documents[0]
	ingress := d.Resource["ingress"].([]any)
	if len(ingress) != 1 || !reflect.DeepEqual(ingress[0].(map[string]any)["cidr_blocks"], []any{"0.0.0.0/0"}) {
		t.Errorf("unknown items must be left out of lists: %v", ingress)
	}
	if d.Resource["user_data"] != tfplan.Masked || d.Resource["tags"] != tfplan.Masked {
		t.Errorf("sensitive values must be masked: %v %v", d.Resource["user_data"], d.Resource["tags"])
	}
	if want := []string{"c2VjcmV0", "x"}; !reflect.DeepEqual(d.Secrets, want) {
		t.Errorf("secrets %q, want %q", d.Secrets, want)
	}
}

func TestPolicies(t *testing.T) {
	rules := []string{"TG-AWS-001", "TG-AWS-002", "TG-AWS-010", "TG-AWS-020", "TG-AWS-021"}
	t.Run("configuration beside the plan", func(t *testing.T) {
		const main, mod = "tfplan/hcl/main.tf", "tfplan/hcl/modules/storage/main.tf"
		want := []string{
			"TG-AWS-001 " + mod + ":8-8",    // acl = "public-read"
			"TG-AWS-002 " + main + ":60-60", // the ssh ingress block's cidr_blocks
			"TG-AWS-010 " + main + ":28-28", // storage_encrypted = false; not reports' unknown one
			"TG-AWS-020 " + main + ":29-29", // backup_retention_period = 0
			"TG-AWS-021 " + mod + ":11-11",  // versioning { enabled = false }
		}
		if got := scantest.Findings(t, scan(t, "tfplan/hcl/plan.json")[0].Documents, scantest.Rules(rules...)); !reflect.DeepEqual(got, want) {
			t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	})
	t.Run("companion resources are unknown in a plan", func(t *testing.T) {
		// The module's bucket has no public access block or logging in
		// the configuration, but a plan's values name no references: the
		// rules on a missing companion resource must not conclude.
		docs := scan(t, "tfplan/hcl/plan.json")[0].Documents
		buckets := 0
		for _, d := range docs {
			if d.Type == "aws_s3_bucket" {
				buckets++
				if d.Input()["related_unknown"] != true {
					t.Errorf("%s: related_unknown not set", d.Address)
				}
			}
		}
		if buckets == 0 {
			t.Fatal("no bucket in the plan: the test checks nothing")
		}
		if got := scantest.Findings(t, docs, scantest.Rules("TG-AWS-207", "TG-AWS-033")); len(got) != 0 {
			t.Errorf("findings %v on a plan, want none", got)
		}
	})
	t.Run("plan alone", func(t *testing.T) {
		const plan = "tfplan/json-only/plan.json"
		want := []string{
			"TG-AWS-002 " + plan + ":359-361",
			"TG-AWS-010 " + plan + ":215-215",
			"TG-AWS-020 " + plan + ":203-203",
		}
		if got := scantest.Findings(t, scan(t, plan)[0].Documents, scantest.Rules(rules...)); !reflect.DeepEqual(got, want) {
			t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	})
}
