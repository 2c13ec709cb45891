package tollgate.encryption.kubernetes.apiserver_test

import data.tollgate.access.kubernetes.apiserver_test as pods
import data.tollgate.access.kubernetes.fixtures_test as fx
import data.tollgate.encryption.kubernetes.apiserver
import rego.v1

# The static pod of tollgate.access.kubernetes.apiserver_test: command on lines 11..12+N.
hardened := array.concat(pods.hardened, [
	"--encryption-provider-config=/etc/kubernetes/enc/config.yaml",
	"--kubelet-certificate-authority=/etc/kubernetes/pki/ca.crt",
])

# full adds the flags of the later rules: command on lines 11..23.
full := array.concat(hardened, [
	"--tls-cert-file=/etc/kubernetes/pki/apiserver.crt",
	"--tls-private-key-file=/etc/kubernetes/pki/apiserver.key",
	"--etcd-certfile=/etc/kubernetes/pki/apiserver-etcd-client.crt",
	"--etcd-keyfile=/etc/kubernetes/pki/apiserver-etcd-client.key",
	"--etcd-cafile=/etc/kubernetes/pki/etcd/ca.crt",
])

test_hardened_apiserver_is_clean if {
	count(apiserver.deny) == 0 with input as pods.apiserver_pod(full)
}

test_tg_k8s_062_violation if {
	flags := pods.with_flag(hardened, "--encryption-provider-config=/etc/kubernetes/enc/config.yaml", "")
	f := fx.only(apiserver.deny, "TG-K8S-062") with input as pods.apiserver_pod(flags)
	f.location == fx.at(11, 17)
	f.message == `Pod "kube-apiserver": kube-apiserver stores Secrets unencrypted in etcd (no --encryption-provider-config)`
}

test_tg_k8s_062_compliant if {
	count(fx.ids(apiserver.deny, "TG-K8S-062")) == 0 with input as pods.apiserver_pod(hardened)
}

test_tg_k8s_063_violation if {
	flags := pods.with_flag(hardened, "--kubelet-certificate-authority=/etc/kubernetes/pki/ca.crt", "")
	f := fx.only(apiserver.deny, "TG-K8S-063") with input as pods.apiserver_pod(flags)
	f.location == fx.at(11, 17)
	f.message == `Pod "kube-apiserver": kube-apiserver does not verify kubelet certificates (no --kubelet-certificate-authority)`
}

test_tg_k8s_063_compliant if {
	count(fx.ids(apiserver.deny, "TG-K8S-063")) == 0 with input as pods.apiserver_pod(hardened)
}

test_other_workloads_ignored if {
	count(apiserver.deny) == 0 with input as fx.deployment({
		"containers": [{"name": "app", "image": "nginx:1.27", "__loc": fx.L(9, 10, {"name": 9, "image": 10})}],
		"__loc": fx.L(8, 10, {}),
	})
}

test_tg_k8s_094_violation if {
	flags := array.concat(full, ["--secure-port=0"])
	f := fx.only(apiserver.deny, "TG-K8S-094") with input as pods.apiserver_pod(flags)
	f.location == fx.at(11, 24)
	f.message == `Pod "kube-apiserver": kube-apiserver serves no HTTPS (--secure-port=0)`
}

test_tg_k8s_094_compliant if {
	count(fx.ids(apiserver.deny, "TG-K8S-094")) == 0 with input as pods.apiserver_pod(array.concat(full, ["--secure-port=6443"]))
}

test_tg_k8s_101_violation if {
	flags := array.concat(full, ["--kubelet-https=false"])
	f := fx.only(apiserver.deny, "TG-K8S-101") with input as pods.apiserver_pod(flags)
	f.location == fx.at(11, 24)
	f.message == `Pod "kube-apiserver": kube-apiserver calls kubelets over plain HTTP (--kubelet-https=false)`
}

test_tg_k8s_101_compliant if {
	count(fx.ids(apiserver.deny, "TG-K8S-101")) == 0 with input as pods.apiserver_pod(full)
	count(fx.ids(apiserver.deny, "TG-K8S-101")) == 0 with input as pods.apiserver_pod(array.concat(full, ["--kubelet-https=true"]))
}

test_tg_k8s_102_violation if {
	flags := pods.with_flag(full, "--tls-cert-file=/etc/kubernetes/pki/apiserver.crt", "")
	f := fx.only(apiserver.deny, "TG-K8S-102") with input as pods.apiserver_pod(flags)
	f.location == fx.at(11, 22)
	f.message == `Pod "kube-apiserver": kube-apiserver has no serving certificate of its own (no --tls-cert-file)`
}

test_tg_k8s_102_compliant if {
	count(fx.ids(apiserver.deny, "TG-K8S-102")) == 0 with input as pods.apiserver_pod(full)
}

test_tg_k8s_103_violation if {
	f := fx.only(apiserver.deny, "TG-K8S-103") with input as pods.apiserver_pod(hardened)
	f.location == fx.at(11, 18)
	f.message == `Pod "kube-apiserver": kube-apiserver has no client certificate for etcd (no --etcd-certfile, --etcd-keyfile)`
}

test_tg_k8s_103_compliant if {
	count(fx.ids(apiserver.deny, "TG-K8S-103")) == 0 with input as pods.apiserver_pod(full)
}

test_tg_k8s_104_violation if {
	flags := pods.with_flag(full, "--etcd-cafile=/etc/kubernetes/pki/etcd/ca.crt", "")
	f := fx.only(apiserver.deny, "TG-K8S-104") with input as pods.apiserver_pod(flags)
	f.location == fx.at(11, 22)
	f.message == `Pod "kube-apiserver": kube-apiserver does not verify etcd's certificate (no --etcd-cafile)`
}

test_tg_k8s_104_compliant if {
	count(fx.ids(apiserver.deny, "TG-K8S-104")) == 0 with input as pods.apiserver_pod(full)
}
