package tollgate.encryption.kubernetes.controlplane_test

import data.tollgate.access.kubernetes.apiserver_test as pods
import data.tollgate.access.kubernetes.controlplane_test as components
import data.tollgate.access.kubernetes.fixtures_test as fx
import data.tollgate.encryption.kubernetes.controlplane
import rego.v1

etcd := [
	"--cert-file=/etc/kubernetes/pki/etcd/server.crt",
	"--key-file=/etc/kubernetes/pki/etcd/server.key",
	"--peer-cert-file=/etc/kubernetes/pki/etcd/peer.crt",
	"--peer-key-file=/etc/kubernetes/pki/etcd/peer.key",
]

controller_manager := ["--feature-gates=RotateKubeletServerCertificate=true", "--root-ca-file=/etc/kubernetes/pki/ca.crt"]

test_hardened_components_are_clean if {
	count(controlplane.deny) == 0 with input as components.component_pod("etcd", etcd)
	count(controlplane.deny) == 0 with input as components.component_pod("kube-controller-manager", controller_manager)
	count(controlplane.deny) == 0 with input as components.component_pod("kube-controller-manager", ["--root-ca-file=/etc/kubernetes/pki/ca.crt"])
}

test_tg_k8s_105_violation if {
	flags := pods.with_flag(controller_manager, "--feature-gates=RotateKubeletServerCertificate=true", "--feature-gates=SomeGate=true, RotateKubeletServerCertificate=false")
	f := fx.only(controlplane.deny, "TG-K8S-105") with input as components.component_pod("kube-controller-manager", flags)
	f.location == fx.at(11, 14)
	f.message == `Pod "kube-apiserver": kube-controller-manager turns off kubelet serving certificate rotation (RotateKubeletServerCertificate=false)`
}

test_tg_k8s_105_compliant if {
	count(fx.ids(controlplane.deny, "TG-K8S-105")) == 0 with input as components.component_pod("kube-controller-manager", controller_manager)
}

test_tg_k8s_106_violation if {
	flags := pods.with_flag(etcd, "--key-file=/etc/kubernetes/pki/etcd/server.key", "")
	f := fx.only(controlplane.deny, "TG-K8S-106") with input as components.component_pod("etcd", flags)
	f.location == fx.at(11, 15)
	f.message == `Pod "kube-apiserver": etcd serves clients without TLS (no --key-file)`
}

test_tg_k8s_106_compliant if {
	count(fx.ids(controlplane.deny, "TG-K8S-106")) == 0 with input as components.component_pod("etcd", etcd)
	flags := array.concat(pods.with_flag(etcd, "--key-file=/etc/kubernetes/pki/etcd/server.key", ""), ["--config-file=/etc/etcd.yaml"])
	count(fx.ids(controlplane.deny, "TG-K8S-106")) == 0 with input as components.component_pod("etcd", flags)
}

test_tg_k8s_107_violation if {
	flags := [f | some f in etcd; not startswith(f, "--peer-")]
	f := fx.only(controlplane.deny, "TG-K8S-107") with input as components.component_pod("etcd", flags)
	f.location == fx.at(11, 14)
	f.message == `Pod "kube-apiserver": etcd replicates to its peers without TLS (no --peer-cert-file, --peer-key-file)`
}

test_tg_k8s_107_compliant if {
	count(fx.ids(controlplane.deny, "TG-K8S-107")) == 0 with input as components.component_pod("etcd", etcd)
}

test_tg_k8s_108_violation if {
	flags := array.concat(etcd, ["--peer-auto-tls"])
	f := fx.only(controlplane.deny, "TG-K8S-108") with input as components.component_pod("etcd", flags)
	f.location == fx.at(11, 17)
	f.message == `Pod "kube-apiserver": etcd uses self-signed certificates (--peer-auto-tls=true)`
}

test_tg_k8s_108_compliant if {
	count(fx.ids(controlplane.deny, "TG-K8S-108")) == 0 with input as components.component_pod("etcd", array.concat(etcd, ["--auto-tls=false"]))
}

test_tg_k8s_105_kubelet if {
	f := fx.only(controlplane.deny, "TG-K8S-105") with input as components.component_pod("kubelet", ["--feature-gates=RotateKubeletServerCertificate=false"])
	f.message == `Pod "kube-apiserver": kubelet turns off kubelet serving certificate rotation (RotateKubeletServerCertificate=false)`
}
