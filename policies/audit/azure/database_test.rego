package tollgate.audit.azure.database_test

import data.tollgate.access.azure.fixtures_test as fx
import data.tollgate.audit.azure.database
import rego.v1

path := "db/audit.tf"

# resource "azurerm_mssql_server_extended_auditing_policy" "main" {   # line 1
#   server_id         = azurerm_mssql_server.main.id                 # line 2 (unknown)
#   storage_endpoint  = azurerm_storage_account.audit.primary_blob_endpoint   # line 3 (unknown)
#   enabled           = ENABLED                                      # line 4
#   retention_in_days = DAYS                                         # line 5
# }                                                                  # line 6
policy_body(fields) := fx.unknown(
	fx.unknown(fx.block(path, 1, 6, fields, {"enabled": 4, "retention_in_days": 5}), "server_id", 2),
	"storage_endpoint", 3,
)

policy(type, fields) := fx.resource(type, "main", policy_body(fields))

test_tg_az_070_violation if {
	findings := database.deny with input as policy("azurerm_mssql_server_extended_auditing_policy", {"retention_in_days": 30})
	some f in findings
	f.rule_id == "TG-AZ-070"
	f.location == fx.loc(path, 5)
	f.message == `SQL server auditing policy "main" keeps audit logs 30 days, fewer than 90`
}

test_tg_az_070_compliant if {
	count(fx.ids(database.deny, "TG-AZ-070")) == 0 with input as policy("azurerm_mssql_server_extended_auditing_policy", {"retention_in_days": 90})
	count(fx.ids(database.deny, "TG-AZ-070")) == 0 with input as policy("azurerm_mssql_server_extended_auditing_policy", {"retention_in_days": 0})
	count(fx.ids(database.deny, "TG-AZ-070")) == 0 with input as policy("azurerm_mssql_database_extended_auditing_policy", {})
}

test_tg_az_070_database_policy_and_inline_block_fire if {
	count(fx.ids(database.deny, "TG-AZ-070")) == 1 with input as policy("azurerm_mssql_database_extended_auditing_policy", {"retention_in_days": 7})
	inline := [fx.block(path, 12, 15, {"retention_in_days": 14}, {"retention_in_days": 14})]
	server := fx.resource("azurerm_mssql_server", "legacy", fx.block(path, 10, 16, {"extended_auditing_policy": inline}, {}))
	findings := database.deny with input as server
	some f in findings
	f.rule_id == "TG-AZ-070"
	f.location == fx.loc(path, 14)
	f.message == `SQL server "legacy" keeps audit logs 14 days, fewer than 90`
}

# resource "azurerm_mssql_server" "main" {   # line 20
#   name    = "acme-sql"                    # line 21
#   version = "12.0"                        # line 22
# }                                         # line 23
server := fx.resource("azurerm_mssql_server", "main", fx.block(path, 20, 23, {"name": "acme-sql", "version": "12.0"}, {"name": 21, "version": 22}))

test_tg_az_071_violation if {
	findings := database.deny with input as server
	some f in findings
	f.rule_id == "TG-AZ-071"
	f.location == fx.span(path, 20, 23)
	f.message == `SQL server "main" has no auditing (no azurerm_mssql_server_extended_auditing_policy refers to it)`
}

test_tg_az_071_compliant if {
	doc := fx.related(server, {"azurerm_mssql_server_extended_auditing_policy": [policy_body({"retention_in_days": 90})]})
	count(fx.ids(database.deny, "TG-AZ-071")) == 0 with input as doc
	count(fx.ids(database.deny, "TG-AZ-071")) == 0 with input as policy("azurerm_mssql_server_extended_auditing_policy", {"enabled": true})
}

test_tg_az_071_disabled_policy_fires if {
	findings := database.deny with input as policy("azurerm_mssql_server_extended_auditing_policy", {"enabled": false})
	some f in findings
	f.rule_id == "TG-AZ-071"
	f.location == fx.loc(path, 4)
	f.message == `SQL server auditing policy "main" disables auditing (enabled = false)`
}

# resource "azurerm_postgresql_flexible_server_configuration" "log_connections" {   # line 30
#   name      = NAME                                            # line 31
#   server_id = azurerm_postgresql_flexible_server.main.id      # line 32 (unknown)
#   value     = VALUE                                           # line 33
# }                                                             # line 34
configuration(type, name, value) := fx.resource(type, "log_connections", fx.unknown(
	fx.block(path, 30, 34, {"name": name, "value": value}, {"name": 31, "value": 33}),
	"server_id", 32,
))

test_tg_az_072_violation if {
	findings := database.deny with input as configuration("azurerm_postgresql_flexible_server_configuration", "log_connections", "off")
	some f in findings
	f.rule_id == "TG-AZ-072"
	f.location == fx.loc(path, 33)
	f.message == `PostgreSQL flexible server configuration "log_connections" turns log_connections off`
}

test_tg_az_072_compliant if {
	on := configuration("azurerm_postgresql_flexible_server_configuration", "log_connections", "on")
	count(fx.ids(database.deny, "TG-AZ-072")) == 0 with input as on
	other := configuration("azurerm_postgresql_flexible_server_configuration", "log_min_duration_statement", "0")
	count(fx.ids(database.deny, "TG-AZ-072")) == 0 with input as other
}

test_tg_az_072_single_server_and_throttling_fire if {
	single := configuration("azurerm_postgresql_configuration", "connection_throttling", "OFF")
	count(fx.ids(database.deny, "TG-AZ-072")) == 1 with input as single
	checkpoints := configuration("azurerm_postgresql_configuration", "log_checkpoints", "off")
	count(fx.ids(database.deny, "TG-AZ-072")) == 1 with input as checkpoints
}

test_tg_az_072_log_retention_fires if {
	retention := configuration("azurerm_postgresql_configuration", "log_retention", "off")
	count(fx.ids(database.deny, "TG-AZ-072")) == 1 with input as retention
}
