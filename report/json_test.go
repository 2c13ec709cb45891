package report

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tollgate/tollgate/internal/testtools"
)

var reportSchemaFile = filepath.Join("schema", "report.schema.json")

func TestWriteJSONGolden(t *testing.T) {
	got := render(t, WriteJSON, testReport())
	golden(t, "golden.json", got)
	validate(t, compileSchema(t, reportSchemaFile, nil), "golden.json", got)
	if !bytes.HasSuffix(got, []byte("}\n")) || !bytes.HasPrefix(got, []byte("{\n  \"version\": \"1\",\n")) {
		t.Errorf("want two-space indented JSON with a trailing newline, got:\n%.80s", got)
	}
}

// TestJSONSchemaDocumentsEveryField validates against a closed copy of the
// schema (additionalProperties: false wherever properties are listed), so a
// field added to the model fails here until the schema documents it. The
// published schema stays open: version "1" may gain fields.
func TestJSONSchemaDocumentsEveryField(t *testing.T) {
	closed := compileSchema(t, reportSchemaFile, testtools.CloseObjects)
	validate(t, closed, "golden.json (closed schema)", render(t, WriteJSON, testReport()))
	validate(t, closed, "empty report (closed schema)", render(t, WriteJSON, emptyReport()))
}

func TestWriteJSONEmpty(t *testing.T) {
	got := render(t, WriteJSON, emptyReport())
	validate(t, compileSchema(t, reportSchemaFile, nil), "empty report", got)
	var m map[string]any
	if err := json.Unmarshal(got, &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"findings", "errors", "rules", "targets"} {
		if a, ok := m[k].([]any); !ok || len(a) != 0 {
			t.Errorf("%s = %#v, want []", k, m[k])
		}
	}
	if _, ok := m["images"]; ok {
		t.Errorf("images present in a report without images")
	}
	counts := m["summary"].(map[string]any)["counts"].(map[string]any)
	for _, s := range Severities {
		if counts[s] != float64(0) {
			t.Errorf("summary.counts.%s = %v, want 0", s, counts[s])
		}
	}
	if m["version"] != SchemaVersion {
		t.Errorf("version = %v, want %q", m["version"], SchemaVersion)
	}
}

// TestJSONSchemaRejects makes sure the schema has teeth: each edit of a valid
// report must fail validation.
func TestJSONSchemaRejects(t *testing.T) {
	sch := compileSchema(t, reportSchemaFile, nil)
	cases := map[string]func(r *Report){
		"unknown severity": func(r *Report) { r.Findings[0].Severity = "urgent" },
		"no fingerprint":   func(r *Report) { r.Findings[0].Fingerprint = "" },
		"path and image":   func(r *Report) { r.Findings[0].Location.Path = "Dockerfile" },
		"image without digest": func(r *Report) {
			r.Findings[0].Location.Digest = ""
		},
		"no location":    func(r *Report) { r.Findings[0].Location = Location{} },
		"unknown result": func(r *Report) { r.Summary.Result = "ok" },
		"unknown status": func(r *Report) { r.Targets[0].Status = "done" },
		"error message":  func(r *Report) { r.Errors[0].Message = "" },
		"other version":  func(r *Report) { r.Version = "2" },
		"bad digest":     func(r *Report) { r.Images[0].Digest = "latest" },
	}
	for name, edit := range cases {
		t.Run(strings.ReplaceAll(name, " ", "_"), func(t *testing.T) {
			r := testReport()
			edit(r)
			if err := testtools.Validate(sch, render(t, WriteJSON, r)); err == nil {
				t.Errorf("schema accepted a report with %s", name)
			}
		})
	}
}

// TestWriteJSONStreamsWhatTheEncoderWrites holds WriteJSON, which writes
// findings one at a time, to the bytes of encoding the prepared report
// whole, for reports with no finding, one, several and a compliance view
// (whose controls hold findings of their own).
func TestWriteJSONStreamsWhatTheEncoderWrites(t *testing.T) {
	one := testReport()
	one.Findings = one.Findings[:1]
	for name, r := range map[string]*Report{
		"empty": emptyReport(), "one finding": one, "golden": testReport(), "compliance": complianceReport(),
	} {
		p, err := prepare(r)
		if err != nil {
			t.Fatal(err)
		}
		var whole bytes.Buffer
		enc := json.NewEncoder(&whole)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(p); err != nil {
			t.Fatal(err)
		}
		if got := render(t, WriteJSON, r); !bytes.Equal(got, whole.Bytes()) {
			t.Errorf("%s: streamed JSON differs from the whole encoding:\n%s", name, firstDiff(whole.String(), string(got)))
		}
	}
}
