package tollgate.audit.gcp.sql_flags

import data.tollgate.audit.gcp.sql
import data.tollgate.lib
import rego.v1

# METADATA
# title: Cloud SQL for PostgreSQL does not log temporary files
# description: |
#   A PostgreSQL google_sql_database_instance does not set the database flag log_temp_files
#   to 0 (the default, -1, logs none; a positive value logs only the larger files): queries
#   that spill large result sets to disk, a sign of data being dumped, leave no trace in the
#   logs. Not reported when the flags are generated dynamically.
# related_resources:
# - https://cloud.google.com/sql/docs/postgres/flags
# - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/sql_database_instance#database_flags
# custom:
#   id: TG-GCP-089
#   severity: low
#   category: audit
#   provider: gcp
#   remediation: Add database_flags { name = "log_temp_files", value = "0" }.
#   frameworks:
#     nist-800-53: ["AU-2", "AU-12"]
#     soc2: ["CC7.2"]
deny contains finding if {
	input.type == "google_sql_database_instance"
	some settings in postgres_settings
	not all_temp_files_logged(settings)
	msg := sprintf("Cloud SQL instance %q does not log temporary files (log_temp_files %s)", [input.name, shown(settings, "log_temp_files")])
	finding := lib.finding(rego.metadata.rule(), sql.flag_location(settings, "log_temp_files"), msg)
}

all_temp_files_logged(settings) if flag_value(settings, "log_temp_files") == "0"

on_flags := ["log_checkpoints", "log_duration", "log_lock_waits"]

# METADATA
# title: Cloud SQL for PostgreSQL does not log checkpoints, lock waits and durations
# description: |
#   A PostgreSQL google_sql_database_instance does not set the database flags
#   log_checkpoints, log_lock_waits and log_duration to on: checkpoints, sessions stuck
#   waiting on locks and the duration of each statement are not logged, which hides
#   denial-of-service patterns and makes incidents harder to reconstruct. Not reported when
#   the flags are generated dynamically.
# related_resources:
# - https://cloud.google.com/sql/docs/postgres/flags
# - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/sql_database_instance#database_flags
# custom:
#   id: TG-GCP-090
#   severity: low
#   category: audit
#   provider: gcp
#   remediation: Add database_flags blocks setting log_checkpoints, log_lock_waits and log_duration to "on".
#   frameworks:
#     nist-800-53: ["AU-2", "AU-12"]
#     soc2: ["CC7.2"]
deny contains finding if {
	input.type == "google_sql_database_instance"
	some settings in postgres_settings
	off := [name | some name in on_flags; not sql.flag_on(settings, name)]
	count(off) > 0
	msg := sprintf("Cloud SQL instance %q does not turn on %s", [input.name, concat(", ", off)])
	finding := lib.finding(rego.metadata.rule(), sql.flag_location(settings, off[0]), msg)
}

# log_min_messages levels that leave ERROR messages out of the log.
above_error := {"log", "fatal", "panic"}

# METADATA
# title: Cloud SQL for PostgreSQL does not log errors
# description: |
#   A PostgreSQL google_sql_database_instance sets the database flag log_min_messages to
#   LOG, FATAL or PANIC: ERROR messages (failed statements, permission denials, SQL
#   injection attempts that break a query) are not written to the log.
# related_resources:
# - https://cloud.google.com/sql/docs/postgres/flags
# - https://www.postgresql.org/docs/current/runtime-config-logging.html#GUC-LOG-MIN-MESSAGES
# custom:
#   id: TG-GCP-091
#   severity: low
#   category: audit
#   provider: gcp
#   remediation: Remove the log_min_messages flag (the default is WARNING) or set it to ERROR or a lower level.
#   frameworks:
#     nist-800-53: ["AU-2", "AU-12"]
#     soc2: ["CC7.2"]
deny contains finding if {
	input.type == "google_sql_database_instance"
	some settings in postgres_settings
	level := flag_value(settings, "log_min_messages")
	lower(level) in above_error
	msg := sprintf("Cloud SQL instance %q does not log errors (log_min_messages = %q)", [input.name, level])
	finding := lib.finding(rego.metadata.rule(), sql.flag_location(settings, "log_min_messages"), msg)
}

# METADATA
# title: Cloud SQL for PostgreSQL logs statement text by duration
# description: |
#   A PostgreSQL google_sql_database_instance sets the database flag
#   log_min_duration_statement to a value other than -1: the full text of every statement
#   that runs longer than that many milliseconds is written to the logs, including the
#   passwords, personal data and secrets it carries.
# related_resources:
# - https://cloud.google.com/sql/docs/postgres/flags
# - https://www.postgresql.org/docs/current/runtime-config-logging.html#GUC-LOG-MIN-DURATION-STATEMENT
# custom:
#   id: TG-GCP-092
#   severity: low
#   category: audit
#   provider: gcp
#   remediation: Remove the log_min_duration_statement flag or set it to "-1"; use Query Insights to find slow queries.
#   frameworks:
#     nist-800-53: ["AU-3", "SC-28"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type == "google_sql_database_instance"
	some settings in postgres_settings
	value := flag_value(settings, "log_min_duration_statement")
	value != "-1"
	msg := sprintf("Cloud SQL instance %q logs the text of statements slower than %s ms (log_min_duration_statement)", [input.name, value])
	finding := lib.finding(rego.metadata.rule(), sql.flag_location(settings, "log_min_duration_statement"), msg)
}

stats_flags := ["log_executor_stats", "log_parser_stats", "log_planner_stats", "log_statement_stats"]

# METADATA
# title: Cloud SQL for PostgreSQL writes performance statistics to the log
# description: |
#   A PostgreSQL google_sql_database_instance sets log_executor_stats, log_parser_stats,
#   log_planner_stats or log_statement_stats to on: a block of module statistics is written
#   for every statement, flooding the logs so that security events are lost in the volume
#   (and retention is used up sooner).
# related_resources:
# - https://cloud.google.com/sql/docs/postgres/flags
# - https://www.postgresql.org/docs/current/runtime-config-statistics.html#RUNTIME-CONFIG-STATISTICS-MONITOR
# custom:
#   id: TG-GCP-093
#   severity: low
#   category: audit
#   provider: gcp
#   remediation: Remove the log_*_stats flags (or set them to "off"); use Query Insights for performance analysis.
#   frameworks:
#     nist-800-53: ["AU-4", "AU-12"]
#     soc2: ["CC7.2"]
deny contains finding if {
	input.type == "google_sql_database_instance"
	some settings in postgres_settings
	some name in stats_flags
	sql.flag_on(settings, name)
	msg := sprintf("Cloud SQL instance %q writes statistics of every statement to the log (%s = on)", [input.name, name])
	finding := lib.finding(rego.metadata.rule(), sql.flag_location(settings, name), msg)
}

postgres_settings contains settings if {
	r := input.resource
	sql.postgres(r)
	some settings in r.settings
	sql.flags_known(settings)
}

# flag_value(settings, name) is the value of flag name as a string (the first, should the
# flag be repeated).
flag_value(settings, name) := values[0] if {
	values := [sprintf("%v", [flag.value]) | some flag in settings.database_flags; flag.name == name]
	count(values) > 0
}

shown(settings, name) := sprintf("= %q", [flag_value(settings, name)])

shown(settings, name) := "unset" if not flag_value(settings, name)
