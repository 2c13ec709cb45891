package tollgate.audit.gcp.sql

import data.tollgate.lib
import rego.v1

connection_flags := ["log_connections", "log_disconnections"]

# METADATA
# title: Cloud SQL for PostgreSQL does not log connections
# description: |
#   A PostgreSQL google_sql_database_instance does not set the database flags
#   log_connections and log_disconnections to on (both are off by default): successful
#   logins, their source addresses and session durations are not logged, so password
#   guessing and use of stolen credentials go unnoticed. Not reported when the flags are
#   generated dynamically.
# related_resources:
# - https://cloud.google.com/sql/docs/postgres/flags
# - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/sql_database_instance#database_flags
# custom:
#   id: TG-GCP-077
#   severity: low
#   category: audit
#   provider: gcp
#   remediation: Add database_flags { name = "log_connections", value = "on" } and database_flags { name = "log_disconnections", value = "on" }.
#   frameworks:
#     nist-800-53: ["AU-2", "AU-12"]
#     soc2: ["CC7.2"]
#     pci-dss-4.0: ["10.2.1"]
deny contains finding if {
	input.type == "google_sql_database_instance"
	r := input.resource
	postgres(r)
	some settings in r.settings
	flags_known(settings)
	off := [name | some name in connection_flags; not flag_on(settings, name)]
	count(off) > 0
	msg := sprintf("Cloud SQL instance %q does not log connections (%s not on)", [input.name, concat(", ", off)])
	finding := lib.finding(rego.metadata.rule(), flag_location(settings, off[0]), msg)
}

# METADATA
# title: Cloud SQL for PostgreSQL has pgAudit disabled
# description: |
#   A PostgreSQL google_sql_database_instance does not set the database flag
#   cloudsql.enable_pgaudit to on: the pgAudit extension cannot be used, so reads and
#   changes of sensitive tables, role and permission changes are not recorded in the audit
#   logs. Not reported when the flags are generated dynamically.
# related_resources:
# - https://cloud.google.com/sql/docs/postgres/pg-audit
# - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/sql_database_instance#database_flags
# custom:
#   id: TG-GCP-078
#   severity: low
#   category: audit
#   provider: gcp
#   remediation: Add database_flags { name = "cloudsql.enable_pgaudit", value = "on" } and a pgaudit.log flag (e.g. "ddl,role,write"), then CREATE EXTENSION pgaudit in each database.
#   frameworks:
#     nist-800-53: ["AU-2", "AU-12"]
#     soc2: ["CC7.2"]
#     pci-dss-4.0: ["10.2.1"]
deny contains finding if {
	input.type == "google_sql_database_instance"
	r := input.resource
	postgres(r)
	some settings in r.settings
	flags_known(settings)
	not flag_on(settings, "cloudsql.enable_pgaudit")
	msg := sprintf("Cloud SQL instance %q has pgAudit disabled (cloudsql.enable_pgaudit not on)", [input.name])
	finding := lib.finding(rego.metadata.rule(), flag_location(settings, "cloudsql.enable_pgaudit"), msg)
}

postgres(r) if startswith(r.database_version, "POSTGRES")

# The flags are known when no database_flags block, or no name or value in one, is
# unknown (a dynamic block, a variable without a value).
flags_known(settings) if {
	not lib.unknown(settings, "database_flags")
	every flag in object.get(settings, "database_flags", []) {
		not lib.unknown(flag, "name")
		not lib.unknown(flag, "value")
	}
}

flag_on(settings, name) if {
	some flag in settings.database_flags
	flag.name == name
	lower(sprintf("%v", [flag.value])) == "on"
}

# flag_location(settings, name) points at the value of flag name, or at the settings
# block when the flag is not set.
flag_location(settings, name) := [lib.attr_loc(flag, "value") | some flag in settings.database_flags; flag.name == name][0]

flag_location(settings, name) := lib.loc(settings) if {
	not flag_set(settings, name)
}

flag_set(settings, name) if {
	some flag in settings.database_flags
	flag.name == name
}
