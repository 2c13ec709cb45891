package tollgate.audit.azure.security_center_test

import data.tollgate.access.azure.fixtures_test as fx
import data.tollgate.audit.azure.security_center
import rego.v1

path := "security/defender.tf"

# resource "azurerm_security_center_subscription_pricing" "sql" {   # line 1
#   tier          = TIER                                           # line 2
#   resource_type = "SqlServers"                                   # line 3
# }                                                                # line 4
pricing(fields) := fx.resource("azurerm_security_center_subscription_pricing", "sql", fx.block(path, 1, 4, fields, {"tier": 2, "resource_type": 3}))

test_tg_az_077_violation if {
	findings := security_center.deny with input as pricing({"tier": "Free", "resource_type": "SqlServers"})
	some f in findings
	f.rule_id == "TG-AZ-077"
	f.location == fx.loc(path, 2)
	f.message == `Defender for Cloud pricing "sql" leaves the SqlServers plan on the free tier (no threat detection)`
}

test_tg_az_077_compliant if {
	count(fx.ids(security_center.deny, "TG-AZ-077")) == 0 with input as pricing({"tier": "Standard", "resource_type": "SqlServers"})
}

test_tg_az_077_default_resource_type if {
	findings := security_center.deny with input as pricing({"tier": "Free"})
	some f in findings
	f.message == `Defender for Cloud pricing "sql" leaves the VirtualMachines plan on the free tier (no threat detection)`
}
