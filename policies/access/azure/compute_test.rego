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

# resource "azurerm_linux_virtual_machine" "web" {   # line 30
#   name        = "web"                              # line 31
#   custom_data = DATA                               # line 32
# }                                                  # line 33
boot_vm(type, key, value) := fx.resource(type, "web", fx.block(path, 30, 33, {"name": "web", key: value}, {"name": 31, key: 32}))

cloud_init := "#cloud-config\nwrite_files:\n  - path: /etc/app.env\n    content: |\n      DB_PASSWORD=Sup3rS3cretValue\n"

test_tg_az_122_violation if {
	findings := compute.deny with input as boot_vm("azurerm_linux_virtual_machine", "custom_data", base64.encode(cloud_init))
	some f in findings
	f.rule_id == "TG-AZ-122"
	f.location == fx.loc(path, 32)
	f.message == `Linux virtual machine "web" has a literal password or secret in custom_data`
}

test_tg_az_122_plain_user_data_and_keys_fire if {
	pem := "#!/bin/sh\ncat > /root/key <<EOF\n-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----\nEOF\n"
	count(fx.ids(compute.deny, "TG-AZ-122")) == 1 with input as boot_vm("azurerm_windows_virtual_machine", "user_data", base64.encode(pem))
	conn := "DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0;EndpointSuffix=core.windows.net"
	count(fx.ids(compute.deny, "TG-AZ-122")) == 1 with input as boot_vm("azurerm_linux_virtual_machine_scale_set", "custom_data", conn)
	count(fx.ids(compute.deny, "TG-AZ-122")) == 1 with input as boot_vm("azurerm_linux_virtual_machine", "custom_data", "export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE")
}

test_tg_az_122_legacy_os_profile_fires if {
	profile := fx.block(path, 41, 44, {"custom_data": "admin_password: 'Pa55w0rd!2024'"}, {"custom_data": 43})
	body := fx.block(path, 40, 45, {"os_profile": [profile]}, {})
	findings := compute.deny with input as fx.resource("azurerm_virtual_machine", "legacy", body)
	some f in findings
	f.rule_id == "TG-AZ-122"
	f.location == fx.loc(path, 43)
	f.message == `virtual machine "legacy" has a literal password or secret in os_profile.custom_data`
}

test_tg_az_122_compliant if {
	clean := "#cloud-config\npackages:\n  - nginx\nruncmd:\n  - export DB_PASSWORD=\"$(az keyvault secret show --name db --vault-name kv --query value -o tsv)\"\n  - echo secret_name: db-password\n"
	count(fx.ids(compute.deny, "TG-AZ-122")) == 0 with input as boot_vm("azurerm_linux_virtual_machine", "custom_data", base64.encode(clean))
	count(fx.ids(compute.deny, "TG-AZ-122")) == 0 with input as boot_vm("azurerm_linux_virtual_machine", "custom_data", clean)
	doc := boot_vm("azurerm_linux_virtual_machine", "custom_data", "x")
	body := fx.unknown(doc.resource, "custom_data", 32)
	count(fx.ids(compute.deny, "TG-AZ-122")) == 0 with input as fx.resource("azurerm_linux_virtual_machine", "web", body)
}

test_tg_az_198_violation if {
	findings := compute.deny with input as boot_vm("azurerm_windows_virtual_machine", "allow_extension_operations", true)
	some f in findings
	f.rule_id == "TG-AZ-198"
	f.location == fx.loc(path, 32)
	f.message == `Windows virtual machine "web" allows extensions (allow_extension_operations = true)`
	some g in compute.deny with input as boot_vm("azurerm_linux_virtual_machine", "size", "Standard_B2s")
	g.rule_id == "TG-AZ-198"
	g.location == fx.span(path, 30, 33)
}

test_tg_az_198_compliant if {
	count(fx.ids(compute.deny, "TG-AZ-198")) == 0 with input as boot_vm("azurerm_linux_virtual_machine", "allow_extension_operations", false)
	count(fx.ids(compute.deny, "TG-AZ-198")) == 0 with input as boot_vm("azurerm_linux_virtual_machine", "extension_operations_enabled", false)
	doc := boot_vm("azurerm_linux_virtual_machine", "allow_extension_operations", true)
	unknown := fx.resource("azurerm_linux_virtual_machine", "web", fx.unknown(doc.resource, "allow_extension_operations", 32))
	count(fx.ids(compute.deny, "TG-AZ-198")) == 0 with input as unknown
}
