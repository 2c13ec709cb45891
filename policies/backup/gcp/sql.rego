package tollgate.backup.gcp.sql

import data.tollgate.lib
import rego.v1

# METADATA
# title: Cloud SQL automated backups are disabled
# description: |
#   settings.backup_configuration.enabled is false or not set (its default is false), or
#   there is no backup_configuration block, on a primary google_sql_database_instance: no
#   daily backup is taken, so a deleted table, a bad migration or a corruption cannot be
#   undone and point-in-time recovery is impossible. Read replicas (master_instance_name
#   set), which cannot have backups, are not reported, nor are unknown values.
# related_resources:
# - https://cloud.google.com/sql/docs/postgres/backup-recovery/backups
# - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/sql_database_instance#backup_configuration
# custom:
#   id: TG-GCP-050
#   severity: high
#   category: backup
#   provider: gcp
#   remediation: Add backup_configuration { enabled = true, start_time = "03:00" } to settings (with point_in_time_recovery_enabled or binary_log_enabled).
#   frameworks:
#     cis-gcp-2.0: ["6.7"]
#     nist-800-53: ["CP-9"]
#     soc2: ["A1.2"]
deny contains finding if {
	input.type == "google_sql_database_instance"
	r := input.resource
	primary(r)
	some settings in r.settings
	v := backups_off(settings)
	msg := sprintf("Cloud SQL instance %q has automated backups disabled (%s)", [input.name, v.problem])
	finding := lib.finding(rego.metadata.rule(), v.location, msg)
}

primary(r) if {
	unset(r, "master_instance_name")
	lib.missing(r, "replica_configuration")
}

backups_off(settings) := {"location": lib.loc(settings), "problem": "no backup_configuration block"} if {
	lib.missing(settings, "backup_configuration")
} else := v if {
	some backup in settings.backup_configuration
	problem := flag_off(backup, "enabled")
	v := {"location": lib.attr_loc(backup, "enabled"), "problem": problem}
}

# The flag that turns on point-in-time recovery, by engine.
pitr_flag(r) := "point_in_time_recovery_enabled" if startswith(r.database_version, "POSTGRES")

pitr_flag(r) := "point_in_time_recovery_enabled" if startswith(r.database_version, "SQLSERVER")

pitr_flag(r) := "binary_log_enabled" if startswith(r.database_version, "MYSQL")

# METADATA
# title: Cloud SQL point-in-time recovery is disabled
# description: |
#   A google_sql_database_instance with automated backups does not enable point-in-time
#   recovery (point_in_time_recovery_enabled for PostgreSQL and SQL Server,
#   binary_log_enabled for MySQL, both false by default): it can only be restored to the
#   last daily backup, losing up to a day of writes.
# related_resources:
# - https://cloud.google.com/sql/docs/postgres/backup-recovery/pitr
# - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/sql_database_instance#point_in_time_recovery_enabled
# custom:
#   id: TG-GCP-051
#   severity: medium
#   category: backup
#   provider: gcp
#   remediation: Set point_in_time_recovery_enabled = true (PostgreSQL, SQL Server) or binary_log_enabled = true (MySQL) in backup_configuration.
#   frameworks:
#     nist-800-53: ["CP-9", "CP-10"]
#     soc2: ["A1.2"]
deny contains finding if {
	input.type == "google_sql_database_instance"
	r := input.resource
	primary(r)
	flag := pitr_flag(r)
	some settings in r.settings
	some backup in settings.backup_configuration
	lib.is_true(backup.enabled)
	problem := flag_off(backup, flag)
	msg := sprintf("Cloud SQL instance %q has point-in-time recovery disabled (%s)", [input.name, problem])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(backup, flag), msg)
}

# METADATA
# title: Cloud SQL keeps too few automated backups
# description: |
#   backup_configuration.backup_retention_settings.retained_backups of a
#   google_sql_database_instance is lower than the min_backup_retention_days parameter
#   (default 7), with retention counted in backups (retention_unit COUNT, the default;
#   one backup a day): a corruption noticed later than that is in every backup left.
#   Left unset, 7 backups are kept and nothing is reported.
# related_resources:
# - https://cloud.google.com/sql/docs/postgres/backup-recovery/backups#retention
# - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/sql_database_instance#retained_backups
# custom:
#   id: TG-GCP-052
#   severity: medium
#   category: backup
#   provider: gcp
#   remediation: Set backup_retention_settings { retained_backups = 7 } or more (up to 365).
#   frameworks:
#     nist-800-53: ["CP-9"]
#     soc2: ["A1.2"]
deny contains finding if {
	input.type == "google_sql_database_instance"
	some settings in input.resource.settings
	some backup in settings.backup_configuration
	some retention in backup.backup_retention_settings
	counted(retention)
	is_number(retention.retained_backups)
	retention.retained_backups < lib.param("min_backup_retention_days")
	msg := sprintf("Cloud SQL instance %q keeps %d automated backups, fewer than %d", [input.name, retention.retained_backups, lib.param("min_backup_retention_days")])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(retention, "retained_backups"), msg)
}

counted(retention) if unset(retention, "retention_unit")

counted(retention) if retention.retention_unit == "COUNT"

flag_off(obj, key) := sprintf("%s = false", [key]) if {
	lib.is_false(obj[key])
} else := sprintf("%s not set, default false", [key]) if {
	unset(obj, key)
}

# unset(obj, key) holds when key is absent (and not unknown) or explicitly null.
unset(obj, key) if lib.missing(obj, key)

unset(obj, key) if obj[key] == null
