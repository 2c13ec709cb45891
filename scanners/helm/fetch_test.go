package helm_test

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/registry"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/google/go-containerregistry/pkg/v1/static"
	"github.com/google/go-containerregistry/pkg/v1/types"

	"github.com/tollgate/tollgate/scanners"
	"github.com/tollgate/tollgate/scanners/helm"
)

// chartArchive is a packaged chart (helm package): NAME/Chart.yaml and a
// template running a privileged container.
func chartArchive(t *testing.T, chartName, version string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(zw)
	for file, body := range map[string]string{
		"Chart.yaml":          fmt.Sprintf("apiVersion: v2\nname: %s\nversion: %s\n", chartName, version),
		"templates/pod.yaml":  "apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Chart.Name }}\nspec:\n  containers:\n    - name: c\n      image: nginx\n      securityContext:\n        privileged: true\n",
		"templates/NOTES.txt": "installed",
	} {
		tw.WriteHeader(&tar.Header{Name: chartName + "/" + file, Mode: 0o644, Size: int64(len(body)), Typeflag: tar.TypeReg})
		tw.Write([]byte(body))
	}
	tw.Close()
	zw.Close()
	return buf.Bytes()
}

// TestDownloadCharts: with a fetcher, dependencies not vendored in charts/
// are fetched as helm dependency build would (a chart repository's
// index.yaml and the newest version meeting the constraint; an OCI
// registry's Helm chart layer) and rendered with the chart, their objects
// reported on the dependency's line of Chart.yaml; a dependency that cannot
// be downloaded is an error there, and one by repository alias is left as
// not vendored.
func TestDownloadCharts(t *testing.T) {
	gets := map[string]int{}
	mux := http.NewServeMux()
	mux.HandleFunc("/charts/index.yaml", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `apiVersion: v1
entries:
  web:
    - name: web
      version: 1.3.0
      urls: [web-1.3.0.tgz]
    - name: web
      version: 1.2.5
      urls: [web-1.2.5.tgz]
    - name: web
      version: 1.2.1
      urls: [web-1.2.1.tgz]
`)
	})
	mux.HandleFunc("/charts/web-1.2.5.tgz", func(w http.ResponseWriter, r *http.Request) {
		gets[r.URL.Path]++
		w.Write(chartArchive(t, "web", "1.2.5"))
	})
	repo := httptest.NewTLSServer(mux)
	defer repo.Close()

	reg := httptest.NewServer(registry.New())
	defer reg.Close()
	host := strings.TrimPrefix(reg.URL, "http://")
	ref, err := name.ParseReference(host + "/charts/db:0.4.0")
	if err != nil {
		t.Fatal(err)
	}
	img, err := mutate.AppendLayers(empty.Image, static.NewLayer(chartArchive(t, "db", "0.4.0"), types.MediaType("application/vnd.cncf.helm.chart.content.v1.tar+gzip")))
	if err != nil {
		t.Fatal(err)
	}
	img = mutate.ConfigMediaType(img, "application/vnd.cncf.helm.config.v1+json")
	if err := remote.Write(ref, img); err != nil {
		t.Fatal(err)
	}

	chart := fmt.Sprintf(`apiVersion: v2
name: app
version: 1.0.0
dependencies:
  - name: web
    version: ~1.2.0
    repository: %s/charts
  - name: db
    version: ">=0.3.0 <1.0.0"
    repository: oci://%s/charts
  - name: cache
    version: 1.0.0
    repository: "@bitnami"
`, repo.URL, host)
	fsys := fstest.MapFS{
		"app/Chart.yaml":  {Data: []byte(chart)},
		"app/values.yaml": {Data: []byte("{}\n")},
	}
	f := &helm.ChartFetcher{CacheDir: t.TempDir(), Client: repo.Client()}
	results := scanDir(t, fsys, helm.WithChartFetcher(f))
	res := results["app/Chart.yaml"]
	if len(res.Errors) != 1 || res.Errors[0].Line != 11 || !strings.Contains(res.Errors[0].Error(), `dependency "cache" is not in charts/`) {
		t.Errorf("errors %v, want only the aliased dependency, not vendored, at line 11", res.Errors)
	}
	byName := map[string]scanners.Document{}
	for _, d := range res.Documents {
		byName[d.Name] = d
	}
	for dep, line := range map[string]int{"web": 5, "db": 8} {
		d, ok := byName[dep]
		if !ok {
			t.Errorf("no document rendered from dependency %s: %v", dep, res.Documents)
			continue
		}
		loc := d.Resource[scanners.LocKey].(map[string]any)
		if d.Path != "app/Chart.yaml" || loc["start_line"] != line {
			t.Errorf("%s: located at %s:%v, want app/Chart.yaml:%d", dep, d.Path, loc["start_line"], line)
		}
	}

	// A second scan takes the archive from the cache.
	scanDir(t, fsys, helm.WithChartFetcher(f))
	if gets["/charts/web-1.2.5.tgz"] != 1 {
		t.Errorf("archive fetched %d times, want once", gets["/charts/web-1.2.5.tgz"])
	}

	// A dependency that cannot be fetched is an error on its line.
	fsys["app/Chart.yaml"] = &fstest.MapFile{Data: []byte(strings.Replace(chart, "~1.2.0", "~2.0.0", 1))}
	res = scanDir(t, fsys, helm.WithChartFetcher(&helm.ChartFetcher{CacheDir: t.TempDir(), Client: repo.Client()}))["app/Chart.yaml"]
	found := false
	for _, e := range res.Errors {
		if e.Line == 5 && strings.Contains(e.Error(), `dependency "web": download failed`) && strings.Contains(e.Error(), "no version meets") {
			found = true
		}
	}
	if !found {
		t.Errorf("errors %v, want the failed download of web at line 5", res.Errors)
	}
}
