package cloudformation_test

import (
	"reflect"
	"testing"
	"testing/fstest"

	"github.com/tollgate/tollgate/internal/scantest"
	"github.com/tollgate/tollgate/scanners/cloudformation"
)

const samTemplate = `AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Parameters:
  Mode:
    Type: String
    Default: Active
Globals:
  Function:
    Runtime: python3.12
    Tracing: !Ref Mode
    Environment:
      Variables:
        STAGE: prod
        LEVEL: info
    Layers:
      - arn:aws:lambda:us-east-1:123456789012:layer:common:1
  Api:
    TracingEnabled: true
    AccessLogSetting:
      DestinationArn: arn:aws:logs:us-east-1:123456789012:log-group:api
Resources:
  Plain:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
  Own:
    Type: AWS::Serverless::Function
    Properties:
      Tracing: PassThrough
      Environment:
        Variables:
          LEVEL: debug
      Layers:
        - arn:aws:lambda:us-east-1:123456789012:layer:own:3
  Bare:
    Type: AWS::Serverless::Function
  Ignoring:
    Type: AWS::Serverless::Function
    IgnoreGlobals: [Tracing, Layers]
    Properties:
      Handler: app.handler
  IgnoringAll:
    Type: AWS::Serverless::Function
    IgnoreGlobals: "*"
    Properties:
      Handler: app.handler
  Conditional:
    Type: AWS::Serverless::Function
    Properties:
      Environment: !If [IsProd, {Variables: {X: "1"}}, !Ref AWS::NoValue]
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      TracingEnabled: false
  Whole:
    Type: AWS::Serverless::Function
    Properties: !If [IsProd, {Handler: a.b}, {Handler: c.d}]
  Lambda:
    Type: AWS::Lambda::Function
    Properties:
      Handler: app.handler
`

// TestSAMGlobals: the Globals section is merged into each SAM resource of
// its type as the SAM translator merges it, and what comes from Globals is
// located in Globals.
func TestSAMGlobals(t *testing.T) {
	res := scantest.Scan(t, cloudformation.New(), fstest.MapFS{"sam.yaml": {Data: []byte(samTemplate)}}, "sam.yaml")[0]
	if len(res.Errors) != 0 {
		t.Fatalf("errors %v", res.Errors)
	}
	props := func(name string) map[string]any {
		return find(t, res.Documents, name).Resource["Properties"].(map[string]any)
	}

	plain := props("Plain")
	if plain["Runtime"] != "python3.12" || !reflect.DeepEqual(scantest.Attr(t, plain, "Runtime"), lines(9, 9)) {
		t.Errorf("Runtime from Globals: %v at %v, want python3.12 at 9", plain["Runtime"], scantest.Attr(t, plain, "Runtime"))
	}
	if plain["Tracing"] != "Active" || !reflect.DeepEqual(scantest.Attr(t, plain, "Tracing"), lines(10, 10)) {
		t.Errorf("!Ref in Globals resolved at its Globals line: %v at %v", plain["Tracing"], scantest.Attr(t, plain, "Tracing"))
	}
	if plain["Handler"] != "app.handler" || !reflect.DeepEqual(scantest.Attr(t, plain, "Handler"), lines(25, 25)) {
		t.Errorf("the resource's own property: %v at %v", plain["Handler"], scantest.Attr(t, plain, "Handler"))
	}
	vars := scantest.At(t, plain, "Environment", "Variables").(map[string]any)
	if got := scantest.Loc(t, vars); got["start_line"] != 12 {
		t.Errorf("a map from Globals keeps its lines: %v", got)
	}

	own := props("Own")
	if own["Tracing"] != "PassThrough" || !reflect.DeepEqual(scantest.Attr(t, own, "Tracing"), lines(29, 29)) {
		t.Errorf("the resource's value wins: %v at %v", own["Tracing"], scantest.Attr(t, own, "Tracing"))
	}
	ownVars := scantest.At(t, own, "Environment", "Variables").(map[string]any)
	if ownVars["STAGE"] != "prod" || ownVars["LEVEL"] != "debug" {
		t.Errorf("maps merged key by key, the resource's keys winning: %v", ownVars)
	}
	if !reflect.DeepEqual(scantest.Attr(t, ownVars, "STAGE"), lines(13, 13)) || !reflect.DeepEqual(scantest.Attr(t, ownVars, "LEVEL"), lines(32, 32)) {
		t.Errorf("merged keys keep their own lines: STAGE %v, LEVEL %v", scantest.Attr(t, ownVars, "STAGE"), scantest.Attr(t, ownVars, "LEVEL"))
	}
	want := []any{"arn:aws:lambda:us-east-1:123456789012:layer:common:1", "arn:aws:lambda:us-east-1:123456789012:layer:own:3"}
	if !reflect.DeepEqual(own["Layers"], want) {
		t.Errorf("lists concatenated, Globals first: %v", own["Layers"])
	}

	bare := props("Bare")
	if bare["Runtime"] != "python3.12" || !reflect.DeepEqual(scantest.Attr(t, bare, "Runtime"), lines(9, 9)) {
		t.Errorf("a resource without Properties takes Globals: %v", bare)
	}
	if got := scantest.Loc(t, bare); got["start_line"] != 35 || got["end_line"] != 36 {
		t.Errorf("its Properties are located on the resource: %v", got)
	}

	ignoring := props("Ignoring")
	if _, ok := ignoring["Tracing"]; ok || ignoring["Runtime"] != "python3.12" {
		t.Errorf("IgnoreGlobals [Tracing, Layers]: %v", ignoring)
	}
	if _, ok := ignoring["Layers"]; ok {
		t.Errorf("IgnoreGlobals [Tracing, Layers] kept Layers: %v", ignoring)
	}
	if all := props("IgnoringAll"); len(all) != 2 { // Handler and __loc
		t.Errorf("IgnoreGlobals \"*\": %v", all)
	}

	cond := props("Conditional")
	if _, ok := cond["Environment"]; ok || !scantest.Unknown(cond, "Environment") {
		t.Errorf("an intrinsic is one value, the resource's: Environment %v", cond["Environment"])
	}
	if cond["Runtime"] != "python3.12" {
		t.Errorf("other Globals still apply: %v", cond)
	}

	api := props("Api")
	if api["TracingEnabled"] != false || scantest.At(t, api, "AccessLogSetting", "DestinationArn") != "arn:aws:logs:us-east-1:123456789012:log-group:api" {
		t.Errorf("Globals.Api: %v", api)
	}

	if whole := find(t, res.Documents, "Whole").Resource; whole["Properties"] != nil || !scantest.Unknown(whole, "Properties") {
		t.Errorf("Properties written as an intrinsic take nothing from Globals, and stay unknown: %v", whole)
	}

	if lambda := props("Lambda"); lambda["Runtime"] != nil {
		t.Errorf("Globals apply to SAM resources only: %v", lambda)
	}

	// Each resource has its own copy: resolving one does not change another.
	plain["Runtime"] = "changed"
	if bare["Runtime"] != "python3.12" {
		t.Error("resources share the maps taken from Globals")
	}
}

// TestSAMGlobalsFindings: a rule on a SAM resource sees what Globals sets,
// and points at Globals.
func TestSAMGlobalsFindings(t *testing.T) {
	src := `AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Tracing: PassThrough
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
  Traced:
    Type: AWS::Serverless::Function
    Properties:
      Tracing: Active
`
	res := scantest.Scan(t, cloudformation.New(), fstest.MapFS{"sam.yaml": {Data: []byte(src)}}, "sam.yaml")[0]
	var got []string
	for _, f := range scantest.Evaluate(t, res.Documents, scantest.Rules("TG-CFN-197")) {
		got = append(got, f.Document.Name+" "+f.Span)
	}
	if want := []string{"Fn sam.yaml:5-5"}; !reflect.DeepEqual(got, want) {
		t.Errorf("findings %v, want %v", got, want)
	}
}

// TestSAMGlobalsJSON: a JSON template's Globals are merged the same way.
func TestSAMGlobalsJSON(t *testing.T) {
	src := `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Transform": "AWS::Serverless-2016-10-31",
  "Globals": {"HttpApi": {"AccessLogSettings": {"DestinationArn": "arn:aws:logs:us-east-1:123456789012:log-group:http"}}},
  "Resources": {
    "Http": {"Type": "AWS::Serverless::HttpApi", "Properties": {"AccessLogSettings": {"Format": "$context.requestId"}}}
  }
}
`
	res := scantest.Scan(t, cloudformation.New(), fstest.MapFS{"sam.json": {Data: []byte(src)}}, "sam.json")[0]
	if len(res.Errors) != 0 || len(res.Documents) != 1 {
		t.Fatalf("errors %v, %d documents", res.Errors, len(res.Documents))
	}
	logs := scantest.At(t, res.Documents[0].Resource, "Properties", "AccessLogSettings").(map[string]any)
	if logs["Format"] != "$context.requestId" || logs["DestinationArn"] != "arn:aws:logs:us-east-1:123456789012:log-group:http" {
		t.Errorf("AccessLogSettings merged: %v", logs)
	}
	if !reflect.DeepEqual(scantest.Attr(t, logs, "DestinationArn"), lines(4, 4)) {
		t.Errorf("DestinationArn located in Globals: %v", scantest.Attr(t, logs, "DestinationArn"))
	}
}
