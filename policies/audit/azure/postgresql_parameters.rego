package tollgate.audit.azure.postgresql_parameters

import data.tollgate.lib
import rego.v1

# Server parameters that record checkpoints and connections and slow down password guessing.
parameters := ["connection_throttling", "log_checkpoints", "log_connections"]

# METADATA
# title: PostgreSQL server does not set its logging parameters in code
# description: |
#   No azurerm_postgresql_configuration referring to an azurerm_postgresql_server sets
#   log_checkpoints, log_connections or connection_throttling: whether checkpoints and
#   logins are logged, and whether repeated failed logins are slowed down, is left to
#   whatever the server currently has, so a change made in the portal or by the CLI goes
#   unnoticed by code review and drift detection. An explicit "off" is reported by
#   TG-AZ-072 on the configuration itself.
# related_resources:
# - https://learn.microsoft.com/azure/postgresql/single-server/concepts-server-logs
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/postgresql_configuration
# custom:
#   id: TG-AZ-108
#   severity: low
#   category: audit
#   provider: azure
#   remediation: Add an azurerm_postgresql_configuration with value = "on" for each of log_checkpoints, log_connections and connection_throttling, with server_name referring to the server.
#   frameworks:
#     cis-azure-2.0: ["4.3.2", "4.3.3", "4.3.5"]
#     nist-800-53: ["AU-2", "AU-12"]
#     soc2: ["CC7.2"]
#     pci-dss-4.0: ["10.2.1"]
deny contains finding if {
	input.type == "azurerm_postgresql_server"
	not input.related_unknown
	configs := object.get(input, ["related", "azurerm_postgresql_configuration"], [])
	not names_unknown(configs)
	set := {lower(c.name) | some c in configs; is_string(c.name)}
	unset := [p | some p in parameters; not p in set]
	count(unset) > 0
	msg := sprintf("PostgreSQL server %q does not set %s (no azurerm_postgresql_configuration for them refers to the server)", [input.name, concat(", ", unset)])
	finding := lib.finding(rego.metadata.rule(), lib.loc(input.resource), msg)
}

names_unknown(configs) if {
	some c in configs
	lib.unknown(c, "name")
}
