package tollgate.access.azure.cosmosdb_test

import data.tollgate.access.azure.cosmosdb
import data.tollgate.access.azure.fixtures_test as fx
import rego.v1

path := "db/cosmos.tf"

# resource "azurerm_cosmosdb_account" "orders" {       # line 1
#   name                              = "acme-orders" # line 2
#   kind                              = KIND          # line 3
#   public_network_access_enabled     = PUBLIC        # line 4
#   ip_range_filter                   = FILTER        # line 5
#   is_virtual_network_filter_enabled = VNET          # line 6
#   local_authentication_disabled     = NO_KEYS       # line 7
#   capabilities {                                    # line 8
#     name = CAPABILITY                               # line 9
#   }                                                 # line 10
# }                                                   # line 11
account_body(fields) := fx.block(path, 1, 11, object.union({"name": "acme-orders"}, fields), {
	"name": 2, "kind": 3, "public_network_access_enabled": 4, "ip_range_filter": 5,
	"is_virtual_network_filter_enabled": 6, "local_authentication_disabled": 7,
})

account(fields) := fx.resource("azurerm_cosmosdb_account", "orders", account_body(fields))

compliant := {"ip_range_filter": ["203.0.113.0/24"], "local_authentication_disabled": true}

test_compliant_account_has_no_findings if {
	count(cosmosdb.deny) == 0 with input as account(compliant)
}

test_tg_az_015_violation if {
	fields := object.union(object.remove(compliant, ["ip_range_filter"]), {"public_network_access_enabled": true})
	findings := cosmosdb.deny with input as account(fields)
	some f in findings
	f.rule_id == "TG-AZ-015"
	f.location == fx.loc(path, 4)
	f.message == `Cosmos DB account "orders" accepts traffic from all networks (public network access, no ip_range_filter, no virtual network filter)`
}

test_tg_az_015_compliant if {
	count(fx.ids(cosmosdb.deny, "TG-AZ-015")) == 0 with input as account(compliant)
	v3 := {"ip_range_filter": "203.0.113.7,198.51.100.0/24", "local_authentication_disabled": true}
	count(fx.ids(cosmosdb.deny, "TG-AZ-015")) == 0 with input as account(v3)
	vnet := {"is_virtual_network_filter_enabled": true, "local_authentication_disabled": true}
	count(fx.ids(cosmosdb.deny, "TG-AZ-015")) == 0 with input as account(vnet)
	private := {"public_network_access_enabled": false, "local_authentication_disabled": true}
	count(fx.ids(cosmosdb.deny, "TG-AZ-015")) == 0 with input as account(private)
}

test_tg_az_015_defaults_fire if {
	findings := cosmosdb.deny with input as account({"local_authentication_disabled": true})
	some f in findings
	f.rule_id == "TG-AZ-015"
	f.location == fx.span(path, 1, 11)
	count(fx.ids(cosmosdb.deny, "TG-AZ-015")) == 1 with input as account({"ip_range_filter": ""})
}

# ip_range_filter = [var.office] with no value for var.office reaches the rule as [].
test_tg_az_015_empty_list_does_not_fire if {
	count(fx.ids(cosmosdb.deny, "TG-AZ-015")) == 0 with input as account({"ip_range_filter": [], "local_authentication_disabled": true})
}

test_tg_az_015_unknown_does_not_fire if {
	body := fx.unknown(account_body({"local_authentication_disabled": true}), "ip_range_filter", 5)
	count(fx.ids(cosmosdb.deny, "TG-AZ-015")) == 0 with input as fx.resource("azurerm_cosmosdb_account", "orders", body)
	vnet := fx.unknown(account_body({}), "is_virtual_network_filter_enabled", 6)
	count(fx.ids(cosmosdb.deny, "TG-AZ-015")) == 0 with input as fx.resource("azurerm_cosmosdb_account", "orders", vnet)
}

test_tg_az_016_violation if {
	findings := cosmosdb.deny with input as account(object.union(compliant, {"local_authentication_disabled": false}))
	some f in findings
	f.rule_id == "TG-AZ-016"
	f.location == fx.loc(path, 7)
	f.message == `Cosmos DB account "orders" allows key-based authentication (local_authentication_disabled = false)`
}

test_tg_az_016_compliant if {
	count(fx.ids(cosmosdb.deny, "TG-AZ-016")) == 0 with input as account(compliant)
}

test_tg_az_016_default_fires if {
	findings := cosmosdb.deny with input as account(object.remove(compliant, ["local_authentication_disabled"]))
	some f in findings
	f.rule_id == "TG-AZ-016"
	f.location == fx.span(path, 1, 11)
	f.message == `Cosmos DB account "orders" allows key-based authentication (local_authentication_disabled not set, default false)`
}

test_tg_az_016_other_apis_do_not_fire if {
	mongo := {"kind": "MongoDB", "ip_range_filter": ["203.0.113.0/24"]}
	count(fx.ids(cosmosdb.deny, "TG-AZ-016")) == 0 with input as account(mongo)
	cassandra := {"capabilities": [fx.block(path, 8, 10, {"name": "EnableCassandra"}, {"name": 9})]}
	count(fx.ids(cosmosdb.deny, "TG-AZ-016")) == 0 with input as account(cassandra)
	sql := {"capabilities": [fx.block(path, 8, 10, {"name": "EnableServerless"}, {"name": 9})]}
	count(fx.ids(cosmosdb.deny, "TG-AZ-016")) == 1 with input as account(sql)
}

test_tg_az_016_unknown_does_not_fire if {
	body := fx.unknown(account_body({"ip_range_filter": ["203.0.113.0/24"]}), "local_authentication_disabled", 7)
	count(fx.ids(cosmosdb.deny, "TG-AZ-016")) == 0 with input as fx.resource("azurerm_cosmosdb_account", "orders", body)
	kind := fx.unknown(account_body({"ip_range_filter": ["203.0.113.0/24"]}), "kind", 3)
	count(fx.ids(cosmosdb.deny, "TG-AZ-016")) == 0 with input as fx.resource("azurerm_cosmosdb_account", "orders", kind)
}
