package tollgate.encryption.kubernetes.kubelet

import data.tollgate.access.kubernetes.workload
import data.tollgate.lib
import rego.v1

# METADATA
# title: Kubelet does not rotate its certificates
# description: |
#   The KubeletConfiguration sets rotateCertificates false: the kubelet keeps its client
#   certificate until it expires, then loses access to the API server; the long-lived key
#   stays valid for its whole lifetime if it leaks.
# related_resources:
# - https://kubernetes.io/docs/reference/access-authn-authz/kubelet-tls-bootstrapping/#certificate-rotation
# - https://kubernetes.io/docs/tasks/tls/certificate-rotation/
# custom:
#   id: TG-K8S-067
#   severity: medium
#   category: encryption
#   provider: kubernetes
#   remediation: 'Set rotateCertificates: true (and serverTLSBootstrap: true to rotate the serving certificate too).'
#   frameworks:
#     cis-kubernetes-1.8: ["4.2.10"]
#     nist-800-53: ["SC-12", "IA-5"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type == "KubeletConfiguration"
	config := input.resource
	lib.is_false(config.rotateCertificates)
	msg := sprintf("%s does not rotate the kubelet's certificates (rotateCertificates: false)", [workload.subject])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(config, "rotateCertificates"), msg)
}
