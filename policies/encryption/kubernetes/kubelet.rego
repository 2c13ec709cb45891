package tollgate.encryption.kubernetes.kubelet

import data.tollgate.access.kubernetes.workload
import data.tollgate.lib
import rego.v1

# kubelets is the set of containers of the input that run the kubelet (command starting
# with kubelet); see tollgate.access.kubernetes.kubelet.
kubelets := workload.containers_started(input.type, input.resource, "kubelet")

no_rotation contains [lib.attr_loc(config, "rotateCertificates"), sprintf("%s does not rotate the kubelet's certificates (rotateCertificates: false)", [workload.subject])] if {
	input.type == "KubeletConfiguration"
	config := input.resource
	lib.is_false(config.rotateCertificates)
}

no_rotation contains [workload.flag_loc(c, "rotate-certificates"), sprintf("%s: kubelet does not rotate its certificates (--rotate-certificates=false)", [workload.subject])] if {
	some c in kubelets
	lib.is_false(workload.flag(c, "rotate-certificates"))
}

# METADATA
# title: Kubelet does not rotate its certificates
# description: |
#   The KubeletConfiguration sets rotateCertificates false, or a kubelet container sets
#   --rotate-certificates=false: the kubelet keeps its client certificate until it expires,
#   then loses access to the API server; the long-lived key stays valid for its whole
#   lifetime if it leaks.
# related_resources:
# - https://kubernetes.io/docs/reference/access-authn-authz/kubelet-tls-bootstrapping/#certificate-rotation
# - https://kubernetes.io/docs/tasks/tls/certificate-rotation/
# custom:
#   id: TG-K8S-067
#   severity: medium
#   category: encryption
#   provider: kubernetes
#   remediation: 'Set rotateCertificates: true, or --rotate-certificates=true (and serverTLSBootstrap: true to rotate the serving certificate too).'
#   frameworks:
#     cis-kubernetes-1.8: ["4.2.10"]
#     nist-800-53: ["SC-12", "IA-5"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type in {"KubeletConfiguration", "Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"}
	some [location, msg] in no_rotation
	finding := lib.finding(rego.metadata.rule(), location, msg)
}

# missing_serving(c) lists the serving certificate flags kubelet container c does not
# set, when it has neither a serving certificate nor serving certificate bootstrap and
# reads no configuration file that could give them.
missing_serving(c) := missing if {
	missing := [n | some n in ["tls-cert-file", "tls-private-key-file"]; not workload.flag(c, n)]
	count(missing) > 0
	not workload.flag(c, "config")
	not flag_true(c, "rotate-server-certificates")
}

# METADATA
# title: Kubelet serves a self-signed certificate
# description: |
#   A kubelet container sets no --tls-cert-file or no --tls-private-key-file, does not
#   bootstrap its serving certificate (--rotate-server-certificates) and reads no
#   configuration file: the kubelet serves its API with a self-signed certificate, which the
#   API server cannot verify, so exec, logs and port-forward traffic can be intercepted.
# related_resources:
# - https://kubernetes.io/docs/reference/access-authn-authz/kubelet-tls-bootstrapping/
# - https://kubernetes.io/docs/reference/command-line-tools-reference/kubelet/
# custom:
#   id: TG-K8S-115
#   severity: medium
#   category: encryption
#   provider: kubernetes
#   remediation: Set --tls-cert-file and --tls-private-key-file to a certificate signed by the cluster CA, or --rotate-server-certificates=true (serverTLSBootstrap in a KubeletConfiguration) with an approver for the requests.
#   frameworks:
#     cis-kubernetes-1.8: ["4.2.9"]
#     nist-800-53: ["SC-8", "SC-17"]
#     soc2: ["CC6.7"]
deny contains finding if {
	input.type in {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"}
	some c in kubelets
	missing := missing_serving(c)
	msg := sprintf("%s: kubelet serves a self-signed certificate (no --%s)", [workload.subject, concat(", --", missing)])
	finding := lib.finding(rego.metadata.rule(), workload.flag_loc(c, missing[0]), msg)
}

# flag_true(c, name) holds when container c sets --name to true. (A helper, so that `not`
# applies to the whole test when the flag is absent.)
flag_true(c, name) if lib.is_true(workload.flag(c, name))
