package helm

import (
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"helm.sh/helm/v3/pkg/chart/loader"
	"helm.sh/helm/v3/pkg/chartutil"
	"helm.sh/helm/v3/pkg/engine"
)

func TestMarkLines(t *testing.T) {
	for _, tc := range []struct{ name, src, want string }{
		{"plain lines", "a: 1\nb: 2\n", "a: 1 #__tg7_1__\nb: 2 #__tg7_2__\n"},
		{"no final line break", "a: 1", "a: 1 #__tg7_1__"},
		{"action on one line", "a: {{ .x }}\n", "a: {{ .x }} #__tg7_1__\n"},
		{"trailing trim keeps the line break to itself", "{{- if .x -}}\na: 1\n", "{{- if .x -}}\na: 1 #__tg7_2__\n"},
		{"multi-line action", "{{ dict\n  \"a\" 1 }}\nb: 2\n", "{{ dict\n  \"a\" 1 }} #__tg7_2__\nb: 2 #__tg7_3__\n"},
		{"multi-line comment", "{{/* one\ntwo */}}\nb: 2\n", "{{/* one\ntwo */}} #__tg7_2__\nb: 2 #__tg7_3__\n"},
		{"trimmed comment", "{{- /* }}\n*/ -}}\nb: 2\n", "{{- /* }}\n*/ -}}\nb: 2 #__tg7_3__\n"},
		{"braces in a string", "a: {{ \"}}\" }}\n", "a: {{ \"}}\" }} #__tg7_1__\n"},
		{"blank lines are left alone", "a: 1\n   \n\n{{- if .x }}\n", "a: 1 #__tg7_1__\n   \n\n{{- if .x }} #__tg7_4__\n"},
		{"before trailing blanks", "a: 1  \t\n", "a: 1 #__tg7_1__  \t\n"},
		{"raw string across lines", "{{ `x\n}}` }}\nb: 2\n", "{{ `x\n}}` }} #__tg7_2__\nb: 2 #__tg7_3__\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := markLines(tc.src, 7); got != tc.want {
				t.Errorf("markLines(%q)\n got %q\nwant %q", tc.src, got, tc.want)
			}
		})
	}
}

func TestUnmark(t *testing.T) {
	text, lines := unmark("\n #__tg1_3__\n  app: x\n  b: y #__tg2_9__ #__tg1_5__ #__tg1_6__\nc\n", 1)
	if want := "\n\n  app: x\n  b: y\nc\n"; text != want {
		t.Errorf("text = %q, want %q", text, want)
	}
	// Line 1 takes the next marker below (3); line 3 (from an include) the
	// next (5); line 4 its first own marker, not template 2's; the lines
	// after the last marker the last one.
	want := []int{3, 3, 5, 5, 5, 5}
	if len(lines) != len(want) {
		t.Fatalf("lines = %v, want %v", lines, want)
	}
	for i := range want {
		if lines[i] != want[i] {
			t.Errorf("lines = %v, want %v", lines, want)
			break
		}
	}
}

// edgeChart exercises the template constructs the markers must survive:
// trimming on both sides, conditionals, ranges, comments, multi-line
// actions, defines inside a rendered template, block scalars, trailing
// spaces.
var edgeChart = fstest.MapFS{
	"edge/Chart.yaml":  {Data: []byte("apiVersion: v2\nname: edge\nversion: 1.0.0\n")},
	"edge/values.yaml": {Data: []byte("items: [a, b]\nenabled: true\nlabels:\n  x: \"1\"\n  z: \"2\"\n")},
	"edge/templates/cm.yaml": {Data: []byte(`{{- define "edge.local" -}}
k: v
{{- end -}}
apiVersion: v1
kind: ConfigMap
metadata:
  name: edge   
  labels: {{- toYaml .Values.labels | nindent 4 }}
  {{- /* a comment
  on two lines */}}
data:
  {{- range $i, $v := .Values.items }}
  item{{ $i }}: {{ $v | quote -}}
  {{ end }}
  {{- if .Values.enabled }}
  enabled: "yes"   
   
  {{- else }}
  enabled: "no"
  {{- end }}
  trimmed: x   

  {{- "y" }}
  local: |
    {{- include "edge.local" . | nindent 4 }}
  script: |
    line one
      line two   
  {{ $d := dict
       "a" 1 -}}
  a: {{ $d.a }}
`)},
}

// TestMarkersDoNotChangeOutput renders charts with and without markers:
// once the markers are stripped, the output is byte for byte Helm's.
func TestMarkersDoNotChangeOutput(t *testing.T) {
	for _, tc := range []struct {
		name string
		fsys fs.FS
		dir  string
	}{
		{"basic", os.DirFS("../../testdata/helm/basic"), "mychart"},
		{"subchart", os.DirFS("../../testdata/helm/subchart"), "parent"},
		{"edge", edgeChart, "edge"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			plain := renderFS(t, tc.fsys, tc.dir)
			l, ferr := loadChart(tc.fsys, tc.dir)
			if ferr != nil {
				t.Fatal(ferr)
			}
			l.mark()
			marked, err := engine.Render(l.chart, values(t, l))
			if err != nil {
				t.Fatal(err)
			}
			if len(marked) != len(plain) {
				t.Fatalf("rendered %d templates with markers, %d without", len(marked), len(plain))
			}
			for name, want := range plain {
				got, _ := unmark(marked[name], l.ids[l.templates()[name]])
				if got != want {
					t.Errorf("%s: with markers stripped\n%q\nplain\n%q", name, got, want)
				}
			}
		})
	}
}

func renderFS(t *testing.T, fsys fs.FS, dir string) map[string]string {
	t.Helper()
	l, ferr := loadChart(fsys, dir)
	if ferr != nil {
		t.Fatal(ferr)
	}
	out, err := engine.Render(l.chart, values(t, l))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func values(t *testing.T, l *loadedChart) chartutil.Values {
	t.Helper()
	v, err := renderValues(l.chart, map[string]any{})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestLoadMatchesHelm checks that reading a chart through fs.FS gives what
// Helm's own directory loader gives.
func TestLoadMatchesHelm(t *testing.T) {
	want, err := loader.Load("../../testdata/helm/basic/mychart")
	if err != nil {
		t.Fatal(err)
	}
	got, ferr := loadChart(os.DirFS("../../testdata/helm/basic"), "mychart")
	if ferr != nil {
		t.Fatal(ferr)
	}
	names := func(c interface{ Name() string }, files []string) string {
		return c.Name() + ":" + strings.Join(files, ",")
	}
	var wt, gt []string
	for _, f := range want.Templates {
		wt = append(wt, f.Name)
	}
	for _, f := range got.chart.Templates {
		gt = append(gt, f.Name)
	}
	if names(want, wt) != names(got.chart, gt) {
		t.Errorf("templates = %s, Helm's loader reads %s", names(got.chart, gt), names(want, wt))
	}
}
