package tollgate.access.azure.compute

import data.tollgate.lib
import rego.v1

kinds := {
	"azurerm_linux_virtual_machine": "Linux virtual machine",
	"azurerm_linux_virtual_machine_scale_set": "Linux virtual machine scale set",
	"azurerm_virtual_machine": "virtual machine",
	"azurerm_orchestrated_virtual_machine_scale_set": "virtual machine scale set",
}

# METADATA
# title: Linux virtual machine allows password authentication
# description: |
#   disable_password_authentication = false on an azurerm_linux_virtual_machine or
#   azurerm_linux_virtual_machine_scale_set (in os_profile_linux_config of
#   azurerm_virtual_machine, in os_profile.linux_configuration of
#   azurerm_orchestrated_virtual_machine_scale_set): SSH accepts the admin password, which
#   can be guessed or reused, instead of requiring a key.
# related_resources:
# - https://learn.microsoft.com/azure/virtual-machines/linux/create-ssh-keys-detailed
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/linux_virtual_machine#disable_password_authentication
# custom:
#   id: TG-AZ-014
#   severity: medium
#   category: access
#   provider: azure
#   remediation: Set disable_password_authentication = true, remove admin_password and log in with an admin_ssh_key (or Entra ID login for Linux).
#   frameworks:
#     nist-800-53: ["IA-2", "IA-5"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["8.3.1"]
deny contains finding if {
	input.type in {
		"azurerm_linux_virtual_machine",
		"azurerm_linux_virtual_machine_scale_set",
		"azurerm_orchestrated_virtual_machine_scale_set",
		"azurerm_virtual_machine",
	}
	some block in password_settings
	lib.is_false(block.disable_password_authentication)
	msg := sprintf("%s %q allows SSH password authentication (disable_password_authentication = false)", [kinds[input.type], input.name])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(block, "disable_password_authentication"), msg)
}

# The objects that carry disable_password_authentication, by resource type.
password_settings contains input.resource if {
	input.type in {"azurerm_linux_virtual_machine", "azurerm_linux_virtual_machine_scale_set"}
}

password_settings contains block if {
	input.type == "azurerm_virtual_machine"
	some block in input.resource.os_profile_linux_config
}

password_settings contains block if {
	input.type == "azurerm_orchestrated_virtual_machine_scale_set"
	some profile in input.resource.os_profile
	some block in profile.linux_configuration
}
