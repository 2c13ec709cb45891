package tollgate.encryption.azure.key_vault

import data.tollgate.lib
import rego.v1

kinds := {
	"azurerm_key_vault_key": "key vault key",
	"azurerm_key_vault_secret": "key vault secret",
}

# METADATA
# title: Key Vault key or secret has no expiration date
# description: |
#   An azurerm_key_vault_key or azurerm_key_vault_secret has no expiration_date: the key
#   or credential stays valid forever, so a leaked copy keeps working and nothing forces
#   its rotation. Not reported when the date is unknown (computed from another resource).
# related_resources:
# - https://learn.microsoft.com/azure/key-vault/secrets/secrets-best-practices
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/key_vault_secret#expiration_date
# custom:
#   id: TG-AZ-038
#   severity: low
#   category: encryption
#   provider: azure
#   remediation: Set expiration_date (an RFC 3339 UTC timestamp, e.g. from timeadd(plantimestamp(), "8760h") with ignore_changes) and rotate the key or secret before it expires.
#   frameworks:
#     cis-azure-2.0: ["8.1", "8.2", "8.3", "8.4"]
#     nist-800-53: ["SC-12", "IA-5"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["3.7.4"]
deny contains finding if {
	input.type in {"azurerm_key_vault_key", "azurerm_key_vault_secret"}
	r := input.resource
	unset(r, "expiration_date")
	msg := sprintf("%s %q has no expiration date", [kinds[input.type], input.name])
	finding := lib.finding(rego.metadata.rule(), lib.loc(r), msg)
}

# METADATA
# title: Key Vault key has no automatic rotation policy
# description: |
#   An azurerm_key_vault_key has no rotation_policy block, or one without an automatic
#   block: the key version is never rotated by Key Vault, so data keeps being encrypted
#   with the same key material for as long as it exists.
# related_resources:
# - https://learn.microsoft.com/azure/key-vault/keys/how-to-configure-key-rotation
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/key_vault_key#rotation_policy
# custom:
#   id: TG-AZ-039
#   severity: low
#   category: encryption
#   provider: azure
#   remediation: Add rotation_policy { expire_after = "P1Y", notify_before_expiry = "P30D", automatic { time_before_expiry = "P30D" } }, and give consumers the versionless key id.
#   frameworks:
#     cis-azure-2.0: ["8.8"]
#     nist-800-53: ["SC-12"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["3.7.4"]
deny contains finding if {
	input.type == "azurerm_key_vault_key"
	r := input.resource
	v := no_rotation(r)
	msg := sprintf("key vault key %q has no automatic rotation (%s)", [input.name, v.problem])
	finding := lib.finding(rego.metadata.rule(), v.location, msg)
}

no_rotation(r) := {"location": lib.loc(r), "problem": "no rotation_policy block"} if {
	no_block(r, "rotation_policy")
} else := {"location": lib.loc(policy), "problem": "rotation_policy has no automatic block"} if {
	some policy in r.rotation_policy
	no_block(policy, "automatic")
}

no_block(obj, key) if lib.missing(obj, key)

no_block(obj, key) if obj[key] == []

# unset(obj, key) holds when key is absent (and not unknown) or explicitly null.
unset(obj, key) if lib.missing(obj, key)

unset(obj, key) if obj[key] == null
