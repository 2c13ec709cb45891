package tollgate.audit.azure.network

import data.tollgate.lib
import rego.v1

# Flow logs kept for fewer days than this fail (CIS Azure requires more than 90 days).
min_audit_days := lib.param("min_audit_retention_days")

# METADATA
# title: Network flow log is disabled or kept fewer than 90 days
# description: |
#   An azurerm_network_watcher_flow_log sets enabled = false, or its retention_policy is
#   disabled or keeps records between 1 and 89 days: the traffic of the network security
#   group or virtual network is not recorded, or its records are gone before an intrusion
#   is typically investigated. 0 days with retention enabled keeps records forever.
# related_resources:
# - https://learn.microsoft.com/azure/network-watcher/nsg-flow-logs-overview
# - https://learn.microsoft.com/azure/network-watcher/vnet-flow-logs-overview
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/network_watcher_flow_log
# custom:
#   id: TG-AZ-075
#   severity: medium
#   category: audit
#   provider: azure
#   remediation: Set enabled = true and retention_policy { enabled = true, days = 90 } or more (0 keeps records forever).
#   frameworks:
#     cis-azure-2.0: ["6.5"]
#     nist-800-53: ["AU-11", "AU-12", "SI-4"]
#     soc2: ["CC7.2"]
#     pci-dss-4.0: ["10.5.1"]
deny contains finding if {
	input.type == "azurerm_network_watcher_flow_log"
	some v in flow_log_gaps
	finding := lib.finding(rego.metadata.rule(), v.location, v.message)
}

flow_log_gaps contains v if {
	r := input.resource
	lib.is_false(r.enabled)
	v := {
		"location": lib.attr_loc(r, "enabled"),
		"message": sprintf("flow log %q is disabled (enabled = false)", [input.name]),
	}
}

flow_log_gaps contains v if {
	r := input.resource
	not off(r, "enabled")
	some policy in r.retention_policy
	lib.is_false(policy.enabled)
	v := {
		"location": lib.attr_loc(policy, "enabled"),
		"message": sprintf("flow log %q does not retain its records (retention_policy enabled = false)", [input.name]),
	}
}

flow_log_gaps contains v if {
	r := input.resource
	not off(r, "enabled")
	some policy in r.retention_policy
	not off(policy, "enabled")
	is_number(policy.days)
	policy.days > 0
	policy.days < min_audit_days
	v := {
		"location": lib.attr_loc(policy, "days"),
		"message": sprintf("flow log %q keeps records %d days, fewer than %d", [input.name, policy.days, min_audit_days]),
	}
}

# off(obj, key) holds when key is set to false. (`not lib.is_false(obj.key)` would not
# hold when key is absent: a call with an undefined argument is undefined, even negated.)
off(obj, key) if lib.is_false(obj[key])
