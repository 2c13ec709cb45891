package tollgate.access.azure.key_vault_test

import data.tollgate.access.azure.fixtures_test as fx
import data.tollgate.access.azure.key_vault
import rego.v1

path := "security/kv.tf"

# resource "azurerm_key_vault" "main" {              # line 1
#   name                          = "acme-kv"       # line 2
#   sku_name                      = "standard"      # line 3
#   public_network_access_enabled = PUBLIC          # line 4
#   rbac_authorization_enabled    = RBAC            # line 5
#   enable_rbac_authorization     = RBAC (v3)       # line 6
#   network_acls {                                  # line 7
#     bypass         = "AzureServices"              # line 8
#     default_action = ACTION                       # line 9
#   }                                               # line 10
# }                                                 # line 11
vault_body(fields) := fx.block(path, 1, 11, object.union({"name": "acme-kv", "sku_name": "standard"}, fields), {
	"name": 2, "sku_name": 3, "public_network_access_enabled": 4,
	"rbac_authorization_enabled": 5, "enable_rbac_authorization": 6,
})

vault(fields) := fx.resource("azurerm_key_vault", "main", vault_body(fields))

acls(action) := [fx.block(path, 7, 10, {"bypass": "AzureServices", "default_action": action}, {"bypass": 8, "default_action": 9})]

compliant := {"rbac_authorization_enabled": true, "network_acls": acls("Deny")}

test_compliant_vault_has_no_findings if {
	count(key_vault.deny) == 0 with input as vault(compliant)
}

test_tg_az_009_violation if {
	findings := key_vault.deny with input as vault(object.union(compliant, {"network_acls": acls("Allow")}))
	some f in findings
	f.rule_id == "TG-AZ-009"
	f.location == fx.loc(path, 9)
	f.message == `key vault "main" allows traffic from all networks (network_acls default_action = "Allow")`
}

test_tg_az_009_compliant if {
	count(fx.ids(key_vault.deny, "TG-AZ-009")) == 0 with input as vault(compliant)
	private := {"rbac_authorization_enabled": true, "public_network_access_enabled": false}
	count(fx.ids(key_vault.deny, "TG-AZ-009")) == 0 with input as vault(private)
	private_allow := object.union(private, {"network_acls": acls("Allow")})
	count(fx.ids(key_vault.deny, "TG-AZ-009")) == 0 with input as vault(private_allow)
}

test_tg_az_009_no_acls_fires if {
	findings := key_vault.deny with input as vault({"rbac_authorization_enabled": true, "public_network_access_enabled": true})
	some f in findings
	f.rule_id == "TG-AZ-009"
	f.location == fx.loc(path, 4)
	f.message == `key vault "main" accepts traffic from all networks (no network_acls with default_action = "Deny", public network access enabled)`
	count(fx.ids(key_vault.deny, "TG-AZ-009")) == 1 with input as vault({"rbac_authorization_enabled": true})
}

test_tg_az_009_unknown_does_not_fire if {
	body := fx.unknown(vault_body({"rbac_authorization_enabled": true, "network_acls": acls("Allow")}), "public_network_access_enabled", 4)
	count(fx.ids(key_vault.deny, "TG-AZ-009")) == 0 with input as fx.resource("azurerm_key_vault", "main", body)
	dynamic := fx.unknown(vault_body({"rbac_authorization_enabled": true}), "network_acls", 7)
	count(fx.ids(key_vault.deny, "TG-AZ-009")) == 0 with input as fx.resource("azurerm_key_vault", "main", dynamic)
}

test_tg_az_010_violation if {
	findings := key_vault.deny with input as vault(object.union(compliant, {"rbac_authorization_enabled": false}))
	some f in findings
	f.rule_id == "TG-AZ-010"
	f.location == fx.loc(path, 5)
	f.message == `key vault "main" does not use Azure RBAC authorization (rbac_authorization_enabled = false)`
}

test_tg_az_010_compliant if {
	count(fx.ids(key_vault.deny, "TG-AZ-010")) == 0 with input as vault(compliant)
	v3 := {"enable_rbac_authorization": "true", "network_acls": acls("Deny")}
	count(fx.ids(key_vault.deny, "TG-AZ-010")) == 0 with input as vault(v3)
}

test_tg_az_010_default_and_v3_attribute_fire if {
	findings := key_vault.deny with input as vault({"network_acls": acls("Deny")})
	some f in findings
	f.rule_id == "TG-AZ-010"
	f.location == fx.span(path, 1, 11)
	f.message == `key vault "main" does not use Azure RBAC authorization (rbac_authorization_enabled not set, default false)`
	v3 := key_vault.deny with input as vault({"enable_rbac_authorization": false, "rbac_authorization_enabled": false})
	some g in v3
	g.rule_id == "TG-AZ-010"
	g.location == fx.loc(path, 5)
}

test_tg_az_010_unknown_does_not_fire if {
	body := fx.unknown(vault_body({"network_acls": acls("Deny")}), "rbac_authorization_enabled", 5)
	count(fx.ids(key_vault.deny, "TG-AZ-010")) == 0 with input as fx.resource("azurerm_key_vault", "main", body)
}
