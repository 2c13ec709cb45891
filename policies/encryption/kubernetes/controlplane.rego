package tollgate.encryption.kubernetes.controlplane

import data.tollgate.access.kubernetes.workload
import data.tollgate.lib
import rego.v1

# feature_gate(c, gate) is the value the container's --feature-gates flags give to gate
# (the last one wins); undefined when none names it.
feature_gate(c, gate) := vals[count(vals) - 1] if {
	vals := [trim_space(kv[1]) |
		some flags in workload.flag_values(c, "feature-gates")
		some item in split(flags, ",")
		kv := split(item, "=")
		count(kv) == 2
		trim_space(kv[0]) == gate
	]
	count(vals) > 0
}

rotation_components contains ["kube-controller-manager", c] if {
	some c in workload.containers_running(input.type, input.resource, "kube-controller-manager")
}

rotation_components contains ["kubelet", c] if {
	some c in workload.containers_started(input.type, input.resource, "kubelet")
}

# METADATA
# title: Kubelet serving certificate rotation is turned off
# description: |
#   A kube-controller-manager or kubelet container turns the RotateKubeletServerCertificate
#   feature gate off: kubelets no longer request, and the controller manager no longer
#   signs, serving certificates, so kubelets keep self-signed or long-lived serving
#   certificates the API server cannot verify.
# related_resources:
# - https://kubernetes.io/docs/reference/access-authn-authz/kubelet-tls-bootstrapping/#certificate-rotation
# - https://kubernetes.io/docs/reference/command-line-tools-reference/feature-gates/
# custom:
#   id: TG-K8S-105
#   severity: medium
#   category: encryption
#   provider: kubernetes
#   remediation: Remove RotateKubeletServerCertificate=false from --feature-gates (the gate is on by default).
#   frameworks:
#     cis-kubernetes-1.8: ["1.3.6"]
#     nist-800-53: ["SC-12", "SC-17"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type in {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"}
	some [component, c] in rotation_components
	lib.is_false(feature_gate(c, "RotateKubeletServerCertificate"))
	msg := sprintf("%s: %s turns off kubelet serving certificate rotation (RotateKubeletServerCertificate=false)", [workload.subject, component])
	finding := lib.finding(rego.metadata.rule(), workload.flag_loc(c, "feature-gates"), msg)
}

# etcd_missing(c, names) lists the etcd options of names the container is known to leave
# unset.
etcd_missing(c, names) := [n | some n in names; workload.etcd_unset(c, n)]

# METADATA
# title: etcd serves clients without TLS
# description: |
#   An etcd container sets no --cert-file or no --key-file: etcd serves its clients, the API
#   server among them, over plain HTTP, so the whole cluster state, Secrets included, crosses
#   the network unencrypted.
# related_resources:
# - https://etcd.io/docs/latest/op-guide/security/
# - https://kubernetes.io/docs/tasks/administer-cluster/configure-upgrade-etcd/#securing-etcd-clusters
# custom:
#   id: TG-K8S-106
#   severity: high
#   category: encryption
#   provider: kubernetes
#   remediation: Set --cert-file and --key-file to a serving certificate signed by the etcd CA, and listen on https:// client URLs only.
#   frameworks:
#     cis-kubernetes-1.8: ["2.1"]
#     nist-800-53: ["SC-8"]
#     soc2: ["CC6.7"]
#     pci-dss-4.0: ["4.2.1"]
deny contains finding if {
	input.type in {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"}
	some c in workload.containers_started(input.type, input.resource, "etcd")
	missing := etcd_missing(c, ["cert-file", "key-file"])
	count(missing) > 0
	msg := sprintf("%s: etcd serves clients without TLS (no --%s)", [workload.subject, concat(", --", missing)])
	finding := lib.finding(rego.metadata.rule(), workload.flag_loc(c, missing[0]), msg)
}

# METADATA
# title: etcd replicates to its peers without TLS
# description: |
#   An etcd container sets no --peer-cert-file or no --peer-key-file: etcd members
#   replicate the cluster state, Secrets included, to each other over plain HTTP.
# related_resources:
# - https://etcd.io/docs/latest/op-guide/security/
# custom:
#   id: TG-K8S-107
#   severity: high
#   category: encryption
#   provider: kubernetes
#   remediation: Set --peer-cert-file and --peer-key-file to a peer certificate signed by the etcd peer CA, and use https:// peer URLs.
#   frameworks:
#     cis-kubernetes-1.8: ["2.4"]
#     nist-800-53: ["SC-8"]
#     soc2: ["CC6.7"]
#     pci-dss-4.0: ["4.2.1"]
deny contains finding if {
	input.type in {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"}
	some c in workload.containers_started(input.type, input.resource, "etcd")
	missing := etcd_missing(c, ["peer-cert-file", "peer-key-file"])
	count(missing) > 0
	msg := sprintf("%s: etcd replicates to its peers without TLS (no --%s)", [workload.subject, concat(", --", missing)])
	finding := lib.finding(rego.metadata.rule(), workload.flag_loc(c, missing[0]), msg)
}

# METADATA
# title: etcd uses self-signed certificates
# description: |
#   An etcd container sets --auto-tls=true or --peer-auto-tls=true: etcd generates
#   self-signed certificates for its client or peer connections, which nobody can verify,
#   so the encryption does not stop a machine in the middle.
# related_resources:
# - https://etcd.io/docs/latest/op-guide/security/
# custom:
#   id: TG-K8S-108
#   severity: medium
#   category: encryption
#   provider: kubernetes
#   remediation: Remove --auto-tls and --peer-auto-tls, and give etcd certificates signed by its CA (--cert-file, --peer-cert-file).
#   frameworks:
#     cis-kubernetes-1.8: ["2.3", "2.6"]
#     nist-800-53: ["SC-8", "SC-17"]
#     soc2: ["CC6.7"]
deny contains finding if {
	input.type in {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"}
	some c in workload.containers_started(input.type, input.resource, "etcd")
	some name in ["auto-tls", "peer-auto-tls"]
	lib.is_true(workload.etcd_setting(c, name))
	msg := sprintf("%s: etcd uses self-signed certificates (--%s=true)", [workload.subject, name])
	finding := lib.finding(rego.metadata.rule(), workload.flag_loc(c, name), msg)
}
