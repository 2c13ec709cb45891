package helm

import (
	"context"
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"helm.sh/helm/v3/pkg/chart"
	"helm.sh/helm/v3/pkg/chart/loader"
	"helm.sh/helm/v3/pkg/chartutil"
	"helm.sh/helm/v3/pkg/engine"
)

// engineChart is a chart exercising what templates print and call: every
// kind of value printed, missing values, structs with pointer String
// methods, include, tpl, define, range over ints, lists and maps with
// else, break and continue, with, Files, Subcharts and the functions
// replaced by bounded versions.
func engineChart(t *testing.T) *chart.Chart {
	t.Helper()
	sub := &chart.Chart{
		Metadata: &chart.Metadata{APIVersion: "v2", Name: "sub", Version: "0.1.0"},
		Values:   map[string]any{"port": 80, "on": true},
		Templates: []*chart.File{{Name: "templates/svc.yaml", Data: []byte(
			"port: {{ .Values.port }}\nglobal: {{ .Values.global }}\nname: {{ .Chart.Name }} {{ .Template.Name }}\n")}},
	}
	c := &chart.Chart{
		Metadata: &chart.Metadata{APIVersion: "v2", Name: "main", Version: "1.2.3", AppVersion: "9"},
		Values: map[string]any{
			"s": "text", "n": 3, "f": 1.5, "b": true, "nil": nil, "list": []any{"a", 2, 3.5, nil, map[string]any{"k": "v"}},
			"map": map[string]any{"z": 1, "a": []any{true}}, "tplText": "{{ .Values.s }}-{{ .Release.Name }}",
			"sub": map[string]any{"port": 8080}, "global": map[string]any{"g": 1},
		},
		Files: []*chart.File{{Name: "files/a.txt", Data: []byte("A\nB\n")}, {Name: "files/b.conf", Data: []byte("x=1")}},
		Templates: []*chart.File{
			{Name: "templates/_helpers.tpl", Data: []byte(`{{- define "main.name" -}}{{ .Chart.Name }}-{{ .Values.s | upper }}{{- end -}}
{{- define "main.rec" -}}{{ if gt . 0 }}{{ . }},{{ include "main.rec" (sub . 1) }}{{ end }}{{- end -}}`)},
			{Name: "templates/all.yaml", Data: []byte(`values: {{ .Values }}
s: {{ .Values.s }} n: {{ .Values.n }} f: {{ .Values.f }} b: {{ .Values.b }} nil: {{ .Values.nil }} missing: {{ .Values.missing }}
deep-missing: {{ .Values.map.missing }}
list: {{ .Values.list }} map: {{ .Values.map }}
chart: {{ .Chart }}
chartname: {{ .Chart.Name }} {{ .Chart.Version }} {{ .Chart.IsRoot }}
release: {{ .Release }} {{ .Release.Name }} {{ .Release.Namespace }} {{ .Release.IsInstall }}
kube: {{ .Capabilities.KubeVersion }} {{ .Capabilities.KubeVersion.Version }} {{ .Capabilities.KubeVersion.Major }}
apis: {{ .Capabilities.APIVersions.Has "apps/v1" }}
helmver: {{ .Capabilities.HelmVersion.Version | empty }}
template: {{ .Template.Name }} {{ .Template.BasePath }}
include: {{ include "main.name" . }} rec: {{ include "main.rec" 5 }}
tpl: {{ tpl .Values.tplText . }}
files: {{ .Files.Get "files/a.txt" | quote }} {{ range .Files.Lines "files/a.txt" }}[{{ . }}]{{ end }}
glob: {{ (.Files.Glob "files/*").AsConfig | nindent 2 }}
secrets: {{ (.Files.Glob "files/*.conf").AsSecrets }}
range-int: {{ range 3 }}{{ . }}{{ end }} {{ range $i, $e := until 4 }}{{ $i }}={{ $e }} {{ end }}
range-else: {{ range .Values.empty }}x{{ else }}empty{{ end }}
range-map: {{ range $k, $v := .Values.map }}{{ $k }}:{{ $v }};{{ end }}
break: {{ range $i := until 10 }}{{ if eq $i 3 }}{{ break }}{{ end }}{{ if eq $i 1 }}{{ continue }}{{ end }}{{ $i }}{{ end }}
with: {{ with .Values.map }}{{ .z }}{{ else }}none{{ end }} {{ with .Values.missing }}x{{ else }}none{{ end }}
seq: {{ seq 5 }} {{ seq 1 2 9 }} {{ seq 3 1 }} untilStep: {{ untilStep 10 0 -3 }}
repeat: {{ repeat 3 "ab" }} indent: {{ "a\nb" | indent 2 }} {{ "c" | nindent 1 }}
replace: {{ replace "a" "bb" "banana" }} {{ replace "" "-" "ab" }}
regex: {{ regexReplaceAll "a(x*)b" "-ab-axxb-" "${1}W" }} {{ regexFindAll "[0-9]" "a1b22" -1 }} {{ regexSplit "," "a,b,,c" -1 }}
split: {{ splitList "," "a,b,c" }} {{ (split "," "a,b").x0 }} {{ (splitn "," 2 "a,b,c")._1 }}
join: {{ join "-" (list 1 "two" 3.0) }} concat: {{ concat (list 1) (list 2 3) }}
wrap: {{ wrap 3 "aaa bbb ccc" }} {{ wrapWith 3 "|" "aaa bbb ccc" }}
printf: {{ printf "%05d|%-4s|%v|%.2f" 42 "x" .Values.list 3.14159 }} {{ print 1 "a" nil }} {{ println "x" }}
json: {{ toJson .Values.map }} {{ .Values.map | toYaml | nindent 2 }}
toml: {{ toToml .Values.map }}
dict: {{ $d := dict "a" 1 "b" (list 1 2) }}{{ $_ := set $d "c" "x" }}{{ $d }} {{ keys $d | sortAlpha }}
default: {{ .Values.missing | default "dflt" }} {{ coalesce .Values.nil .Values.s }}
lookup: {{ lookup "v1" "Pod" "ns" "x" }} host: [{{ getHostByName "example.com" }}]
fromYaml: {{ (fromYaml "a: yes\nb: [1, 2]").a }} {{ fromJson "{\"x\": 1}" }}
escapes: {{ html "<a>" }} {{ js "'x'" }} {{ urlquery "a b" }}
values-yaml: {{ .Values.map | toYaml | trim }}
subcharts: {{ .Subcharts.sub.Values.port }} {{ .Subcharts.sub.Chart.Name }}
types: {{ kindOf .Values.list }} {{ kindIs "map" .Values }} {{ typeOf 3 }}
math: {{ add 1 2 }} {{ mul 2 3 }} {{ div 7 2 }} {{ max 1 5 3 }} {{ ceil 1.2 }} {{ int "12" }}
strings: {{ trunc 3 "abcdef" }} {{ abbrev 5 "abcdefgh" }} {{ title "hi there" }} {{ b64enc "x" }} {{ sha256sum "x" | trunc 8 }}
semver: {{ semverCompare ">=1.0.0" "1.2.3" }}
`)},
			{Name: "templates/NOTES.txt", Data: []byte("notes {{ .Release.Name }}")},
		},
	}
	c.AddDependency(sub)
	return c
}

func renderBoth(t *testing.T, c *chart.Chart) (map[string]string, map[string]string) {
	t.Helper()
	vals, err := renderValues(c, map[string]any{"global": map[string]any{"g": 2}})
	if err != nil {
		t.Fatal(err)
	}
	want, werr := engine.Render(c, vals)
	vals2, err := renderValues(c, map[string]any{"global": map[string]any{"g": 2}})
	if err != nil {
		t.Fatal(err)
	}
	got, _, gerr := renderWithLimits(context.Background(), c, vals2, defaultLimits())
	if (werr == nil) != (gerr == nil) || werr != nil && werr.Error() != gerr.Error() {
		t.Fatalf("error %v, Helm's %v", gerr, werr)
	}
	return got, want
}

// TestEngineMatchesHelm: the copy of Helm's engine renders what Helm's
// renders, on a chart that prints every kind of value and calls the
// functions replaced by bounded versions, and on the fixture charts.
func TestEngineMatchesHelm(t *testing.T) {
	charts := map[string]*chart.Chart{"synthetic": engineChart(t)}
	for _, dir := range []string{"basic/mychart", "subchart/parent"} {
		c, err := loader.Load(filepath.Join("..", "..", "testdata", "helm", dir))
		if err != nil {
			t.Fatal(err)
		}
		charts[dir] = c
	}
	for name, c := range charts {
		t.Run(name, func(t *testing.T) {
			got, want := renderBoth(t, c)
			if len(got) != len(want) {
				t.Errorf("%d templates, Helm %d", len(got), len(want))
			}
			for k, w := range want {
				if g := got[k]; g != w {
					gl, wl := strings.Split(g, "\n"), strings.Split(w, "\n")
					for i := range max(len(gl), len(wl)) {
						var a, b string
						if i < len(gl) {
							a = gl[i]
						}
						if i < len(wl) {
							b = wl[i]
						}
						if a != b {
							t.Errorf("%s line %d:\n got %q\nHelm %q", k, i+1, a, b)
						}
					}
				}
			}
		})
	}
}

// The errors of templates are Helm's, so that errorSite finds their line.
func TestEngineErrorsMatchHelm(t *testing.T) {
	for _, src := range []string{
		"a: {{ .Values.x | required \"x is required\" }}\n",
		"a: {{ fail \"stop here\" }}\n",
		"a: {{ include \"nope\" . }}\n",
		"a: {{ .Values.s.nope.deeper }}\n",
		"a: {{ if }}\n",
		"a: {{ tpl \"{{ .Values.x\" . }}\n",
		"{{ define \"r\" }}{{ include \"r\" . }}{{ end }}a: {{ include \"r\" . }}\n",
	} {
		c := &chart.Chart{
			Metadata:  &chart.Metadata{APIVersion: "v2", Name: "c", Version: "1"},
			Values:    map[string]any{"s": "str"},
			Templates: []*chart.File{{Name: "templates/t.yaml", Data: []byte(src)}},
		}
		vals, err := renderValues(c, nil)
		if err != nil {
			t.Fatal(err)
		}
		_, werr := engine.Render(c, vals)
		_, _, gerr := renderWithLimits(context.Background(), c, vals, defaultLimits())
		if werr == nil || gerr == nil || werr.Error() != gerr.Error() {
			t.Errorf("%q:\n got %s\nHelm %s", src, short(gerr), short(werr))
		}
	}
}

func limitChart(src string) *chart.Chart {
	return &chart.Chart{
		Metadata:  &chart.Metadata{APIVersion: "v2", Name: "c", Version: "1"},
		Values:    map[string]any{},
		Templates: []*chart.File{{Name: "templates/t.yaml", Data: []byte(src)}},
	}
}

// TestRenderLimits is D08: each limit stops a render that Helm's engine
// would let run for minutes or gigabytes, with an error on the template
// and line of the call.
func TestRenderLimits(t *testing.T) {
	for _, tc := range []struct {
		name, src, want string
	}{
		{"until", "x: {{ range until 100000000 }}{{ end }}", "c/templates/t.yaml:1:"},
		{"seq", "x: {{ seq 1 100000000 }}", "c/templates/t.yaml:1:"},
		{"range over an int", "x: {{ range 100000000 }}{{ end }}", "c/templates/t.yaml:1:"},
		{"repeat", `x: {{ repeat 100000000 "ab" }}`, "c/templates/t.yaml:1:"},
		{"indent", `x: {{ indent 100000000 "a" }}`, "c/templates/t.yaml:1:"},
		{"doubling", "{{ $s := \"xxxxxxxx\" }}{{ range until 40 }}{{ $s = cat $s $s }}{{ end }}", "c/templates/t.yaml:1:"},
		{"replace", "{{ $s := repeat 100000 \"a\" }}{{ replace \"\" (repeat 1000 \"b\") $s }}", "c/templates/t.yaml:1:"},
		{"printf widths", `{{ printf (repeat 100 "%1000000d") }}`, "c/templates/t.yaml:1:"},
		{"shared list printed", "{{ $l := list 1 }}{{ range until 40 }}{{ $l = list $l $l }}{{ end }}{{ $l }}", "c/templates/t.yaml:1:"},
		{"shared list serialized", "{{ $l := list 1 }}{{ range until 40 }}{{ $l = list $l $l }}{{ end }}{{ toJson $l }}", "c/templates/t.yaml:1:"},
		{"self-containing dict", "{{ $d := dict }}{{ $_ := set $d \"me\" $d }}{{ $d }}", "c/templates/t.yaml:1:"},
		{"self-containing Values", "{{ $_ := set .Values \"me\" .Values }}{{ .Values.YAML }}", ""},
		{"splitList", `{{ splitList "" (repeat 2000000 "a") }}`, "c/templates/t.yaml:1:"},
		{"concat", "{{ $l := until 600000 }}{{ concat $l $l }}", "c/templates/t.yaml:1:"},
		{"mutual includes", `{{ define "a" }}{{ include "b" . }}{{ end }}{{ define "b" }}{{ include "a" . }}{{ end }}{{ include "a" . }}`, "c/templates/t.yaml:1:"},
		{"tpl recursion", "{{ $t := \"{{ tpl . . }}\" }}{{ tpl $t $t }}", "c/templates/t.yaml:1:"},
		{"output", `{{ range until 100 }}{{ repeat 1000000 "x" }}{{ end }}`, ""},
		{"function output", "{{ $d := dict }}{{ range $i := until 1000 }}{{ $_ := set $d (toString $i) (repeat 1000000 \"x\") }}{{ end }}", "c/templates/t.yaml:1:"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := limitChart(tc.src)
			vals, err := renderValues(c, nil)
			if err != nil {
				t.Fatal(err)
			}
			lim := defaultLimits()
			lim.MaxRenderedSize = 32 << 20
			_, _, err = renderWithLimits(context.Background(), c, vals, lim)
			if err == nil {
				t.Fatal("rendered")
			}
			// A limit of its own stops it, not the render time limit
			// (what stops it is checked, not how long it took).
			var te *timeoutError
			if errors.As(err, &te) {
				t.Errorf("stopped only by the render time limit: %v", err)
			}
			if !isLimit(err) && !strings.Contains(err.Error(), "limit") && !strings.Contains(err.Error(), "deeper than") {
				t.Errorf("error %v, want a limit", err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want it at %q", err, tc.want)
			}
		})
	}
}

// sprig's untilStep loops forever when i += step overflows; the bounded
// one stops.
func TestUntilStepOverflow(t *testing.T) {
	got, err := untilStep(math.MaxInt-1, math.MaxInt, 2)
	if err != nil || len(got) != 1 || got[0] != math.MaxInt-1 {
		t.Errorf("untilStep = %v, %v", got, err)
	}
	got, err = untilStep(math.MinInt+1, math.MinInt, -2)
	if err != nil || len(got) != 1 {
		t.Errorf("untilStep down = %v, %v", got, err)
	}
}

// TestRenderTimeout: nested ranges that would run for hours stop at the
// time limit, with an error naming the template, and the abandoned render
// stops at its next iteration instead of running on.
func TestRenderTimeout(t *testing.T) {
	c := limitChart("x: \"{{ range until 100000 }}{{ range until 100000 }}{{ end }}{{ end }}\"\n")
	vals, err := renderValues(c, nil)
	if err != nil {
		t.Fatal(err)
	}
	lim := defaultLimits()
	lim.RenderTimeout = 300 * time.Millisecond
	r := newRenderer(lim)
	done := make(chan error, 1)
	go func() {
		_, err := r.render(c, vals)
		done <- err
	}()
	time.Sleep(lim.RenderTimeout)
	r.stopped.Store(true)
	select {
	case err := <-done:
		if !errors.Is(err, errAbandoned) && !strings.Contains(err.Error(), errAbandoned.Error()) {
			t.Errorf("abandoned render ended with %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the abandoned render still runs")
	}

	start := time.Now()
	_, cur, err := renderWithLimits(context.Background(), c, vals, lim)
	var te *timeoutError
	if !errors.As(err, &te) || cur != "c/templates/t.yaml" || !strings.Contains(err.Error(), "c/templates/t.yaml") {
		t.Fatalf("error %v (in %q), want a timeout in c/templates/t.yaml", err, cur)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("returned after %v", d)
	}
}

var _ = chartutil.Values{}

// short is an error's message cut to its ends, with its length.
func short(err error) string {
	if err == nil {
		return "<nil>"
	}
	m := err.Error()
	if len(m) > 300 {
		return fmt.Sprintf("%s ... %s (%d bytes)", m[:150], m[len(m)-150:], len(m))
	}
	return m
}
