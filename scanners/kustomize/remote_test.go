package kustomize_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tollgate/tollgate/internal/scantest"
	"github.com/tollgate/tollgate/scanners/kustomize"
)

// TestDownloadBases: with a getter, a remote base is cloned (git over
// HTTPS, in process), mounted under its repository's name and built with
// the overlay: its objects are located in its own files, the overlay's
// patches still apply and are located in the overlay, a base of the
// remote base is fetched too, and what cannot be fetched is an error at
// the entry's line.
func TestDownloadBases(t *testing.T) {
	srv := scantest.GitServer(t, map[string]map[string]string{
		"platform": {
			"deploy/base/kustomization.yaml": "resources:\n  - pod.yaml\n",
			"deploy/base/pod.yaml":           "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n",
		},
	}, "v1.2.0", nil)
	host := strings.TrimPrefix(srv.URL, "https://")
	id := strings.ReplaceAll(host, ":", "_") + "/git/platform@v1.2.0"
	overlay := "resources:\n  - https://" + host + "/git/platform.git//deploy/base?ref=v1.2.0\npatches:\n  - patch: |-\n      apiVersion: v1\n      kind: Pod\n      metadata:\n        name: web\n      spec:\n        hostNetwork: true\n"
	fsys := fstest.MapFS{"app/kustomization.yaml": {Data: []byte(overlay)}}
	s := kustomize.New(kustomize.WithGetter(scantest.Getter(t, srv)))
	res := scantest.ByPath(scantest.Scan(t, s, fsys, "app/kustomization.yaml"))["app/kustomization.yaml"]
	if len(res.Errors) != 0 || len(res.Documents) != 1 {
		t.Fatalf("errors %v, %d documents", res.Errors, len(res.Documents))
	}
	d := res.Documents[0]
	if d.Path != id+"/deploy/base/pod.yaml" {
		t.Errorf("pod located in %s, want the base's file %s", d.Path, id+"/deploy/base/pod.yaml")
	}
	spec := d.Resource["spec"].(map[string]any)
	if spec["hostNetwork"] != true {
		t.Errorf("the overlay's patch was not applied: %v", spec)
	}
	if at := scantest.Attr(t, spec, "hostNetwork"); at["path"] != "app/kustomization.yaml" {
		t.Errorf("hostNetwork located at %v, want the overlay's patch", at)
	}

	for _, tc := range []struct{ entry, want string }{
		{"https://" + host + "/git/none.git//x?ref=v1", "remote base"},
		{"https://" + host + "/git/platform.git//deploy/base?ref=v9", "remote base"},
		{"git@github.com:org/repo.git", "only git repositories over https://"},
	} {
		fsys := fstest.MapFS{"app/kustomization.yaml": {Data: []byte("resources:\n  - " + tc.entry + "\n")}}
		r := scantest.ByPath(scantest.Scan(t, s, fsys, "app/kustomization.yaml"))["app/kustomization.yaml"]
		if len(r.Errors) != 1 || r.Errors[0].Line != 2 || !strings.Contains(r.Errors[0].Error(), tc.want) {
			t.Errorf("%s: errors %v, want one at line 2 containing %q", tc.entry, r.Errors, tc.want)
		}
	}
}
