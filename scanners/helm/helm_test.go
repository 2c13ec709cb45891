package helm_test

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tollgate/tollgate/internal/scantest"
	"github.com/tollgate/tollgate/scanners"
	"github.com/tollgate/tollgate/scanners/helm"
)

const fixtures = "../../testdata/helm"

var _ scanners.FileScanner = mustNew(nil)

func mustNew(t *testing.T, opts ...helm.Option) *helm.Scanner {
	s, err := helm.New(opts...)
	if err != nil {
		if t == nil {
			panic(err)
		}
		t.Fatal(err)
	}
	return s
}

func TestMatch(t *testing.T) {
	tests := []struct {
		path string
		want bool
	}{
		{"mychart/Chart.yaml", true},
		{"Chart.yaml", true},
		{"mychart/Chart.lock", true},
		{"mychart/.helmignore", true},
		{"mychart/values.schema.json", true},
		{"mychart/values.yaml", true},
		{"mychart/values.yml", true},
		{"mychart/values-prod.yaml", true},
		{"mychart/values.prod.yaml", true},
		{"mychart/templates/deployment.yaml", true},
		{"mychart/templates/_helpers.tpl", true},
		{"mychart/templates/NOTES.txt", true},
		{"mychart/templates/tests/test-connection.yaml", true},
		{"templates/pod.yaml", true},
		{"mychart/myvalues.yaml", false},
		{"mychart/values-prod.json", false},
		{"k8s/deployment.yaml", false},
		{"mychart/crds/crd.yaml", false},
		{"mytemplates/pod.yaml", false},
		{"mychart/templates/kustomization.yaml", false},
		{"docs/templates/email.html", false},
		{"mychart/templates/README.md", false},
		{"mychart/templates/config.json", true},
	}
	s := mustNew(t)
	for _, tt := range tests {
		if got := s.Match(tt.path, nil); got != tt.want {
			t.Errorf("Match(%q) = %v, want %v", tt.path, got, tt.want)
		}
	}
}

func TestMatchFS(t *testing.T) {
	fsys := fstest.MapFS{
		"app/Chart.yaml":                 {},
		"app/templates/pod.yaml":         {},
		"app/charts/sub/Chart.yaml":      {},
		"app/charts/sub/values.yaml":     {},
		"cfn/templates/stack.yaml":       {},
		"cfn/values.yaml":                {},
		"app/templates/tests/check.yaml": {},
	}
	s := mustNew(t)
	for p, want := range map[string]bool{
		"app/Chart.yaml":                 true,
		"app/templates/pod.yaml":         true,
		"app/templates/tests/check.yaml": true,
		"app/charts/sub/Chart.yaml":      true,
		"app/charts/sub/values.yaml":     true,
		"cfn/templates/stack.yaml":       false,
		"cfn/values.yaml":                false,
	} {
		if got := s.MatchFS(fsys, p, nil); got != want {
			t.Errorf("MatchFS(%q) = %v, want %v", p, got, want)
		}
	}
}

// scanDir scans every file of fsys that the scanner matches, as the walker
// would give them.
func scanDir(t *testing.T, fsys fs.FS, opts ...helm.Option) map[string]scanners.Result {
	t.Helper()
	s := mustNew(t, opts...)
	return scantest.ByPath(scantest.Scan(t, s, fsys, scantest.Files(t, fsys, s)...))
}

func scanCase(t *testing.T, name string, opts ...helm.Option) map[string]scanners.Result {
	t.Helper()
	return scanDir(t, os.DirFS(filepath.Join(fixtures, name)), opts...)
}

func TestGolden(t *testing.T) {
	prod := helm.WithValuesFiles(filepath.Join(fixtures, "basic/mychart/values-prod.yaml"))
	for _, tc := range []struct {
		dir, golden string
		opts        []helm.Option
	}{
		{"basic", "documents.golden.json", nil},
		{"basic", "documents-prod.golden.json", []helm.Option{prod}},
		{"parse-error", "documents.golden.json", nil},
		{"subchart", "documents.golden.json", nil},
		{"orphan", "documents.golden.json", nil},
	} {
		t.Run(tc.dir+"/"+tc.golden, func(t *testing.T) {
			results := scantest.Sorted(scanCase(t, tc.dir, tc.opts...))
			// The golden files record every result's format, and a view
			// leaves an empty one out: every result must name one.
			for _, r := range results {
				if r.Format == "" {
					t.Errorf("%s: result without a format", r.Path)
				}
			}
			got := scantest.JSON(t, scantest.ResultViews(results))
			scantest.Golden(t, filepath.Join(fixtures, tc.dir, tc.golden), got)
		})
	}
}

// doc returns the document of results with the given address.
func doc(t *testing.T, results map[string]scanners.Result, address string) scanners.Document {
	t.Helper()
	return scantest.Doc(t, scantest.Documents(scantest.Sorted(results)...), address)
}

// TestTemplateLines checks that rendered fields point at the template
// lines they came from: plain values, include, toYaml, nindent, a
// multi-line action, two documents in one template.
func TestTemplateLines(t *testing.T) {
	results := scanCase(t, "basic")
	deploy := doc(t, results, "apps/v1/Deployment/release-name-mychart").Resource
	container := scantest.At(t, deploy, "spec", "template", "spec", "containers", 0)
	const d = "mychart/templates/deployment.yaml"
	for _, tc := range []struct {
		name string
		obj  any
		attr string
		want string
	}{
		{"the Deployment", deploy, "", d + ":1-24"},
		{"name from include", scantest.At(t, deploy, "metadata"), "name", d + ":4-4"},
		{"labels from include | nindent", scantest.At(t, deploy, "metadata", "labels"), "app.kubernetes.io/name", d + ":6-6"},
		{"replicas", scantest.At(t, deploy, "spec"), "replicas", d + ":8-8"},
		{"selector labels from include | nindent", scantest.At(t, deploy, "spec", "selector", "matchLabels"), "", d + ":10-11"},
		{"the container", container, "", d + ":18-24"},
		{"image", container, "image", d + ":19-19"},
		{"privileged", scantest.At(t, container, "securityContext"), "privileged", d + ":21-21"},
		{"resources from toYaml", scantest.At(t, container, "resources", "limits"), "cpu", d + ":24-24"},
	} {
		if got := scantest.Span(t, tc.obj, tc.attr); got != tc.want {
			t.Errorf("%s at %s, want %s", tc.name, got, tc.want)
		}
	}
	if v := scantest.At(t, container, "securityContext", "privileged"); v != false {
		t.Errorf("privileged = %v, want the chart's default false", v)
	}

	svc := doc(t, results, "v1/Service/release-name-mychart").Resource
	if got, want := scantest.Span(t, svc, ""), "mychart/templates/service.yaml:8-15"; got != want {
		t.Errorf("Service after a multi-line action at %s, want %s", got, want)
	}
	cm := doc(t, results, "v1/ConfigMap/release-name-mychart-script").Resource
	if got, want := scantest.Span(t, scantest.At(t, cm, "data"), "start.sh"), "mychart/templates/service.yaml:22-24"; got != want {
		t.Errorf("second document's block scalar at %s, want %s", got, want)
	}
	ing := doc(t, results, "networking.k8s.io/v1/Ingress/release-name-mychart").Resource
	if got, want := scantest.Span(t, scantest.At(t, ing, "spec"), "tls"), "mychart/templates/ingress.yaml:8-11"; got != want {
		t.Errorf("tls at %s, want %s", got, want)
	}
	for _, r := range results {
		for _, d := range r.Documents {
			if d.Type == "Pod" {
				t.Errorf("%s rendered: templates/old.yaml.bak is excluded by .helmignore", d.Address)
			}
		}
	}
	for _, p := range []string{"mychart/Chart.yaml", "mychart/values.yaml", "mychart/templates/_helpers.tpl", "mychart/templates/NOTES.txt"} {
		if r := results[p]; len(r.Documents) != 0 || len(r.Errors) != 0 || r.Format != "helm" {
			t.Errorf("%s: %d documents, errors %v, format %q; want an empty helm result", p, len(r.Documents), r.Errors, r.Format)
		}
	}
}

func TestValues(t *testing.T) {
	prodFile := filepath.Join(fixtures, "basic/mychart/values-prod.yaml")
	for _, tc := range []struct {
		name       string
		opts       []helm.Option
		privileged any
		image      string
		replicas   any
		tls        bool
	}{
		{"chart defaults", nil, false, "nginx:1.27", 1, true},
		{"values file", []helm.Option{helm.WithValuesFiles(prodFile)}, true, "nginx:1.27", 3, false},
		{"set", []helm.Option{helm.WithSet("privileged=true,image.tag=1.28")}, true, "nginx:1.28", 1, true},
		{"set after values file", []helm.Option{helm.WithValuesFiles(prodFile), helm.WithSet("privileged=false", "replicaCount=5")}, false, "nginx:1.27", 5, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			results := scanCase(t, "basic", tc.opts...)
			deploy := doc(t, results, "apps/v1/Deployment/release-name-mychart").Resource
			container := scantest.At(t, deploy, "spec", "template", "spec", "containers", 0)
			if v := scantest.At(t, container, "securityContext", "privileged"); v != tc.privileged {
				t.Errorf("privileged = %v, want %v", v, tc.privileged)
			}
			if v := scantest.At(t, container, "image"); v != tc.image {
				t.Errorf("image = %v, want %v", v, tc.image)
			}
			if v := scantest.At(t, deploy, "spec", "replicas"); v != tc.replicas {
				t.Errorf("replicas = %v, want %v", v, tc.replicas)
			}
			ing := doc(t, results, "networking.k8s.io/v1/Ingress/release-name-mychart").Resource
			if _, has := scantest.At(t, ing, "spec").(map[string]any)["tls"]; has != tc.tls {
				t.Errorf("Ingress has tls: %v, want %v", has, tc.tls)
			}
		})
	}
}

func TestNewRejectsBadValues(t *testing.T) {
	for _, tc := range []struct {
		name string
		opt  helm.Option
		want string
	}{
		{"missing values file", helm.WithValuesFiles(filepath.Join(fixtures, "no-such-values.yaml")), "no-such-values.yaml"},
		{"values file that is not YAML", helm.WithValuesFiles(filepath.Join(fixtures, "basic/mychart/templates/deployment.yaml")), "deployment.yaml"},
		{"set without a value", helm.WithSet("privileged"), `--set "privileged"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := helm.New(tc.opt)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("New: %v, want an error naming %q", err, tc.want)
			}
		})
	}
}

// TestRenderErrors checks that a template that does not parse, or fails
// to execute, is an error at its line, and that the other templates are
// still checked.
func TestRenderErrors(t *testing.T) {
	results := scanCase(t, "parse-error")
	for _, tc := range []struct{ file, want string }{
		{"mychart/templates/broken.yaml", `mychart/templates/broken.yaml:6: render chart: parse error at (mychart/templates/broken.yaml:6): unexpected right paren`},
		{"mychart/templates/job.yaml", `mychart/templates/job.yaml:10: render chart: execution error at (mychart/templates/job.yaml:10:20): jobImage is required`},
	} {
		r := results[tc.file]
		if len(r.Errors) != 1 || r.Errors[0].Error() != tc.want || len(r.Documents) != 0 {
			t.Errorf("%s: errors %v, %d documents; want only %q", tc.file, r.Errors, len(r.Documents), tc.want)
		}
	}
	pod := results["mychart/templates/pod.yaml"]
	if len(pod.Errors) != 0 || len(pod.Documents) != 1 {
		t.Fatalf("pod.yaml: errors %v, %d documents; want it rendered", pod.Errors, len(pod.Documents))
	}
	sc := scantest.At(t, pod.Documents[0].Resource, "spec", "containers", 0, "securityContext")
	if got, want := scantest.Span(t, sc, "privileged"), "mychart/templates/pod.yaml:10-10"; got != want {
		t.Errorf("privileged at %s, want %s", got, want)
	}
}

func TestSubchart(t *testing.T) {
	results := scanCase(t, "subchart")
	pod := doc(t, results, "v1/Pod/release-name-sub")
	if pod.Path != "parent/charts/sub/templates/pod.yaml" {
		t.Errorf("subchart document path %q", pod.Path)
	}
	sc := scantest.At(t, pod.Resource, "spec", "containers", 0, "securityContext")
	if v := scantest.At(t, sc, "privileged"); v != true {
		t.Errorf("privileged = %v, want the parent's value for the subchart, true", v)
	}
	if got, want := scantest.Span(t, sc, "privileged"), "parent/charts/sub/templates/pod.yaml:10-10"; got != want {
		t.Errorf("privileged at %s, want %s", got, want)
	}
	chart := results["parent/Chart.yaml"]
	want := `parent/Chart.yaml:8: dependency "database" is not in charts/ (run ` + "`helm dependency build`" + `, or scan with --download-charts for https:// and oci:// repositories): its templates cannot be checked`
	if len(chart.Errors) != 1 || chart.Errors[0].Error() != want {
		t.Errorf("Chart.yaml errors %v, want %q", chart.Errors, want)
	}
}

// TestOrphans checks files that look like a chart's but have no Chart.yaml
// above them: manifests are read as Kubernetes, the rest is empty.
func TestOrphans(t *testing.T) {
	results := scanCase(t, "orphan")
	pod := results["templates/pod.yaml"]
	if pod.Format != "kubernetes" || len(pod.Errors) != 0 || len(pod.Documents) != 1 {
		t.Fatalf("templates/pod.yaml: format %q, errors %v, %d documents; want one Kubernetes document", pod.Format, pod.Errors, len(pod.Documents))
	}
	sc := scantest.At(t, pod.Documents[0].Resource, "spec", "containers", 0, "securityContext")
	if got, want := scantest.Span(t, sc, "privileged"), "templates/pod.yaml:10-10"; got != want {
		t.Errorf("privileged at %s, want %s", got, want)
	}
	if v := results["values.yaml"]; v.Format != "helm" || len(v.Documents) != 0 || len(v.Errors) != 0 {
		t.Errorf("values.yaml: %+v, want an empty helm result", v)
	}
}

// TestPartOfChart scans one template: the chart is found above it and
// rendered, and only that template's result is returned.
func TestPartOfChart(t *testing.T) {
	fsys := os.DirFS(filepath.Join(fixtures, "basic"))
	file := "mychart/templates/deployment.yaml"
	res := mustNew(t).Scan(context.Background(), fsys, []string{file})
	if len(res) != 1 || res[0].Path != file || len(res[0].Errors) != 0 || len(res[0].Documents) != 1 {
		t.Fatalf("results %+v, want one for %s with its Deployment", res, file)
	}
}

func TestChartErrors(t *testing.T) {
	chart := func(chartYAML string) fstest.MapFS {
		return fstest.MapFS{
			"c/Chart.yaml":          {Data: []byte(chartYAML)},
			"c/templates/pod.yaml":  {Data: []byte("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n")},
			"c/templates/_x.tpl":    {Data: []byte(`{{ define "x" }}{{ end }}`)},
			"c/values.schema.json":  {Data: []byte(`{"type": "object", "required": ["image"]}`)},
			"c/templates/NOTES.txt": {Data: []byte("hi\n")},
		}
	}
	for _, tc := range []struct {
		name      string
		fsys      fstest.MapFS
		file, err string
	}{
		{"Chart.yaml syntax", chart("apiVersion: v2\nname: c\nversion: [1\n"), "c/Chart.yaml",
			"c/Chart.yaml:3: load chart: cannot load Chart.yaml: error converting YAML to JSON: yaml: line 3: did not find expected ',' or ']'"},
		{"Chart.yaml without a name", chart("apiVersion: v2\nversion: 1.0.0\n"), "c/Chart.yaml",
			"c/Chart.yaml: load chart: validation: chart.metadata.name is required"},
		{"values against the schema", chart("apiVersion: v2\nname: c\nversion: 1.0.0\n"), "c/Chart.yaml",
			"c/Chart.yaml: chart values: values don't meet the specifications of the schema(s) in the following chart(s):\nc:\n- at '': missing property 'image'\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			results := scanDir(t, tc.fsys)
			r := results[tc.file]
			if len(r.Errors) != 1 || r.Errors[0].Error() != tc.err {
				t.Errorf("%s errors %q, want %q", tc.file, r.Errors, tc.err)
			}
			// Fail closed: every other file of the chart says it was not checked.
			for p, r := range results {
				if p != tc.file && (len(r.Errors) != 1 || !strings.Contains(r.Errors[0].Error(), "not checked: the chart in c could not be rendered")) {
					t.Errorf("%s errors %v, want it marked not checked", p, r.Errors)
				}
			}
		})
	}
}

// TestPolicies evaluates the rendered documents with the built-in policies:
// findings of the privileged (TG-K8S-001) and Ingress TLS (TG-K8S-010)
// rules point at template lines.
func TestPolicies(t *testing.T) {
	findings := func(results map[string]scanners.Result) []string {
		docs := scantest.Documents(scantest.Sorted(results)...)
		return scantest.Findings(t, docs, scantest.Rules("TG-K8S-001", "TG-K8S-010"))
	}
	if got := findings(scanCase(t, "basic")); len(got) != 0 {
		t.Errorf("chart defaults: findings %v, want none", got)
	}
	got := findings(scanCase(t, "basic", helm.WithValuesFiles(filepath.Join(fixtures, "basic/mychart/values-prod.yaml"))))
	want := []string{
		"TG-K8S-001 mychart/templates/deployment.yaml:21-21",
		"TG-K8S-010 mychart/templates/ingress.yaml:6-23",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("prod values: findings %v, want %v", got, want)
	}
	got = findings(scanCase(t, "basic", helm.WithSet("privileged=true")))
	if want := []string{"TG-K8S-001 mychart/templates/deployment.yaml:21-21"}; !reflect.DeepEqual(got, want) {
		t.Errorf("--set privileged=true: findings %v, want %v", got, want)
	}
	got = findings(scanCase(t, "subchart"))
	if want := []string{"TG-K8S-001 parent/charts/sub/templates/pod.yaml:10-10"}; !reflect.DeepEqual(got, want) {
		t.Errorf("subchart: findings %v, want %v", got, want)
	}
}

// tgz returns a gzipped tar of files, as `helm package` writes a chart.
func tgz(t *testing.T, files map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(zw)
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if err := tw.WriteHeader(&tar.Header{Name: n, Mode: 0o644, Size: int64(len(files[n]))}); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write([]byte(files[n])); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestVendoredSubcharts renders an aliased subchart (one template, two
// releases of it) and a subchart vendored as an archive.
func TestVendoredSubcharts(t *testing.T) {
	pod := "apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Chart.Name }}\nspec:\n  containers:\n    - name: c\n      image: busybox\n      securityContext:\n        privileged: {{ .Values.privileged }}\n"
	fsys := fstest.MapFS{
		"app/Chart.yaml": {Data: []byte(`apiVersion: v2
name: app
version: 1.0.0
dependencies:
  - {name: sub, version: 0.1.0, alias: one}
  - {name: sub, version: 0.1.0, alias: two}
  - {name: packed, version: 0.2.0}
`)},
		"app/values.yaml":                 {Data: []byte("two:\n  privileged: true\npacked:\n  privileged: true\n")},
		"app/charts/sub/Chart.yaml":       {Data: []byte("apiVersion: v2\nname: sub\nversion: 0.1.0\n")},
		"app/charts/sub/values.yaml":      {Data: []byte("privileged: false\n")},
		"app/charts/sub/templates/p.yaml": {Data: []byte(pod)},
		"app/charts/packed-0.2.0.tgz": {Data: tgz(t, map[string]string{
			"packed/Chart.yaml":       "apiVersion: v2\nname: packed\nversion: 0.2.0\n",
			"packed/templates/p.yaml": pod,
		})},
	}
	results := scanDir(t, fsys)
	for _, tc := range []struct {
		address, result, privileged string
		value                       any
	}{
		{"v1/Pod/one", "app/charts/sub/templates/p.yaml", "app/charts/sub/templates/p.yaml:10-10", false},
		{"v1/Pod/two", "app/charts/sub/templates/p.yaml", "app/charts/sub/templates/p.yaml:10-10", true},
		{"v1/Pod/packed", "app/Chart.yaml", "app/charts/packed-0.2.0.tgz:1-1", true},
	} {
		d := doc(t, map[string]scanners.Result{tc.result: results[tc.result]}, tc.address)
		sc := scantest.At(t, d.Resource, "spec", "containers", 0, "securityContext")
		if got := scantest.Span(t, sc, "privileged"); got != tc.privileged {
			t.Errorf("%s: privileged at %s, want %s", tc.address, got, tc.privileged)
		}
		if v := scantest.At(t, sc, "privileged"); v != tc.value {
			t.Errorf("%s: privileged = %v, want %v", tc.address, v, tc.value)
		}
	}
	for p, r := range results {
		if len(r.Errors) > 0 {
			t.Errorf("%s: errors %v", p, r.Errors)
		}
	}
}

// A namespace taken from the release is chosen at install time (helm
// install -n): it is not an explicit namespace, so TG-K8S-051 (object in
// the default namespace) does not fire on it, while a literal
// `namespace: default` in a template still does. Elsewhere the release
// namespace reads "default", as `helm template` prints it.
func TestReleaseNamespaceIsNotALiteralNamespace(t *testing.T) {
	fsys := fstest.MapFS{
		"app/Chart.yaml": {Data: []byte("apiVersion: v2\nname: app\nversion: 1.0.0\n")},
		"app/templates/sa.yaml": {Data: []byte(`apiVersion: v1
kind: ServiceAccount
metadata:
  name: from-release
  namespace: {{ .Release.Namespace }}
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: literal
  namespace: default
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: rb
  namespace: {{ .Release.Namespace | quote }}
  annotations:
    url: "http://svc.{{ .Release.Namespace }}.svc.cluster.local"
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: r}
subjects:
  - {kind: ServiceAccount, name: from-release, namespace: "{{ .Release.Namespace }}"}
`)},
	}
	results := scanDir(t, fsys)
	docs := scantest.Documents(scantest.Sorted(results)...)
	got := scantest.Findings(t, docs, scantest.Rules("TG-K8S-051"))
	if want := []string{"TG-K8S-051 app/templates/sa.yaml:11-11"}; !reflect.DeepEqual(got, want) {
		t.Errorf("findings %v, want only the literal namespace %v", got, want)
	}
	var addrs []string
	for _, d := range docs {
		addrs = append(addrs, d.Address)
	}
	sort.Strings(addrs)
	if want := []string{"rbac.authorization.k8s.io/v1/RoleBinding/rb", "v1/ServiceAccount/default/literal", "v1/ServiceAccount/from-release"}; !reflect.DeepEqual(addrs, want) {
		t.Errorf("addresses %v, want %v", addrs, want)
	}
	rb := doc(t, results, "rbac.authorization.k8s.io/v1/RoleBinding/rb")
	if got := scantest.At(t, rb.Resource, "subjects", 0, "namespace"); got != "default" {
		t.Errorf("subject namespace %v, want default", got)
	}
	if got := scantest.At(t, rb.Resource, "metadata", "annotations", "url"); got != "http://svc.default.svc.cluster.local" {
		t.Errorf("annotation %v, want the default namespace in it", got)
	}
}
