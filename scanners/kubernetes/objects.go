package kubernetes

import (
	"github.com/tollgate/tollgate/scanners"
	"github.com/tollgate/tollgate/scanners/yamlpos"
)

// Schema is how manifests are decoded: as kubectl, Helm and client-go
// decode them (sigs.k8s.io/yaml, go.yaml.in/yaml/v2, YAML 1.1).
const Schema = yamlpos.GoYAML11

// Decode decodes a stream of manifests read from path as kubectl would,
// keeping the lines of every value (see Schema). Helm's rendered output and
// kustomize's built objects are decoded with it too, as kubectl decodes
// them.
func Decode(path string, src []byte) ([]yamlpos.Document, error) {
	return yamlpos.Decode(path, src, yamlpos.WithSchema(Schema))
}

// Documents returns the policy documents of one decoded Kubernetes object
// (or of each item of a List kind) read from path, whose mapping starts at
// line: the conversion the Kubernetes scanner applies to every document of
// a file, for scanners that produce manifests by rendering (Helm,
// Kustomize). obj must carry scanners.LocKey positions. Objects without
// apiVersion or kind, and List items that are not objects, are errors at
// line.
func Documents(path string, obj map[string]any, line int) ([]scanners.Document, []*scanners.FileError) {
	var res scanners.Result
	docs := objects(path, obj, line, &res)
	return docs, res.Errors
}
