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

# resource "azurerm_container_registry" "trust" {   # line 30
#   name                 = "acmeacr"               # line 31
#   trust_policy_enabled = TRUST                   # line 32
# }                                                # line 33
trust_registry(fields) := fx.resource("azurerm_container_registry", "trust", fx.block("acr/main.tf", 30, 33, object.union({"name": "acmeacr"}, fields), {"name": 31, "trust_policy_enabled": 32}))

test_tg_az_190_violation if {
	findings := acr.deny with input as trust_registry({"trust_policy_enabled": false})
	some f in findings
	f.rule_id == "TG-AZ-190"
	f.location == fx.loc("acr/main.tf", 32)
	f.message == `container registry "trust" does not require signed images (trust_policy_enabled = false)`
	some g in acr.deny with input as trust_registry({})
	g.rule_id == "TG-AZ-190"
	g.location == fx.span("acr/main.tf", 30, 33)
}

test_tg_az_190_compliant if {
	count(fx.ids(acr.deny, "TG-AZ-190")) == 0 with input as trust_registry({"trust_policy_enabled": true})
	legacy := trust_registry({"trust_policy": [fx.block("acr/main.tf", 32, 32, {"enabled": true}, {"enabled": 32})]})
	count(fx.ids(acr.deny, "TG-AZ-190")) == 0 with input as legacy
	unknown := fx.resource("azurerm_container_registry", "trust", fx.unknown(trust_registry({}).resource, "trust_policy_enabled", 32))
	count(fx.ids(acr.deny, "TG-AZ-190")) == 0 with input as unknown
}
