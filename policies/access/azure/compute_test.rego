package tollgate.access.azure.compute_test

import data.tollgate.access.azure.compute
import data.tollgate.access.azure.fixtures_test as fx
import rego.v1

path := "vm/main.tf"

# resource "azurerm_linux_virtual_machine" "app" {   # line 1
#   name                            = "app"         # line 2
#   admin_username                  = "azureuser"   # line 3
#   disable_password_authentication = DISABLE       # line 4
# }                                                 # line 5
linux_vm(fields) := fx.resource("azurerm_linux_virtual_machine", "app", fx.block(
	path, 1, 5,
	object.union({"name": "app", "admin_username": "azureuser"}, fields),
	{"name": 2, "admin_username": 3, "disable_password_authentication": 4},
))

test_tg_az_014_violation if {
	findings := compute.deny with input as linux_vm({"disable_password_authentication": false})
	some f in findings
	f.rule_id == "TG-AZ-014"
	f.location == fx.loc(path, 4)
	f.message == `Linux virtual machine "app" allows SSH password authentication (disable_password_authentication = false)`
}

test_tg_az_014_compliant if {
	count(fx.ids(compute.deny, "TG-AZ-014")) == 0 with input as linux_vm({"disable_password_authentication": true})
	count(fx.ids(compute.deny, "TG-AZ-014")) == 0 with input as linux_vm({})
}

# resource "azurerm_virtual_machine" "legacy" {      # line 10
#   name = "legacy"                                 # line 11
#   os_profile_linux_config {                       # line 12
#     disable_password_authentication = DISABLE     # line 13
#   }                                               # line 14
# }                                                 # line 15
legacy_vm(disable) := fx.resource("azurerm_virtual_machine", "legacy", fx.block(
	path, 10, 15, {
		"name": "legacy",
		"os_profile_linux_config": [fx.block(path, 12, 14, {"disable_password_authentication": disable}, {"disable_password_authentication": 13})],
	},
	{"name": 11},
))

test_tg_az_014_legacy_vm_fires if {
	findings := compute.deny with input as legacy_vm("false")
	some f in findings
	f.rule_id == "TG-AZ-014"
	f.location == fx.loc(path, 13)
	f.message == `virtual machine "legacy" allows SSH password authentication (disable_password_authentication = false)`
	count(fx.ids(compute.deny, "TG-AZ-014")) == 0 with input as legacy_vm(true)
}

# resource "azurerm_orchestrated_virtual_machine_scale_set" "pool" {   # line 20
#   os_profile {                                      # line 21
#     linux_configuration {                           # line 22
#       disable_password_authentication = false       # line 23
#     }                                               # line 24
#   }                                                 # line 25
# }                                                   # line 26
test_tg_az_014_orchestrated_scale_set_fires if {
	linux := fx.block(path, 22, 24, {"disable_password_authentication": false}, {"disable_password_authentication": 23})
	body := fx.block(path, 20, 26, {"os_profile": [fx.block(path, 21, 25, {"linux_configuration": [linux]}, {})]}, {})
	findings := compute.deny with input as fx.resource("azurerm_orchestrated_virtual_machine_scale_set", "pool", body)
	some f in findings
	f.rule_id == "TG-AZ-014"
	f.location == fx.loc(path, 23)
}
