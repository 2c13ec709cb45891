package tollgate.backup.azure.container_registry_test

import data.tollgate.access.azure.fixtures_test as fx
import data.tollgate.backup.azure.container_registry as acr
import rego.v1

path := "registry/acr.tf"

# resource "azurerm_container_registry" "main" {   # line 1
#   name                    = "acmeacr"           # line 2
#   zone_redundancy_enabled = ZONES               # line 3
#   georeplications {                             # line 4
#     location                = "westeurope"      # line 5
#     zone_redundancy_enabled = REPLICA_ZONES     # line 6
#   }                                             # line 7
# }                                               # line 8
replica(fields) := fx.block(path, 4, 7, object.union({"location": "westeurope"}, fields), {"location": 5, "zone_redundancy_enabled": 6})

registry(fields) := fx.resource("azurerm_container_registry", "main", fx.block(path, 1, 8, object.union({"name": "acmeacr"}, fields), {"name": 2, "zone_redundancy_enabled": 3}))

test_tg_az_191_violation if {
	findings := acr.deny with input as registry({"zone_redundancy_enabled": false})
	some f in findings
	f.rule_id == "TG-AZ-191"
	f.location == fx.loc(path, 3)
	f.message == `container registry "main" is not zone redundant in its home region (zone_redundancy_enabled = false)`
	replicas := acr.deny with input as registry({"zone_redundancy_enabled": true, "georeplications": [replica({})]})
	some g in replicas
	g.rule_id == "TG-AZ-191"
	g.location == fx.span(path, 4, 7)
	g.message == `container registry "main" is not zone redundant in replica region westeurope (zone_redundancy_enabled unset, default false)`
	count(fx.ids(acr.deny, "TG-AZ-191")) == 1 with input as registry({})
}

test_tg_az_191_compliant if {
	doc := registry({"zone_redundancy_enabled": true, "georeplications": [replica({"zone_redundancy_enabled": true})]})
	count(fx.ids(acr.deny, "TG-AZ-191")) == 0 with input as doc
	unknown := fx.resource("azurerm_container_registry", "main", fx.unknown(registry({}).resource, "zone_redundancy_enabled", 3))
	count(fx.ids(acr.deny, "TG-AZ-191")) == 0 with input as unknown
}
