package tollgate.encryption.azure.database_test

import data.tollgate.access.azure.fixtures_test as fx
import data.tollgate.encryption.azure.database
import rego.v1

path := "db/main.tf"

# resource "azurerm_mssql_server" "main" {     # line 1
#   name                = "acme-sql"          # line 2
#   version             = "12.0"              # line 3
#   minimum_tls_version = TLS                 # line 4
# }                                           # line 5
sql_server(fields) := fx.resource("azurerm_mssql_server", "main", fx.block(
	path, 1, 5,
	object.union({"name": "acme-sql", "version": "12.0"}, fields),
	{"name": 2, "version": 3, "minimum_tls_version": 4},
))

test_tg_az_034_violation if {
	findings := database.deny with input as sql_server({"minimum_tls_version": "1.0"})
	some f in findings
	f.rule_id == "TG-AZ-034"
	f.location == fx.loc(path, 4)
	f.message == `SQL server "main" allows TLS older than 1.2 (minimum_tls_version = "1.0")`
}

test_tg_az_034_compliant if {
	count(fx.ids(database.deny, "TG-AZ-034")) == 0 with input as sql_server({"minimum_tls_version": "1.2"})
	count(fx.ids(database.deny, "TG-AZ-034")) == 0 with input as sql_server({})
}

test_tg_az_034_disabled_fires if {
	count(fx.ids(database.deny, "TG-AZ-034")) == 1 with input as sql_server({"minimum_tls_version": "Disabled"})
}

# resource "azurerm_mssql_database" "orders" {             # line 10
#   name                                = "orders"       # line 11
#   server_id                           = azurerm_mssql_server.main.id   # line 12 (unknown)
#   transparent_data_encryption_enabled = TDE            # line 13
# }                                                      # line 14
sql_database(fields) := fx.resource("azurerm_mssql_database", "orders", fx.unknown(
	fx.block(path, 10, 14, object.union({"name": "orders"}, fields), {"name": 11, "transparent_data_encryption_enabled": 13}),
	"server_id", 12,
))

test_tg_az_035_violation if {
	findings := database.deny with input as sql_database({"transparent_data_encryption_enabled": false})
	some f in findings
	f.rule_id == "TG-AZ-035"
	f.location == fx.loc(path, 13)
	f.message == `SQL database "orders" has transparent data encryption disabled (transparent_data_encryption_enabled = false)`
}

test_tg_az_035_compliant if {
	count(fx.ids(database.deny, "TG-AZ-035")) == 0 with input as sql_database({"transparent_data_encryption_enabled": true})
	count(fx.ids(database.deny, "TG-AZ-035")) == 0 with input as sql_database({})
}

# resource "azurerm_postgresql_server" "legacy" {            # line 20
#   name                             = "acme-pg"           # line 21
#   ssl_enforcement_enabled          = SSL                 # line 22
#   ssl_minimal_tls_version_enforced = TLS                 # line 23
# }                                                        # line 24
single_server(type, fields) := fx.resource(type, "legacy", fx.block(
	path, 20, 24,
	object.union({"name": "acme-pg"}, fields),
	{"name": 21, "ssl_enforcement_enabled": 22, "ssl_minimal_tls_version_enforced": 23},
))

# resource "azurerm_postgresql_flexible_server_configuration" "tls" {   # line 30
#   name      = NAME                                      # line 31
#   server_id = azurerm_postgresql_flexible_server.main.id # line 32 (unknown)
#   value     = VALUE                                     # line 33
# }                                                       # line 34
configuration(type, name, value) := fx.resource(type, "tls", fx.unknown(
	fx.block(path, 30, 34, {"name": name, "value": value}, {"name": 31, "value": 33}),
	"server_id", 32,
))

test_tg_az_036_violation if {
	findings := database.deny with input as single_server("azurerm_postgresql_server", {"ssl_enforcement_enabled": false, "ssl_minimal_tls_version_enforced": "TLS1_2"})
	some f in findings
	f.rule_id == "TG-AZ-036"
	f.location == fx.loc(path, 22)
	f.message == `PostgreSQL server "legacy" does not require TLS connections (ssl_enforcement_enabled = false)`
}

test_tg_az_036_compliant if {
	doc := single_server("azurerm_mysql_server", {"ssl_enforcement_enabled": true, "ssl_minimal_tls_version_enforced": "TLS1_2"})
	count(fx.ids(database.deny, "TG-AZ-036")) == 0 with input as doc
	on := configuration("azurerm_postgresql_flexible_server_configuration", "require_secure_transport", "on")
	count(fx.ids(database.deny, "TG-AZ-036")) == 0 with input as on
	other := configuration("azurerm_postgresql_flexible_server_configuration", "log_connections", "off")
	count(fx.ids(database.deny, "TG-AZ-036")) == 0 with input as other
}

test_tg_az_036_flexible_configuration_fires if {
	doc := configuration("azurerm_mysql_flexible_server_configuration", "require_secure_transport", "OFF")
	findings := database.deny with input as doc
	some f in findings
	f.rule_id == "TG-AZ-036"
	f.location == fx.loc(path, 33)
	f.message == `MySQL flexible server configuration "tls" does not require TLS connections (require_secure_transport = "OFF")`
}

test_tg_az_037_violation if {
	findings := database.deny with input as single_server("azurerm_mysql_server", {"ssl_enforcement_enabled": true, "ssl_minimal_tls_version_enforced": "TLS1_0"})
	some f in findings
	f.rule_id == "TG-AZ-037"
	f.location == fx.loc(path, 23)
	f.message == `MySQL server "legacy" allows TLS older than 1.2 (ssl_minimal_tls_version_enforced = "TLS1_0")`
}

test_tg_az_037_compliant if {
	doc := single_server("azurerm_mysql_server", {"ssl_enforcement_enabled": true, "ssl_minimal_tls_version_enforced": "TLS1_2"})
	count(fx.ids(database.deny, "TG-AZ-037")) == 0 with input as doc
	mysql := configuration("azurerm_mysql_flexible_server_configuration", "tls_version", "TLSv1.2,TLSv1.3")
	count(fx.ids(database.deny, "TG-AZ-037")) == 0 with input as mysql
}

test_tg_az_037_disabled_and_flexible_configurations_fire if {
	disabled := single_server("azurerm_postgresql_server", {"ssl_minimal_tls_version_enforced": "TLSEnforcementDisabled"})
	count(fx.ids(database.deny, "TG-AZ-037")) == 1 with input as disabled
	mysql := configuration("azurerm_mysql_flexible_server_configuration", "tls_version", "TLSv1.1,TLSv1.2")
	findings := database.deny with input as mysql
	some f in findings
	f.rule_id == "TG-AZ-037"
	f.location == fx.loc(path, 33)
	f.message == `MySQL flexible server configuration "tls" allows TLS older than 1.2 (tls_version = "TLSv1.1,TLSv1.2")`
	pg := configuration("azurerm_postgresql_flexible_server_configuration", "ssl_min_protocol_version", "TLSv1")
	count(fx.ids(database.deny, "TG-AZ-037")) == 1 with input as pg
}
