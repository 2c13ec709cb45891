package kubernetes_test

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
	"github.com/tollgate/tollgate/scanners/kubernetes"
)

// scan runs the scanner over an in-memory file system holding files.
func scan(t *testing.T, files map[string]string, order ...string) []scanners.Result {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, src := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(src)}
	}
	if len(order) == 0 {
		for name := range files {
			order = append(order, name)
		}
		sort.Strings(order)
	}
	return scantest.Scan(t, kubernetes.New(), fsys, order...)
}

func scanOne(t *testing.T, name, src string) scanners.Result {
	t.Helper()
	return scan(t, map[string]string{name: src})[0]
}

func TestMatch(t *testing.T) {
	s := kubernetes.New()
	if s.Name() != "kubernetes" {
		t.Errorf("Name() = %q", s.Name())
	}
	for _, tc := range []struct {
		name string
		path string
		head string
		want bool
	}{
		{"manifest", "deploy/app.yaml", "apiVersion: apps/v1\nkind: Deployment\n", true},
		{"yml extension", "app.yml", "kind: Pod\napiVersion: v1\n", true},
		{"upper-case extension", "APP.YAML", "apiVersion: v1\nkind: Pod\n", true},
		{"after a comment and a separator", "a.yaml", "# c\n---\napiVersion: v1\nkind: Service\n", true},
		{"top-level sequence is not a manifest", "list.yaml", "- apiVersion: v1\n  kind: Pod\n", false},
		{"nested apiVersion and kind", "values.yaml", "crd:\n  apiVersion: v1\n  kind: Pod\n", false},
		{"values file", "values.yaml", "replicaCount: 2\nimage:\n  repository: nginx\n", false},
		{"apiVersion only", "a.yaml", "apiVersion: v1\nmetadata: {}\n", false},
		{"kind only", "a.yaml", "kind: Pod\n", false},
		{"empty kind", "a.yaml", "apiVersion: v1\nkind:\n", false},
		{"commented out", "a.yaml", "# apiVersion: v1\n# kind: Pod\n", false},
		{"json manifest", "pod.json", `{"apiVersion": "v1", "kind": "Pod"}`, false},
		{"yaml content, other extension", "pod.txt", "apiVersion: v1\nkind: Pod\n", false},
		{"terraform", "main.tf", "apiVersion: v1\nkind: Pod\n", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := s.Match(tc.path, []byte(tc.head)); got != tc.want {
				t.Errorf("Match(%q) = %v, want %v", tc.path, got, tc.want)
			}
		})
	}
}

const deployment = `# A web server.
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
  labels: {app: web}
spec:
  replicas: 2
  template:
    spec:
      containers:
        - name: web
          image: nginx:1.27
          securityContext:
            privileged: true
          args:
            - --port
            - "8080"
`

func TestDeploymentDocument(t *testing.T) {
	res := scanOne(t, "k8s/app.yaml", deployment)
	if res.Path != "k8s/app.yaml" || res.Format != "kubernetes" || len(res.Errors) != 0 {
		t.Fatalf("result %q %q errors %v", res.Path, res.Format, res.Errors)
	}
	if len(res.Documents) != 1 {
		t.Fatalf("%d documents, want 1", len(res.Documents))
	}
	d := res.Documents[0]
	if d.Format != "kubernetes" || d.Type != "Deployment" || d.Name != "web" ||
		d.Address != "apps/v1/Deployment/shop/web" || d.Path != "k8s/app.yaml" {
		t.Errorf("document %q %q %q %q %q", d.Format, d.Type, d.Name, d.Address, d.Path)
	}
	if len(d.Secrets) != 0 {
		t.Errorf("secrets %q, want none", d.Secrets)
	}
	r := d.Resource
	if r["kind"] != "Deployment" || r["apiVersion"] != "apps/v1" {
		t.Errorf("resource is not the manifest: %v", r)
	}
	spec := r["spec"].(map[string]any)
	if spec["replicas"] != 2 {
		t.Errorf("replicas = %#v, want int 2", spec["replicas"])
	}
	container := spec["template"].(map[string]any)["spec"].(map[string]any)["containers"].([]any)[0]
	sc := container.(map[string]any)["securityContext"]
	for _, tc := range []struct {
		what      string
		got, want [2]int
	}{
		{"resource", scantest.Lines(t, r, ""), [2]int{2, 19}},
		{"metadata", scantest.Lines(t, r["metadata"], ""), [2]int{4, 7}},
		{"spec", scantest.Lines(t, spec, ""), [2]int{8, 19}},
		{"container", scantest.Lines(t, container, ""), [2]int{13, 19}},
		{"securityContext", scantest.Lines(t, sc, ""), [2]int{15, 16}},
		{"attr privileged", scantest.Lines(t, sc, "privileged"), [2]int{16, 16}},
		{"attr args", scantest.Lines(t, container, "args"), [2]int{17, 19}},
		{"attr image", scantest.Lines(t, container, "image"), [2]int{14, 14}},
	} {
		if tc.got != tc.want {
			t.Errorf("%s: lines %v, want %v", tc.what, tc.got, tc.want)
		}
	}
	if p := r[scanners.LocKey].(map[string]any)["path"]; p != "k8s/app.yaml" {
		t.Errorf("__loc path %v", p)
	}
	in := d.Input()
	if in["type"] != "Deployment" || in["address"] != d.Address || in["path"] != d.Path || in["format"] != "kubernetes" || in["name"] != "web" {
		t.Errorf("Input() = %v", in)
	}
}

func TestAddress(t *testing.T) {
	for _, tc := range []struct {
		name, src, want string
	}{
		{"namespaced", "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: shop}\n", "apps/v1/Deployment/shop/web"},
		{"no namespace", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n", "v1/ConfigMap/settings"},
		{"cluster-scoped", "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: admin}\n", "rbac.authorization.k8s.io/v1/ClusterRole/admin"},
		{"no metadata", "apiVersion: v1\nkind: Namespace\n", "v1/Namespace/"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := scanOne(t, "a.yaml", tc.src)
			if len(res.Errors) != 0 || len(res.Documents) != 1 {
				t.Fatalf("errors %v, %d documents", res.Errors, len(res.Documents))
			}
			if got := res.Documents[0].Address; got != tc.want {
				t.Errorf("Address = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestMultiDocumentAndLists(t *testing.T) {
	src := `apiVersion: v1
kind: Service
metadata: {name: web}
---
# Two objects in a List.
apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: ConfigMap
    metadata:
      name: a
  - apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: b
      namespace: ns
    spec:
      replicas: 1
---
apiVersion: v1
kind: PodList
items: []
---
apiVersion: v1
kind: Pod
metadata: {name: last}
`
	res := scanOne(t, "all.yaml", src)
	if len(res.Errors) != 0 {
		t.Fatalf("errors %v", res.Errors)
	}
	type doc struct {
		addr       string
		start, end int
	}
	var got []doc
	for _, d := range res.Documents {
		l := scantest.Lines(t, d.Resource, "")
		got = append(got, doc{d.Address, l[0], l[1]})
	}
	want := []doc{
		{"v1/Service/web", 1, 3},
		{"v1/ConfigMap/a", 9, 12},
		{"apps/v1/Deployment/ns/b", 13, 19},
		{"v1/Pod/last", 25, 27},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("documents\n got %v\nwant %v", got, want)
	}
}

func TestFileErrors(t *testing.T) {
	type fileErr struct {
		line int
		msg  string
	}
	for _, tc := range []struct {
		name  string
		src   string
		errs  []fileErr
		addrs []string // documents still read
	}{{
		name:  "a document that is a list",
		src:   "apiVersion: v1\nkind: Pod\nmetadata: {name: a}\n---\n- one\n- two\n",
		errs:  []fileErr{{5, "not a mapping"}},
		addrs: []string{"v1/Pod/a"},
	}, {
		name: "a document that is a scalar",
		src:  "---\njust text\n",
		errs: []fileErr{{2, "not a mapping"}},
	}, {
		name:  "a document without kind",
		src:   "apiVersion: v1\nkind: Pod\nmetadata: {name: a}\n---\n\napiVersion: v1\nmetadata: {name: b}\n",
		errs:  []fileErr{{6, "no apiVersion or kind"}},
		addrs: []string{"v1/Pod/a"},
	}, {
		name: "a document whose kind is not a string",
		src:  "apiVersion: v1\nkind: [Pod]\n",
		errs: []fileErr{{1, "no apiVersion or kind"}},
	}, {
		name:  "a List item that is not an object",
		src:   "apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Pod\n    metadata: {name: a}\n  - text\n",
		errs:  []fileErr{{1, "List item is not an object"}},
		addrs: []string{"v1/Pod/a"},
	}, {
		name: "a List item without kind",
		src:  "apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    metadata: {name: a}\n",
		errs: []fileErr{{4, "no apiVersion or kind"}},
	}, {
		name:  "a syntax error after a good document",
		src:   "apiVersion: v1\nkind: Pod\nmetadata: {name: a}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: [b}\n",
		errs:  []fileErr{{7, "did not find expected"}},
		addrs: []string{"v1/Pod/a"},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			res := scanOne(t, "bad.yaml", tc.src)
			var got []fileErr
			for _, e := range res.Errors {
				if e.Path != "bad.yaml" {
					t.Errorf("error path %q", e.Path)
				}
				got = append(got, fileErr{e.Line, e.Err.Error()})
			}
			if len(got) != len(tc.errs) {
				t.Fatalf("errors %v, want %v", got, tc.errs)
			}
			for i := range got {
				if got[i].line != tc.errs[i].line || !strings.Contains(got[i].msg, tc.errs[i].msg) {
					t.Errorf("error %d: line %d %q, want line %d containing %q", i, got[i].line, got[i].msg, tc.errs[i].line, tc.errs[i].msg)
				}
			}
			var addrs []string
			for _, d := range res.Documents {
				addrs = append(addrs, d.Address)
			}
			if !reflect.DeepEqual(addrs, tc.addrs) {
				t.Errorf("documents %v, want %v", addrs, tc.addrs)
			}
		})
	}
}

func TestSecrets(t *testing.T) {
	src := `apiVersion: v1
kind: Secret
metadata: {name: db}
data:
  password: aHVudGVyMg==
  empty: ""
stringData:
  token: plain-token-value
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: app}
spec:
  template:
    spec:
      initContainers:
        - name: init
          env:
            - name: GITHUB_TOKEN
              value: ghp_init_token
      containers:
        - name: app
          env:
            - name: DB_PASSWORD
              value: hunter2-very-secret
            - name: AWS_SECRET_ACCESS_KEY
              value: wJalrXUtnFEMI
            - name: API_KEY
              value: k-123
            - name: LOG_LEVEL
              value: debug
            - name: EMPTY_SECRET
              value: ""
            - name: FROM_REF_PASSWORD
              valueFrom:
                secretKeyRef: {name: db, key: password}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: settings}
data:
  password: not-a-secret-kind
`
	res := scanOne(t, "app.yaml", src)
	if len(res.Errors) != 0 || len(res.Documents) != 3 {
		t.Fatalf("errors %v, %d documents", res.Errors, len(res.Documents))
	}
	want := [][]string{
		{"aHVudGVyMg==", "plain-token-value"},
		{"ghp_init_token", "hunter2-very-secret", "k-123", "wJalrXUtnFEMI"},
		nil,
	}
	for i, d := range res.Documents {
		got := append([]string(nil), d.Secrets...)
		sort.Strings(got)
		if !reflect.DeepEqual(got, want[i]) {
			t.Errorf("%s: secrets %q, want %q", d.Address, got, want[i])
		}
	}
}

func TestFileTooLarge(t *testing.T) {
	big := make([]byte, scanners.MaxFileSize+1)
	copy(big, "apiVersion: v1\nkind: ConfigMap\n")
	fsys := fstest.MapFS{"big.yaml": {Data: big}}
	res := kubernetes.New().Scan(context.Background(), fsys, []string{"big.yaml"})
	if len(res) != 1 || len(res[0].Errors) != 1 || len(res[0].Documents) != 0 {
		t.Fatalf("results %+v, want one file error", res)
	}
	e := res[0].Errors[0]
	if e.Path != "big.yaml" || e.Line != 0 || !strings.Contains(e.Err.Error(), "limit") {
		t.Errorf("error %v (line %d), want the size limit without a line", e, e.Line)
	}
}

func TestMissingFile(t *testing.T) {
	res := kubernetes.New().Scan(context.Background(), fstest.MapFS{}, []string{"gone.yaml"})
	if len(res) != 1 || res[0].Path != "gone.yaml" || len(res[0].Errors) != 1 || res[0].Errors[0].Line != 0 {
		t.Errorf("results %+v, want one error without a line", res)
	}
}

func TestResultsInGivenOrder(t *testing.T) {
	files := map[string]string{
		"b.yaml": "apiVersion: v1\nkind: Pod\nmetadata: {name: b}\n",
		"a.yaml": "apiVersion: v1\nkind: Pod\nmetadata: {name: a}\n",
		"c.yml":  "apiVersion: v1\nkind: Pod\nmetadata: {name: c}\n",
	}
	order := []string{"c.yml", "a.yaml", "b.yaml"}
	for i, r := range scan(t, files, order...) {
		if r.Path != order[i] || len(r.Documents) != 1 || r.Documents[0].Path != order[i] {
			t.Errorf("result %d is %q, want %q", i, r.Path, order[i])
		}
	}
}

// TestRealistic pins the documents of a realistic multi-kind manifest and
// the findings the built-in library reports on it, at their lines.
func TestRealistic(t *testing.T) {
	fsys := os.DirFS(filepath.Join("..", "..", "testdata", "kubernetes"))
	res := scantest.Scan(t, kubernetes.New(), fsys, "realistic/shop.yaml")
	if len(res[0].Errors) > 0 {
		t.Fatalf("errors: %v", res[0].Errors)
	}
	docs := res[0].Documents
	scantest.Golden(t, filepath.Join("..", "..", "testdata", "kubernetes", "realistic", "documents.golden.json"), scantest.DocumentsJSON(t, docs))
	got := scantest.Findings(t, docs, scantest.Rules("TG-K8S-012", "TG-K8S-013", "TG-K8S-019", "TG-K8S-032", "TG-K8S-044", "TG-K8S-048", "TG-K8S-071", "TG-K8S-075"))
	want := []string{
		"TG-K8S-012 realistic/shop.yaml:39-39",
		"TG-K8S-013 realistic/shop.yaml:23-23",
		"TG-K8S-019 realistic/shop.yaml:33-33",
		"TG-K8S-032 realistic/shop.yaml:64-64",
		"TG-K8S-044 realistic/shop.yaml:52-52",
		"TG-K8S-048 realistic/shop.yaml:29-29",
		"TG-K8S-071 realistic/shop.yaml:76-77",
		"TG-K8S-075 realistic/shop.yaml:87-87",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings:\n got %s\nwant %s", strings.Join(got, "\n     "), strings.Join(want, "\n     "))
	}
	secrets := 0
	for _, d := range docs {
		secrets += len(d.Secrets)
	}
	if secrets != 2 {
		t.Errorf("%d secrets recorded, want the env value and the Secret's stringData", secrets)
	}
}

// TestSyntaxErrorKeepsEarlierDocuments: a YAML error is reported at its
// line, and the documents before it are still scanned.
func TestSyntaxErrorKeepsEarlierDocuments(t *testing.T) {
	fsys := os.DirFS(filepath.Join("..", "..", "testdata", "kubernetes"))
	res := scantest.Scan(t, kubernetes.New(), fsys, "syntax-error/broken.yaml")
	if len(res[0].Errors) != 1 || res[0].Errors[0].Line != 11 {
		t.Errorf("errors %v, want one at line 11", res[0].Errors)
	}
	if len(res[0].Documents) != 1 || res[0].Documents[0].Type != "ConfigMap" {
		t.Errorf("documents %+v, want the ConfigMap before the error", res[0].Documents)
	}
}

// TestYAML11Booleans is D02: kubectl reads `privileged: yes`, `hostNetwork:
// yes` and `hostPID: on` as true (sigs.k8s.io/yaml, YAML 1.1), so the
// policies must see true and fire; a quoted "yes" is a string to kubectl
// (the API server refuses it for a boolean field) and stays one.
func TestYAML11Booleans(t *testing.T) {
	src := `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  automountServiceAccountToken: false
  serviceAccountName: app
  hostNetwork: yes
  hostPID: on
  hostIPC: "yes"
  containers:
    - name: a
      image: nginx@sha256:0000000000000000000000000000000000000000000000000000000000000000
      securityContext:
        privileged: yes
        runAsNonRoot: true
        readOnlyRootFilesystem: true
        allowPrivilegeEscalation: false
        capabilities: {drop: [ALL]}
        seccompProfile: {type: RuntimeDefault}
`
	res := scanOne(t, "pod.yaml", src)
	if len(res.Errors) > 0 || len(res.Documents) != 1 {
		t.Fatalf("errors %v, %d documents", res.Errors, len(res.Documents))
	}
	spec := res.Documents[0].Resource["spec"].(map[string]any)
	if spec["hostNetwork"] != true || spec["hostPID"] != true || spec["hostIPC"] != "yes" {
		t.Errorf("hostNetwork %#v, hostPID %#v, hostIPC %#v; want true, true, \"yes\"", spec["hostNetwork"], spec["hostPID"], spec["hostIPC"])
	}
	sc := spec["containers"].([]any)[0].(map[string]any)["securityContext"].(map[string]any)
	if sc["privileged"] != true {
		t.Errorf("privileged %#v, want true", sc["privileged"])
	}
	got := scantest.Findings(t, res.Documents, scantest.Prefix("TG-K8S-"))
	for _, want := range []string{"pod.yaml:15-15", "pod.yaml:8-8", "pod.yaml:9-9"} {
		found := false
		for _, g := range got {
			found = found || strings.HasSuffix(g, " "+want)
		}
		if !found {
			t.Errorf("no finding at %s; findings: %v", want, got)
		}
	}
	for _, g := range got {
		if strings.HasSuffix(g, " pod.yaml:10-10") {
			t.Errorf("finding on the quoted hostIPC \"yes\": %s", g)
		}
	}
}
