package tollgate.access.kubernetes.namespace_test

import data.tollgate.access.kubernetes.controlplane_test as components
import data.tollgate.access.kubernetes.fixtures_test as fx
import data.tollgate.access.kubernetes.namespace
import rego.v1

in_namespace(ns) := json.patch(fx.deployment({"__loc": fx.L(8, 8, {})}), [{"op": "replace", "path": "/resource/metadata/namespace", "value": ns}])

test_tg_k8s_051_violation if {
	f := fx.only(namespace.deny, "TG-K8S-051") with input as in_namespace("default")
	f.location == fx.at(5, 5)
	f.message == `Deployment "web" is deployed to the default namespace`
}

test_tg_k8s_051_compliant if {
	count(fx.ids(namespace.deny, "TG-K8S-051")) == 0 with input as in_namespace("shop")
	count(fx.ids(namespace.deny, "TG-K8S-051")) == 0 with input as json.remove(in_namespace("shop"), ["resource/metadata/namespace"])
}

# 1 apiVersion: v1
# 2 kind: Namespace
# 3 metadata:
# 4   name: NAME
# 5   labels:
# 6     pod-security.kubernetes.io/enforce: LEVEL
# 7     pod-security.kubernetes.io/warn: restricted
namespace_doc(name, labels) := fx.doc("Namespace", name, {
	"apiVersion": "v1",
	"kind": "Namespace",
	"metadata": {
		"name": name,
		"labels": object.union(labels, {"__loc": fx.L(5, 7, object.filter(
			{"pod-security.kubernetes.io/enforce": 6, "pod-security.kubernetes.io/warn": 7},
			object.keys(labels),
		))}),
		"__loc": fx.L(3, 7, {"name": 4}),
	},
	"__loc": fx.L(1, 7, {"apiVersion": 1, "kind": 2}),
})

test_tg_k8s_052_violation if {
	f := fx.only(namespace.deny, "TG-K8S-052") with input as namespace_doc("shop", {"pod-security.kubernetes.io/enforce": "privileged"})
	f.location == fx.at(6, 6)
	f.message == `Namespace "shop" enforces the privileged Pod Security Standard, which allows everything`
}

test_tg_k8s_052_compliant if {
	every level in ["restricted", "baseline"] {
		count(fx.ids(namespace.deny, "TG-K8S-052")) == 0 with input as namespace_doc("shop", {"pod-security.kubernetes.io/enforce": level})
	}
}

test_tg_k8s_052_missing_label_fires if {
	f := fx.only(namespace.deny, "TG-K8S-052") with input as namespace_doc("shop", {"pod-security.kubernetes.io/warn": "restricted"})
	f.location == fx.at(5, 7)
	f.message == `Namespace "shop" does not enforce a Pod Security Standard (no pod-security.kubernetes.io/enforce label)`
}

test_tg_k8s_052_no_labels_points_at_metadata if {
	d := json.remove(namespace_doc("shop", {}), ["resource/metadata/labels"])
	f := fx.only(namespace.deny, "TG-K8S-052") with input as d
	f.location == fx.at(3, 7)
}

test_tg_k8s_052_system_namespaces_ignored if {
	count(namespace.deny) == 0 with input as namespace_doc("kube-system", {})
}

in_kube_system(d) := json.patch(d, [{"op": "replace", "path": "/resource/metadata/namespace", "value": "kube-system"}])

test_tg_k8s_134_violation if {
	d := in_kube_system(fx.deployment({
		"containers": [{"name": "app", "image": "nginx:1.27", "__loc": fx.L(9, 10, {"name": 9, "image": 10})}],
		"__loc": fx.L(8, 10, {}),
	}))
	f := fx.only(namespace.deny, "TG-K8S-134") with input as d
	f.location == fx.at(5, 5)
	f.message == `Deployment "web" is deployed to kube-system, the namespace of the cluster's own components`
}

test_tg_k8s_134_compliant if {
	pod := in_kube_system(components.component_pod("kube-scheduler", ["--bind-address=127.0.0.1"]))
	count(fx.ids(namespace.deny, "TG-K8S-134")) == 0 with input as pod
	app := fx.deployment({
		"containers": [{"name": "app", "image": "nginx:1.27", "__loc": fx.L(9, 10, {"name": 9, "image": 10})}],
		"__loc": fx.L(8, 10, {}),
	})
	count(fx.ids(namespace.deny, "TG-K8S-134")) == 0 with input as app
}
