package helm_test

import (
	"testing"
	"testing/fstest"
	"time"

	"github.com/tollgate/tollgate/internal/scantest"
	"github.com/tollgate/tollgate/scanners/helm"
)

// FuzzChart: a chart of a values.yaml and one template never panics or
// hangs the Helm reader (the render limits hold), and every problem is a
// FileError naming a file.
func FuzzChart(f *testing.F) {
	values := scantest.Seeds(f, "helm", "values.yaml")
	for i, tpl := range scantest.Seeds(f, "helm", ".yaml", ".tpl") {
		f.Add(values[i%len(values)], tpl)
	}
	f.Add([]byte("a: [1, 2]\n"), []byte("{{ range $i := until 10 }}{{ tpl \"{{ . }}\" $i }}{{ end }}{{ include \"x\" . }}"))
	f.Add([]byte("p: yes\n"), []byte("apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Values.p }}\nspec:\n  hostPID: {{ .Values.p }}\n"))
	s, err := helm.New(helm.WithRenderTimeout(2*time.Second), helm.WithMaxRenderedSize(4<<20))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, values, tpl []byte) {
		fsys := fstest.MapFS{
			"c/Chart.yaml":       {Data: []byte("apiVersion: v2\nname: c\nversion: 0.1.0\n")},
			"c/values.yaml":      {Data: values},
			"c/templates/t.yaml": {Data: tpl},
		}
		files := []string{"c/Chart.yaml", "c/values.yaml", "c/templates/t.yaml"}
		start := time.Now()
		results := s.Scan(t.Context(), fsys, files)
		if d := time.Since(start); d > scantest.FuzzMaxDuration {
			t.Fatalf("took %v", d)
		}
		scantest.CheckFuzzResults(t, results, len(files))
	})
}
