package tollgate.audit.azure.storage_test

import data.tollgate.access.azure.fixtures_test as fx
import data.tollgate.audit.azure.storage
import rego.v1

path := "storage/main.tf"

# resource "azurerm_storage_account" "data" {   # line 1
#   name         = "acmedata"                  # line 2
#   account_tier = TIER                        # line 3
#   account_kind = KIND                        # line 4
#   queue_properties {                         # line 5
#     logging {                                # line 6
#       version = "1.0"                        # line 7
#       read    = READ                         # line 8
#       write   = WRITE                        # line 9
#       delete  = DELETE                       # line 10
#     }                                        # line 11
#   }                                          # line 12
# }                                            # line 13
account(fields) := fx.resource("azurerm_storage_account", "data", fx.block(
	path, 1, 13,
	object.union({"name": "acmedata", "account_tier": "Standard"}, fields),
	{"name": 2, "account_tier": 3, "account_kind": 4},
))

logging(flags) := [fx.block(path, 6, 11, object.union({"version": "1.0"}, flags), {"version": 7, "read": 8, "write": 9, "delete": 10})]

queue_properties(fields) := [fx.block(path, 5, 12, fields, {})]

all_logged := {"read": true, "write": true, "delete": true}

test_tg_az_073_violation if {
	doc := account({"queue_properties": queue_properties({"logging": logging({"read": true, "write": false, "delete": false})})})
	findings := storage.deny with input as doc
	some f in findings
	f.rule_id == "TG-AZ-073"
	f.location == fx.loc(path, 9)
	f.message == `storage account "data" does not log queue write, delete requests`
}

test_tg_az_073_compliant if {
	doc := account({"queue_properties": queue_properties({"logging": logging(all_logged)})})
	count(fx.ids(storage.deny, "TG-AZ-073")) == 0 with input as doc
}

test_tg_az_073_no_logging_block_fires if {
	doc := account({"queue_properties": queue_properties({})})
	findings := storage.deny with input as doc
	some f in findings
	f.rule_id == "TG-AZ-073"
	f.location == fx.span(path, 5, 12)
	f.message == `storage account "data" does not log queue requests (no logging block)`
}

test_tg_az_073_nothing_configured_fires if {
	findings := storage.deny with input as account({})
	some f in findings
	f.rule_id == "TG-AZ-073"
	f.location == fx.span(path, 1, 13)
	f.message == `storage account "data" does not log queue requests (no queue_properties logging, no diagnostic setting)`
}

test_tg_az_073_related_resources_satisfy if {
	queue_props := fx.block("storage/queue.tf", 1, 12, {}, {})
	count(fx.ids(storage.deny, "TG-AZ-073")) == 0 with input as fx.related(account({}), {"azurerm_storage_account_queue_properties": [queue_props]})
	setting := fx.block("storage/monitor.tf", 1, 9, {}, {})
	count(fx.ids(storage.deny, "TG-AZ-073")) == 0 with input as fx.related(account({}), {"azurerm_monitor_diagnostic_setting": [setting]})
}

test_tg_az_073_accounts_without_queues_do_not_fire if {
	count(fx.ids(storage.deny, "TG-AZ-073")) == 0 with input as account({"account_tier": "Premium"})
	count(fx.ids(storage.deny, "TG-AZ-073")) == 0 with input as account({"account_kind": "BlockBlobStorage"})
	count(fx.ids(storage.deny, "TG-AZ-073")) == 1 with input as account({"account_kind": "StorageV2"})
}

# resource "azurerm_storage_account_queue_properties" "data" {   # line 20
#   storage_account_id = azurerm_storage_account.data.id         # line 21 (unknown)
#   properties {                                                 # line 22
#     logging { ... }                                            # lines 6-11 (shared fixture)
#   }                                                            # line 23
# }                                                              # line 24
test_tg_az_073_queue_properties_resource if {
	props := fx.block(path, 22, 23, {"logging": logging({"read": false, "write": true, "delete": true})}, {})
	doc := fx.resource("azurerm_storage_account_queue_properties", "data", fx.unknown(fx.block(path, 20, 24, {"properties": [props]}, {}), "storage_account_id", 21))
	findings := storage.deny with input as doc
	some f in findings
	f.rule_id == "TG-AZ-073"
	f.location == fx.loc(path, 8)
	f.message == `storage account queue properties "data" does not log queue read requests`
}
