package tollgate.audit.azure.sql_defender

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
# title: SQL server has no Defender security alert policy
# description: |
#   No azurerm_mssql_server_security_alert_policy of the configuration refers to an
#   azurerm_mssql_server or azurerm_sql_server (nor, on azurerm_sql_server, an inline
#   threat_detection_policy with state = "Enabled"): Microsoft Defender for SQL's advanced
#   threat protection is not turned on for the server, so SQL injection, brute-force logins
#   and access from unusual locations raise no alert, and vulnerability assessment, which
#   builds on the policy, cannot be configured. A policy that exists but is disabled is
#   reported by TG-AZ-210. Defender for SQL turned on for the whole subscription is not
#   visible to this rule. Not reported when which resources refer to the server is unknown
#   (a plan).
# related_resources:
# - https://learn.microsoft.com/azure/azure-sql/database/threat-detection-overview
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/mssql_server_security_alert_policy
# custom:
#   id: TG-AZ-228
#   severity: low
#   category: audit
#   provider: azure
#   remediation: Add an azurerm_mssql_server_security_alert_policy with state = "Enabled" for the server (or turn Defender for SQL on for the subscription with azurerm_security_center_subscription_pricing, resource_type = "SqlServers").
#   frameworks:
#     cis-azure-2.0: ["4.2.1"]
#     nist-800-53: ["SI-4", "RA-5"]
#     soc2: ["CC7.2"]
deny contains finding if {
	input.type in {"azurerm_mssql_server", "azurerm_sql_server"}
	r := input.resource
	no_related("azurerm_mssql_server_security_alert_policy")
	not inline_detection(r)
	msg := sprintf("SQL server %q has no Defender security alert policy", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.loc(r), msg)
}

# The threat_detection_policy block of azurerm_sql_server (azurerm v2): enabled, or not
# known.
inline_detection(r) if lib.unknown(r, "threat_detection_policy")

inline_detection(r) if {
	some p in r.threat_detection_policy
	p.state == "Enabled"
}

inline_detection(r) if {
	some p in r.threat_detection_policy
	lib.unknown(p, "state")
}

# METADATA
# title: Synapse SQL pool security alert policy has no vulnerability assessment
# description: |
#   No azurerm_synapse_sql_pool_vulnerability_assessment of the configuration refers to an
#   azurerm_synapse_sql_pool_security_alert_policy: the pool's databases are never scanned
#   for misconfigurations, excessive permissions and unprotected sensitive data. Not
#   reported when which resources refer to the policy is unknown (a plan).
# related_resources:
# - https://learn.microsoft.com/azure/defender-for-cloud/sql-azure-vulnerability-assessment-overview
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/synapse_sql_pool_vulnerability_assessment
# custom:
#   id: TG-AZ-229
#   severity: low
#   category: audit
#   provider: azure
#   remediation: Add an azurerm_synapse_sql_pool_vulnerability_assessment for the policy, with a storage_container_path and recurring_scans { enabled = true, emails = [...] }.
#   frameworks:
#     nist-800-53: ["RA-5"]
#     soc2: ["CC7.1"]
#     pci-dss-4.0: ["11.3.1"]
deny contains finding if {
	input.type == "azurerm_synapse_sql_pool_security_alert_policy"
	no_related("azurerm_synapse_sql_pool_vulnerability_assessment")
	msg := sprintf("Synapse SQL pool security alert policy %q has no vulnerability assessment", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.loc(input.resource), msg)
}
