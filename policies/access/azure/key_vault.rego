package tollgate.access.azure.key_vault

import data.tollgate.lib
import rego.v1

# METADATA
# title: Key Vault accepts traffic from all networks
# description: |
#   The vault's firewall lets every network in: network_acls has default_action = "Allow",
#   or there is no network_acls block while public_network_access_enabled is true or not
#   set (its default is true). Secrets, keys and certificates are then reachable from the
#   whole internet, protected only by Entra ID tokens. Not reported when a value it
#   depends on is unknown.
# related_resources:
# - https://learn.microsoft.com/azure/key-vault/general/network-security
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/key_vault#network_acls
# custom:
#   id: TG-AZ-009
#   severity: medium
#   category: access
#   provider: azure
#   remediation: Add network_acls { default_action = "Deny", bypass = "AzureServices" } with the subnets and IP ranges that need the vault, or set public_network_access_enabled = false and use a private endpoint.
#   frameworks:
#     nist-800-53: ["SC-7"]
#     soc2: ["CC6.6"]
#     pci-dss-4.0: ["1.3.1"]
deny contains finding if {
	input.type == "azurerm_key_vault"
	some v in open_network
	finding := lib.finding(rego.metadata.rule(), v.location, v.message)
}

open_network contains v if {
	r := input.resource
	some acls in r.network_acls
	acls.default_action == "Allow"
	not off(r, "public_network_access_enabled")
	not lib.unknown(r, "public_network_access_enabled")
	v := {
		"location": lib.attr_loc(acls, "default_action"),
		"message": sprintf("key vault %q allows traffic from all networks (network_acls default_action = \"Allow\")", [input.name]),
	}
}

open_network contains v if {
	r := input.resource
	lib.missing(r, "network_acls")
	public_access_on(r)
	v := {
		"location": lib.attr_loc(r, "public_network_access_enabled"),
		"message": sprintf("key vault %q accepts traffic from all networks (no network_acls with default_action = \"Deny\", public network access enabled)", [input.name]),
	}
}

public_access_on(r) if lib.is_true(r.public_network_access_enabled)

public_access_on(r) if unset(r, "public_network_access_enabled")

# METADATA
# title: Key Vault does not use Azure RBAC for data access
# description: |
#   rbac_authorization_enabled (azurerm v4.x; enable_rbac_authorization before it) is false,
#   or not set (its default is false), on an azurerm_key_vault: data-plane access is
#   granted by vault access policies, which cannot be scoped below the whole vault, are
#   invisible to Azure RBAC reviews and Privileged Identity Management, and can be changed
#   by anyone with Contributor rights on the vault.
# related_resources:
# - https://learn.microsoft.com/azure/key-vault/general/rbac-guide
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/key_vault#rbac_authorization_enabled
# custom:
#   id: TG-AZ-010
#   severity: low
#   category: access
#   provider: azure
#   remediation: Set rbac_authorization_enabled = true (enable_rbac_authorization on older providers), replace access_policy blocks with azurerm_role_assignment resources scoped to the vault (Key Vault Secrets User, Key Vault Crypto User...).
#   frameworks:
#     cis-azure-2.0: ["8.6"]
#     nist-800-53: ["AC-3", "AC-6"]
#     soc2: ["CC6.3"]
#     pci-dss-4.0: ["7.2.1"]
deny contains finding if {
	input.type == "azurerm_key_vault"
	r := input.resource
	v := rbac_off(r)
	msg := sprintf("key vault %q does not use Azure RBAC authorization (%s)", [input.name, v.problem])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, v.key), msg)
}

rbac_keys := ["rbac_authorization_enabled", "enable_rbac_authorization"]

rbac_off(r) := {"key": key, "problem": sprintf("%s = false", [key])} if {
	key := [k | some k in rbac_keys; off(r, k)][0]
	not any_on(r)
} else := {"key": "rbac_authorization_enabled", "problem": "rbac_authorization_enabled not set, default false"} if {
	every key in rbac_keys {
		unset(r, key)
	}
}

any_on(r) if {
	some key in rbac_keys
	lib.is_true(r[key])
}

# off(obj, key) holds when key is set to false. (`not lib.is_false(obj.key)` would not
# hold when key is absent: a call with an undefined argument is undefined, even negated.)
off(obj, key) if lib.is_false(obj[key])

# unset(obj, key) holds when key is absent (and not unknown) or explicitly null: the
# provider default applies.
unset(obj, key) if lib.missing(obj, key)

unset(obj, key) if obj[key] == null
