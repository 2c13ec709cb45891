package tollgate.access.kubernetes.kubelet_test

import data.tollgate.access.kubernetes.fixtures_test as fx
import data.tollgate.access.kubernetes.kubelet
import rego.v1

#  1 apiVersion: kubelet.config.k8s.io/v1beta1
#  2 kind: KubeletConfiguration
#  3 authentication:
#  4   anonymous:
#  5     enabled: ANONYMOUS
#  6   webhook:
#  7     enabled: true
#  8 authorization:
#  9   mode: MODE
# 10 readOnlyPort: PORT
kubelet_config(anonymous, mode, port) := fx.doc("KubeletConfiguration", "", {
	"apiVersion": "kubelet.config.k8s.io/v1beta1",
	"kind": "KubeletConfiguration",
	"authentication": {
		"anonymous": {"enabled": anonymous, "__loc": fx.L(4, 5, {"enabled": 5})},
		"webhook": {"enabled": true, "__loc": fx.L(6, 7, {"enabled": 7})},
		"__loc": fx.L(3, 7, {}),
	},
	"authorization": {"mode": mode, "__loc": fx.L(8, 9, {"mode": 9})},
	"readOnlyPort": port,
	"__loc": fx.L(1, 10, {"apiVersion": 1, "kind": 2, "readOnlyPort": 10}),
})

hardened := kubelet_config(false, "Webhook", 0)

test_tg_k8s_056_violation if {
	f := fx.only(kubelet.deny, "TG-K8S-056") with input as kubelet_config(true, "Webhook", 0)
	f.location == fx.at(5, 5)
	f.message == `KubeletConfiguration in "k8s/app.yaml" allows anonymous requests to the kubelet API (authentication.anonymous.enabled: true)`
}

test_tg_k8s_056_compliant if {
	count(fx.ids(kubelet.deny, "TG-K8S-056")) == 0 with input as hardened
}

test_tg_k8s_057_violation if {
	f := fx.only(kubelet.deny, "TG-K8S-057") with input as kubelet_config(false, "AlwaysAllow", 0)
	f.location == fx.at(9, 9)
	f.message == `KubeletConfiguration in "k8s/app.yaml" authorizes every request to the kubelet API (authorization.mode: AlwaysAllow)`
}

test_tg_k8s_057_compliant if {
	count(fx.ids(kubelet.deny, "TG-K8S-057")) == 0 with input as hardened
}

test_tg_k8s_058_violation if {
	f := fx.only(kubelet.deny, "TG-K8S-058") with input as kubelet_config(false, "Webhook", 10255)
	f.location == fx.at(10, 10)
	f.message == `KubeletConfiguration in "k8s/app.yaml" serves the unauthenticated read-only port 10255 (readOnlyPort)`
}

test_tg_k8s_058_compliant if {
	count(fx.ids(kubelet.deny, "TG-K8S-058")) == 0 with input as hardened
}

test_defaults_are_compliant if {
	d := fx.doc("KubeletConfiguration", "", {
		"apiVersion": "kubelet.config.k8s.io/v1beta1",
		"kind": "KubeletConfiguration",
		"__loc": fx.L(1, 2, {"apiVersion": 1, "kind": 2}),
	})
	count(kubelet.deny) == 0 with input as d
}

test_named_configuration_is_named if {
	d := json.patch(kubelet_config(true, "Webhook", 0), [{"op": "replace", "path": "/name", "value": "workers"}])
	f := fx.only(kubelet.deny, "TG-K8S-056") with input as d
	f.message == `KubeletConfiguration "workers" allows anonymous requests to the kubelet API (authentication.anonymous.enabled: true)`
}
