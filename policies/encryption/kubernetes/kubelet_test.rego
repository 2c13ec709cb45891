package tollgate.encryption.kubernetes.kubelet_test

import data.tollgate.access.kubernetes.controlplane_test as components
import data.tollgate.access.kubernetes.fixtures_test as fx
import data.tollgate.encryption.kubernetes.kubelet
import rego.v1

# 1 apiVersion: kubelet.config.k8s.io/v1beta1
# 2 kind: KubeletConfiguration
# 3 rotateCertificates: VALUE
kubelet_config(rotate) := fx.doc("KubeletConfiguration", "", {
	"apiVersion": "kubelet.config.k8s.io/v1beta1",
	"kind": "KubeletConfiguration",
	"rotateCertificates": rotate,
	"__loc": fx.L(1, 3, {"apiVersion": 1, "kind": 2, "rotateCertificates": 3}),
})

test_tg_k8s_067_violation if {
	f := fx.only(kubelet.deny, "TG-K8S-067") with input as kubelet_config(false)
	f.location == fx.at(3, 3)
	f.message == `KubeletConfiguration in "k8s/app.yaml" does not rotate the kubelet's certificates (rotateCertificates: false)`
}

test_tg_k8s_067_compliant if {
	count(kubelet.deny) == 0 with input as kubelet_config(true)
	count(kubelet.deny) == 0 with input as json.remove(kubelet_config(true), ["resource/rotateCertificates"])
}

kubelet_pod(flags) := components.component_pod("kubelet", flags)

serving := ["--tls-cert-file=/var/lib/kubelet/pki/kubelet.crt", "--tls-private-key-file=/var/lib/kubelet/pki/kubelet.key"]

test_tg_k8s_067_container if {
	f := fx.only(kubelet.deny, "TG-K8S-067") with input as kubelet_pod(array.concat(serving, ["--rotate-certificates=false"]))
	f.location == fx.at(11, 15)
	f.message == `Pod "kube-apiserver": kubelet does not rotate its certificates (--rotate-certificates=false)`
	count(kubelet.deny) == 0 with input as kubelet_pod(array.concat(serving, ["--rotate-certificates=true"]))
}

test_tg_k8s_115_violation if {
	f := fx.only(kubelet.deny, "TG-K8S-115") with input as kubelet_pod(["--tls-cert-file=/var/lib/kubelet/pki/kubelet.crt"])
	f.location == fx.at(11, 13)
	f.message == `Pod "kube-apiserver": kubelet serves a self-signed certificate (no --tls-private-key-file)`
}

test_tg_k8s_115_compliant if {
	count(fx.ids(kubelet.deny, "TG-K8S-115")) == 0 with input as kubelet_pod(serving)
	count(fx.ids(kubelet.deny, "TG-K8S-115")) == 0 with input as kubelet_pod(["--rotate-server-certificates=true"])
	count(fx.ids(kubelet.deny, "TG-K8S-115")) == 0 with input as kubelet_pod(["--config=/var/lib/kubelet/config.yaml"])
}
