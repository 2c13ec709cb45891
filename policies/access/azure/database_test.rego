package tollgate.access.azure.database_test

import data.tollgate.access.azure.database
import data.tollgate.access.azure.fixtures_test as fx
import rego.v1

path := "db/main.tf"

# resource "azurerm_mssql_firewall_rule" "office" {   # line 1
#   name             = "office"                      # line 2
#   server_id        = azurerm_mssql_server.main.id  # line 3 (unknown)
#   start_ip_address = START                         # line 4
#   end_ip_address   = END                           # line 5
# }                                                  # line 6
firewall_rule(type, start, end) := fx.resource(type, "office", fx.unknown(
	fx.block(path, 1, 6, {"name": "office", "start_ip_address": start, "end_ip_address": end}, {"name": 2, "start_ip_address": 4, "end_ip_address": 5}),
	"server_id", 3,
))

test_tg_az_006_violation if {
	findings := database.deny with input as firewall_rule("azurerm_mssql_firewall_rule", "0.0.0.0", "255.255.255.255")
	some f in findings
	f.rule_id == "TG-AZ-006"
	f.location == fx.loc(path, 4)
	f.message == `database firewall rule "office" allows the whole internet (0.0.0.0 - 255.255.255.255)`
}

test_tg_az_006_compliant if {
	count(fx.ids(database.deny, "TG-AZ-006")) == 0 with input as firewall_rule("azurerm_mssql_firewall_rule", "203.0.113.0", "203.0.113.255")
}

test_tg_az_006_allow_azure_services_does_not_fire if {
	count(fx.ids(database.deny, "TG-AZ-006")) == 0 with input as firewall_rule("azurerm_mssql_firewall_rule", "0.0.0.0", "0.0.0.0")
}

test_tg_az_006_near_complete_ranges_and_other_engines_fire if {
	count(fx.ids(database.deny, "TG-AZ-006")) == 1 with input as firewall_rule("azurerm_postgresql_flexible_server_firewall_rule", "1.0.0.0", "254.255.255.255")
	count(fx.ids(database.deny, "TG-AZ-006")) == 1 with input as firewall_rule("azurerm_mysql_firewall_rule", "0.0.0.1", "255.255.255.254")
	count(fx.ids(database.deny, "TG-AZ-006")) == 0 with input as firewall_rule("azurerm_mysql_firewall_rule", "0.0.0.0", "127.255.255.255")
}

test_tg_az_006_unknown_does_not_fire if {
	doc := firewall_rule("azurerm_mssql_firewall_rule", "0.0.0.0", "255.255.255.255")
	body := fx.unknown(doc.resource, "end_ip_address", 5)
	count(fx.ids(database.deny, "TG-AZ-006")) == 0 with input as fx.resource("azurerm_mssql_firewall_rule", "office", body)
}

# resource "azurerm_mssql_server" "main" {            # line 10
#   name                          = "acme-sql"       # line 11
#   version                       = "12.0"           # line 12
#   public_network_access_enabled = PUBLIC           # line 13
#   azuread_administrator {                          # line 14
#     login_username = "sql-admins"                  # line 15
#     object_id      = var.admins_group_id           # line 16
#   }                                                # line 17
# }                                                  # line 18
admin_block := [fx.block(path, 14, 17, {"login_username": "sql-admins", "object_id": "00000000-0000-0000-0000-000000000001"}, {"login_username": 15, "object_id": 16})]

server_body(type, fields) := fx.block(path, 10, 18, object.union({"name": "acme-sql", "version": "12.0"}, fields), {
	"name": 11, "version": 12, "public_network_access_enabled": 13, "public_network_access": 13,
	"delegated_subnet_id": 12,
})

server(type, fields) := fx.resource(type, "main", server_body(type, fields))

test_tg_az_007_violation if {
	findings := database.deny with input as server("azurerm_mssql_server", {"public_network_access_enabled": false})
	some f in findings
	f.rule_id == "TG-AZ-007"
	f.location == fx.span(path, 10, 18)
	f.message == `SQL server "main" has no Microsoft Entra ID (Azure AD) administrator`
}

test_tg_az_007_compliant if {
	doc := server("azurerm_mssql_server", {"public_network_access_enabled": false, "azuread_administrator": admin_block})
	count(fx.ids(database.deny, "TG-AZ-007")) == 0 with input as doc
}

test_tg_az_007_related_administrator_resource_satisfies if {
	admin := fx.block("db/aad.tf", 1, 6, {"login": "sql-admins"}, {"login": 3})
	doc := fx.related(server("azurerm_sql_server", {"public_network_access_enabled": false}), {"azurerm_sql_active_directory_administrator": [admin]})
	count(fx.ids(database.deny, "TG-AZ-007")) == 0 with input as doc
}

test_tg_az_007_dynamic_block_does_not_fire if {
	body := fx.unknown(server_body("azurerm_mssql_server", {"public_network_access_enabled": false}), "azuread_administrator", 14)
	count(fx.ids(database.deny, "TG-AZ-007")) == 0 with input as fx.resource("azurerm_mssql_server", "main", body)
}

test_tg_az_008_violation if {
	findings := database.deny with input as server("azurerm_mssql_server", {"public_network_access_enabled": true, "azuread_administrator": admin_block})
	some f in findings
	f.rule_id == "TG-AZ-008"
	f.location == fx.loc(path, 13)
	f.message == `SQL server "main" allows public network access (public_network_access_enabled = true)`
}

test_tg_az_008_compliant if {
	doc := server("azurerm_mssql_server", {"public_network_access_enabled": false, "azuread_administrator": admin_block})
	count(fx.ids(database.deny, "TG-AZ-008")) == 0 with input as doc
	mysql := server("azurerm_mysql_flexible_server", {"public_network_access": "Disabled"})
	count(fx.ids(database.deny, "TG-AZ-008")) == 0 with input as mysql
}

test_tg_az_008_default_fires if {
	findings := database.deny with input as server("azurerm_postgresql_flexible_server", {})
	some f in findings
	f.rule_id == "TG-AZ-008"
	f.location == fx.span(path, 10, 18)
	f.message == `PostgreSQL flexible server "main" allows public network access (public_network_access_enabled not set, default true)`
}

test_tg_az_008_mysql_flexible_enabled_fires if {
	findings := database.deny with input as server("azurerm_mysql_flexible_server", {"public_network_access": "Enabled"})
	some f in findings
	f.rule_id == "TG-AZ-008"
	f.message == `MySQL flexible server "main" allows public network access (public_network_access = "Enabled")`
}

test_tg_az_008_vnet_injected_flexible_server_does_not_fire if {
	known := server("azurerm_postgresql_flexible_server", {"delegated_subnet_id": "/subscriptions/x/subnets/db"})
	count(fx.ids(database.deny, "TG-AZ-008")) == 0 with input as known
	body := fx.unknown(server_body("azurerm_mysql_flexible_server", {}), "delegated_subnet_id", 12)
	count(fx.ids(database.deny, "TG-AZ-008")) == 0 with input as fx.resource("azurerm_mysql_flexible_server", "main", body)
}

test_tg_az_008_unknown_does_not_fire if {
	body := fx.unknown(server_body("azurerm_mssql_server", {}), "public_network_access_enabled", 13)
	count(fx.ids(database.deny, "TG-AZ-008")) == 0 with input as fx.resource("azurerm_mssql_server", "main", body)
}

test_tg_az_121_violation if {
	findings := database.deny with input as firewall_rule("azurerm_sql_firewall_rule", "203.0.113.0", "203.0.113.255")
	some f in findings
	f.rule_id == "TG-AZ-121"
	f.location == fx.loc(path, 4)
	f.message == `database firewall rule "office" opens a range of public addresses (203.0.113.0 - 203.0.113.255)`
	count(fx.ids(database.deny, "TG-AZ-121")) == 1 with input as firewall_rule("azurerm_postgresql_flexible_server_firewall_rule", "0.0.0.0", "8.8.8.8")
	count(fx.ids(database.deny, "TG-AZ-121")) == 1 with input as firewall_rule("azurerm_mysql_flexible_server_firewall_rule", "10.0.0.0", "52.0.0.0")
}

test_tg_az_121_compliant if {
	count(fx.ids(database.deny, "TG-AZ-121")) == 0 with input as firewall_rule("azurerm_mssql_firewall_rule", "203.0.113.7", "203.0.113.7")
	count(fx.ids(database.deny, "TG-AZ-121")) == 0 with input as firewall_rule("azurerm_mssql_firewall_rule", "10.0.0.0", "10.255.255.255")
	count(fx.ids(database.deny, "TG-AZ-121")) == 0 with input as firewall_rule("azurerm_mssql_firewall_rule", "0.0.0.0", "0.0.0.0")
	count(fx.ids(database.deny, "TG-AZ-121")) == 0 with input as firewall_rule("azurerm_mssql_firewall_rule", "0.0.0.0", "255.255.255.255")
}

test_tg_az_121_unknown_does_not_fire if {
	doc := firewall_rule("azurerm_mssql_firewall_rule", "203.0.113.0", "203.0.113.255")
	body := fx.unknown(doc.resource, "end_ip_address", 5)
	count(fx.ids(database.deny, "TG-AZ-121")) == 0 with input as fx.resource("azurerm_mssql_firewall_rule", "office", body)
}

test_tg_az_195_violation if {
	findings := database.deny with input as firewall_rule("azurerm_sql_firewall_rule", "0.0.0.0", "0.0.0.0")
	some f in findings
	f.rule_id == "TG-AZ-195"
	f.location == fx.loc(path, 4)
	f.message == `database firewall rule "office" lets in every Azure service (0.0.0.0 - 0.0.0.0)`
}

test_tg_az_195_compliant if {
	count(fx.ids(database.deny, "TG-AZ-195")) == 0 with input as firewall_rule("azurerm_mssql_firewall_rule", "0.0.0.0", "255.255.255.255")
	count(fx.ids(database.deny, "TG-AZ-195")) == 0 with input as firewall_rule("azurerm_mssql_firewall_rule", "203.0.113.7", "203.0.113.7")
}
