package tollgate.access.kubernetes.kubelet_test

import data.tollgate.access.kubernetes.apiserver_test as pods
import data.tollgate.access.kubernetes.controlplane_test as components
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

# Kubelets started by a container (command on lines 11..12+N), see
# tollgate.access.kubernetes.controlplane_test.
kubelet_pod(flags) := components.component_pod("kubelet", flags)

hardened_flags := [
	"--anonymous-auth=false",
	"--authorization-mode=Webhook",
	"--read-only-port=0",
	"--client-ca-file=/etc/kubernetes/pki/ca.crt",
	"--protect-kernel-defaults=true",
]

test_hardened_kubelet_container_is_clean if {
	count(kubelet.deny) == 0 with input as kubelet_pod(hardened_flags)
	# Settings a configuration file may give are not judged.
	count(kubelet.deny) == 0 with input as kubelet_pod(["--config=/var/lib/kubelet/config.yaml"])
}

test_tg_k8s_056_container if {
	flags := pods.with_flag(hardened_flags, "--anonymous-auth=false", "")
	f := fx.only(kubelet.deny, "TG-K8S-056") with input as kubelet_pod(flags)
	f.location == fx.at(11, 16)
	f.message == `Pod "kube-apiserver": kubelet allows anonymous requests to the kubelet API (no --anonymous-auth=false, and the default is true)`
	explicit := pods.with_flag(hardened_flags, "--anonymous-auth=false", "--anonymous-auth=true")
	g := fx.only(kubelet.deny, "TG-K8S-056") with input as kubelet_pod(array.concat(explicit, ["--config=/k.yaml"]))
	g.message == `Pod "kube-apiserver": kubelet allows anonymous requests to the kubelet API (--anonymous-auth=true)`
}

test_tg_k8s_057_container if {
	flags := pods.with_flag(hardened_flags, "--authorization-mode=Webhook", "--authorization-mode=AlwaysAllow")
	f := fx.only(kubelet.deny, "TG-K8S-057") with input as kubelet_pod(flags)
	f.location == fx.at(11, 17)
	f.message == `Pod "kube-apiserver": kubelet authorizes every request to the kubelet API (--authorization-mode=AlwaysAllow)`
	unset := pods.with_flag(hardened_flags, "--authorization-mode=Webhook", "")
	count(fx.ids(kubelet.deny, "TG-K8S-057")) == 1 with input as kubelet_pod(unset)
}

test_tg_k8s_058_container if {
	flags := pods.with_flag(hardened_flags, "--read-only-port=0", "--read-only-port=10255")
	f := fx.only(kubelet.deny, "TG-K8S-058") with input as kubelet_pod(flags)
	f.location == fx.at(11, 17)
	f.message == `Pod "kube-apiserver": kubelet serves the unauthenticated read-only port (--read-only-port=10255)`
}

test_tg_k8s_110_violation if {
	flags := pods.with_flag(hardened_flags, "--client-ca-file=/etc/kubernetes/pki/ca.crt", "")
	f := fx.only(kubelet.deny, "TG-K8S-110") with input as kubelet_pod(flags)
	f.location == fx.at(11, 16)
	f.message == `Pod "kube-apiserver": kubelet does not authenticate client certificates (no --client-ca-file)`
}

test_tg_k8s_110_compliant if {
	count(fx.ids(kubelet.deny, "TG-K8S-110")) == 0 with input as kubelet_pod(hardened_flags)
}

test_tg_k8s_111_violation if {
	f := fx.only(kubelet.deny, "TG-K8S-111") with input as kubelet_pod(array.concat(hardened_flags, ["--streaming-connection-idle-timeout=0s"]))
	f.location == fx.at(11, 18)
	f.message == `Pod "kube-apiserver": kubelet keeps idle streaming connections open forever (--streaming-connection-idle-timeout=0s)`
	d := json.patch(hardened, [{"op": "add", "path": "/resource/streamingConnectionIdleTimeout", "value": "0"}])
	g := fx.only(kubelet.deny, "TG-K8S-111") with input as d
	g.message == `KubeletConfiguration in "k8s/app.yaml" keeps idle streaming connections open forever (streamingConnectionIdleTimeout: 0)`
}

test_tg_k8s_111_compliant if {
	count(fx.ids(kubelet.deny, "TG-K8S-111")) == 0 with input as kubelet_pod(array.concat(hardened_flags, ["--streaming-connection-idle-timeout=5m0s"]))
	d := json.patch(hardened, [{"op": "add", "path": "/resource/streamingConnectionIdleTimeout", "value": "10m"}])
	count(fx.ids(kubelet.deny, "TG-K8S-111")) == 0 with input as d
}

test_tg_k8s_112_violation if {
	flags := pods.with_flag(hardened_flags, "--protect-kernel-defaults=true", "")
	f := fx.only(kubelet.deny, "TG-K8S-112") with input as kubelet_pod(flags)
	f.location == fx.at(11, 16)
	f.message == `Pod "kube-apiserver": kubelet does not protect kernel defaults (--protect-kernel-defaults is not true)`
}

test_tg_k8s_112_compliant if {
	count(fx.ids(kubelet.deny, "TG-K8S-112")) == 0 with input as kubelet_pod(hardened_flags)
}

test_tg_k8s_113_violation if {
	f := fx.only(kubelet.deny, "TG-K8S-113") with input as kubelet_pod(array.concat(hardened_flags, ["--make-iptables-util-chains=false"]))
	f.location == fx.at(11, 18)
	f.message == `Pod "kube-apiserver": kubelet does not manage its iptables chains (--make-iptables-util-chains=false)`
	d := json.patch(hardened, [{"op": "add", "path": "/resource/makeIPTablesUtilChains", "value": false}])
	count(fx.ids(kubelet.deny, "TG-K8S-113")) == 1 with input as d
}

test_tg_k8s_113_compliant if {
	count(fx.ids(kubelet.deny, "TG-K8S-113")) == 0 with input as kubelet_pod(array.concat(hardened_flags, ["--make-iptables-util-chains=true"]))
}

test_tg_k8s_114_violation if {
	f := fx.only(kubelet.deny, "TG-K8S-114") with input as kubelet_pod(array.concat(hardened_flags, ["--hostname-override=node-1"]))
	f.location == fx.at(11, 18)
	f.message == `Pod "kube-apiserver": kubelet overrides its node name (--hostname-override=node-1)`
}

test_tg_k8s_114_compliant if {
	count(fx.ids(kubelet.deny, "TG-K8S-114")) == 0 with input as kubelet_pod(hardened_flags)
}

test_kubelet_image_without_kubelet_command_ignored if {
	d := pods.static_pod({
		"name": "kubelet",
		"image": "example.com/kubelet:1.30",
		"args": ["--hostname-override=x"],
		"command": ["/bin/sh"],
		"__loc": fx.L(9, 12, {"name": 9, "image": 10, "args": 11, "command": 12}),
	})
	count(kubelet.deny) == 0 with input as d
}
