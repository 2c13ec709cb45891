package tollgate.access.azure.private_endpoint_test

import data.tollgate.access.azure.fixtures_test as fx
import data.tollgate.access.azure.private_endpoint
import rego.v1

path := "data/main.tf"

# resource "azurerm_key_vault" "main" {   # line 1
#   name     = "acme-kv"                 # line 2
#   sku_name = "premium"                 # line 3
# }                                      # line 4
vault := fx.resource("azurerm_key_vault", "main", fx.block(path, 1, 4, {"name": "acme-kv", "sku_name": "premium"}, {"name": 2, "sku_name": 3}))

endpoint := fx.block("data/pe.tf", 1, 12, {"name": "kv-pe"}, {"name": 2})

test_tg_az_174_violation if {
	findings := private_endpoint.deny with input as vault
	some f in findings
	f.rule_id == "TG-AZ-174"
	f.location == fx.span(path, 1, 4)
	f.message == `Key Vault "main" has no private endpoint`
}

test_tg_az_174_compliant if {
	count(fx.ids(private_endpoint.deny, "TG-AZ-174")) == 0 with input as fx.related(vault, {"azurerm_private_endpoint": [endpoint]})
}

test_tg_az_174_vnet_injected_flexible_server_does_not_fire if {
	server := fx.block(path, 1, 5, {"name": "acme-pg"}, {"name": 2})
	count(fx.ids(private_endpoint.deny, "TG-AZ-174")) == 1 with input as fx.resource("azurerm_postgresql_flexible_server", "main", server)
	injected := fx.unknown(server, "delegated_subnet_id", 3)
	count(fx.ids(private_endpoint.deny, "TG-AZ-174")) == 0 with input as fx.resource("azurerm_postgresql_flexible_server", "main", injected)
}
