package tollgate.backup.azure.key_vault

import data.tollgate.lib
import rego.v1

# METADATA
# title: Key Vault purge protection is disabled
# description: |
#   purge_protection_enabled is false, or not set (its default is false), on an
#   azurerm_key_vault: a deleted vault, key or secret can be purged before its soft-delete
#   retention ends, by mistake or by an attacker, making every piece of data encrypted with
#   those keys unrecoverable. Once enabled it cannot be turned off.
# related_resources:
# - https://learn.microsoft.com/azure/key-vault/general/soft-delete-overview#purge-protection
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/key_vault#purge_protection_enabled
# custom:
#   id: TG-AZ-057
#   severity: medium
#   category: backup
#   provider: azure
#   remediation: Set purge_protection_enabled = true (and keep soft_delete_retention_days at 90).
#   frameworks:
#     cis-azure-2.0: ["8.5"]
#     nist-800-53: ["CP-9", "SC-12"]
#     soc2: ["A1.2"]
deny contains finding if {
	input.type == "azurerm_key_vault"
	r := input.resource
	problem := purge_allowed(r)
	msg := sprintf("key vault %q can be purged before its retention ends (%s)", [input.name, problem])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "purge_protection_enabled"), msg)
}

purge_allowed(r) := "purge_protection_enabled = false" if {
	lib.is_false(r.purge_protection_enabled)
} else := "purge_protection_enabled not set, default false" if {
	lib.missing(r, "purge_protection_enabled")
} else := "purge_protection_enabled not set, default false" if {
	r.purge_protection_enabled == null
}
