package tollgate.encryption.azure.compute_test

import data.tollgate.access.azure.fixtures_test as fx
import data.tollgate.encryption.azure.compute
import rego.v1

path := "vm/main.tf"

# resource "azurerm_windows_virtual_machine" "jump" {   # line 1
#   name                       = "jump"                # line 2
#   size                       = "Standard_D2s_v5"     # line 3
#   encryption_at_host_enabled = AT_HOST               # line 4
# }                                                    # line 5
vm_body(fields) := fx.block(path, 1, 5, object.union({"name": "jump", "size": "Standard_D2s_v5"}, fields), {"name": 2, "size": 3, "encryption_at_host_enabled": 4})

vm(fields) := fx.resource("azurerm_windows_virtual_machine", "jump", vm_body(fields))

test_tg_az_045_violation if {
	findings := compute.deny with input as vm({"encryption_at_host_enabled": false})
	some f in findings
	f.rule_id == "TG-AZ-045"
	f.location == fx.loc(path, 4)
	f.message == `virtual machine "jump" does not use encryption at host (encryption_at_host_enabled = false)`
}

test_tg_az_045_compliant if {
	count(fx.ids(compute.deny, "TG-AZ-045")) == 0 with input as vm({"encryption_at_host_enabled": true})
}

test_tg_az_045_default_fires if {
	findings := compute.deny with input as vm({})
	some f in findings
	f.rule_id == "TG-AZ-045"
	f.location == fx.span(path, 1, 5)
	f.message == `virtual machine "jump" does not use encryption at host (encryption_at_host_enabled not set, default false)`
}

test_tg_az_045_unknown_does_not_fire if {
	body := fx.unknown(vm_body({}), "encryption_at_host_enabled", 4)
	count(fx.ids(compute.deny, "TG-AZ-045")) == 0 with input as fx.resource("azurerm_windows_virtual_machine", "jump", body)
}
