package tollgate.encryption.azure.storage_test

import data.tollgate.access.azure.fixtures_test as fx
import data.tollgate.encryption.azure.storage
import rego.v1

path := "storage/main.tf"

# resource "azurerm_storage_account" "data" {             # line 1
#   name                              = "acmedata"       # line 2
#   account_kind                      = KIND             # line 3
#   https_traffic_only_enabled        = HTTPS            # line 4
#   enable_https_traffic_only         = HTTPS (v3)       # line 5
#   min_tls_version                   = TLS              # line 6
#   infrastructure_encryption_enabled = DOUBLE           # line 7
#   customer_managed_key {                               # line 8
#     key_vault_key_id          = azurerm_key_vault_key.storage.versionless_id   # line 9 (unknown)
#     user_assigned_identity_id = azurerm_user_assigned_identity.storage.id      # line 10 (unknown)
#   }                                                    # line 11
# }                                                      # line 12
account_body(fields) := fx.block(path, 1, 12, object.union({"name": "acmedata"}, fields), {
	"name": 2, "account_kind": 3, "https_traffic_only_enabled": 4, "enable_https_traffic_only": 5,
	"min_tls_version": 6, "infrastructure_encryption_enabled": 7,
})

account(fields) := fx.resource("azurerm_storage_account", "data", account_body(fields))

cmk := [fx.unknown(fx.unknown(fx.block(path, 8, 11, {}, {}), "key_vault_key_id", 9), "user_assigned_identity_id", 10)]

compliant := {
	"https_traffic_only_enabled": true,
	"min_tls_version": "TLS1_2",
	"infrastructure_encryption_enabled": true,
	"customer_managed_key": cmk,
}

test_compliant_account_has_no_findings if {
	count(storage.deny) == 0 with input as account(compliant)
}

test_tg_az_030_violation if {
	findings := storage.deny with input as account(object.union(compliant, {"https_traffic_only_enabled": false}))
	some f in findings
	f.rule_id == "TG-AZ-030"
	f.location == fx.loc(path, 4)
	f.message == `storage account "data" accepts unencrypted HTTP requests (https_traffic_only_enabled = false)`
}

test_tg_az_030_compliant if {
	count(fx.ids(storage.deny, "TG-AZ-030")) == 0 with input as account(compliant)
	count(fx.ids(storage.deny, "TG-AZ-030")) == 0 with input as account(object.remove(compliant, ["https_traffic_only_enabled"]))
}

test_tg_az_030_v3_attribute_fires if {
	fields := object.union(object.remove(compliant, ["https_traffic_only_enabled"]), {"enable_https_traffic_only": "false"})
	findings := storage.deny with input as account(fields)
	some f in findings
	f.rule_id == "TG-AZ-030"
	f.location == fx.loc(path, 5)
	f.message == `storage account "data" accepts unencrypted HTTP requests (enable_https_traffic_only = false)`
}

test_tg_az_031_violation if {
	findings := storage.deny with input as account(object.union(compliant, {"min_tls_version": "TLS1_0"}))
	some f in findings
	f.rule_id == "TG-AZ-031"
	f.location == fx.loc(path, 6)
	f.message == `storage account "data" allows TLS older than 1.2 (min_tls_version = "TLS1_0")`
}

test_tg_az_031_compliant if {
	count(fx.ids(storage.deny, "TG-AZ-031")) == 0 with input as account(compliant)
	count(fx.ids(storage.deny, "TG-AZ-031")) == 0 with input as account(object.remove(compliant, ["min_tls_version"]))
}

test_tg_az_031_parameter if {
	doc := account(compliant)
	findings := storage.deny with input as doc with data.config.params as {"min_tls_version": "1.3"}
	some f in findings
	f.rule_id == "TG-AZ-031"
	f.message == `storage account "data" allows TLS older than 1.3 (min_tls_version = "TLS1_2")`
	old := account(object.union(compliant, {"min_tls_version": "TLS1_1"}))
	count(fx.ids(storage.deny, "TG-AZ-031")) == 0 with input as old with data.config.params as {"min_tls_version": 1.1}
}

test_tg_az_032_violation if {
	findings := storage.deny with input as account(object.union(compliant, {"infrastructure_encryption_enabled": false}))
	some f in findings
	f.rule_id == "TG-AZ-032"
	f.location == fx.loc(path, 7)
	f.message == `storage account "data" has no infrastructure (double) encryption (infrastructure_encryption_enabled = false)`
}

test_tg_az_032_compliant if {
	count(fx.ids(storage.deny, "TG-AZ-032")) == 0 with input as account(compliant)
}

test_tg_az_032_default_fires_on_modern_kinds_only if {
	fields := object.remove(compliant, ["infrastructure_encryption_enabled"])
	findings := storage.deny with input as account(fields)
	some f in findings
	f.rule_id == "TG-AZ-032"
	f.location == fx.span(path, 1, 12)
	f.message == `storage account "data" has no infrastructure (double) encryption (infrastructure_encryption_enabled not set, default false)`
	v1 := account(object.union(fields, {"account_kind": "Storage"}))
	count(fx.ids(storage.deny, "TG-AZ-032")) == 0 with input as v1
}

test_tg_az_032_unknown_does_not_fire if {
	body := fx.unknown(account_body(compliant), "infrastructure_encryption_enabled", 7)
	count(fx.ids(storage.deny, "TG-AZ-032")) == 0 with input as fx.resource("azurerm_storage_account", "data", body)
	kind := fx.unknown(account_body(object.remove(compliant, ["infrastructure_encryption_enabled"])), "account_kind", 3)
	count(fx.ids(storage.deny, "TG-AZ-032")) == 0 with input as fx.resource("azurerm_storage_account", "data", kind)
}

test_tg_az_033_violation if {
	findings := storage.deny with input as account(object.remove(compliant, ["customer_managed_key"]))
	some f in findings
	f.rule_id == "TG-AZ-033"
	f.location == fx.span(path, 1, 12)
	f.message == `storage account "data" is not encrypted with a customer-managed key`
}

test_tg_az_033_compliant if {
	count(fx.ids(storage.deny, "TG-AZ-033")) == 0 with input as account(compliant)
}

test_tg_az_033_related_key_resource_satisfies if {
	key := fx.unknown(fx.block("storage/cmk.tf", 1, 5, {}, {}), "storage_account_id", 2)
	doc := fx.related(account(object.remove(compliant, ["customer_managed_key"])), {"azurerm_storage_account_customer_managed_key": [key]})
	count(fx.ids(storage.deny, "TG-AZ-033")) == 0 with input as doc
}

test_tg_az_033_dynamic_block_does_not_fire if {
	body := fx.unknown(account_body(object.remove(compliant, ["customer_managed_key"])), "customer_managed_key", 8)
	count(fx.ids(storage.deny, "TG-AZ-033")) == 0 with input as fx.resource("azurerm_storage_account", "data", body)
}
