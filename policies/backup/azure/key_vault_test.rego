package tollgate.backup.azure.key_vault_test

import data.tollgate.access.azure.fixtures_test as fx
import data.tollgate.backup.azure.key_vault
import rego.v1

path := "security/kv.tf"

# resource "azurerm_key_vault" "main" {        # line 1
#   name                     = "acme-kv"      # line 2
#   purge_protection_enabled = PURGE          # line 3
# }                                           # line 4
vault_body(fields) := fx.block(path, 1, 4, object.union({"name": "acme-kv"}, fields), {"name": 2, "purge_protection_enabled": 3})

vault(fields) := fx.resource("azurerm_key_vault", "main", vault_body(fields))

test_tg_az_057_violation if {
	findings := key_vault.deny with input as vault({"purge_protection_enabled": false})
	some f in findings
	f.rule_id == "TG-AZ-057"
	f.location == fx.loc(path, 3)
	f.message == `key vault "main" can be purged before its retention ends (purge_protection_enabled = false)`
}

test_tg_az_057_compliant if {
	count(fx.ids(key_vault.deny, "TG-AZ-057")) == 0 with input as vault({"purge_protection_enabled": true})
}

test_tg_az_057_default_fires if {
	findings := key_vault.deny with input as vault({})
	some f in findings
	f.rule_id == "TG-AZ-057"
	f.location == fx.span(path, 1, 4)
	f.message == `key vault "main" can be purged before its retention ends (purge_protection_enabled not set, default false)`
}

test_tg_az_057_unknown_does_not_fire if {
	body := fx.unknown(vault_body({}), "purge_protection_enabled", 3)
	count(fx.ids(key_vault.deny, "TG-AZ-057")) == 0 with input as fx.resource("azurerm_key_vault", "main", body)
}
