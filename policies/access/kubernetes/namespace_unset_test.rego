package tollgate.access.kubernetes.namespace_unset_test

import data.tollgate.access.kubernetes.fixtures_test as fx
import data.tollgate.access.kubernetes.namespace_unset
import rego.v1

#  1 apiVersion: v1
#  2 kind: KIND
#  3 metadata:
#  4   name: NAME
#  5   namespace: shop      <- removed
object(kind, name) := json.patch(fx.manifest("v1", kind, name, {}, {}, 8), [
	{"op": "remove", "path": "/resource/metadata/namespace"},
	{"op": "remove", "path": "/resource/metadata/__loc/attrs/namespace"},
	{"op": "replace", "path": "/resource/metadata/__loc/end_line", "value": 4},
])

test_tg_k8s_141_violation if {
	f := fx.only(namespace_unset.deny, "TG-K8S-141") with input as object("Deployment", "web")
	f.location == fx.at(3, 4)
	f.message == `Deployment "web" names no namespace: it is created in the deployer's current namespace, default unless one is chosen`

	count(fx.ids(namespace_unset.deny, "TG-K8S-141")) == 1 with input as object("ConfigMap", "settings")
	count(fx.ids(namespace_unset.deny, "TG-K8S-141")) == 1 with input as object("ServiceAccount", "web")

	empty := json.patch(fx.manifest("v1", "Service", "web", {}, {}, 8), [{"op": "replace", "path": "/resource/metadata/namespace", "value": ""}])
	g := fx.only(namespace_unset.deny, "TG-K8S-141") with input as empty
	g.location == fx.at(5, 5)
}

test_tg_k8s_141_compliant if {
	count(fx.ids(namespace_unset.deny, "TG-K8S-141")) == 0 with input as fx.manifest("apps/v1", "Deployment", "web", {}, {}, 8)

	# Objects Kubernetes creates in every namespace, and kinds without a namespace.
	count(fx.ids(namespace_unset.deny, "TG-K8S-141")) == 0 with input as object("ServiceAccount", "default")
	count(fx.ids(namespace_unset.deny, "TG-K8S-141")) == 0 with input as object("Service", "kubernetes")
	count(fx.ids(namespace_unset.deny, "TG-K8S-141")) == 0 with input as object("ClusterRole", "view")
	count(fx.ids(namespace_unset.deny, "TG-K8S-141")) == 0 with input as object("Namespace", "shop")

	# A namespace the template does not decide.
	templated := json.patch(object("Deployment", "web"), [{
		"op": "add", "path": "/resource/metadata/__loc/attrs/namespace",
		"value": {"start_line": 5, "end_line": 5, "unknown": true},
	}])
	count(fx.ids(namespace_unset.deny, "TG-K8S-141")) == 0 with input as templated
}
