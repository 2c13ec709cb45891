package tollgate.access.azure.aks

import data.tollgate.lib
import rego.v1

# METADATA
# title: AKS cluster has Kubernetes RBAC disabled
# description: |
#   role_based_access_control_enabled = false on an azurerm_kubernetes_cluster (or
#   role_based_access_control { enabled = false } on azurerm v2): every authenticated user
#   and service account is cluster administrator, so one stolen token or compromised pod
#   owns the cluster. RBAC cannot be turned on later without recreating the cluster.
# related_resources:
# - https://learn.microsoft.com/azure/aks/concepts-identity#kubernetes-rbac
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/kubernetes_cluster#role_based_access_control_enabled
# custom:
#   id: TG-AZ-011
#   severity: high
#   category: access
#   provider: azure
#   remediation: Set role_based_access_control_enabled = true (the default) and recreate the cluster; grant access with Kubernetes Roles or Azure RBAC for Kubernetes (azure_active_directory_role_based_access_control).
#   frameworks:
#     nist-800-53: ["AC-3", "AC-6"]
#     soc2: ["CC6.3"]
#     pci-dss-4.0: ["7.2.1"]
deny contains finding if {
	input.type == "azurerm_kubernetes_cluster"
	some v in rbac_off
	finding := lib.finding(rego.metadata.rule(), v.location, v.message)
}

rbac_off contains v if {
	r := input.resource
	lib.is_false(r.role_based_access_control_enabled)
	v := {
		"location": lib.attr_loc(r, "role_based_access_control_enabled"),
		"message": sprintf("AKS cluster %q has Kubernetes RBAC disabled (role_based_access_control_enabled = false)", [input.name]),
	}
}

rbac_off contains v if {
	some block in input.resource.role_based_access_control
	lib.is_false(block.enabled)
	v := {
		"location": lib.attr_loc(block, "enabled"),
		"message": sprintf("AKS cluster %q has Kubernetes RBAC disabled (role_based_access_control { enabled = false })", [input.name]),
	}
}

# METADATA
# title: AKS API server is public and open to all addresses
# description: |
#   The azurerm_kubernetes_cluster is not a private cluster (private_cluster_enabled is
#   false or not set) and its API server has no authorized IP ranges
#   (api_server_access_profile.authorized_ip_ranges, or api_server_authorized_ip_ranges on
#   azurerm v3), or one of them is 0.0.0.0/0: the Kubernetes API, its authentication and
#   every API server vulnerability are exposed to the whole internet. Not reported when a
#   value it depends on is unknown, nor for an empty list (it may hold unknown values).
# related_resources:
# - https://learn.microsoft.com/azure/aks/api-server-authorized-ip-ranges
# - https://learn.microsoft.com/azure/aks/private-clusters
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/kubernetes_cluster#api_server_access_profile
# custom:
#   id: TG-AZ-012
#   severity: medium
#   category: access
#   provider: azure
#   remediation: Set private_cluster_enabled = true, or list the administration networks in api_server_access_profile { authorized_ip_ranges = [...] }.
#   frameworks:
#     nist-800-53: ["SC-7", "AC-17"]
#     soc2: ["CC6.6"]
#     pci-dss-4.0: ["1.3.1"]
deny contains finding if {
	input.type == "azurerm_kubernetes_cluster"
	r := input.resource
	not private_cluster(r)
	v := open_api_server(r)
	msg := sprintf("AKS cluster %q exposes its API server to the internet (%s)", [input.name, v.problem])
	finding := lib.finding(rego.metadata.rule(), v.location, msg)
}

private_cluster(r) if lib.is_true(r.private_cluster_enabled)

private_cluster(r) if lib.unknown(r, "private_cluster_enabled")

open_api_server(r) := {"location": v.location, "problem": "authorized IP ranges include 0.0.0.0/0"} if {
	some v in ranges(r)
	is_array(v.ranges)
	"0.0.0.0/0" in v.ranges
} else := {"location": lib.loc(r), "problem": "not a private cluster and no authorized IP ranges"} if {
	not ranges_unknown(r)
	every v in ranges(r) {
		empty(v.ranges)
	}
}

# Only a missing or null list counts as empty: the scanner drops the unknown elements of
# a list (authorized_ip_ranges = [var.office] with no value for var.office reads []),
# so an empty list may hide ranges.
empty(x) if x == null

# ranges(r) are the authorized IP range lists set on the cluster, with their locations.
ranges(r) := {v |
	some profile in r.api_server_access_profile
	v := {"ranges": object.get(profile, "authorized_ip_ranges", null), "location": lib.attr_loc(profile, "authorized_ip_ranges")}
} | {v |
	v := {"ranges": r.api_server_authorized_ip_ranges, "location": lib.attr_loc(r, "api_server_authorized_ip_ranges")}
}

ranges_unknown(r) if lib.unknown(r, "api_server_authorized_ip_ranges")

ranges_unknown(r) if lib.unknown(r, "api_server_access_profile")

ranges_unknown(r) if {
	some profile in r.api_server_access_profile
	lib.unknown(profile, "authorized_ip_ranges")
}

# METADATA
# title: AKS cluster allows local accounts
# description: |
#   local_account_disabled is false, or not set (its default is false), on an
#   azurerm_kubernetes_cluster: the static clusterAdmin credential
#   (az aks get-credentials --admin) stays available, bypasses Entra ID authentication,
#   MFA and auditing of who used it, and cannot be revoked short of rotating the cluster's
#   certificates.
# related_resources:
# - https://learn.microsoft.com/azure/aks/manage-local-accounts-managed-azure-ad
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/kubernetes_cluster#local_account_disabled
# custom:
#   id: TG-AZ-013
#   severity: medium
#   category: access
#   provider: azure
#   remediation: Enable Entra ID integration (azure_active_directory_role_based_access_control) and set local_account_disabled = true.
#   frameworks:
#     nist-800-53: ["IA-2", "AC-2"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["8.2.1"]
deny contains finding if {
	input.type == "azurerm_kubernetes_cluster"
	r := input.resource
	problem := local_accounts_on(r)
	msg := sprintf("AKS cluster %q allows local accounts (%s)", [input.name, problem])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "local_account_disabled"), msg)
}

local_accounts_on(r) := "local_account_disabled = false" if {
	lib.is_false(r.local_account_disabled)
} else := "local_account_disabled not set, default false" if {
	lib.missing(r, "local_account_disabled")
} else := "local_account_disabled not set, default false" if {
	r.local_account_disabled == null
}
