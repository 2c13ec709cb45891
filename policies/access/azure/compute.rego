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

data_kinds := {
	"azurerm_linux_virtual_machine": "Linux virtual machine",
	"azurerm_windows_virtual_machine": "Windows virtual machine",
	"azurerm_linux_virtual_machine_scale_set": "Linux virtual machine scale set",
	"azurerm_windows_virtual_machine_scale_set": "Windows virtual machine scale set",
	"azurerm_virtual_machine": "virtual machine",
	"azurerm_orchestrated_virtual_machine_scale_set": "virtual machine scale set",
}

# METADATA
# title: Virtual machine custom data or user data contains a credential
# description: |
#   The custom_data or user_data of a virtual machine or scale set (os_profile.custom_data of
#   azurerm_virtual_machine and azurerm_orchestrated_virtual_machine_scale_set), read as
#   written and, when it is base64, decoded, holds something that looks like a credential: a
#   private key, an AWS access key id, an Azure storage or Service Bus key in a connection
#   string, a SAS signature, or a password, secret, token or API key assigned a literal
#   value. Custom and user data are readable by every process on the machine (through the
#   instance metadata service for user data), are kept in the deployment history and in
#   Terraform state, and cannot be rotated without redeploying.
# related_resources:
# - https://learn.microsoft.com/azure/virtual-machines/custom-data
# - https://learn.microsoft.com/azure/virtual-machines/user-data
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/linux_virtual_machine#custom_data
# custom:
#   id: TG-AZ-122
#   severity: high
#   category: access
#   provider: azure
#   remediation: Keep secrets in Key Vault and have the machine fetch them at boot with its managed identity (or use the Key Vault VM extension); pass only non-secret configuration in custom_data and user_data.
#   frameworks:
#     nist-800-53: ["IA-5", "SC-28"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["8.3.2"]
deny contains finding if {
	input.type in {
		"azurerm_linux_virtual_machine",
		"azurerm_linux_virtual_machine_scale_set",
		"azurerm_orchestrated_virtual_machine_scale_set",
		"azurerm_virtual_machine",
		"azurerm_windows_virtual_machine",
		"azurerm_windows_virtual_machine_scale_set",
	}
	some d in boot_data
	value := d.owner[d.key]
	is_string(value)
	some kind in credential_kinds(value)
	msg := sprintf("%s %q has %s in %s", [data_kinds[input.type], input.name, kind, d.label])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(d.owner, d.key), msg)
}

boot_data contains {"owner": input.resource, "key": key, "label": key} if {
	input.type in {
		"azurerm_linux_virtual_machine",
		"azurerm_linux_virtual_machine_scale_set",
		"azurerm_windows_virtual_machine",
		"azurerm_windows_virtual_machine_scale_set",
		"azurerm_orchestrated_virtual_machine_scale_set",
	}
	some key in ["custom_data", "user_data"]
}

boot_data contains {"owner": profile, "key": "custom_data", "label": "os_profile.custom_data"} if {
	input.type in {"azurerm_virtual_machine", "azurerm_orchestrated_virtual_machine_scale_set"}
	some profile in input.resource.os_profile
}

# credential_kinds(s) names the kinds of credential found in s or in its base64 decoding.
credential_kinds(s) := {kind |
	some text in readings(s)
	some kind, pattern in credential_patterns
	regex.match(pattern, text)
}

readings(s) := {s, decoded} if {
	compact := regex.replace(s, `\s+`, "")
	count(compact) >= 16
	base64.is_valid(compact)
	decoded := base64.decode(compact)
} else := {s}

credential_patterns := {
	"a private key": `-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY( BLOCK)?-----`,
	"an AWS access key id": `\b(AKIA|ASIA)[0-9A-Z]{16}\b`,
	"a storage account key": `(?i)AccountKey=[A-Za-z0-9+/]{40,}={0,2}`,
	"a shared access key": `(?i)SharedAccessKey=[A-Za-z0-9+/]{40,}={0,2}`,
	"a SAS token signature": `[?&]sig=[A-Za-z0-9%+/]{30,}`,
	"a literal password or secret": `(?i)\b[a-z0-9_.-]*(password|passwd|secret|api[_-]?key|access[_-]?key|auth[_-]?token)["']?\s*[:=]\s*["']?[^\s"'$<{%]{8,}`,
}

extension_keys := ["allow_extension_operations", "extension_operations_enabled"]

# METADATA
# title: Virtual machine allows extensions
# description: |
#   An azurerm_linux_virtual_machine or azurerm_windows_virtual_machine does not set
#   allow_extension_operations (extension_operations_enabled in later azurerm v4 releases)
#   to false, and its default is true: anyone with the Virtual Machine Contributor role can
#   install an extension such as Custom Script or Run Command, which runs arbitrary code as
#   root or SYSTEM on the machine.
# related_resources:
# - https://learn.microsoft.com/azure/virtual-machines/extensions/overview
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/linux_virtual_machine#allow_extension_operations
# custom:
#   id: TG-AZ-198
#   severity: low
#   category: access
#   provider: azure
#   remediation: Set allow_extension_operations = false on machines that need no extensions (it can only be turned off while none is installed).
#   frameworks:
#     nist-800-53: ["CM-7", "AC-6"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type in {"azurerm_linux_virtual_machine", "azurerm_windows_virtual_machine"}
	r := input.resource
	not extensions_off(r)
	v := extensions_on(r)
	msg := sprintf("%s %q allows extensions (%s)", [data_kinds[input.type], input.name, v.problem])
	finding := lib.finding(rego.metadata.rule(), v.location, msg)
}

extensions_off(r) if {
	some key in extension_keys
	lib.is_false(r[key])
}

extensions_on(r) := {"location": lib.attr_loc(r, key), "problem": sprintf("%s = true", [key])} if {
	key := [k | some k in extension_keys; lib.is_true(r[k])][0]
}

extensions_on(r) := {"location": lib.loc(r), "problem": "allow_extension_operations unset, default true"} if {
	every key in extension_keys {
		lib.missing(r, key)
	}
}
