package helm_test

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/tollgate/tollgate/internal/scantest"
	"github.com/tollgate/tollgate/scanners/helm"
)

const chartYAML = "apiVersion: v2\nname: c\nversion: 0.1.0\n"

// TestUnboundedTemplates is D08 through the scanner: a range that would
// allocate gigabytes is an error at its template line, nested ranges that
// would run for hours stop at the render time limit with an error naming
// the template, and the chart's other templates are still checked when
// they can be.
func TestUnboundedTemplates(t *testing.T) {
	pod := "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: nginx\n      securityContext:\n        privileged: true\n"
	t.Run("allocation", func(t *testing.T) {
		fsys := fstest.MapFS{
			"c/Chart.yaml":         {Data: []byte(chartYAML)},
			"c/templates/cm.yaml":  {Data: []byte("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  x: \"{{ range until 100000000 }}{{ end }}\"\n")},
			"c/templates/pod.yaml": {Data: []byte(pod)},
		}
		start := time.Now()
		results := scanDir(t, fsys)
		if d := time.Since(start); d > 10*time.Second {
			t.Errorf("took %v", d)
		}
		cm := results["c/templates/cm.yaml"]
		if len(cm.Errors) != 1 || cm.Errors[0].Line != 6 || !strings.Contains(cm.Errors[0].Error(), "template list limit") {
			t.Errorf("cm.yaml errors %v, want the list limit at line 6", cm.Errors)
		}
		if p := results["c/templates/pod.yaml"]; len(p.Errors) != 0 || len(p.Documents) != 1 {
			t.Errorf("pod.yaml: errors %v, %d documents; want it checked", p.Errors, len(p.Documents))
		}
	})
	t.Run("time", func(t *testing.T) {
		fsys := fstest.MapFS{
			"c/Chart.yaml":         {Data: []byte(chartYAML)},
			"c/templates/cm.yaml":  {Data: []byte("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  x: \"{{ range until 100000 }}{{ range until 100000 }}{{ end }}{{ end }}\"\n")},
			"c/templates/pod.yaml": {Data: []byte(pod)},
		}
		start := time.Now()
		results := scanDir(t, fsys, helm.WithRenderTimeout(500*time.Millisecond))
		if d := time.Since(start); d > 10*time.Second {
			t.Errorf("took %v", d)
		}
		cm := results["c/templates/cm.yaml"]
		if len(cm.Errors) != 1 || !strings.Contains(cm.Errors[0].Error(), "render time limit") || !strings.Contains(cm.Errors[0].Error(), "c/templates/cm.yaml") {
			t.Errorf("cm.yaml errors %v, want the render time limit", cm.Errors)
		}
		// Fail closed: the chart's other files say they were not checked.
		if p := results["c/templates/pod.yaml"]; len(p.Errors) != 1 || !strings.Contains(p.Errors[0].Error(), "not checked") {
			t.Errorf("pod.yaml errors %v, want it marked not checked", p.Errors)
		}
	})
	t.Run("output", func(t *testing.T) {
		fsys := fstest.MapFS{
			"c/Chart.yaml":        {Data: []byte(chartYAML)},
			"c/templates/cm.yaml": {Data: []byte("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  x: \"{{ range until 200 }}{{ repeat 100000 \"x\" }}{{ end }}\"\n")},
		}
		results := scanDir(t, fsys, helm.WithMaxRenderedSize(1<<20))
		cm := results["c/templates/cm.yaml"]
		if len(cm.Errors) != 1 || !strings.Contains(cm.Errors[0].Error(), "rendered output limit") {
			t.Errorf("cm.yaml errors %v, want the rendered output limit", cm.Errors)
		}
	})
	t.Run("file size", func(t *testing.T) {
		fsys := fstest.MapFS{
			"c/Chart.yaml":        {Data: []byte(chartYAML)},
			"c/files/big.bin":     {Data: make([]byte, 6<<20)},
			"c/templates/cm.yaml": {Data: []byte("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n")},
		}
		results := scanDir(t, fsys)
		var errs []string
		for _, r := range results {
			for _, e := range r.Errors {
				errs = append(errs, e.Error())
			}
		}
		if !strings.Contains(strings.Join(errs, "\n"), "c/files/big.bin: chart file is larger than Helm's maximum file size") {
			t.Errorf("errors %q, want the file over Helm's size named", errs)
		}
	})
}

// TestYAML11Booleans is D02 for Helm: kubectl decodes the rendered
// manifest with YAML 1.1, so `privileged: yes` written in a template, and a
// value "yes" (quoted in values.yaml, plain once rendered), are true; a
// value quoted in the template stays a string.
func TestYAML11Booleans(t *testing.T) {
	fsys := fstest.MapFS{
		"c/Chart.yaml":  {Data: []byte(chartYAML)},
		"c/values.yaml": {Data: []byte("hostNetwork: \"yes\"\nhostPID: on\n")},
		"c/templates/pod.yaml": {Data: []byte(`apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  hostNetwork: {{ .Values.hostNetwork }}
  hostPID: {{ .Values.hostPID }}
  hostIPC: "yes"
  containers:
    - name: a
      image: nginx
      securityContext:
        privileged: yes
`)},
	}
	r := scanDir(t, fsys)["c/templates/pod.yaml"]
	if len(r.Errors) != 0 || len(r.Documents) != 1 {
		t.Fatalf("errors %v, %d documents", r.Errors, len(r.Documents))
	}
	spec := scantest.At(t, r.Documents[0].Resource, "spec").(map[string]any)
	if spec["hostNetwork"] != true || spec["hostPID"] != true || spec["hostIPC"] != "yes" {
		t.Errorf("hostNetwork %#v hostPID %#v hostIPC %#v; want true, true, \"yes\"", spec["hostNetwork"], spec["hostPID"], spec["hostIPC"])
	}
	if v := scantest.At(t, spec, "containers", 0, "securityContext", "privileged"); v != true {
		t.Errorf("privileged %#v, want true", v)
	}
	var got []string
	for _, f := range scantest.Evaluate(t, r.Documents, scantest.Rules("TG-K8S-001")) {
		got = append(got, f.String())
	}
	if len(got) != 1 || got[0] != "TG-K8S-001 c/templates/pod.yaml:13-13" {
		t.Errorf("findings %v, want TG-K8S-001 at the privileged line", got)
	}
}

// Values named like credentials never appear in an error: a fail message
// or a tpl error that quotes one is masked, and the value is among the
// results' secrets.
func TestErrorsMaskSecrets(t *testing.T) {
	const pw = "Sup3rS3cretPw"
	fsys := fstest.MapFS{
		"c/Chart.yaml":         {Data: []byte(chartYAML)},
		"c/templates/a.yaml":   {Data: []byte("x: {{ fail (printf \"wrong password %s\" .Values.db.password) }}\n")},
		"c/templates/b.yaml":   {Data: []byte("x: {{ tpl (printf \"{{ %s\" .Values.db.password) . }}\n")},
		"c/templates/pod.yaml": {Data: []byte("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n")},
	}
	results := scanDir(t, fsys, helm.WithSet("db.password="+pw))
	for _, f := range []string{"c/templates/a.yaml", "c/templates/b.yaml"} {
		r := results[f]
		if len(r.Errors) != 1 {
			t.Fatalf("%s: errors %v, want one", f, r.Errors)
		}
		if msg := r.Errors[0].Error(); strings.Contains(msg, pw) || !strings.Contains(msg, "****") {
			t.Errorf("%s: error %q, want the password masked", f, msg)
		}
		found := false
		for _, s := range r.Secrets {
			found = found || s == pw
		}
		if !found {
			t.Errorf("%s: secrets %q, want the password among them", f, r.Secrets)
		}
	}
	_, err := helm.New(helm.WithSet("db.password[x]=" + pw))
	if err == nil || strings.Contains(err.Error(), pw) {
		t.Errorf("malformed --set: %v, want an error without the value", err)
	}
}

// The render time limit is the chart's: a slow template is not rendered
// again, at full cost, for each of many templates that fail.
func TestRenderTimeIsPerChart(t *testing.T) {
	fsys := fstest.MapFS{
		"c/Chart.yaml":            {Data: []byte(chartYAML)},
		"c/templates/z-slow.yaml": {Data: []byte("x: \"{{ range until 3000 }}{{ range until 1000 }}{{ end }}{{ end }}\"\n")},
	}
	for i := range 30 {
		fsys["c/templates/fail-"+string(rune('a'+i))+".yaml"] = &fstest.MapFile{Data: []byte("x: {{ fail \"no\" }}\n")}
	}
	start := time.Now()
	results := scanDir(t, fsys, helm.WithRenderTimeout(2*time.Second))
	if d := time.Since(start); d > 8*time.Second {
		t.Errorf("took %v for a 2s limit", d)
	}
	failed := 0
	for _, r := range results {
		failed += len(r.Errors)
	}
	if failed == 0 {
		t.Error("no error reported")
	}
}
