package tollgate.access.kubernetes.kubelet

import data.tollgate.access.kubernetes.workload
import data.tollgate.lib
import rego.v1

# METADATA
# title: Kubelet allows anonymous requests
# description: |
#   The KubeletConfiguration sets authentication.anonymous.enabled true: requests to the
#   kubelet's API (port 10250) without credentials are accepted as system:anonymous, and,
#   depending on its authorization mode, can list pods, read logs or run commands in
#   containers on the node.
# related_resources:
# - https://kubernetes.io/docs/reference/access-authn-authz/kubelet-authn-authz/
# - https://kubernetes.io/docs/reference/config-api/kubelet-config.v1beta1/
# custom:
#   id: TG-K8S-056
#   severity: high
#   category: access
#   provider: kubernetes
#   remediation: 'Set authentication.anonymous.enabled: false (the default of the configuration file) and authentication.webhook.enabled: true.'
#   frameworks:
#     cis-kubernetes-1.8: ["4.2.1"]
#     nist-800-53: ["AC-14", "IA-2"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["8.3.1"]
deny contains finding if {
	input.type == "KubeletConfiguration"
	anon := input.resource.authentication.anonymous
	lib.is_true(anon.enabled)
	msg := sprintf("%s allows anonymous requests to the kubelet API (authentication.anonymous.enabled: true)", [workload.subject])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(anon, "enabled"), msg)
}

# METADATA
# title: Kubelet authorizes every request
# description: |
#   The KubeletConfiguration sets authorization.mode AlwaysAllow: every request the kubelet
#   authenticates, anonymous ones included when anonymous access is on, may run commands in
#   any container of the node, read its logs and its pods' specs.
# related_resources:
# - https://kubernetes.io/docs/reference/access-authn-authz/kubelet-authn-authz/#kubelet-authorization
# custom:
#   id: TG-K8S-057
#   severity: critical
#   category: access
#   provider: kubernetes
#   remediation: 'Set authorization.mode: Webhook (the default of the configuration file), so that the API server authorizes kubelet requests with RBAC.'
#   frameworks:
#     cis-kubernetes-1.8: ["4.2.2"]
#     nist-800-53: ["AC-3"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["7.2.1"]
deny contains finding if {
	input.type == "KubeletConfiguration"
	authz := input.resource.authorization
	authz.mode == "AlwaysAllow"
	msg := sprintf("%s authorizes every request to the kubelet API (authorization.mode: AlwaysAllow)", [workload.subject])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(authz, "mode"), msg)
}

# METADATA
# title: Kubelet serves its read-only port
# description: |
#   The KubeletConfiguration sets readOnlyPort to a port other than 0: the kubelet serves,
#   without authentication or authorization, the specs of every pod on the node (their
#   environment variables included) and its metrics.
# related_resources:
# - https://kubernetes.io/docs/reference/config-api/kubelet-config.v1beta1/
# custom:
#   id: TG-K8S-058
#   severity: medium
#   category: access
#   provider: kubernetes
#   remediation: 'Set readOnlyPort: 0 (the default of the configuration file) and read metrics through the authenticated port.'
#   frameworks:
#     cis-kubernetes-1.8: ["4.2.4"]
#     nist-800-53: ["CM-7", "AC-14"]
#     soc2: ["CC6.6"]
#     pci-dss-4.0: ["2.2.4"]
deny contains finding if {
	input.type == "KubeletConfiguration"
	config := input.resource
	port := config.readOnlyPort
	is_number(port)
	port != 0
	msg := sprintf("%s serves the unauthenticated read-only port %v (readOnlyPort)", [workload.subject, port])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(config, "readOnlyPort"), msg)
}
