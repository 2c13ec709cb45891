package tollgate.encryption.kubernetes.apiserver

import data.tollgate.access.kubernetes.workload
import data.tollgate.lib
import rego.v1

# METADATA
# title: kube-apiserver does not encrypt Secrets at rest
# description: |
#   A kube-apiserver container (a static pod manifest such as
#   /etc/kubernetes/manifests/kube-apiserver.yaml) sets no --encryption-provider-config:
#   Secrets, and every other resource, are written to etcd in clear text, and to every etcd
#   backup and snapshot of the disk.
# related_resources:
# - https://kubernetes.io/docs/tasks/administer-cluster/encrypt-data/
# - https://kubernetes.io/docs/tasks/administer-cluster/kms-provider/
# custom:
#   id: TG-K8S-062
#   severity: high
#   category: encryption
#   provider: kubernetes
#   remediation: Write an EncryptionConfiguration that encrypts secrets with a kms v2 provider (or aescbc/secretbox with a key kept off the etcd hosts), pass it with --encryption-provider-config, and rewrite existing Secrets.
#   frameworks:
#     cis-kubernetes-1.8: ["1.2.28"]
#     nist-800-53: ["SC-28", "SC-12"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["8.3.2"]
deny contains finding if {
	input.type in {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"}
	some c in workload.containers_running(input.type, input.resource, "kube-apiserver")
	not workload.flag(c, "encryption-provider-config")
	msg := sprintf("%s: kube-apiserver stores Secrets unencrypted in etcd (no --encryption-provider-config)", [workload.subject])
	finding := lib.finding(rego.metadata.rule(), workload.flag_loc(c, "encryption-provider-config"), msg)
}

# METADATA
# title: kube-apiserver does not verify kubelet certificates
# description: |
#   A kube-apiserver container sets no --kubelet-certificate-authority: the API server
#   connects to kubelets (for exec, attach, port-forward and logs) without verifying their
#   serving certificates, so whoever can intercept that traffic can read and answer it.
# related_resources:
# - https://kubernetes.io/docs/concepts/architecture/control-plane-node-communication/#api-server-to-kubelet
# custom:
#   id: TG-K8S-063
#   severity: medium
#   category: encryption
#   provider: kubernetes
#   remediation: Have kubelets serve certificates signed by a cluster CA (serverTLSBootstrap) and pass that CA to kube-apiserver with --kubelet-certificate-authority.
#   frameworks:
#     cis-kubernetes-1.8: ["1.2.5"]
#     nist-800-53: ["SC-8", "SC-23"]
#     soc2: ["CC6.7"]
#     pci-dss-4.0: ["2.2.7"]
deny contains finding if {
	input.type in {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"}
	some c in workload.containers_running(input.type, input.resource, "kube-apiserver")
	not workload.flag(c, "kubelet-certificate-authority")
	msg := sprintf("%s: kube-apiserver does not verify kubelet certificates (no --kubelet-certificate-authority)", [workload.subject])
	finding := lib.finding(rego.metadata.rule(), workload.flag_loc(c, "kubelet-certificate-authority"), msg)
}

# METADATA
# title: kube-apiserver turns off its secure port
# description: |
#   A kube-apiserver container sets --secure-port=0: the API server serves no HTTPS, so
#   clients either cannot reach it or reach it through an unencrypted path.
# related_resources:
# - https://kubernetes.io/docs/reference/command-line-tools-reference/kube-apiserver/
# custom:
#   id: TG-K8S-094
#   severity: high
#   category: encryption
#   provider: kubernetes
#   remediation: Remove --secure-port=0 (the default port is 6443) and serve the API over TLS only.
#   frameworks:
#     nist-800-53: ["SC-8"]
#     soc2: ["CC6.7"]
#     pci-dss-4.0: ["4.2.1"]
deny contains finding if {
	input.type in {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"}
	some c in workload.containers_running(input.type, input.resource, "kube-apiserver")
	workload.flag(c, "secure-port") == "0"
	msg := sprintf("%s: kube-apiserver serves no HTTPS (--secure-port=0)", [workload.subject])
	finding := lib.finding(rego.metadata.rule(), workload.flag_loc(c, "secure-port"), msg)
}

# METADATA
# title: kube-apiserver calls kubelets over plain HTTP
# description: |
#   A kube-apiserver container sets --kubelet-https=false (a flag of older releases): exec,
#   attach, logs and port-forward traffic between the API server and the kubelets, which
#   carries commands and their output, is sent unencrypted.
# related_resources:
# - https://kubernetes.io/docs/concepts/architecture/control-plane-node-communication/#api-server-to-kubelet
# custom:
#   id: TG-K8S-101
#   severity: high
#   category: encryption
#   provider: kubernetes
#   remediation: Remove --kubelet-https=false (HTTPS is the default, and the only choice in current releases).
#   frameworks:
#     nist-800-53: ["SC-8"]
#     soc2: ["CC6.7"]
#     pci-dss-4.0: ["4.2.1"]
deny contains finding if {
	input.type in {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"}
	some c in workload.containers_running(input.type, input.resource, "kube-apiserver")
	lib.is_false(workload.flag(c, "kubelet-https"))
	msg := sprintf("%s: kube-apiserver calls kubelets over plain HTTP (--kubelet-https=false)", [workload.subject])
	finding := lib.finding(rego.metadata.rule(), workload.flag_loc(c, "kubelet-https"), msg)
}

# missing_flags(c, names) lists the flags of names that container c does not set.
missing_flags(c, names) := [n | some n in names; not workload.flag(c, n)]

# METADATA
# title: kube-apiserver has no serving certificate
# description: |
#   A kube-apiserver container sets no --tls-cert-file or no --tls-private-key-file: the API
#   server serves HTTPS with a self-signed certificate it generates itself, which clients
#   cannot verify against the cluster CA, so they learn to skip verification.
# related_resources:
# - https://kubernetes.io/docs/setup/best-practices/certificates/
# - https://kubernetes.io/docs/reference/command-line-tools-reference/kube-apiserver/
# custom:
#   id: TG-K8S-102
#   severity: medium
#   category: encryption
#   provider: kubernetes
#   remediation: Set --tls-cert-file and --tls-private-key-file to a serving certificate signed by the cluster CA.
#   frameworks:
#     cis-kubernetes-1.8: ["1.2.25"]
#     nist-800-53: ["SC-8", "SC-17"]
#     soc2: ["CC6.7"]
#     pci-dss-4.0: ["4.2.1"]
deny contains finding if {
	input.type in {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"}
	some c in workload.containers_running(input.type, input.resource, "kube-apiserver")
	missing := missing_flags(c, ["tls-cert-file", "tls-private-key-file"])
	count(missing) > 0
	msg := sprintf("%s: kube-apiserver has no serving certificate of its own (no --%s)", [workload.subject, concat(", --", missing)])
	finding := lib.finding(rego.metadata.rule(), workload.flag_loc(c, missing[0]), msg)
}

# METADATA
# title: kube-apiserver has no client certificate for etcd
# description: |
#   A kube-apiserver container sets no --etcd-certfile or no --etcd-keyfile: it cannot
#   authenticate to etcd with a certificate, so etcd must accept clients without one and
#   the traffic carrying every Secret is not protected by mutual TLS.
# related_resources:
# - https://kubernetes.io/docs/tasks/administer-cluster/configure-upgrade-etcd/#securing-etcd-clusters
# custom:
#   id: TG-K8S-103
#   severity: high
#   category: encryption
#   provider: kubernetes
#   remediation: Give kube-apiserver an etcd client certificate with --etcd-certfile and --etcd-keyfile, and require client certificates on etcd (--client-cert-auth=true).
#   frameworks:
#     cis-kubernetes-1.8: ["1.2.24"]
#     nist-800-53: ["SC-8", "IA-3"]
#     soc2: ["CC6.7"]
#     pci-dss-4.0: ["4.2.1"]
deny contains finding if {
	input.type in {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"}
	some c in workload.containers_running(input.type, input.resource, "kube-apiserver")
	missing := missing_flags(c, ["etcd-certfile", "etcd-keyfile"])
	count(missing) > 0
	msg := sprintf("%s: kube-apiserver has no client certificate for etcd (no --%s)", [workload.subject, concat(", --", missing)])
	finding := lib.finding(rego.metadata.rule(), workload.flag_loc(c, missing[0]), msg)
}

# METADATA
# title: kube-apiserver does not verify etcd's certificate
# description: |
#   A kube-apiserver container sets no --etcd-cafile: it does not verify the certificate of
#   the etcd server it stores the cluster state in, so whoever can intercept that traffic
#   can read and alter every object, Secrets included.
# related_resources:
# - https://kubernetes.io/docs/tasks/administer-cluster/configure-upgrade-etcd/#securing-etcd-clusters
# custom:
#   id: TG-K8S-104
#   severity: high
#   category: encryption
#   provider: kubernetes
#   remediation: Set --etcd-cafile to the CA that signed etcd's serving certificates, and use https:// --etcd-servers.
#   frameworks:
#     cis-kubernetes-1.8: ["1.2.27"]
#     nist-800-53: ["SC-8", "SC-23"]
#     soc2: ["CC6.7"]
#     pci-dss-4.0: ["4.2.1"]
deny contains finding if {
	input.type in {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"}
	some c in workload.containers_running(input.type, input.resource, "kube-apiserver")
	not workload.flag(c, "etcd-cafile")
	msg := sprintf("%s: kube-apiserver does not verify etcd's certificate (no --etcd-cafile)", [workload.subject])
	finding := lib.finding(rego.metadata.rule(), workload.flag_loc(c, "etcd-cafile"), msg)
}
