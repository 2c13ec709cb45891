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

test_hardened_apiserver_is_clean if {
	count(apiserver.deny) == 0 with input as pods.apiserver_pod(hardened)
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
