package tollgate.access.azure.container_registry_test

import data.tollgate.access.azure.container_registry as acr
import data.tollgate.access.azure.fixtures_test as fx
import rego.v1

path := "registry/acr.tf"

# resource "azurerm_container_registry" "main" {   # line 1
#   name                   = "acmeregistry"       # line 2
#   sku                    = "Premium"            # line 3
#   admin_enabled          = ADMIN                # line 4
#   anonymous_pull_enabled = ANONYMOUS            # line 5
# }                                               # line 6
registry(fields) := fx.resource("azurerm_container_registry", "main", fx.block(
	path, 1, 6,
	object.union({"name": "acmeregistry", "sku": "Premium"}, fields),
	{"name": 2, "sku": 3, "admin_enabled": 4, "anonymous_pull_enabled": 5},
))

test_tg_az_017_violation if {
	findings := acr.deny with input as registry({"admin_enabled": true})
	some f in findings
	f.rule_id == "TG-AZ-017"
	f.location == fx.loc(path, 4)
	f.message == `container registry "main" has the admin user enabled (admin_enabled = true)`
}

test_tg_az_017_compliant if {
	count(fx.ids(acr.deny, "TG-AZ-017")) == 0 with input as registry({"admin_enabled": false})
	count(fx.ids(acr.deny, "TG-AZ-017")) == 0 with input as registry({})
}

test_tg_az_018_violation if {
	findings := acr.deny with input as registry({"anonymous_pull_enabled": "true"})
	some f in findings
	f.rule_id == "TG-AZ-018"
	f.location == fx.loc(path, 5)
	f.message == `container registry "main" allows anonymous pull (anonymous_pull_enabled = true)`
}

test_tg_az_018_compliant if {
	count(fx.ids(acr.deny, "TG-AZ-018")) == 0 with input as registry({"anonymous_pull_enabled": false})
	count(fx.ids(acr.deny, "TG-AZ-018")) == 0 with input as registry({})
}
