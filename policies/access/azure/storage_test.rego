package tollgate.access.azure.storage_test

import data.tollgate.access.azure.fixtures_test as fx
import data.tollgate.access.azure.storage
import rego.v1

path := "storage/main.tf"

# resource "azurerm_storage_account" "data" {          # line 1
#   name                            = "acmedata"       # line 2
#   account_kind                    = KIND             # line 3
#   allow_nested_items_to_be_public = PUBLIC           # line 4
#   allow_blob_public_access        = PUBLIC (v2)      # line 5
#   public_network_access_enabled   = PUBLIC_NETWORK   # line 6
#   shared_access_key_enabled       = SHARED_KEY       # line 7
#   network_rules {                                    # line 8
#     default_action = ACTION                          # line 9
#   }                                                  # line 10
# }                                                    # line 11
account_body(fields) := fx.block(path, 1, 11, object.union({"name": "acmedata"}, fields), {
	"name": 2,
	"account_kind": 3,
	"allow_nested_items_to_be_public": 4,
	"allow_blob_public_access": 5,
	"public_network_access_enabled": 6,
	"shared_access_key_enabled": 7,
})

account(fields) := fx.resource("azurerm_storage_account", "data", account_body(fields))

network_rules(action) := [fx.block(path, 8, 10, {"default_action": action}, {"default_action": 9})]

# A compliant account: every rule of this package passes.
compliant := {
	"allow_nested_items_to_be_public": false,
	"public_network_access_enabled": false,
	"shared_access_key_enabled": false,
}

test_compliant_account_has_no_findings if {
	count(storage.deny) == 0 with input as account(compliant)
}

# TG-AZ-001

test_tg_az_001_violation if {
	findings := storage.deny with input as account(object.union(compliant, {"allow_nested_items_to_be_public": true}))
	some f in findings
	f.rule_id == "TG-AZ-001"
	f.location == fx.loc(path, 4)
	f.message == `storage account "data" allows public access to blobs (allow_nested_items_to_be_public = true)`
}

test_tg_az_001_compliant if {
	findings := storage.deny with input as account(compliant)
	count(fx.ids(findings, "TG-AZ-001")) == 0
}

test_tg_az_001_default_fires if {
	doc := account(object.remove(compliant, ["allow_nested_items_to_be_public"]))
	findings := storage.deny with input as doc
	some f in findings
	f.rule_id == "TG-AZ-001"
	f.location == fx.span(path, 1, 11)
	f.message == `storage account "data" does not set allow_nested_items_to_be_public (default true): its containers can be made public`
}

test_tg_az_001_null_is_default if {
	doc := account(object.union(compliant, {"allow_nested_items_to_be_public": null}))
	count(fx.ids(storage.deny, "TG-AZ-001")) == 1 with input as doc
}

test_tg_az_001_v2_attribute if {
	fields := object.union(object.remove(compliant, ["allow_nested_items_to_be_public"]), {"allow_blob_public_access": "true"})
	findings := storage.deny with input as account(fields)
	some f in findings
	f.rule_id == "TG-AZ-001"
	f.location == fx.loc(path, 5)
	off := object.union(fields, {"allow_blob_public_access": false})
	count(fx.ids(storage.deny, "TG-AZ-001")) == 0 with input as account(off)
}

test_tg_az_001_file_storage_does_not_fire if {
	fields := object.union(object.remove(compliant, ["allow_nested_items_to_be_public"]), {"account_kind": "FileStorage"})
	count(fx.ids(storage.deny, "TG-AZ-001")) == 0 with input as account(fields)
}

test_tg_az_001_unknown_does_not_fire if {
	body := fx.unknown(account_body(compliant), "allow_nested_items_to_be_public", 4)
	doc := fx.resource("azurerm_storage_account", "data", body)
	count(fx.ids(storage.deny, "TG-AZ-001")) == 0 with input as doc
	kind := fx.unknown(account_body(object.remove(compliant, ["allow_nested_items_to_be_public"])), "account_kind", 3)
	count(fx.ids(storage.deny, "TG-AZ-001")) == 0 with input as fx.resource("azurerm_storage_account", "data", kind)
}

# TG-AZ-002

# resource "azurerm_storage_container" "assets" {   # line 20
#   name                  = "assets"               # line 21
#   storage_account_id    = azurerm_storage_account.data.id   # line 22 (unknown)
#   container_access_type = TYPE                   # line 23
# }                                                # line 24
container(access_type) := fx.resource("azurerm_storage_container", "assets", fx.unknown(
	fx.block(path, 20, 24, {"name": "assets", "container_access_type": access_type}, {"name": 21, "container_access_type": 23}),
	"storage_account_id", 22,
))

test_tg_az_002_violation if {
	findings := storage.deny with input as container("container")
	some f in findings
	f.rule_id == "TG-AZ-002"
	f.location == fx.loc(path, 23)
	f.message == `storage container "assets" allows anonymous public read access (container_access_type = "container")`
	count(fx.ids(storage.deny, "TG-AZ-002")) == 1 with input as container("blob")
}

test_tg_az_002_compliant if {
	count(fx.ids(storage.deny, "TG-AZ-002")) == 0 with input as container("private")
	doc := json.remove(container("x"), ["resource/container_access_type"])
	count(fx.ids(storage.deny, "TG-AZ-002")) == 0 with input as doc
}

# TG-AZ-003

test_tg_az_003_violation if {
	fields := object.union(compliant, {"public_network_access_enabled": true})
	findings := storage.deny with input as account(fields)
	some f in findings
	f.rule_id == "TG-AZ-003"
	f.location == fx.loc(path, 6)
	f.message == `storage account "data" accepts traffic from all networks (no network_rules with default_action = "Deny", public network access enabled)`
}

test_tg_az_003_compliant if {
	count(fx.ids(storage.deny, "TG-AZ-003")) == 0 with input as account(compliant)
	deny_rules := object.union(compliant, {"public_network_access_enabled": true, "network_rules": network_rules("Deny")})
	count(fx.ids(storage.deny, "TG-AZ-003")) == 0 with input as account(deny_rules)
}

test_tg_az_003_default_public_access_fires if {
	findings := storage.deny with input as account(object.remove(compliant, ["public_network_access_enabled"]))
	some f in findings
	f.rule_id == "TG-AZ-003"
	f.location == fx.span(path, 1, 11)
}

test_tg_az_003_inline_allow_fires if {
	fields := object.union(object.remove(compliant, ["public_network_access_enabled"]), {"network_rules": network_rules("Allow")})
	findings := storage.deny with input as account(fields)
	some f in findings
	f.rule_id == "TG-AZ-003"
	f.location == fx.loc(path, 9)
	f.message == `storage account "data" allows traffic from all networks (network_rules default_action = "Allow")`
}

test_tg_az_003_inline_allow_with_public_access_off_does_not_fire if {
	fields := object.union(compliant, {"network_rules": network_rules("Allow")})
	count(fx.ids(storage.deny, "TG-AZ-003")) == 0 with input as account(fields)
}

test_tg_az_003_related_network_rules_satisfy if {
	rules := fx.block("storage/network.tf", 1, 5, {"default_action": "Deny"}, {"default_action": 3})
	doc := fx.related(account(object.remove(compliant, ["public_network_access_enabled"])), {"azurerm_storage_account_network_rules": [rules]})
	count(fx.ids(storage.deny, "TG-AZ-003")) == 0 with input as doc
}

test_tg_az_003_network_rules_resource_allow_fires if {
	doc := fx.resource("azurerm_storage_account_network_rules", "data", fx.unknown(
		fx.block("storage/network.tf", 1, 5, {"default_action": "Allow"}, {"default_action": 3}),
		"storage_account_id", 2,
	))
	findings := storage.deny with input as doc
	some f in findings
	f.rule_id == "TG-AZ-003"
	f.location == fx.loc("storage/network.tf", 3)
	f.message == `storage account network rules "data" allow traffic from all networks (default_action = "Allow")`
}

test_tg_az_003_unknown_does_not_fire if {
	body := fx.unknown(account_body(object.remove(compliant, ["public_network_access_enabled"])), "public_network_access_enabled", 6)
	count(fx.ids(storage.deny, "TG-AZ-003")) == 0 with input as fx.resource("azurerm_storage_account", "data", body)
	with_rules := object.union(body, {"network_rules": network_rules("Allow")})
	count(fx.ids(storage.deny, "TG-AZ-003")) == 0 with input as fx.resource("azurerm_storage_account", "data", with_rules)
	dynamic := fx.unknown(account_body(object.union(compliant, {"public_network_access_enabled": true})), "network_rules", 8)
	count(fx.ids(storage.deny, "TG-AZ-003")) == 0 with input as fx.resource("azurerm_storage_account", "data", dynamic)
}

# TG-AZ-004

test_tg_az_004_violation if {
	findings := storage.deny with input as account(object.union(compliant, {"shared_access_key_enabled": true}))
	some f in findings
	f.rule_id == "TG-AZ-004"
	f.location == fx.loc(path, 7)
	f.message == `storage account "data" allows Shared Key authorization (shared_access_key_enabled = true)`
}

test_tg_az_004_compliant if {
	count(fx.ids(storage.deny, "TG-AZ-004")) == 0 with input as account(compliant)
	count(fx.ids(storage.deny, "TG-AZ-004")) == 0 with input as account(object.union(compliant, {"shared_access_key_enabled": "false"}))
}

test_tg_az_004_default_fires if {
	findings := storage.deny with input as account(object.remove(compliant, ["shared_access_key_enabled"]))
	some f in findings
	f.rule_id == "TG-AZ-004"
	f.location == fx.span(path, 1, 11)
	f.message == `storage account "data" allows Shared Key authorization (shared_access_key_enabled not set, default true)`
}

test_tg_az_004_unknown_does_not_fire if {
	body := fx.unknown(account_body(compliant), "shared_access_key_enabled", 7)
	count(fx.ids(storage.deny, "TG-AZ-004")) == 0 with input as fx.resource("azurerm_storage_account", "data", body)
}

# resource "azurerm_storage_account" "lake" {   # line 40
#   name               = "acmelake"            # line 41
#   is_hns_enabled     = true                  # line 42
#   local_user_enabled = LOCAL                 # line 43
# }                                            # line 44
lake(fields) := fx.resource("azurerm_storage_account", "lake", fx.block(path, 40, 44, object.union({"name": "acmelake", "is_hns_enabled": true}, fields), {"name": 41, "is_hns_enabled": 42, "local_user_enabled": 43}))

test_tg_az_197_violation if {
	findings := storage.deny with input as lake({"local_user_enabled": true})
	some f in findings
	f.rule_id == "TG-AZ-197"
	f.location == fx.loc(path, 43)
	f.message == `storage account "lake" allows local users (local_user_enabled = true)`
	some g in storage.deny with input as lake({})
	g.rule_id == "TG-AZ-197"
	g.location == fx.span(path, 40, 44)
}

test_tg_az_197_hns_and_sftp_report_once if {
	count(fx.ids(storage.deny, "TG-AZ-197")) == 1 with input as lake({"sftp_enabled": true})
}

test_tg_az_197_compliant if {
	count(fx.ids(storage.deny, "TG-AZ-197")) == 0 with input as lake({"local_user_enabled": false})
	plain := fx.resource("azurerm_storage_account", "plain", fx.block(path, 40, 44, {"name": "acmeplain"}, {"name": 41}))
	count(fx.ids(storage.deny, "TG-AZ-197")) == 0 with input as plain
}
