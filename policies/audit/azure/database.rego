package tollgate.audit.azure.database

import data.tollgate.lib
import rego.v1

# Audit logs kept for fewer days than this fail (CIS Azure requires more than 90 days).
min_audit_days := lib.param("min_audit_retention_days")

policy_kinds := {
	"azurerm_mssql_server_extended_auditing_policy": "SQL server auditing policy",
	"azurerm_mssql_database_extended_auditing_policy": "SQL database auditing policy",
}

# METADATA
# title: SQL auditing keeps logs fewer than 90 days
# description: |
#   retention_in_days of an azurerm_mssql_server_extended_auditing_policy or
#   azurerm_mssql_database_extended_auditing_policy (or of the inline
#   extended_auditing_policy block of azurerm v2) is between 1 and 89: audit records in the
#   storage account are deleted before an intrusion is typically detected and
#   investigated. 0, the default, keeps them forever.
# related_resources:
# - https://learn.microsoft.com/azure/azure-sql/database/auditing-overview
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/mssql_server_extended_auditing_policy#retention_in_days
# custom:
#   id: TG-AZ-070
#   severity: medium
#   category: audit
#   provider: azure
#   remediation: Set retention_in_days to 90 or more, or to 0 (unlimited) with a lifecycle rule on the audit storage account.
#   frameworks:
#     cis-azure-2.0: ["4.1.6"]
#     nist-800-53: ["AU-11"]
#     soc2: ["CC7.2"]
#     pci-dss-4.0: ["10.5.1"]
deny contains finding if {
	input.type in {
		"azurerm_mssql_database",
		"azurerm_mssql_database_extended_auditing_policy",
		"azurerm_mssql_server",
		"azurerm_mssql_server_extended_auditing_policy",
	}
	some v in short_retention
	finding := lib.finding(rego.metadata.rule(), v.location, v.message)
}

short_retention contains v if {
	input.type in object.keys(policy_kinds)
	r := input.resource
	too_short(r.retention_in_days)
	v := {
		"location": lib.attr_loc(r, "retention_in_days"),
		"message": sprintf("%s %q keeps audit logs %d days, fewer than %d", [policy_kinds[input.type], input.name, r.retention_in_days, min_audit_days]),
	}
}

# The inline block of azurerm v2.
short_retention contains v if {
	input.type in {"azurerm_mssql_server", "azurerm_mssql_database"}
	some policy in input.resource.extended_auditing_policy
	too_short(policy.retention_in_days)
	v := {
		"location": lib.attr_loc(policy, "retention_in_days"),
		"message": sprintf("%s %q keeps audit logs %d days, fewer than %d", [kind_name[input.type], input.name, policy.retention_in_days, min_audit_days]),
	}
}

kind_name := {"azurerm_mssql_server": "SQL server", "azurerm_mssql_database": "SQL database"}

too_short(days) if {
	is_number(days)
	days > 0
	days < min_audit_days
}

# METADATA
# title: SQL server has no auditing
# description: |
#   An azurerm_mssql_server has no azurerm_mssql_server_extended_auditing_policy referring
#   to it (and no inline extended_auditing_policy block of azurerm v2), or its auditing
#   policy sets enabled = false: logins, permission changes and queries on every database
#   of the server are not recorded.
# related_resources:
# - https://learn.microsoft.com/azure/azure-sql/database/auditing-setup
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/mssql_server_extended_auditing_policy
# custom:
#   id: TG-AZ-071
#   severity: medium
#   category: audit
#   provider: azure
#   remediation: Add an azurerm_mssql_server_extended_auditing_policy for the server, sending to Log Analytics (log_monitoring_enabled with an azurerm_monitor_diagnostic_setting) or to a storage account.
#   frameworks:
#     cis-azure-2.0: ["4.1.1"]
#     nist-800-53: ["AU-2", "AU-12"]
#     soc2: ["CC7.2"]
#     pci-dss-4.0: ["10.2.1"]
deny contains finding if {
	input.type in {"azurerm_mssql_server", "azurerm_mssql_server_extended_auditing_policy"}
	some v in auditing_off
	finding := lib.finding(rego.metadata.rule(), v.location, v.message)
}

auditing_off contains v if {
	input.type == "azurerm_mssql_server"
	r := input.resource
	lib.missing(r, "extended_auditing_policy")
	not input.related_unknown
	count(object.get(input, ["related", "azurerm_mssql_server_extended_auditing_policy"], [])) == 0
	v := {
		"location": lib.loc(r),
		"message": sprintf("SQL server %q has no auditing (no azurerm_mssql_server_extended_auditing_policy refers to it)", [input.name]),
	}
}

auditing_off contains v if {
	input.type == "azurerm_mssql_server_extended_auditing_policy"
	r := input.resource
	lib.is_false(r.enabled)
	v := {
		"location": lib.attr_loc(r, "enabled"),
		"message": sprintf("SQL server auditing policy %q disables auditing (enabled = false)", [input.name]),
	}
}

# PostgreSQL server parameters that record connections and checkpoints, and keep the logs.
logging_parameters := {"log_connections", "log_disconnections", "log_checkpoints", "log_retention", "connection_throttling", "connection_throttle.enable"}

configuration_kinds := {
	"azurerm_postgresql_configuration": "PostgreSQL server configuration",
	"azurerm_postgresql_flexible_server_configuration": "PostgreSQL flexible server configuration",
}

# METADATA
# title: PostgreSQL server turns connection logging off
# description: |
#   An azurerm_postgresql_configuration or azurerm_postgresql_flexible_server_configuration
#   sets log_connections, log_disconnections, log_checkpoints, log_retention or connection
#   throttling (connection_throttling, connection_throttle.enable) to off: successful and
#   failed logins, session ends and password-guessing attempts are no longer logged, kept
#   or slowed down.
# related_resources:
# - https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-logging
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/postgresql_flexible_server_configuration
# custom:
#   id: TG-AZ-072
#   severity: medium
#   category: audit
#   provider: azure
#   remediation: Remove the configuration or set its value to "on".
#   frameworks:
#     nist-800-53: ["AU-2", "AU-12"]
#     soc2: ["CC7.2"]
#     pci-dss-4.0: ["10.2.1"]
deny contains finding if {
	input.type in {"azurerm_postgresql_configuration", "azurerm_postgresql_flexible_server_configuration"}
	r := input.resource
	is_string(r.name)
	lower(r.name) in logging_parameters
	is_string(r.value)
	lower(r.value) in {"off", "false", "0"}
	msg := sprintf("%s %q turns %s off", [configuration_kinds[input.type], input.name, r.name])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "value"), msg)
}
