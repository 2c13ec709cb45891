package tollgate.access.azure.storage

import data.tollgate.lib
import rego.v1

# METADATA
# title: Storage account allows public access to blobs
# description: |
#   allow_nested_items_to_be_public (azurerm v3 and v4; allow_blob_public_access in v2) is
#   true, or not set (its default is true), on an azurerm_storage_account: any container of
#   the account can then be switched to anonymous public read access, by Terraform or by
#   anyone with write access to the container's settings, and its blobs are readable by
#   anyone on the internet. Not reported on FileStorage accounts, which hold no blobs, nor
#   when the value is unknown.
# related_resources:
# - https://learn.microsoft.com/azure/storage/blobs/anonymous-read-access-prevent
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/storage_account#allow_nested_items_to_be_public
# custom:
#   id: TG-AZ-001
#   severity: high
#   category: access
#   provider: azure
#   remediation: Set allow_nested_items_to_be_public = false on the storage account (allow_blob_public_access = false on azurerm v2), and serve public content through a CDN or SAS tokens instead.
#   frameworks:
#     cis-azure-2.0: ["3.7"]
#     nist-800-53: ["AC-3", "AC-6"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["7.2.1"]
deny contains finding if {
	input.type == "azurerm_storage_account"
	r := input.resource
	not r.account_kind == "FileStorage"
	not lib.unknown(r, "account_kind")
	some v in public_nested_items
	finding := lib.finding(rego.metadata.rule(), v.location, v.message)
}

public_nested_items contains v if {
	some key in ["allow_nested_items_to_be_public", "allow_blob_public_access"]
	lib.is_true(input.resource[key])
	v := {
		"location": lib.attr_loc(input.resource, key),
		"message": sprintf("storage account %q allows public access to blobs (%s = true)", [input.name, key]),
	}
}

public_nested_items contains v if {
	r := input.resource
	unset(r, "allow_nested_items_to_be_public")
	unset(r, "allow_blob_public_access")
	v := {
		"location": lib.loc(r),
		"message": sprintf("storage account %q does not set allow_nested_items_to_be_public (default true): its containers can be made public", [input.name]),
	}
}

# METADATA
# title: Storage container allows anonymous public read access
# description: |
#   container_access_type is "blob" or "container" on an azurerm_storage_container: anyone
#   on the internet can read its blobs ("blob"), and also list them ("container"), with no
#   credentials at all.
# related_resources:
# - https://learn.microsoft.com/azure/storage/blobs/anonymous-read-access-configure
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/storage_container#container_access_type
# custom:
#   id: TG-AZ-002
#   severity: high
#   category: access
#   provider: azure
#   remediation: Set container_access_type = "private" and grant readers access with Azure RBAC or short-lived SAS tokens.
#   frameworks:
#     cis-azure-2.0: ["3.7"]
#     nist-800-53: ["AC-3", "AC-6"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["7.2.1"]
deny contains finding if {
	input.type == "azurerm_storage_container"
	r := input.resource
	r.container_access_type in {"blob", "container"}
	msg := sprintf("storage container %q allows anonymous public read access (container_access_type = %q)", [input.name, r.container_access_type])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "container_access_type"), msg)
}

# METADATA
# title: Storage account accepts traffic from all networks
# description: |
#   The storage account's firewall lets every network in: the network_rules block (or the
#   separate azurerm_storage_account_network_rules resource) has default_action = "Allow",
#   or there is no network rule at all while public_network_access_enabled is true or not
#   set (its default is true). Its endpoints are then reachable from the whole internet,
#   protected only by keys and tokens. A separate azurerm_storage_account_network_rules
#   resource that refers to the account counts as its network rules (and is checked on its
#   own). Not reported when a value it depends on is unknown.
# related_resources:
# - https://learn.microsoft.com/azure/storage/common/storage-network-security
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/storage_account#network_rules
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/storage_account_network_rules
# custom:
#   id: TG-AZ-003
#   severity: medium
#   category: access
#   provider: azure
#   remediation: Add network_rules { default_action = "Deny" } with the virtual network subnets and IP ranges that need access (or an azurerm_storage_account_network_rules resource), or set public_network_access_enabled = false and use private endpoints.
#   frameworks:
#     cis-azure-2.0: ["3.8"]
#     nist-800-53: ["SC-7"]
#     soc2: ["CC6.6"]
#     pci-dss-4.0: ["1.3.1"]
deny contains finding if {
	input.type in {"azurerm_storage_account", "azurerm_storage_account_network_rules"}
	some v in open_network
	finding := lib.finding(rego.metadata.rule(), v.location, v.message)
}

# An inline network_rules block that allows by default.
open_network contains v if {
	input.type == "azurerm_storage_account"
	some rules in input.resource.network_rules
	rules.default_action == "Allow"
	not off(input.resource, "public_network_access_enabled")
	not lib.unknown(input.resource, "public_network_access_enabled")
	v := {
		"location": lib.attr_loc(rules, "default_action"),
		"message": sprintf("storage account %q allows traffic from all networks (network_rules default_action = \"Allow\")", [input.name]),
	}
}

# No network rule anywhere, and public network access left on.
open_network contains v if {
	input.type == "azurerm_storage_account"
	r := input.resource
	lib.missing(r, "network_rules")
	not input.related_unknown
	count(object.get(input, ["related", "azurerm_storage_account_network_rules"], [])) == 0
	public_access_on(r)
	v := {
		"location": lib.attr_loc(r, "public_network_access_enabled"),
		"message": sprintf("storage account %q accepts traffic from all networks (no network_rules with default_action = \"Deny\", public network access enabled)", [input.name]),
	}
}

# The separate network rules resource (azurerm v2.x and later).
open_network contains v if {
	input.type == "azurerm_storage_account_network_rules"
	r := input.resource
	r.default_action == "Allow"
	v := {
		"location": lib.attr_loc(r, "default_action"),
		"message": sprintf("storage account network rules %q allow traffic from all networks (default_action = \"Allow\")", [input.name]),
	}
}

public_access_on(r) if lib.is_true(r.public_network_access_enabled)

public_access_on(r) if unset(r, "public_network_access_enabled")

# METADATA
# title: Storage account allows Shared Key authorization
# description: |
#   shared_access_key_enabled is true, or not set (its default is true), on an
#   azurerm_storage_account: the two account keys, and every SAS token signed with them,
#   grant full access to all data of the account, cannot be scoped to a person, and are not
#   subject to Conditional Access or MFA. With Shared Key disabled every request must be
#   authorized by Microsoft Entra ID and Azure RBAC.
# related_resources:
# - https://learn.microsoft.com/azure/storage/common/shared-key-authorization-prevent
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/storage_account#shared_access_key_enabled
# custom:
#   id: TG-AZ-004
#   severity: medium
#   category: access
#   provider: azure
#   remediation: Set shared_access_key_enabled = false, grant data access through Azure RBAC roles (Storage Blob Data Reader...), and set storage_use_azuread = true in the azurerm provider block so Terraform itself uses Entra ID.
#   frameworks:
#     nist-800-53: ["IA-2", "AC-6"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["8.3.1"]
deny contains finding if {
	input.type == "azurerm_storage_account"
	r := input.resource
	problem := shared_key_on(r)
	msg := sprintf("storage account %q allows Shared Key authorization (%s)", [input.name, problem])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "shared_access_key_enabled"), msg)
}

shared_key_on(r) := "shared_access_key_enabled = true" if {
	lib.is_true(r.shared_access_key_enabled)
} else := "shared_access_key_enabled not set, default true" if {
	unset(r, "shared_access_key_enabled")
}

# off(obj, key) holds when key is set to false. (`not lib.is_false(obj.key)` would not
# hold when key is absent: a call with an undefined argument is undefined, even negated.)
off(obj, key) if lib.is_false(obj[key])

# unset(obj, key) holds when key is absent (and not unknown) or explicitly null: the
# provider default applies.
unset(obj, key) if lib.missing(obj, key)

unset(obj, key) if obj[key] == null

# METADATA
# title: Storage account allows local users
# description: |
#   local_user_enabled = true on an azurerm_storage_account, or left unset (the provider's
#   default is true) on an account with the hierarchical namespace (is_hns_enabled) or SFTP
#   (sftp_enabled) on: SFTP and NFS clients can sign in as storage-local users with their own
#   passwords or SSH keys, outside Microsoft Entra ID and its policies.
# related_resources:
# - https://learn.microsoft.com/azure/storage/blobs/secure-file-transfer-protocol-support-authorize-access
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/storage_account#local_user_enabled
# custom:
#   id: TG-AZ-197
#   severity: low
#   category: access
#   provider: azure
#   remediation: Set local_user_enabled = false unless SFTP access with local users is required, and then scope each local user to one container.
#   frameworks:
#     nist-800-53: ["IA-2", "AC-2"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type == "azurerm_storage_account"
	r := input.resource
	v := local_users_on(r)
	msg := sprintf("storage account %q allows local users (%s)", [input.name, v.problem])
	finding := lib.finding(rego.metadata.rule(), v.location, msg)
}

local_users_on(r) := {"location": lib.attr_loc(r, "local_user_enabled"), "problem": "local_user_enabled = true"} if {
	lib.is_true(r.local_user_enabled)
}

local_users_on(r) := {"location": lib.loc(r), "problem": sprintf("local_user_enabled unset, default true, with %s = true", [key])} if {
	lib.missing(r, "local_user_enabled")
	key := [k | some k in ["is_hns_enabled", "sftp_enabled"]; lib.is_true(r[k])][0]
}
