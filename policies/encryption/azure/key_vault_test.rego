package tollgate.encryption.azure.key_vault_test

import data.tollgate.access.azure.fixtures_test as fx
import data.tollgate.encryption.azure.key_vault
import rego.v1

path := "security/keys.tf"

# resource "azurerm_key_vault_key" "storage" {           # line 1
#   name            = "storage-cmk"                     # line 2
#   key_vault_id    = azurerm_key_vault.main.id         # line 3 (unknown)
#   key_type        = "RSA"                             # line 4
#   expiration_date = "2026-12-31T00:00:00Z"            # line 5
#   rotation_policy {                                   # line 6
#     expire_after = "P1Y"                              # line 7
#     automatic {                                       # line 8
#       time_before_expiry = "P30D"                     # line 9
#     }                                                 # line 10
#   }                                                   # line 11
# }                                                     # line 12
automatic := [fx.block(path, 8, 10, {"time_before_expiry": "P30D"}, {"time_before_expiry": 9})]

rotation(fields) := [fx.block(path, 6, 11, object.union({"expire_after": "P1Y"}, fields), {"expire_after": 7})]

key_body(fields) := fx.unknown(
	fx.block(path, 1, 12, object.union({"name": "storage-cmk", "key_type": "RSA"}, fields), {"name": 2, "key_type": 4, "expiration_date": 5}),
	"key_vault_id", 3,
)

key(fields) := fx.resource("azurerm_key_vault_key", "storage", key_body(fields))

compliant := {"expiration_date": "2026-12-31T00:00:00Z", "rotation_policy": rotation({"automatic": automatic})}

test_compliant_key_has_no_findings if {
	count(key_vault.deny) == 0 with input as key(compliant)
}

test_tg_az_038_violation if {
	findings := key_vault.deny with input as key(object.remove(compliant, ["expiration_date"]))
	some f in findings
	f.rule_id == "TG-AZ-038"
	f.location == fx.span(path, 1, 12)
	f.message == `key vault key "storage" has no expiration date`
}

test_tg_az_038_compliant if {
	count(fx.ids(key_vault.deny, "TG-AZ-038")) == 0 with input as key(compliant)
}

test_tg_az_038_secret_fires if {
	secret := fx.resource("azurerm_key_vault_secret", "db_password", fx.block(path, 20, 24, {"name": "db-password"}, {"name": 21}))
	findings := key_vault.deny with input as secret
	some f in findings
	f.rule_id == "TG-AZ-038"
	f.location == fx.span(path, 20, 24)
	f.message == `key vault secret "db_password" has no expiration date`
}

test_tg_az_038_unknown_does_not_fire if {
	body := fx.unknown(key_body(compliant), "expiration_date", 5)
	count(fx.ids(key_vault.deny, "TG-AZ-038")) == 0 with input as fx.resource("azurerm_key_vault_key", "storage", body)
}

test_tg_az_039_violation if {
	findings := key_vault.deny with input as key(object.remove(compliant, ["rotation_policy"]))
	some f in findings
	f.rule_id == "TG-AZ-039"
	f.location == fx.span(path, 1, 12)
	f.message == `key vault key "storage" has no automatic rotation (no rotation_policy block)`
}

test_tg_az_039_compliant if {
	count(fx.ids(key_vault.deny, "TG-AZ-039")) == 0 with input as key(compliant)
}

test_tg_az_039_policy_without_automatic_fires if {
	findings := key_vault.deny with input as key(object.union(compliant, {"rotation_policy": rotation({})}))
	some f in findings
	f.rule_id == "TG-AZ-039"
	f.location == fx.span(path, 6, 11)
	f.message == `key vault key "storage" has no automatic rotation (rotation_policy has no automatic block)`
}

test_tg_az_039_dynamic_block_does_not_fire if {
	body := fx.unknown(key_body(object.remove(compliant, ["rotation_policy"])), "rotation_policy", 6)
	count(fx.ids(key_vault.deny, "TG-AZ-039")) == 0 with input as fx.resource("azurerm_key_vault_key", "storage", body)
}
