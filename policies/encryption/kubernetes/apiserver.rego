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
