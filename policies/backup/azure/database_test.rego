package tollgate.backup.azure.database_test

import data.tollgate.access.azure.fixtures_test as fx
import data.tollgate.backup.azure.database
import rego.v1

path := "db/main.tf"

# resource "azurerm_mssql_database" "orders" {          # line 1
#   name        = "orders"                             # line 2
#   server_id   = azurerm_mssql_server.main.id         # line 3 (unknown)
#   create_mode = MODE                                 # line 4
#   short_term_retention_policy {                      # line 5
#     retention_days = DAYS                            # line 6
#   }                                                  # line 7
#   long_term_retention_policy {                       # line 8
#     weekly_retention  = WEEKLY                       # line 9
#     monthly_retention = MONTHLY                      # line 10
#     yearly_retention  = YEARLY                       # line 11
#   }                                                  # line 12
# }                                                    # line 13
db_body(fields) := fx.unknown(fx.block(path, 1, 13, object.union({"name": "orders"}, fields), {"name": 2, "create_mode": 4}), "server_id", 3)

db(fields) := fx.resource("azurerm_mssql_database", "orders", db_body(fields))

str(days) := [fx.block(path, 5, 7, {"retention_days": days}, {"retention_days": 6})]

ltr(fields) := [fx.block(path, 8, 12, fields, {"weekly_retention": 9, "monthly_retention": 10, "yearly_retention": 11})]

compliant := {"short_term_retention_policy": str(14), "long_term_retention_policy": ltr({"weekly_retention": "P4W", "monthly_retention": "P12M"})}

test_compliant_database_has_no_findings if {
	count(database.deny) == 0 with input as db(compliant)
}

test_tg_az_053_violation if {
	findings := database.deny with input as db(object.union(compliant, {"short_term_retention_policy": str(1)}))
	some f in findings
	f.rule_id == "TG-AZ-053"
	f.location == fx.loc(path, 6)
	f.message == `SQL database "orders" keeps point-in-time backups for 1 days, fewer than 7`
}

test_tg_az_053_compliant if {
	count(fx.ids(database.deny, "TG-AZ-053")) == 0 with input as db(compliant)
	count(fx.ids(database.deny, "TG-AZ-053")) == 0 with input as db(object.remove(compliant, ["short_term_retention_policy"]))
}

test_tg_az_053_parameter if {
	count(fx.ids(database.deny, "TG-AZ-053")) == 1 with input as db(compliant) with data.config.params as {"min_backup_retention_days": 30}
}

test_tg_az_054_violation if {
	findings := database.deny with input as db(object.remove(compliant, ["long_term_retention_policy"]))
	some f in findings
	f.rule_id == "TG-AZ-054"
	f.location == fx.span(path, 1, 13)
	f.message == `SQL database "orders" has no long-term backup retention (no long_term_retention_policy block)`
}

test_tg_az_054_compliant if {
	count(fx.ids(database.deny, "TG-AZ-054")) == 0 with input as db(compliant)
	yearly := object.union(compliant, {"long_term_retention_policy": ltr({"weekly_retention": "PT0S", "yearly_retention": "P5Y"})})
	count(fx.ids(database.deny, "TG-AZ-054")) == 0 with input as db(yearly)
}

test_tg_az_054_zero_retentions_fire if {
	zero := object.union(compliant, {"long_term_retention_policy": ltr({"weekly_retention": "PT0S", "monthly_retention": "PT0S"})})
	findings := database.deny with input as db(zero)
	some f in findings
	f.rule_id == "TG-AZ-054"
	f.location == fx.span(path, 8, 12)
	f.message == `SQL database "orders" has no long-term backup retention (weekly, monthly and yearly retention are all zero)`
}

test_tg_az_054_secondary_and_unknown_do_not_fire if {
	no_ltr := object.remove(compliant, ["long_term_retention_policy"])
	count(fx.ids(database.deny, "TG-AZ-054")) == 0 with input as db(object.union(no_ltr, {"create_mode": "Secondary"}))
	mode := fx.unknown(db_body(no_ltr), "create_mode", 4)
	count(fx.ids(database.deny, "TG-AZ-054")) == 0 with input as fx.resource("azurerm_mssql_database", "orders", mode)
	weekly := [fx.unknown(ltr({})[0], "weekly_retention", 9)]
	count(fx.ids(database.deny, "TG-AZ-054")) == 0 with input as db(object.union(compliant, {"long_term_retention_policy": weekly}))
}

# resource "azurerm_postgresql_flexible_server" "main" {   # line 20
#   name                         = "acme-pg"              # line 21
#   create_mode                  = MODE                   # line 22
#   backup_retention_days        = DAYS                   # line 23
#   geo_redundant_backup_enabled = GEO                    # line 24
# }                                                       # line 25
server_body(fields) := fx.block(path, 20, 25, object.union({"name": "acme-pg"}, fields), {
	"name": 21, "create_mode": 22, "backup_retention_days": 23, "geo_redundant_backup_enabled": 24,
})

server(type, fields) := fx.resource(type, "main", server_body(fields))

test_tg_az_055_violation if {
	findings := database.deny with input as server("azurerm_postgresql_flexible_server", {"backup_retention_days": 3, "geo_redundant_backup_enabled": true})
	some f in findings
	f.rule_id == "TG-AZ-055"
	f.location == fx.loc(path, 23)
	f.message == `PostgreSQL flexible server "main" keeps backups for 3 days, fewer than 7`
}

test_tg_az_055_compliant if {
	doc := server("azurerm_mysql_flexible_server", {"backup_retention_days": 7, "geo_redundant_backup_enabled": true})
	count(fx.ids(database.deny, "TG-AZ-055")) == 0 with input as doc
	count(fx.ids(database.deny, "TG-AZ-055")) == 0 with input as server("azurerm_mysql_flexible_server", {})
}

test_tg_az_056_violation if {
	findings := database.deny with input as server("azurerm_mysql_flexible_server", {"geo_redundant_backup_enabled": false})
	some f in findings
	f.rule_id == "TG-AZ-056"
	f.location == fx.loc(path, 24)
	f.message == `MySQL flexible server "main" keeps its backups in one region only (geo_redundant_backup_enabled = false)`
}

test_tg_az_056_compliant if {
	count(fx.ids(database.deny, "TG-AZ-056")) == 0 with input as server("azurerm_mysql_flexible_server", {"geo_redundant_backup_enabled": true})
	replica := server("azurerm_postgresql_flexible_server", {"create_mode": "Replica"})
	count(fx.ids(database.deny, "TG-AZ-056")) == 0 with input as replica
}

test_tg_az_056_default_fires if {
	findings := database.deny with input as server("azurerm_postgresql_server", {})
	some f in findings
	f.rule_id == "TG-AZ-056"
	f.location == fx.span(path, 20, 25)
	f.message == `PostgreSQL server "main" keeps its backups in one region only (geo_redundant_backup_enabled not set, default false)`
}

test_tg_az_056_unknown_does_not_fire if {
	body := fx.unknown(server_body({}), "geo_redundant_backup_enabled", 24)
	count(fx.ids(database.deny, "TG-AZ-056")) == 0 with input as fx.resource("azurerm_postgresql_flexible_server", "main", body)
}
