package tollgate.backup.azure.vm_backup

import data.tollgate.lib
import rego.v1

# METADATA
# title: Virtual machine is not backed up
# description: |
#   No azurerm_backup_protected_vm of the configuration refers to this virtual machine
#   (azurerm_virtual_machine, azurerm_linux_virtual_machine, azurerm_windows_virtual_machine):
#   Azure Backup takes no snapshots of its disks, so a deleted, corrupted or encrypted
#   (ransomware) machine cannot be restored.
# related_resources:
# - https://learn.microsoft.com/azure/backup/backup-azure-vms-introduction
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/backup_protected_vm
# custom:
#   id: TG-AZ-204
#   severity: low
#   category: backup
#   provider: azure
#   remediation: Add an azurerm_backup_protected_vm with source_vm_id set to the machine, a Recovery Services vault and a backup policy.
#   frameworks:
#     nist-800-53: ["CP-9", "CP-10"]
#     soc2: ["A1.2"]
deny contains finding if {
	input.type in {"azurerm_virtual_machine", "azurerm_linux_virtual_machine", "azurerm_windows_virtual_machine"}
	not input.related_unknown
	count(object.get(input, ["related", "azurerm_backup_protected_vm"], [])) == 0
	msg := sprintf("virtual machine %q is not backed up (no azurerm_backup_protected_vm refers to it)", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.loc(input.resource), msg)
}
