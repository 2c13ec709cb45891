package cloudformation_test

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tollgate/tollgate/internal/scantest"
	"github.com/tollgate/tollgate/scanners"
	"github.com/tollgate/tollgate/scanners/cloudformation"
)

// testdata is the root the fixtures' paths are relative to.
var testdata = os.DirFS("../../testdata")

func scan(t *testing.T, files ...string) []scanners.Result {
	t.Helper()
	return scantest.Scan(t, cloudformation.New(), testdata, files...)
}

func TestMatch(t *testing.T) {
	cases := []struct {
		path, head string
		want       bool
	}{
		{"stack.yaml", "AWSTemplateFormatVersion: \"2010-09-09\"\nResources: {}\n", true},
		{"stack.template", "Resources:\n  B:\n    Type: AWS::S3::Bucket\n", true},
		{"stack.json", `{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {}}`, true},
		{"stack.json", `{"Resources": {"B": {"Type": "AWS::S3::Bucket"}}}`, true},
		{"sam.yml", "Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n", true},
		// Content decides: an extension alone is not enough...
		{"values.yaml", "replicas: 2\nimage: nginx\n", false},
		{"package.json", `{"name": "x", "version": "1.0.0"}`, false},
		// ...nor is content in a file that is not YAML or JSON.
		{"README.md", "AWSTemplateFormatVersion: \"2010-09-09\"\n", false},
		// Resources must be top-level, with an AWS type.
		{"serverless.yml", "service: x\nresources:\n  Resources:\n    B:\n      Type: AWS::S3::Bucket\n", false},
		{"other.yaml", "Resources:\n  B:\n    Type: Custom::Thing\n", false},
		// A Kubernetes manifest embedding a template is a manifest.
		{"cm.yaml", "apiVersion: v1\nkind: ConfigMap\ndata:\n  t.yaml: |\n    AWSTemplateFormatVersion: x\nAWSTemplateFormatVersion: x\n", false},
	}
	s := cloudformation.New()
	for _, tc := range cases {
		if got := s.Match(tc.path, []byte(tc.head)); got != tc.want {
			t.Errorf("Match(%s, %q) = %v, want %v", tc.path, tc.head, got, tc.want)
		}
	}
	if s.Name() != "cloudformation" {
		t.Errorf("Name() = %q", s.Name())
	}
}

func TestScanGolden(t *testing.T) {
	for _, c := range []string{"yaml/template.yaml", "json/template.json", "pass/template.yaml"} {
		t.Run(c, func(t *testing.T) {
			res := scan(t, "cloudformation/"+c)
			if len(res) != 1 || len(res[0].Errors) > 0 {
				t.Fatalf("results %+v", res)
			}
			if res[0].Format != "cloudformation" || res[0].Path != "cloudformation/"+c {
				t.Errorf("result format %q path %q", res[0].Format, res[0].Path)
			}
			golden := filepath.Join("../../testdata/cloudformation", filepath.Dir(c), "documents.golden")
			scantest.Golden(t, golden, scantest.DocumentsJSON(t, res[0].Documents))
		})
	}
}

// find returns the document named name.
func find(t *testing.T, docs []scanners.Document, name string) scanners.Document {
	t.Helper()
	for _, d := range docs {
		if d.Name == name {
			return d
		}
	}
	t.Fatalf("no document %s", name)
	return scanners.Document{}
}

func lines(start, end int) map[string]any {
	return map[string]any{"start_line": start, "end_line": end}
}

func unknownAt(start, end int) map[string]any {
	return map[string]any{"start_line": start, "end_line": end, "unknown": true}
}

func TestScanYAMLIntrinsics(t *testing.T) {
	res := scan(t, "cloudformation/yaml/template.yaml")
	docs := res[0].Documents
	var order []string
	for _, d := range docs {
		order = append(order, d.Type+" "+d.Name)
	}
	want := []string{
		"AWS::S3::Bucket WebsiteBucket", "AWS::S3::Bucket UploadsBucket", "AWS::RDS::DBInstance OrdersDB",
		"AWS::RDS::DBInstance ReportsDB", "AWS::RDS::DBInstance AnalyticsDB", "AWS::CloudTrail::Trail Trail",
		"AWS::EC2::SecurityGroup BastionSG",
	}
	if !reflect.DeepEqual(order, want) {
		t.Fatalf("documents %q, want %q", order, want)
	}

	site := find(t, docs, "WebsiteBucket")
	if site.Address != "WebsiteBucket" || site.Format != "cloudformation" || site.Path != "cloudformation/yaml/template.yaml" {
		t.Errorf("document %+v", site)
	}
	if got := scantest.Loc(t, site.Resource); got["start_line"] != 33 || got["end_line"] != 41 {
		t.Errorf("WebsiteBucket lines %v-%v, want 33-41", got["start_line"], got["end_line"])
	}
	props := site.Resource["Properties"].(map[string]any)
	if props["BucketName"] != "orders-prod-site" || !reflect.DeepEqual(scantest.Attr(t, props, "BucketName"), lines(37, 37)) {
		t.Errorf("!Sub with a parameter default: %v at %v", props["BucketName"], scantest.Attr(t, props, "BucketName"))
	}
	if site.Resource["DeletionPolicy"] != "Retain" {
		t.Errorf("DeletionPolicy = %v", site.Resource["DeletionPolicy"])
	}
	tag := props["Tags"].([]any)[0].(map[string]any)
	if _, ok := tag["Value"]; ok || !reflect.DeepEqual(scantest.Attr(t, tag, "Value"), unknownAt(41, 41)) {
		t.Errorf("!GetAtt must be unknown at line 41: %v %v", tag, scantest.Attr(t, tag, "Value"))
	}

	uploads := find(t, docs, "UploadsBucket").Resource["Properties"].(map[string]any)
	if uploads["AccessControl"] != "PublicReadWrite" || !reflect.DeepEqual(scantest.Attr(t, uploads, "AccessControl"), lines(46, 46)) {
		t.Errorf("!Ref to a parameter default: %v at %v", uploads["AccessControl"], scantest.Attr(t, uploads, "AccessControl"))
	}
	if _, ok := uploads["LoggingConfiguration"]; ok || scantest.Attr(t, uploads, "LoggingConfiguration")["unknown"] != nil {
		t.Errorf("!Ref AWS::NoValue removes the property, and it is not unknown: %v", uploads)
	}

	orders := find(t, docs, "OrdersDB")
	op := orders.Resource["Properties"].(map[string]any)
	if op["BackupRetentionPeriod"] != 0 || !reflect.DeepEqual(scantest.Attr(t, op, "BackupRetentionPeriod"), lines(57, 57)) {
		t.Errorf("!FindInMap: %v at %v", op["BackupRetentionPeriod"], scantest.Attr(t, op, "BackupRetentionPeriod"))
	}
	if op["MasterUserPassword"] != "Sup3rSecretPw!" {
		t.Errorf("!Ref to a NoEcho default: %v", op["MasterUserPassword"])
	}
	if !reflect.DeepEqual(orders.Secrets, []string{"Sup3rSecretPw!"}) {
		t.Errorf("secrets %q: want the NoEcho default", orders.Secrets)
	}

	reports := find(t, docs, "ReportsDB").Resource["Properties"].(map[string]any)
	for key, want := range map[string]map[string]any{"StorageEncrypted": unknownAt(64, 64), "BackupRetentionPeriod": unknownAt(65, 65)} {
		if _, ok := reports[key]; ok || !reflect.DeepEqual(scantest.Attr(t, reports, key), want) {
			t.Errorf("%s: a parameter without default and Fn::If are unknown: %v %v", key, reports[key], scantest.Attr(t, reports, key))
		}
	}

	analytics := find(t, docs, "AnalyticsDB")
	if got := scantest.Loc(t, analytics.Resource["Properties"]); got["start_line"] != 69 || got["end_line"] != 71 {
		t.Errorf("AnalyticsDB Properties lines %v", got)
	}

	trail := find(t, docs, "Trail").Resource["Properties"].(map[string]any)
	if trail["S3BucketName"] != "audit-prod" {
		t.Errorf("!Join: %v", trail["S3BucketName"])
	}

	sg := find(t, docs, "BastionSG").Resource["Properties"].(map[string]any)
	ingress := sg["SecurityGroupIngress"].([]any)
	if len(ingress) != 3 {
		t.Fatalf("ingress %v", ingress)
	}
	ssh := ingress[1].(map[string]any)
	if ssh["CidrIp"] != "0.0.0.0/0" || !reflect.DeepEqual(scantest.Attr(t, ssh, "CidrIp"), lines(92, 92)) {
		t.Errorf("!Select over a CommaDelimitedList default: %v at %v", ssh["CidrIp"], scantest.Attr(t, ssh, "CidrIp"))
	}
	if _, ok := sg["VpcId"]; ok || !reflect.DeepEqual(scantest.Attr(t, sg, "VpcId"), unknownAt(83, 83)) {
		t.Errorf("!ImportValue must be unknown: %v", scantest.Attr(t, sg, "VpcId"))
	}
}

func TestScanJSON(t *testing.T) {
	docs := scan(t, "cloudformation/json/template.json")[0].Documents
	logs := find(t, docs, "LogsBucket")
	if got := scantest.Loc(t, logs.Resource); got["start_line"] != 10 || got["end_line"] != 18 {
		t.Errorf("LogsBucket lines %v-%v, want 10-18 (to its closing brace)", got["start_line"], got["end_line"])
	}
	props := logs.Resource["Properties"].(map[string]any)
	if !reflect.DeepEqual(scantest.Attr(t, props, "AccessControl"), lines(13, 13)) {
		t.Errorf("AccessControl at %v, want 13", scantest.Attr(t, props, "AccessControl"))
	}
	if !reflect.DeepEqual(scantest.Attr(t, props, "BucketName"), unknownAt(14, 16)) {
		t.Errorf("Fn::Join over AWS::AccountId must be unknown at 14-16: %v", scantest.Attr(t, props, "BucketName"))
	}
	ingress := find(t, docs, "RdpIngress").Resource["Properties"].(map[string]any)
	if ingress["CidrIp"] != "0.0.0.0/0" || !reflect.DeepEqual(scantest.Attr(t, ingress, "CidrIp"), lines(32, 32)) {
		t.Errorf("Ref to a default written with \\/: %v at %v", ingress["CidrIp"], scantest.Attr(t, ingress, "CidrIp"))
	}
}

func TestScanResourceWithoutProperties(t *testing.T) {
	res := scan(t, "cloudformation/bad-resource/template.yaml")[0]
	bucket := find(t, res.Documents, "Bucket")
	if got := scantest.Loc(t, bucket.Resource["Properties"]); got["start_line"] != 7 || got["end_line"] != 8 {
		t.Errorf("the empty Properties of a resource written without any is located on it: %v", got)
	}
}

func TestScanErrors(t *testing.T) {
	type fileErr struct {
		Line int
		Msg  string
	}
	errs := func(r scanners.Result) []fileErr {
		var out []fileErr
		for _, e := range r.Errors {
			out = append(out, fileErr{e.Line, e.Err.Error()})
		}
		return out
	}

	// Line 6 opens a flow sequence that is never closed.
	r := scan(t, "cloudformation/syntax-error/template.yaml")[0]
	if got := errs(r); len(got) != 1 || got[0].Line != 6 || !strings.Contains(got[0].Msg, "yaml:") || len(r.Documents) != 0 {
		t.Errorf("syntax error: %+v, %d documents; want one yaml error at line 6", got, len(r.Documents))
	}

	r = scan(t, "cloudformation/bad-resource/template.yaml")[0]
	want := []fileErr{{3, "resource NoType has no Type"}, {6, "resource NotAMapping is not a mapping"}}
	if got := errs(r); !reflect.DeepEqual(got, want) || len(r.Documents) != 1 {
		t.Errorf("errors %+v, want %+v and the other resource scanned (got %d documents)", got, want, len(r.Documents))
	}

	fsys := fstest.MapFS{
		"bad.json":      {Data: []byte("{\n  \"AWSTemplateFormatVersion\": \"2010-09-09\",\n  \"Resources\": {\n    \"B\": {\"Type\": \"AWS::S3::Bucket\",}\n  }\n}\n")},
		"nores.yaml":    {Data: []byte("AWSTemplateFormatVersion: \"2010-09-09\"\nResources: []\n")},
		"two-docs.yaml": {Data: []byte("AWSTemplateFormatVersion: \"2010-09-09\"\nResources: {}\n---\nResources: {}\n")},
	}
	results := cloudformation.New().Scan(context.Background(), fsys, []string{"bad.json", "nores.yaml", "two-docs.yaml", "missing.yaml"})
	got := map[string][]fileErr{}
	for _, r := range results {
		got[r.Path] = errs(r)
	}
	if e := got["bad.json"]; len(e) != 1 || e[0].Line != 4 || !strings.HasPrefix(e[0].Msg, "json: ") {
		t.Errorf("malformed JSON: %+v, want a json error at line 4", e)
	}
	if e := got["nores.yaml"]; !reflect.DeepEqual(e, []fileErr{{2, "not a CloudFormation template: no Resources mapping"}}) {
		t.Errorf("Resources not a mapping: %+v", e)
	}
	if e := got["two-docs.yaml"]; len(e) != 1 || e[0].Line != 4 {
		t.Errorf("second YAML document: %+v, want an error at line 4", e)
	}
	if e := got["missing.yaml"]; len(e) != 1 || e[0].Line != 0 {
		t.Errorf("unreadable file: %+v", e)
	}
}

func TestScanSecrets(t *testing.T) {
	src := `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  ApiKeyName:
    Type: AWS::SSM::Parameter::Value<String>
    Default: /orders/api-key
Resources:
  Cache:
    Type: AWS::ElastiCache::ReplicationGroup
    Properties:
      AuthToken: literal-auth-token-123
      TransitEncryptionEnabled: true
  Api:
    Type: AWS::ApiGateway::Method
    Properties:
      AuthorizationType: NONE
      ApiKeyRequired: !Ref ApiKeyName
  Secret:
    Type: AWS::SecretsManager::Secret
    Properties:
      SecretString: '{"password": "hunter2-literal"}'
      GenerateSecretString:
        SecretStringTemplate: '{"username": "orders"}'
        PasswordLength: 32
`
	res := cloudformation.New().Scan(context.Background(), fstest.MapFS{"t.yaml": {Data: []byte(src)}}, []string{"t.yaml"})[0]
	if len(res.Errors) > 0 {
		t.Fatal(res.Errors)
	}
	got := map[string][]string{}
	for _, d := range res.Documents {
		got[d.Name] = d.Secrets
	}
	want := map[string][]string{
		"Cache":  {"literal-auth-token-123"},
		"Api":    nil,
		"Secret": {`{"password": "hunter2-literal"}`},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("secrets %q, want %q", got, want)
	}
	// The default of an SSM parameter type is the parameter's name, not
	// its value.
	api := find(t, res.Documents, "Api").Resource["Properties"].(map[string]any)
	if _, ok := api["ApiKeyRequired"]; ok || scantest.Attr(t, api, "ApiKeyRequired")["unknown"] != true {
		t.Errorf("Ref to an SSM parameter must be unknown: %v", api)
	}
}

func TestPolicies(t *testing.T) {
	docs := scantest.Documents(scan(t, "cloudformation/yaml/template.yaml", "cloudformation/json/template.json", "cloudformation/pass/template.yaml")...)
	const y, j = "cloudformation/yaml/template.yaml", "cloudformation/json/template.json"
	want := []string{
		"TG-CFN-001 " + j + ":13-13", // PublicRead
		"TG-CFN-001 " + y + ":38-38", // PublicRead
		"TG-CFN-001 " + y + ":46-46", // !Ref BucketAcl, default PublicReadWrite
		"TG-CFN-002 " + j + ":23-23", // "false"
		"TG-CFN-002 " + y + ":56-56", // false
		"TG-CFN-002 " + y + ":69-71", // AnalyticsDB: not set
		"TG-CFN-003 " + j + ":24-24", // "0"
		"TG-CFN-003 " + y + ":57-57", // !FindInMap to 0
		"TG-CFN-004 " + y + ":75-77", // IsMultiRegionTrail not set
		"TG-CFN-004 " + y + ":76-76", // IsLogging: false
		"TG-CFN-005 " + j + ":32-32", // IpProtocol -1 from the AllowedCidr default
		"TG-CFN-005 " + y + ":92-92", // port 22 from !Select over AdminCidrs
	}
	if got := scantest.Findings(t, docs, scantest.Rules("TG-CFN-001", "TG-CFN-002", "TG-CFN-003", "TG-CFN-004", "TG-CFN-005")); !reflect.DeepEqual(got, want) {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestListWithUnknownItemsIsMarkedUnknown: an item the template does not
// decide is dropped from its list, and the list is marked unknown, so no
// rule concludes from what it lacks.
func TestListWithUnknownItemsIsMarkedUnknown(t *testing.T) {
	src := `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Extra:
    Type: String
Resources:
  Group:
    Type: AWS::IAM::Group
    Properties:
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/ReadOnlyAccess
        - !Ref Extra
`
	res := cloudformation.New().Scan(context.Background(), fstest.MapFS{"t.yaml": {Data: []byte(src)}}, []string{"t.yaml"})[0]
	if len(res.Documents) != 1 {
		t.Fatalf("documents %+v errors %v", res.Documents, res.Errors)
	}
	props := scantest.At(t, res.Documents[0].Resource, "Properties").(map[string]any)
	if got, _ := props["ManagedPolicyArns"].([]any); len(got) != 1 {
		t.Errorf("ManagedPolicyArns = %v, want the known item kept", props["ManagedPolicyArns"])
	}
	if a := scantest.Attr(t, props, "ManagedPolicyArns"); a["unknown"] != true {
		t.Errorf("the list that lost an item is not marked unknown: %v", a)
	}
}

// TestYAML11Booleans: CloudFormation reads templates as YAML 1.1, so a
// plain `yes` or `on` is true and the rule fires; a quoted "yes" and a `y`
// (not a YAML 1.1 boolean in PyYAML, which cfn-lint uses) stay strings.
func TestYAML11Booleans(t *testing.T) {
	src := `AWSTemplateFormatVersion: 2010-09-09
Resources:
  Yes1:
    Type: AWS::RDS::DBInstance
    Properties:
      PubliclyAccessible: yes
  On1:
    Type: AWS::RDS::DBInstance
    Properties:
      PubliclyAccessible: On
  Quoted:
    Type: AWS::RDS::DBInstance
    Properties:
      PubliclyAccessible: "yes"
  Y:
    Type: AWS::RDS::DBInstance
    Properties:
      PubliclyAccessible: y
`
	res := scantest.Scan(t, cloudformation.New(), fstest.MapFS{"t.yaml": {Data: []byte(src)}}, "t.yaml")[0]
	if len(res.Errors) != 0 || len(res.Documents) != 4 {
		t.Fatalf("errors %v, %d documents", res.Errors, len(res.Documents))
	}
	for name, want := range map[string]any{"Yes1": true, "On1": true, "Quoted": "yes", "Y": "y"} {
		props := find(t, res.Documents, name).Resource["Properties"].(map[string]any)
		if props["PubliclyAccessible"] != want {
			t.Errorf("%s: PubliclyAccessible = %#v, want %#v", name, props["PubliclyAccessible"], want)
		}
	}
	var got []string
	for _, f := range scantest.Evaluate(t, res.Documents, func(id string) bool { return strings.HasPrefix(id, "TG-CFN-") }) {
		if strings.Contains(f.Span, ":6-6") || strings.Contains(f.Span, ":10-10") || strings.Contains(f.Span, ":14-14") || strings.Contains(f.Span, ":18-18") {
			got = append(got, f.Document.Name+" "+f.Span)
		}
	}
	if sort.Strings(got); strings.Join(got, ",") != "On1 t.yaml:10-10,Yes1 t.yaml:6-6" {
		t.Errorf("findings on PubliclyAccessible: %v, want Yes1 and On1", got)
	}
}
