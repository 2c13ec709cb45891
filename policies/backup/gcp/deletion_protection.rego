package tollgate.backup.gcp.deletion_protection

import data.tollgate.lib
import rego.v1

kinds := {
	"google_sql_database_instance": "Cloud SQL instance",
	"google_spanner_database": "Spanner database",
	"google_bigtable_instance": "Bigtable instance",
	"google_bigquery_table": "BigQuery table",
}

# METADATA
# title: Data store deletion protection is disabled
# description: |
#   deletion_protection = false on a google_sql_database_instance, google_spanner_database,
#   google_bigtable_instance or google_bigquery_table: a terraform destroy, or a change
#   that forces replacement, deletes the data store and its data at once (for Cloud SQL,
#   with its automated backups). Only an explicit false is reported: the provider's
#   default is true.
# related_resources:
# - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/sql_database_instance#deletion_protection
# - https://cloud.google.com/sql/docs/postgres/deletion-protection
# custom:
#   id: TG-GCP-053
#   severity: low
#   category: backup
#   provider: gcp
#   remediation: Remove deletion_protection = false (the default is true); turn it off deliberately, in a separate change, before deleting the data store. For Cloud SQL also set settings { deletion_protection_enabled = true } to guard against deletion outside Terraform.
#   frameworks:
#     nist-800-53: ["CP-9"]
#     soc2: ["A1.2"]
deny contains finding if {
	input.type in {
		"google_bigquery_table",
		"google_bigtable_instance",
		"google_spanner_database",
		"google_sql_database_instance",
	}
	r := input.resource
	lib.is_false(r.deletion_protection)
	msg := sprintf("%s %q has deletion protection disabled (deletion_protection = false)", [kinds[input.type], input.name])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "deletion_protection"), msg)
}
