package tollgate.backup.azure.database

import data.tollgate.lib
import rego.v1

min_days := lib.param("min_backup_retention_days")

# METADATA
# title: SQL database keeps point-in-time backups too briefly
# description: |
#   short_term_retention_policy.retention_days on an azurerm_mssql_database is lower than
#   the min_backup_retention_days parameter (default 7): a corruption or a bad change
#   noticed later than that cannot be undone by a point-in-time restore. Left unset, Azure
#   keeps 7 days and nothing is reported.
# related_resources:
# - https://learn.microsoft.com/azure/azure-sql/database/automated-backups-overview#backup-retention
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/mssql_database#short_term_retention_policy
# custom:
#   id: TG-AZ-053
#   severity: medium
#   category: backup
#   provider: azure
#   remediation: Set short_term_retention_policy { retention_days = 7 } or more (up to 35).
#   frameworks:
#     nist-800-53: ["CP-9"]
#     soc2: ["A1.2"]
deny contains finding if {
	input.type == "azurerm_mssql_database"
	some policy in input.resource.short_term_retention_policy
	is_number(policy.retention_days)
	policy.retention_days < min_days
	msg := sprintf("SQL database %q keeps point-in-time backups for %d days, fewer than %d", [input.name, policy.retention_days, min_days])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(policy, "retention_days"), msg)
}

# Durations of long-term retention that keep nothing.
no_retention := {"PT0S", "P0D", "P0W", "P0M", "P0Y"}

ltr_keys := ["weekly_retention", "monthly_retention", "yearly_retention"]

# METADATA
# title: SQL database has no long-term backup retention
# description: |
#   An azurerm_mssql_database has no long_term_retention_policy, or one whose weekly,
#   monthly and yearly retentions are all unset or zero ("PT0S"): no backup is kept beyond
#   the point-in-time window of at most 35 days, so data deleted or corrupted earlier, or
#   needed for an audit, cannot be recovered. Geo-secondary databases (create_mode
#   "Secondary" or "OnlineSecondary") are not reported.
# related_resources:
# - https://learn.microsoft.com/azure/azure-sql/database/long-term-retention-overview
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/mssql_database#long_term_retention_policy
# custom:
#   id: TG-AZ-054
#   severity: low
#   category: backup
#   provider: azure
#   remediation: Add long_term_retention_policy { weekly_retention = "P4W", monthly_retention = "P12M", yearly_retention = "P5Y", week_of_year = 1 } with the retention your recovery and legal needs require.
#   frameworks:
#     nist-800-53: ["CP-9"]
#     soc2: ["A1.2"]
deny contains finding if {
	input.type == "azurerm_mssql_database"
	r := input.resource
	primary(r)
	v := no_long_term_retention(r)
	msg := sprintf("SQL database %q has no long-term backup retention (%s)", [input.name, v.problem])
	finding := lib.finding(rego.metadata.rule(), v.location, msg)
}

primary(r) if {
	not secondary(r)
	not lib.unknown(r, "create_mode")
}

secondary(r) if r.create_mode in {"Secondary", "OnlineSecondary"}

no_long_term_retention(r) := {"location": lib.loc(r), "problem": "no long_term_retention_policy block"} if {
	no_block(r, "long_term_retention_policy")
} else := {"location": lib.loc(policy), "problem": "weekly, monthly and yearly retention are all zero"} if {
	some policy in r.long_term_retention_policy
	every key in ltr_keys {
		keeps_nothing(policy, key)
	}
}

keeps_nothing(policy, key) if unset(policy, key)

keeps_nothing(policy, key) if policy[key] in no_retention

flexible_kinds := {
	"azurerm_postgresql_flexible_server": "PostgreSQL flexible server",
	"azurerm_mysql_flexible_server": "MySQL flexible server",
	"azurerm_postgresql_server": "PostgreSQL server",
	"azurerm_mysql_server": "MySQL server",
	"azurerm_mariadb_server": "MariaDB server",
}

# METADATA
# title: Database server keeps backups too briefly
# description: |
#   backup_retention_days on an Azure Database for PostgreSQL, MySQL or MariaDB server
#   (flexible or single server) is lower than the min_backup_retention_days parameter
#   (default 7): a corruption or a bad change noticed later than that cannot be undone by a
#   point-in-time restore. Left unset, Azure keeps 7 days and nothing is reported.
# related_resources:
# - https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-backup-restore
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/postgresql_flexible_server#backup_retention_days
# custom:
#   id: TG-AZ-055
#   severity: medium
#   category: backup
#   provider: azure
#   remediation: Set backup_retention_days to 7 or more (up to 35).
#   frameworks:
#     nist-800-53: ["CP-9"]
#     soc2: ["A1.2"]
deny contains finding if {
	input.type in {
		"azurerm_mariadb_server",
		"azurerm_mysql_flexible_server",
		"azurerm_mysql_server",
		"azurerm_postgresql_flexible_server",
		"azurerm_postgresql_server",
	}
	r := input.resource
	is_number(r.backup_retention_days)
	r.backup_retention_days < min_days
	msg := sprintf("%s %q keeps backups for %d days, fewer than %d", [flexible_kinds[input.type], input.name, r.backup_retention_days, min_days])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "backup_retention_days"), msg)
}

# METADATA
# title: Database server backups are not geo-redundant
# description: |
#   geo_redundant_backup_enabled is false, or not set (its default is false), on an Azure
#   Database for PostgreSQL, MySQL or MariaDB server: backups stay in the server's region,
#   so a regional outage or disaster takes the database and all of its backups at once.
#   The setting can only be chosen at creation. Read replicas (create_mode "Replica") are
#   not reported.
# related_resources:
# - https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-backup-restore#geo-redundant-backup-and-restore
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/postgresql_flexible_server#geo_redundant_backup_enabled
# custom:
#   id: TG-AZ-056
#   severity: low
#   category: backup
#   provider: azure
#   remediation: Set geo_redundant_backup_enabled = true when creating the server (existing servers must be recreated or restored into a new geo-redundant server).
#   frameworks:
#     nist-800-53: ["CP-6", "CP-9"]
#     soc2: ["A1.2"]
deny contains finding if {
	input.type in {
		"azurerm_mariadb_server",
		"azurerm_mysql_flexible_server",
		"azurerm_mysql_server",
		"azurerm_postgresql_flexible_server",
		"azurerm_postgresql_server",
	}
	r := input.resource
	not r.create_mode == "Replica"
	not lib.unknown(r, "create_mode")
	problem := flag_off(r, "geo_redundant_backup_enabled")
	msg := sprintf("%s %q keeps its backups in one region only (%s)", [flexible_kinds[input.type], input.name, problem])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "geo_redundant_backup_enabled"), msg)
}

flag_off(obj, key) := sprintf("%s = false", [key]) if {
	lib.is_false(obj[key])
} else := sprintf("%s not set, default false", [key]) if {
	unset(obj, key)
}

no_block(obj, key) if lib.missing(obj, key)

no_block(obj, key) if obj[key] == []

# unset(obj, key) holds when key is absent (and not unknown) or explicitly null: the
# provider default applies.
unset(obj, key) if lib.missing(obj, key)

unset(obj, key) if obj[key] == null
