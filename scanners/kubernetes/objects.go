package kubernetes

import "github.com/tollgate/tollgate/scanners"

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
