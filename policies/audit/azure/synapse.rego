package tollgate.audit.azure.synapse

import data.tollgate.lib
import rego.v1

related(type) := object.get(input, ["related", type], [])

# no_related(type): no resource of type refers to the one evaluated, and that is known (a
# plan's resources name no references: input.related_unknown).
no_related(type) if {
	not input.related_unknown
	count(related(type)) == 0
}

# METADATA
# title: Synapse workspace has no auditing policy
# description: |
#   No azurerm_synapse_workspace_extended_auditing_policy of the configuration refers to
#   this azurerm_synapse_workspace: queries, logins and permission changes on its SQL
#   endpoints are not written to an audit log, so misuse of the data warehouse cannot be
#   traced.
# related_resources:
# - https://learn.microsoft.com/azure/azure-sql/database/auditing-overview
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/synapse_workspace_extended_auditing_policy
# custom:
#   id: TG-AZ-213
#   severity: medium
#   category: audit
#   provider: azure
#   remediation: Add an azurerm_synapse_workspace_extended_auditing_policy for the workspace (storage account or log_monitoring_enabled with a diagnostic setting).
#   frameworks:
#     nist-800-53: ["AU-2", "AU-12"]
#     soc2: ["CC7.2"]
#     pci-dss-4.0: ["10.2.1"]
deny contains finding if {
	input.type == "azurerm_synapse_workspace"
	no_related("azurerm_synapse_workspace_extended_auditing_policy")
	msg := sprintf("Synapse workspace %q has no auditing policy", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.loc(input.resource), msg)
}

# METADATA
# title: Synapse SQL pool has no enabled security alert policy
# description: |
#   No azurerm_synapse_sql_pool_security_alert_policy with policy_state = "Enabled" refers
#   to this azurerm_synapse_sql_pool: Defender threat detection does not raise alerts for
#   SQL injection, unusual access or brute-force attempts against the pool.
# related_resources:
# - https://learn.microsoft.com/azure/synapse-analytics/sql/threat-detection-overview
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/synapse_sql_pool_security_alert_policy
# custom:
#   id: TG-AZ-214
#   severity: medium
#   category: audit
#   provider: azure
#   remediation: Add an azurerm_synapse_sql_pool_security_alert_policy with policy_state = "Enabled" (and alert email addresses) for the pool.
#   frameworks:
#     nist-800-53: ["SI-4", "IR-6"]
#     soc2: ["CC7.2"]
deny contains finding if {
	input.type == "azurerm_synapse_sql_pool"
	not input.related_unknown
	policies := related("azurerm_synapse_sql_pool_security_alert_policy")
	not alert_policy_on(policies)
	not alert_state_unknown(policies)
	msg := sprintf("Synapse SQL pool %q has no enabled security alert policy", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.loc(input.resource), msg)
}

alert_policy_on(policies) if {
	some p in policies
	p.policy_state == "Enabled"
}

alert_state_unknown(policies) if {
	some p in policies
	lib.unknown(p, "policy_state")
}

# METADATA
# title: Synapse SQL pool audit logs do not reach Azure Monitor
# description: |
#   No azurerm_synapse_sql_pool_extended_auditing_policy refers to this
#   azurerm_synapse_sql_pool, or the one that does sets log_monitoring_enabled = false: the
#   pool's audit events are not sent to Azure Monitor (Log Analytics, Event Hubs), where
#   alerting and central retention happen. An unset log_monitoring_enabled is true.
# related_resources:
# - https://learn.microsoft.com/azure/azure-sql/database/auditing-overview
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/synapse_sql_pool_extended_auditing_policy#log_monitoring_enabled
# custom:
#   id: TG-AZ-215
#   severity: low
#   category: audit
#   provider: azure
#   remediation: Add an azurerm_synapse_sql_pool_extended_auditing_policy for the pool without log_monitoring_enabled = false, and a diagnostic setting for the SQLSecurityAuditEvents category.
#   frameworks:
#     nist-800-53: ["AU-2", "AU-6"]
#     soc2: ["CC7.2"]
deny contains finding if {
	input.type == "azurerm_synapse_sql_pool"
	some v in pool_monitoring_off
	msg := sprintf("Synapse SQL pool %q audit logs do not reach Azure Monitor (%s)", [input.name, v.problem])
	finding := lib.finding(rego.metadata.rule(), v.location, msg)
}

pool_monitoring_off contains {"location": lib.loc(input.resource), "problem": "no extended auditing policy refers to it"} if {
	no_related("azurerm_synapse_sql_pool_extended_auditing_policy")
}

pool_monitoring_off contains {"location": lib.attr_loc(p, "log_monitoring_enabled"), "problem": "log_monitoring_enabled = false"} if {
	some p in related("azurerm_synapse_sql_pool_extended_auditing_policy")
	lib.is_false(p.log_monitoring_enabled)
}
