package tollgate.backup.azure.cosmosdb

import data.tollgate.lib
import rego.v1

# Periodic backups are kept 8 hours unless retention_in_hours says otherwise.
default_periodic_hours := 8

# METADATA
# title: Cosmos DB account keeps backups too briefly
# description: |
#   An azurerm_cosmosdb_account uses periodic backups (a backup block with type
#   "Periodic", or no backup block at all, which means periodic backups kept 8 hours)
#   whose retention_in_hours is shorter than the min_backup_retention_days parameter
#   (default 7 days): a deletion or corruption noticed later than that cannot be restored.
#   Continuous backup (point-in-time restore) is not reported.
# related_resources:
# - https://learn.microsoft.com/azure/cosmos-db/periodic-backup-restore-introduction
# - https://learn.microsoft.com/azure/cosmos-db/continuous-backup-restore-introduction
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/cosmosdb_account#backup
# custom:
#   id: TG-AZ-060
#   severity: low
#   category: backup
#   provider: azure
#   remediation: Use backup { type = "Continuous", tier = "Continuous30Days" }, or set retention_in_hours of the periodic backup to at least 24 times min_backup_retention_days.
#   frameworks:
#     nist-800-53: ["CP-9"]
#     soc2: ["A1.2"]
deny contains finding if {
	input.type == "azurerm_cosmosdb_account"
	v := short_backup(input.resource)
	finding := lib.finding(rego.metadata.rule(), v.location, v.message)
}

min_hours := lib.param("min_backup_retention_days") * 24

short_backup(r) := v if {
	lib.missing(r, "backup")
	default_periodic_hours < min_hours
	v := {
		"location": lib.loc(r),
		"message": sprintf("Cosmos DB account %q has no backup block: periodic backups are kept %d hours, fewer than %d", [input.name, default_periodic_hours, min_hours]),
	}
} else := v if {
	some backup in r.backup
	backup.type == "Periodic"
	hours := retention_hours(backup)
	hours < min_hours
	v := {
		"location": lib.attr_loc(backup, "retention_in_hours"),
		"message": sprintf("Cosmos DB account %q keeps periodic backups %d hours, fewer than %d", [input.name, hours, min_hours]),
	}
}

retention_hours(backup) := backup.retention_in_hours if is_number(backup.retention_in_hours)

retention_hours(backup) := default_periodic_hours if lib.missing(backup, "retention_in_hours")
