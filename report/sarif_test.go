package report

import (
	"bytes"
	"encoding/json"
	"net/url"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/tollgate/tollgate/internal/testtools"
)

var sarifSchemaFile = filepath.Join("..", "testdata", "schemas", "sarif-schema-2.1.0.json")

func TestWriteSARIFGolden(t *testing.T) {
	got := render(t, WriteSARIF, testReport())
	golden(t, "golden.sarif", got)
	sch := compileSchema(t, sarifSchemaFile, nil)
	validate(t, sch, "golden.sarif", got)
	checkGitHub(t, got)

	// The schema is live: an invalid level and a malformed URI reference fail.
	for _, bad := range [][2]string{
		{`"level": "warning"`, `"level": "severe"`},
		{`"uri": "terraform/main.tf"`, `"uri": "terraform/%zz.tf"`},
	} {
		if err := testtools.Validate(sch, bytes.Replace(got, []byte(bad[0]), []byte(bad[1]), 1)); err == nil {
			t.Errorf("official schema accepted %s", bad[1])
		}
	}
}

func TestWriteSARIFEmpty(t *testing.T) {
	got := render(t, WriteSARIF, emptyReport())
	validate(t, compileSchema(t, sarifSchemaFile, nil), "empty report", got)
	checkGitHub(t, got)
	log := decodeSARIF(t, got)
	run := log.Runs[0]
	if run.Results == nil || len(run.Results) != 0 {
		t.Errorf("results = %v, want []", run.Results)
	}
	if inv := run.Invocations[0]; !inv.ExecutionSuccessful || len(inv.ToolExecutionNotifications) != 0 {
		t.Errorf("invocation of a clean scan: %+v", inv)
	}
}

func TestWriteSARIFContent(t *testing.T) {
	log := decodeSARIF(t, render(t, WriteSARIF, testReport()))
	if len(log.Runs) != 1 {
		t.Fatalf("%d runs, want 1", len(log.Runs))
	}
	run := log.Runs[0]
	if d := run.Tool.Driver; d.Name != "tollgate" || d.Version != "test" || d.InformationURI != "" {
		t.Errorf("driver = %+v", d)
	}
	// Three documented rules, and TG-IMG-002 described from its finding.
	if len(run.Tool.Driver.Rules) != 4 {
		t.Fatalf("%d rules, want 4", len(run.Tool.Driver.Rules))
	}
	aws := run.Tool.Driver.Rules[0]
	if aws.ID != "TG-AWS-001" || aws.Name != "S3BucketIsPubliclyReadable" ||
		aws.HelpURI != "https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html" ||
		aws.Properties.SecuritySeverity != "8.0" || aws.Properties.ProblemSeverity != "error" ||
		strings.Join(aws.Properties.Tags, ",") != "security,storage,cis-aws-2.0,nist-800-53" {
		t.Errorf("rule TG-AWS-001 = %+v", aws)
	}
	if img := run.Tool.Driver.Rules[1]; img.HelpURI != "" || !strings.Contains(img.Help.Text, "Add a USER") {
		t.Errorf("rule without references = %+v", img)
	}

	levels := map[string]string{}
	for _, res := range run.Results {
		levels[res.RuleID] = res.Level
	}
	if levels["TG-IMG-001"] != "error" || levels["TG-AWS-001"] != "error" || levels["TG-K8S-002"] != "warning" {
		t.Errorf("levels = %v", levels)
	}

	iac := run.Results[1]
	pl := iac.Locations[0].PhysicalLocation
	if iac.RuleID != "TG-AWS-001" || pl.ArtifactLocation.URI != "terraform/main.tf" ||
		pl.ArtifactLocation.URIBaseID != "%SRCROOT%" || pl.Region.StartLine != 19 || pl.Region.EndLine != 19 ||
		iac.PartialFingerprints["tollgate/v1"] != "a87ff679a2f3e71d9181a67b7542122c" {
		t.Errorf("IaC result = %+v, location %+v", iac, pl)
	}

	// The image finding: a relative URI GitHub accepts, and the image and its
	// digest as a logical location.
	img := run.Results[2]
	loc := img.Locations[0]
	if img.RuleID != "TG-IMG-001" || loc.PhysicalLocation.ArtifactLocation.URI != "ghcr.io/acme/api%3A1.4.2" ||
		len(loc.LogicalLocations) != 1 ||
		loc.LogicalLocations[0].FullyQualifiedName != "ghcr.io/acme/api:1.4.2@"+testDigest {
		t.Errorf("image result = %+v", img)
	}

	inv := run.Invocations[0]
	if inv.ExecutionSuccessful || len(inv.ToolExecutionNotifications) != 2 {
		t.Fatalf("invocation = %+v", inv)
	}
	if w := inv.ToolExecutionNotifications[1]; w.Level != "warning" || !strings.Contains(w.Message.Text, "quoted type constraint") ||
		w.Locations[0].PhysicalLocation.ArtifactLocation.URI != "infra/vars.tf" || w.Locations[0].PhysicalLocation.Region.StartLine != 2 {
		t.Errorf("warning notification = %+v", w)
	}
	n := inv.ToolExecutionNotifications[0]
	if n.Level != "error" || !strings.HasPrefix(n.Message.Text, "yaml: line 7") ||
		n.Locations[0].PhysicalLocation.ArtifactLocation.URI != "k8s/broken.yaml" ||
		n.Locations[0].PhysicalLocation.Region.StartLine != 7 {
		t.Errorf("notification = %+v", n)
	}
}

func TestWriteSARIFEdgeCases(t *testing.T) {
	r := emptyReport()
	r.Tool.URI = "https://example.com/tollgate"
	r.Findings = []Finding{
		// A rule missing from r.Rules, an image whose reference has a port,
		// and a finding on a whole file.
		{RuleID: "TG-X-9", Title: "Undocumented rule", Severity: SeverityLow, Message: "m",
			Location: Location{Image: "localhost:5000/app:1.0", Digest: testDigest}, Fingerprint: "f1"},
		{RuleID: "TG-X-9", Title: "Undocumented rule", Severity: SeverityInfo, Message: "m",
			Location: Location{Path: "dir with space/a.tf"}, Fingerprint: "f2"},
	}
	r.Errors = []Error{{Path: "localhost:5000/app:1.0", Message: "manifest unknown"}}
	r.Targets = []Target{{Path: "localhost:5000/app:1.0", Format: "image", Status: StatusFailed}}
	got := render(t, WriteSARIF, r)
	validate(t, compileSchema(t, sarifSchemaFile, nil), "edge cases", got)
	checkGitHub(t, got)

	run := decodeSARIF(t, got).Runs[0]
	if run.Tool.Driver.InformationURI != "https://example.com/tollgate" {
		t.Errorf("informationUri = %q", run.Tool.Driver.InformationURI)
	}
	if len(run.Tool.Driver.Rules) != 1 || run.Tool.Driver.Rules[0].ShortDescription.Text != "Undocumented rule" {
		t.Errorf("rules = %+v", run.Tool.Driver.Rules)
	}
	uris := []string{}
	for _, res := range run.Results {
		uris = append(uris, res.Locations[0].PhysicalLocation.ArtifactLocation.URI)
		if res.Level != "note" {
			t.Errorf("low/info result level = %q, want note", res.Level)
		}
	}
	if strings.Join(uris, " ") != "dir%20with%20space/a.tf localhost%3A5000/app%3A1.0" {
		t.Errorf("uris = %v", uris)
	}
	if reg := run.Results[0].Locations[0].PhysicalLocation.Region; reg.StartLine != 1 || reg.EndLine != 1 {
		t.Errorf("whole-file region = %+v, want line 1", reg)
	}
	n := run.Invocations[0].ToolExecutionNotifications[0]
	if n.Locations[0].PhysicalLocation != nil || n.Locations[0].LogicalLocations[0].Name != "localhost:5000/app:1.0" {
		t.Errorf("image error notification = %+v", n.Locations[0])
	}
}

func TestSARIFSeverityMapping(t *testing.T) {
	for _, c := range []struct{ sev, level, problem, score string }{
		{SeverityCritical, "error", "error", "9.5"},
		{SeverityHigh, "error", "error", "8.0"},
		{SeverityMedium, "warning", "warning", "5.5"},
		{SeverityLow, "note", "recommendation", "3.0"},
		{SeverityInfo, "note", "recommendation", "0.0"},
	} {
		if l := sarifLevel(c.sev); l != c.level {
			t.Errorf("sarifLevel(%s) = %s, want %s", c.sev, l, c.level)
		}
		if p := problemSeverity(c.sev); p != c.problem {
			t.Errorf("problemSeverity(%s) = %s, want %s", c.sev, p, c.problem)
		}
		if s := severityScores[c.sev]; s != c.score {
			t.Errorf("security-severity(%s) = %s, want %s", c.sev, s, c.score)
		}
	}
}

// sarifLog is the part of a SARIF log the tests read, decoded independently
// of go-sarif's types.
type sarifLog struct {
	Runs []struct {
		Tool struct {
			Driver struct {
				Name           string        `json:"name"`
				Version        string        `json:"version"`
				InformationURI string        `json:"informationUri"`
				Rules          []decodedRule `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Results     []decodedResult `json:"results"`
		Invocations []struct {
			ExecutionSuccessful        bool `json:"executionSuccessful"`
			ToolExecutionNotifications []struct {
				Level     string                `json:"level"`
				Message   struct{ Text string } `json:"message"`
				Locations []decodedLocation     `json:"locations"`
			} `json:"toolExecutionNotifications"`
		} `json:"invocations"`
	} `json:"runs"`
}

type decodedRule struct {
	ID               string `json:"id"`
	Name             string `json:"name"`
	ShortDescription struct {
		Text string `json:"text"`
	} `json:"shortDescription"`
	Help struct {
		Text     string `json:"text"`
		Markdown string `json:"markdown"`
	} `json:"help"`
	HelpURI    string `json:"helpUri"`
	Properties struct {
		SecuritySeverity any      `json:"security-severity"`
		ProblemSeverity  string   `json:"problem.severity"`
		Tags             []string `json:"tags"`
	} `json:"properties"`
}

type decodedResult struct {
	RuleID              string                `json:"ruleId"`
	RuleIndex           *int                  `json:"ruleIndex"`
	Level               string                `json:"level"`
	Message             struct{ Text string } `json:"message"`
	Locations           []decodedLocation     `json:"locations"`
	PartialFingerprints map[string]string     `json:"partialFingerprints"`
}

type decodedLocation struct {
	PhysicalLocation *struct {
		ArtifactLocation *struct {
			URI       string `json:"uri"`
			URIBaseID string `json:"uriBaseId"`
		} `json:"artifactLocation"`
		Region *struct {
			StartLine int `json:"startLine"`
			EndLine   int `json:"endLine"`
		} `json:"region"`
	} `json:"physicalLocation"`
	LogicalLocations []struct {
		Name               string `json:"name"`
		FullyQualifiedName string `json:"fullyQualifiedName"`
	} `json:"logicalLocations"`
}

func decodeSARIF(t *testing.T, data []byte) *sarifLog {
	t.Helper()
	var log sarifLog
	if err := json.Unmarshal(data, &log); err != nil {
		t.Fatal(err)
	}
	return &log
}

// uriPath is an RFC 3986 path: no spaces or other characters left unencoded
// (url.Parse, and so the schema's format check, lets them through).
var uriPath = regexp.MustCompile(`^(?:[A-Za-z0-9._~!$&'()*+,;=:@/-]|%[0-9A-Fa-f]{2})*$`)

// checkGitHub asserts what GitHub code scanning documents or enforces on
// upload beyond the SARIF schema.
func checkGitHub(t *testing.T, data []byte) {
	t.Helper()
	log := decodeSARIF(t, data)
	for _, run := range log.Runs {
		if run.Tool.Driver.Name == "" {
			t.Errorf("tool.driver.name is empty")
		}
		ids := map[string]int{}
		for i, rule := range run.Tool.Driver.Rules {
			if _, dup := ids[rule.ID]; dup {
				t.Errorf("rule %s listed twice", rule.ID)
			}
			ids[rule.ID] = i
			// "security-severity" must be a string holding a number in [0, 10].
			s, ok := rule.Properties.SecuritySeverity.(string)
			if !ok {
				t.Errorf("rule %s: security-severity %#v is not a string", rule.ID, rule.Properties.SecuritySeverity)
				continue
			}
			if v, err := strconv.ParseFloat(s, 64); err != nil || v < 0 || v > 10 {
				t.Errorf("rule %s: security-severity %q is not a number in [0, 10]", rule.ID, s)
			}
			if len(rule.Properties.Tags) > 20 {
				t.Errorf("rule %s: more than 20 tags", rule.ID)
			}
			switch rule.Properties.ProblemSeverity {
			case "error", "warning", "recommendation":
			default:
				t.Errorf("rule %s: problem.severity %q", rule.ID, rule.Properties.ProblemSeverity)
			}
		}
		for k, res := range run.Results {
			i, ok := ids[res.RuleID]
			if !ok {
				t.Errorf("result %d: ruleId %q is not among the rules", k, res.RuleID)
			}
			if res.RuleIndex == nil || *res.RuleIndex != i {
				t.Errorf("result %d: ruleIndex %v, want %d", k, res.RuleIndex, i)
			}
			if res.Message.Text == "" {
				t.Errorf("result %d: empty message.text", k)
			}
			// GitHub rejects a result whose first location has no artifact URI
			// ("locationFromSarifResult: expected a physical location").
			if len(res.Locations) == 0 || res.Locations[0].PhysicalLocation == nil ||
				res.Locations[0].PhysicalLocation.ArtifactLocation == nil ||
				res.Locations[0].PhysicalLocation.ArtifactLocation.URI == "" {
				t.Errorf("result %d: locations[0].physicalLocation.artifactLocation.uri missing", k)
				continue
			}
			pl := res.Locations[0].PhysicalLocation
			uri := pl.ArtifactLocation.URI
			if u, err := url.Parse(uri); err != nil || u.Scheme != "" || strings.HasPrefix(uri, "/") ||
				!uriPath.MatchString(uri) {
				t.Errorf("result %d: uri %q is not a relative reference", k, uri)
			}
			if pl.Region == nil || pl.Region.StartLine < 1 {
				t.Errorf("result %d: region.startLine missing or < 1", k)
			} else if pl.Region.EndLine != 0 && pl.Region.EndLine < pl.Region.StartLine {
				t.Errorf("result %d: endLine %d < startLine %d", k, pl.Region.EndLine, pl.Region.StartLine)
			}
			if len(res.PartialFingerprints) == 0 {
				t.Errorf("result %d: no partialFingerprints", k)
			}
		}
	}
}
