package tollgate.backup.azure.recovery_services

import data.tollgate.lib
import rego.v1

# METADATA
# title: Backup vault soft delete is disabled
# description: |
#   soft_delete_enabled = false on an azurerm_recovery_services_vault, or soft_delete =
#   "Off" on an azurerm_data_protection_backup_vault: deleting a protected item deletes its
#   recovery points at once, so an attacker with access to the vault, or a mistake, can
#   destroy every backup before anyone notices.
# related_resources:
# - https://learn.microsoft.com/azure/backup/backup-azure-security-feature-cloud
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/recovery_services_vault#soft_delete_enabled
# custom:
#   id: TG-AZ-058
#   severity: high
#   category: backup
#   provider: azure
#   remediation: Remove the attribute or set soft_delete_enabled = true (soft_delete = "On", or "AlwaysOn" to make it irreversible, on a data protection backup vault).
#   frameworks:
#     nist-800-53: ["CP-9"]
#     soc2: ["A1.2"]
deny contains finding if {
	input.type in {"azurerm_recovery_services_vault", "azurerm_data_protection_backup_vault"}
	some v in soft_delete_off
	finding := lib.finding(rego.metadata.rule(), v.location, v.message)
}

soft_delete_off contains v if {
	input.type == "azurerm_recovery_services_vault"
	r := input.resource
	lib.is_false(r.soft_delete_enabled)
	v := {
		"location": lib.attr_loc(r, "soft_delete_enabled"),
		"message": sprintf("Recovery Services vault %q has soft delete disabled (soft_delete_enabled = false)", [input.name]),
	}
}

soft_delete_off contains v if {
	input.type == "azurerm_data_protection_backup_vault"
	r := input.resource
	r.soft_delete == "Off"
	v := {
		"location": lib.attr_loc(r, "soft_delete"),
		"message": sprintf("backup vault %q has soft delete disabled (soft_delete = \"Off\")", [input.name]),
	}
}

policy_kinds := {
	"azurerm_backup_policy_vm": "VM backup policy",
	"azurerm_backup_policy_file_share": "file share backup policy",
}

# METADATA
# title: Backup policy keeps daily recovery points too briefly
# description: |
#   retention_daily.count of an azurerm_backup_policy_vm or azurerm_backup_policy_file_share
#   is lower than the min_backup_retention_days parameter (default 7): a ransomware
#   infection or corruption noticed later than that has already reached every daily
#   recovery point.
# related_resources:
# - https://learn.microsoft.com/azure/backup/backup-azure-vms-first-look-arm
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/backup_policy_vm#retention_daily
# custom:
#   id: TG-AZ-059
#   severity: medium
#   category: backup
#   provider: azure
#   remediation: Set retention_daily { count = 7 } or more, and add weekly and monthly retention for longer recovery.
#   frameworks:
#     nist-800-53: ["CP-9"]
#     soc2: ["A1.2"]
deny contains finding if {
	input.type in {"azurerm_backup_policy_file_share", "azurerm_backup_policy_vm"}
	some retention in input.resource.retention_daily
	is_number(retention.count)
	retention.count < lib.param("min_backup_retention_days")
	msg := sprintf("%s %q keeps daily recovery points for %d days, fewer than %d", [policy_kinds[input.type], input.name, retention.count, lib.param("min_backup_retention_days")])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(retention, "count"), msg)
}
