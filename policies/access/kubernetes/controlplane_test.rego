package tollgate.access.kubernetes.controlplane_test

import data.tollgate.access.kubernetes.apiserver_test as pods
import data.tollgate.access.kubernetes.controlplane
import data.tollgate.access.kubernetes.fixtures_test as fx
import rego.v1

# component_pod(binary, flags) is the static pod of tollgate.access.kubernetes.apiserver_test
# running binary: command on lines 11..12+N.
component_pod(binary, flags) := pods.static_pod({
	"name": binary,
	"image": sprintf("registry.k8s.io/%s:v1.30.2", [binary]),
	"command": array.concat([binary], flags),
	"__loc": fx.L(9, 12 + count(flags), {"name": 9, "image": 10, "command": [11, 12 + count(flags)]}),
})

apiserver := ["--profiling=false", "--authorization-mode=Node,RBAC"]

controller_manager := [
	"--profiling=false",
	"--use-service-account-credentials=true",
	"--service-account-private-key-file=/etc/kubernetes/pki/sa.key",
	"--root-ca-file=/etc/kubernetes/pki/ca.crt",
	"--bind-address=127.0.0.1",
]

scheduler := ["--profiling=false", "--bind-address=127.0.0.1"]

etcd := ["--client-cert-auth=true", "--peer-client-cert-auth=true", "--data-dir=/var/lib/etcd"]

test_hardened_components_are_clean if {
	count(controlplane.deny) == 0 with input as component_pod("kube-apiserver", apiserver)
	count(controlplane.deny) == 0 with input as component_pod("kube-controller-manager", controller_manager)
	count(controlplane.deny) == 0 with input as component_pod("kube-scheduler", scheduler)
	count(controlplane.deny) == 0 with input as component_pod("etcd", etcd)
}

test_tg_k8s_093_violation if {
	f := fx.only(controlplane.deny, "TG-K8S-093") with input as component_pod("kube-scheduler", ["--bind-address=127.0.0.1"])
	f.location == fx.at(11, 13)
	f.message == `Pod "kube-apiserver": kube-scheduler serves profiling data (--profiling is not false)`
	g := fx.only(controlplane.deny, "TG-K8S-093") with input as component_pod("kube-apiserver", ["--profiling=true"])
	g.message == `Pod "kube-apiserver": kube-apiserver serves profiling data (--profiling is not false)`
	flags := pods.with_flag(controller_manager, "--profiling=false", "")
	count(fx.ids(controlplane.deny, "TG-K8S-093")) == 1 with input as component_pod("kube-controller-manager", flags)
}

test_tg_k8s_093_compliant if {
	count(fx.ids(controlplane.deny, "TG-K8S-093")) == 0 with input as component_pod("kube-apiserver", apiserver)
	# A scheduler configuration file decides enableProfiling.
	count(fx.ids(controlplane.deny, "TG-K8S-093")) == 0 with input as component_pod("kube-scheduler", ["--config=/etc/kubernetes/scheduler.yaml", "--bind-address=127.0.0.1"])
}

test_tg_k8s_095_violation if {
	flags := pods.with_flag(controller_manager, "--use-service-account-credentials=true", "")
	f := fx.only(controlplane.deny, "TG-K8S-095") with input as component_pod("kube-controller-manager", flags)
	f.location == fx.at(11, 16)
	f.message == `Pod "kube-apiserver": kube-controller-manager runs every controller with its own credentials (--use-service-account-credentials is not true)`
}

test_tg_k8s_095_compliant if {
	count(fx.ids(controlplane.deny, "TG-K8S-095")) == 0 with input as component_pod("kube-controller-manager", controller_manager)
}

test_tg_k8s_096_violation if {
	flags := pods.with_flag(controller_manager, "--service-account-private-key-file=/etc/kubernetes/pki/sa.key", "")
	f := fx.only(controlplane.deny, "TG-K8S-096") with input as component_pod("kube-controller-manager", flags)
	f.location == fx.at(11, 16)
	f.message == `Pod "kube-apiserver": kube-controller-manager has no service account signing key (no --service-account-private-key-file)`
}

test_tg_k8s_096_compliant if {
	count(fx.ids(controlplane.deny, "TG-K8S-096")) == 0 with input as component_pod("kube-controller-manager", controller_manager)
}

test_tg_k8s_097_violation if {
	flags := pods.with_flag(controller_manager, "--root-ca-file=/etc/kubernetes/pki/ca.crt", "")
	f := fx.only(controlplane.deny, "TG-K8S-097") with input as component_pod("kube-controller-manager", flags)
	f.location == fx.at(11, 16)
	f.message == `Pod "kube-apiserver": kube-controller-manager gives pods no cluster CA (no --root-ca-file)`
}

test_tg_k8s_097_compliant if {
	count(fx.ids(controlplane.deny, "TG-K8S-097")) == 0 with input as component_pod("kube-controller-manager", controller_manager)
}

test_tg_k8s_098_violation if {
	flags := pods.with_flag(controller_manager, "--bind-address=127.0.0.1", "--bind-address=0.0.0.0")
	f := fx.only(controlplane.deny, "TG-K8S-098") with input as component_pod("kube-controller-manager", flags)
	f.location == fx.at(11, 17)
	f.message == `Pod "kube-apiserver": kube-controller-manager listens on every interface (--bind-address=0.0.0.0)`
	g := fx.only(controlplane.deny, "TG-K8S-098") with input as component_pod("kube-scheduler", ["--profiling=false"])
	g.message == `Pod "kube-apiserver": kube-scheduler listens on every interface (no --bind-address, and the default is 0.0.0.0)`
}

test_tg_k8s_098_compliant if {
	count(fx.ids(controlplane.deny, "TG-K8S-098")) == 0 with input as component_pod("kube-scheduler", scheduler)
	count(fx.ids(controlplane.deny, "TG-K8S-098")) == 0 with input as component_pod("kube-scheduler", ["--profiling=false", "--bind-address=::1"])
}

test_tg_k8s_099_violation if {
	flags := pods.with_flag(etcd, "--client-cert-auth=true", "--client-cert-auth=false")
	f := fx.only(controlplane.deny, "TG-K8S-099") with input as component_pod("etcd", flags)
	f.location == fx.at(11, 15)
	f.message == `Pod "kube-apiserver": etcd does not authenticate its clients (--client-cert-auth is not true)`
	count(fx.ids(controlplane.deny, "TG-K8S-099")) == 1 with input as component_pod("etcd", pods.with_flag(etcd, "--client-cert-auth=true", ""))
}

test_tg_k8s_099_compliant if {
	count(fx.ids(controlplane.deny, "TG-K8S-099")) == 0 with input as component_pod("etcd", etcd)
	# Settings in a configuration file or in the environment are not known here.
	flags := pods.with_flag(etcd, "--client-cert-auth=true", "--config-file=/etc/etcd/etcd.yaml")
	count(fx.ids(controlplane.deny, "TG-K8S-099")) == 0 with input as component_pod("etcd", flags)
	env := json.patch(component_pod("etcd", pods.with_flag(etcd, "--client-cert-auth=true", "")), [{
		"op": "add", "path": "/resource/spec/containers/0/env",
		"value": [{"name": "ETCD_CLIENT_CERT_AUTH", "value": "true"}],
	}])
	count(fx.ids(controlplane.deny, "TG-K8S-099")) == 0 with input as env
}

test_tg_k8s_099_etcd_image_without_etcd_command_ignored if {
	d := pods.static_pod({
		"name": "etcd",
		"image": "bitnami/etcd:3.5",
		"__loc": fx.L(9, 10, {"name": 9, "image": 10}),
	})
	count(controlplane.deny) == 0 with input as d
}

test_tg_k8s_100_violation if {
	flags := pods.with_flag(etcd, "--peer-client-cert-auth=true", "")
	f := fx.only(controlplane.deny, "TG-K8S-100") with input as component_pod("etcd", flags)
	f.location == fx.at(11, 14)
	f.message == `Pod "kube-apiserver": etcd does not authenticate its peers (--peer-client-cert-auth is not true)`
}

test_tg_k8s_100_compliant if {
	count(fx.ids(controlplane.deny, "TG-K8S-100")) == 0 with input as component_pod("etcd", etcd)
}
