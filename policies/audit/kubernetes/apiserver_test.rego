package tollgate.audit.kubernetes.apiserver_test

import data.tollgate.access.kubernetes.apiserver_test as pods
import data.tollgate.access.kubernetes.fixtures_test as fx
import data.tollgate.audit.kubernetes.apiserver
import rego.v1

# The static pod of tollgate.access.kubernetes.apiserver_test: command on lines 11..12+N.
audited := array.concat(pods.hardened, [
	"--audit-policy-file=/etc/kubernetes/audit/policy.yaml",
	"--audit-log-path=/var/log/kubernetes/audit.log",
	"--audit-log-maxage=30",
	"--audit-log-maxbackup=10",
])

test_audited_apiserver_is_clean if {
	count(apiserver.deny) == 0 with input as pods.apiserver_pod(audited)
}

test_tg_k8s_080_violation if {
	f := fx.only(apiserver.deny, "TG-K8S-080") with input as pods.apiserver_pod(pods.hardened)
	f.location == fx.at(11, 16)
	f.message == `Pod "kube-apiserver": kube-apiserver records no audit events (no --audit-log-path or --audit-webhook-config-file)`
}

test_tg_k8s_080_compliant if {
	count(fx.ids(apiserver.deny, "TG-K8S-080")) == 0 with input as pods.apiserver_pod(audited)
	webhook := array.concat(pods.hardened, ["--audit-policy-file=/p.yaml", "--audit-webhook-config-file=/w.yaml"])
	count(fx.ids(apiserver.deny, "TG-K8S-080")) == 0 with input as pods.apiserver_pod(webhook)
}

test_tg_k8s_080_missing_policy if {
	flags := pods.with_flag(audited, "--audit-policy-file=/etc/kubernetes/audit/policy.yaml", "")
	f := fx.only(apiserver.deny, "TG-K8S-080") with input as pods.apiserver_pod(flags)
	f.message == `Pod "kube-apiserver": kube-apiserver records no audit events (no --audit-policy-file, so no event is recorded)`
}

test_tg_k8s_081_violation if {
	flags := pods.with_flag(pods.with_flag(audited, "--audit-log-maxage=30", "--audit-log-maxage=7"), "--audit-log-maxbackup=10", "--audit-log-maxbackup=3")
	f := fx.only(apiserver.deny, "TG-K8S-081") with input as pods.apiserver_pod(flags)
	f.location == fx.at(11, 20)
	f.message == `Pod "kube-apiserver": kube-apiserver deletes audit logs early (--audit-log-maxage=7, --audit-log-maxbackup=3)`
}

test_tg_k8s_081_compliant if {
	count(fx.ids(apiserver.deny, "TG-K8S-081")) == 0 with input as pods.apiserver_pod(audited)
	unlimited := pods.with_flag(audited, "--audit-log-maxage=30", "--audit-log-maxage=0")
	count(fx.ids(apiserver.deny, "TG-K8S-081")) == 0 with input as pods.apiserver_pod(unlimited)
	stdout := pods.with_flag(pods.with_flag(audited, "--audit-log-maxage=30", "--audit-log-maxage=1"), "--audit-log-path=/var/log/kubernetes/audit.log", "--audit-log-path=-")
	count(fx.ids(apiserver.deny, "TG-K8S-081")) == 0 with input as pods.apiserver_pod(stdout)
}

test_tg_k8s_081_small_rotation_size if {
	flags := array.concat(audited, ["--audit-log-maxsize=10"])
	f := fx.only(apiserver.deny, "TG-K8S-081") with input as pods.apiserver_pod(flags)
	f.message == `Pod "kube-apiserver": kube-apiserver deletes audit logs early (--audit-log-maxsize=10)`
}

test_tg_k8s_081_rotation_size_compliant if {
	count(fx.ids(apiserver.deny, "TG-K8S-081")) == 0 with input as pods.apiserver_pod(array.concat(audited, ["--audit-log-maxsize=100"]))
	# Without a limit on the number of files, no rotated file is deleted for its size.
	unlimited := pods.with_flag(audited, "--audit-log-maxbackup=10", "--audit-log-maxbackup=0")
	count(fx.ids(apiserver.deny, "TG-K8S-081")) == 0 with input as pods.apiserver_pod(array.concat(unlimited, ["--audit-log-maxsize=10"]))
}
