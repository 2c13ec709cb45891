package tollgate.access.azure.aks_hardening

import data.tollgate.lib
import rego.v1

# METADATA
# title: AKS cluster has no Azure Policy add-on
# description: |
#   An azurerm_kubernetes_cluster has neither azure_policy_enabled = true nor (azurerm v2)
#   addon_profile { azure_policy { enabled = true } }: no Gatekeeper admission controller
#   enforces the organisation's Azure Policy rules (no privileged pods, allowed registries,
#   required labels) on what is deployed to the cluster.
# related_resources:
# - https://learn.microsoft.com/azure/governance/policy/concepts/policy-for-kubernetes
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/kubernetes_cluster#azure_policy_enabled
# custom:
#   id: TG-AZ-101
#   severity: low
#   category: access
#   provider: azure
#   remediation: Set azure_policy_enabled = true and assign the Kubernetes policy initiatives (for example the pod security baseline) to the cluster's scope.
#   frameworks:
#     nist-800-53: ["CM-7", "AC-3"]
#     soc2: ["CC6.8"]
deny contains finding if {
	input.type == "azurerm_kubernetes_cluster"
	r := input.resource
	not policy_unknown(r)
	not policy_on(r)
	v := policy_off(r)
	msg := sprintf("AKS cluster %q has no Azure Policy add-on (%s)", [input.name, v.problem])
	finding := lib.finding(rego.metadata.rule(), v.location, msg)
}

policy_on(r) if lib.is_true(r.azure_policy_enabled)

policy_on(r) if {
	some p in r.addon_profile
	some a in p.azure_policy
	lib.is_true(a.enabled)
}

policy_unknown(r) if lib.unknown(r, "azure_policy_enabled")

policy_unknown(r) if lib.unknown(r, "addon_profile")

policy_unknown(r) if {
	some p in r.addon_profile
	lib.unknown(p, "azure_policy")
}

policy_unknown(r) if {
	some p in r.addon_profile
	some a in p.azure_policy
	lib.unknown(a, "enabled")
}

policy_off(r) := {"location": lib.attr_loc(r, "azure_policy_enabled"), "problem": "azure_policy_enabled = false"} if {
	lib.is_false(r.azure_policy_enabled)
} else := {"location": lib.attr_loc(a, "enabled"), "problem": "addon_profile azure_policy enabled = false"} if {
	some p in r.addon_profile
	some a in p.azure_policy
} else := {"location": lib.loc(r), "problem": "azure_policy_enabled unset"}

public_ip_keys := ["enable_node_public_ip", "node_public_ip_enabled"]

# METADATA
# title: AKS nodes have public IP addresses
# description: |
#   enable_node_public_ip (azurerm v3) or node_public_ip_enabled (v4) is true on the
#   default_node_pool of an azurerm_kubernetes_cluster or on an
#   azurerm_kubernetes_cluster_node_pool: every node gets its own public IP address, so the
#   kubelet, node ports and anything listening on the host are reachable from the internet
#   whenever a network security rule lets them through.
# related_resources:
# - https://learn.microsoft.com/azure/aks/use-node-public-ips
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/kubernetes_cluster_node_pool#node_public_ip_enabled
# custom:
#   id: TG-AZ-102
#   severity: medium
#   category: access
#   provider: azure
#   remediation: Remove node_public_ip_enabled (or set it false) and expose workloads through a load balancer or ingress controller.
#   frameworks:
#     nist-800-53: ["SC-7"]
#     soc2: ["CC6.6"]
#     pci-dss-4.0: ["1.3.1"]
deny contains finding if {
	input.type in {"azurerm_kubernetes_cluster", "azurerm_kubernetes_cluster_node_pool"}
	some pool in node_pools
	some key in public_ip_keys
	lib.is_true(pool[key])
	msg := sprintf("AKS node pool of %q gives its nodes public IP addresses (%s = true)", [input.name, key])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(pool, key), msg)
}

node_pools contains pool if {
	input.type == "azurerm_kubernetes_cluster"
	some pool in input.resource.default_node_pool
}

node_pools contains input.resource if input.type == "azurerm_kubernetes_cluster_node_pool"
