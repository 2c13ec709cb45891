package tollgate.encryption.azure.disk_cmk

import data.tollgate.lib
import rego.v1

# METADATA
# title: Managed disk is not encrypted with a customer-managed key
# description: |
#   An azurerm_managed_disk sets neither disk_encryption_set_id nor (for a confidential VM
#   disk) secure_vm_disk_encryption_set_id: the disk, attached or not, and its snapshots are
#   encrypted with a platform-managed key only, which the organisation can neither rotate
#   nor revoke to make the data unreadable. Azure Disk Encryption (encryption_settings)
#   encrypts inside the guest and does not replace it.
# related_resources:
# - https://learn.microsoft.com/azure/virtual-machines/disk-encryption#customer-managed-keys
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/managed_disk#disk_encryption_set_id
# custom:
#   id: TG-AZ-227
#   severity: low
#   category: encryption
#   provider: azure
#   remediation: Create an azurerm_disk_encryption_set with a Key Vault key (key_vault_key_id) and set disk_encryption_set_id on the disk.
#   frameworks:
#     nist-800-53: ["SC-12", "SC-28"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["3.6.1"]
deny contains finding if {
	input.type == "azurerm_managed_disk"
	r := input.resource
	unset(r, "disk_encryption_set_id")
	unset(r, "secure_vm_disk_encryption_set_id")
	msg := sprintf("Managed disk %q is not encrypted with a customer-managed key (no disk_encryption_set_id)", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.loc(r), msg)
}

# unset(obj, key) holds when key is absent (and not unknown) or explicitly null.
unset(obj, key) if lib.missing(obj, key)

unset(obj, key) if obj[key] == null
