package tollgate.backup.azure.cosmosdb_test

import data.tollgate.access.azure.fixtures_test as fx
import data.tollgate.backup.azure.cosmosdb
import rego.v1

path := "db/cosmos.tf"

# resource "azurerm_cosmosdb_account" "orders" {   # line 1
#   name = "acme-orders"                          # line 2
#   backup {                                      # line 3
#     type               = TYPE                   # line 4
#     retention_in_hours = HOURS                  # line 5
#   }                                             # line 6
# }                                               # line 7
account_body(fields) := fx.block(path, 1, 7, object.union({"name": "acme-orders"}, fields), {"name": 2})

account(fields) := fx.resource("azurerm_cosmosdb_account", "orders", account_body(fields))

backup(fields) := [fx.block(path, 3, 6, fields, {"type": 4, "retention_in_hours": 5})]

test_tg_az_060_violation if {
	findings := cosmosdb.deny with input as account({"backup": backup({"type": "Periodic", "retention_in_hours": 48})})
	some f in findings
	f.rule_id == "TG-AZ-060"
	f.location == fx.loc(path, 5)
	f.message == `Cosmos DB account "orders" keeps periodic backups 48 hours, fewer than 168`
}

test_tg_az_060_compliant if {
	count(fx.ids(cosmosdb.deny, "TG-AZ-060")) == 0 with input as account({"backup": backup({"type": "Continuous"})})
	long := {"backup": backup({"type": "Periodic", "retention_in_hours": 720})}
	count(fx.ids(cosmosdb.deny, "TG-AZ-060")) == 0 with input as account(long)
}

test_tg_az_060_defaults_fire if {
	findings := cosmosdb.deny with input as account({})
	some f in findings
	f.rule_id == "TG-AZ-060"
	f.location == fx.span(path, 1, 7)
	f.message == `Cosmos DB account "orders" has no backup block: periodic backups are kept 8 hours, fewer than 168`
	periodic := cosmosdb.deny with input as account({"backup": backup({"type": "Periodic"})})
	some g in periodic
	g.rule_id == "TG-AZ-060"
	g.location == fx.span(path, 3, 6)
}

test_tg_az_060_unknown_does_not_fire if {
	hours := [fx.unknown(backup({"type": "Periodic"})[0], "retention_in_hours", 5)]
	count(fx.ids(cosmosdb.deny, "TG-AZ-060")) == 0 with input as account({"backup": hours})
	dynamic := fx.unknown(account_body({}), "backup", 3)
	count(fx.ids(cosmosdb.deny, "TG-AZ-060")) == 0 with input as fx.resource("azurerm_cosmosdb_account", "orders", dynamic)
}
