package tollgate.backup.azure.storage_test

import data.tollgate.access.azure.fixtures_test as fx
import data.tollgate.backup.azure.storage
import rego.v1

path := "storage/main.tf"

# resource "azurerm_storage_account" "data" {      # line 1
#   name           = "acmedata"                   # line 2
#   account_kind   = KIND                         # line 3
#   is_hns_enabled = HNS                          # line 4
#   blob_properties {                             # line 5
#     versioning_enabled = VERSIONING             # line 6
#     delete_retention_policy {                   # line 7
#       days = BLOB_DAYS                          # line 8
#     }                                           # line 9
#     container_delete_retention_policy {         # line 10
#       days = CONTAINER_DAYS                     # line 11
#     }                                           # line 12
#   }                                             # line 13
# }                                               # line 14
account_body(fields) := fx.block(path, 1, 14, object.union({"name": "acmedata"}, fields), {"name": 2, "account_kind": 3, "is_hns_enabled": 4})

account(fields) := fx.resource("azurerm_storage_account", "data", account_body(fields))

blob_policy(days) := [fx.block(path, 7, 9, {"days": days}, {"days": 8})]

container_policy(days) := [fx.block(path, 10, 12, {"days": days}, {"days": 11})]

props(fields) := [fx.block(path, 5, 13, fields, {"versioning_enabled": 6})]

compliant_props := {
	"versioning_enabled": true,
	"delete_retention_policy": blob_policy(14),
	"container_delete_retention_policy": container_policy(7),
}

with_props(fields) := account({"blob_properties": props(fields)})

test_compliant_account_has_no_findings if {
	count(storage.deny) == 0 with input as with_props(compliant_props)
}

test_tg_az_050_violation if {
	findings := storage.deny with input as with_props(object.union(compliant_props, {"delete_retention_policy": blob_policy(3)}))
	some f in findings
	f.rule_id == "TG-AZ-050"
	f.location == fx.loc(path, 8)
	f.message == `storage account "data" keeps deleted blobs for 3 days, fewer than 7`
}

test_tg_az_050_compliant if {
	count(fx.ids(storage.deny, "TG-AZ-050")) == 0 with input as with_props(compliant_props)
	no_days := object.union(compliant_props, {"delete_retention_policy": [fx.block(path, 7, 9, {}, {})]})
	count(fx.ids(storage.deny, "TG-AZ-050")) == 0 with input as with_props(no_days)
}

test_tg_az_050_missing_policy_fires if {
	findings := storage.deny with input as with_props(object.remove(compliant_props, ["delete_retention_policy"]))
	some f in findings
	f.rule_id == "TG-AZ-050"
	f.location == fx.span(path, 5, 13)
	f.message == `storage account "data" has blob soft delete disabled (no blob_properties.delete_retention_policy)`
	no_props := storage.deny with input as account({})
	some g in no_props
	g.rule_id == "TG-AZ-050"
	g.location == fx.span(path, 1, 14)
}

test_tg_az_050_parameter if {
	doc := with_props(compliant_props)
	findings := storage.deny with input as doc with data.config.params as {"min_backup_retention_days": 30}
	some f in findings
	f.rule_id == "TG-AZ-050"
	f.message == `storage account "data" keeps deleted blobs for 14 days, fewer than 30`
}

test_tg_az_050_file_storage_and_unknown_do_not_fire if {
	count(fx.ids(storage.deny, "TG-AZ-050")) == 0 with input as account({"account_kind": "FileStorage"})
	dynamic := fx.unknown(account_body({}), "blob_properties", 5)
	count(fx.ids(storage.deny, "TG-AZ-050")) == 0 with input as fx.resource("azurerm_storage_account", "data", dynamic)
	days := [fx.unknown(blob_policy(1)[0], "days", 8)]
	count(fx.ids(storage.deny, "TG-AZ-050")) == 0 with input as with_props(object.union(compliant_props, {"delete_retention_policy": days}))
}

test_tg_az_051_violation if {
	findings := storage.deny with input as with_props(object.union(compliant_props, {"container_delete_retention_policy": container_policy(1)}))
	some f in findings
	f.rule_id == "TG-AZ-051"
	f.location == fx.loc(path, 11)
	f.message == `storage account "data" keeps deleted containers for 1 days, fewer than 7`
}

test_tg_az_051_compliant if {
	count(fx.ids(storage.deny, "TG-AZ-051")) == 0 with input as with_props(compliant_props)
}

test_tg_az_051_missing_policy_fires if {
	findings := storage.deny with input as with_props(object.remove(compliant_props, ["container_delete_retention_policy"]))
	some f in findings
	f.rule_id == "TG-AZ-051"
	f.location == fx.span(path, 5, 13)
	f.message == `storage account "data" has container soft delete disabled (no blob_properties.container_delete_retention_policy)`
}

test_tg_az_052_violation if {
	findings := storage.deny with input as with_props(object.union(compliant_props, {"versioning_enabled": false}))
	some f in findings
	f.rule_id == "TG-AZ-052"
	f.location == fx.loc(path, 6)
	f.message == `storage account "data" has blob versioning disabled (versioning_enabled = false)`
}

test_tg_az_052_compliant if {
	count(fx.ids(storage.deny, "TG-AZ-052")) == 0 with input as with_props(compliant_props)
	hns := object.union(account({"is_hns_enabled": true}), {})
	count(fx.ids(storage.deny, "TG-AZ-052")) == 0 with input as hns
	v1 := account({"account_kind": "Storage"})
	count(fx.ids(storage.deny, "TG-AZ-052")) == 0 with input as v1
}

test_tg_az_052_defaults_fire if {
	findings := storage.deny with input as with_props(object.remove(compliant_props, ["versioning_enabled"]))
	some f in findings
	f.rule_id == "TG-AZ-052"
	f.location == fx.span(path, 5, 13)
	f.message == `storage account "data" has blob versioning disabled (versioning_enabled not set, default false)`
	bare := storage.deny with input as account({})
	some g in bare
	g.rule_id == "TG-AZ-052"
	g.message == `storage account "data" has blob versioning disabled (no blob_properties block)`
}

test_tg_az_052_unknown_does_not_fire if {
	body := fx.unknown(account_body({}), "is_hns_enabled", 4)
	count(fx.ids(storage.deny, "TG-AZ-052")) == 0 with input as fx.resource("azurerm_storage_account", "data", body)
	flag := [fx.unknown(props(compliant_props)[0], "versioning_enabled", 6)]
	count(fx.ids(storage.deny, "TG-AZ-052")) == 0 with input as account({"blob_properties": flag})
}
