package tollgate.backup.aws.docdb_neptune

import data.tollgate.access.aws.helpers
import data.tollgate.lib
import rego.v1

kinds := {
	"aws_docdb_cluster": "DocumentDB cluster",
	"aws_neptune_cluster": "Neptune cluster",
}

# METADATA
# title: DocumentDB or Neptune backup retention is below the minimum
# description: |
#   backup_retention_period on an aws_docdb_cluster or aws_neptune_cluster is lower than
#   the min_backup_retention_days parameter (7 by default), or not set (its default is 1
#   day): point-in-time recovery cannot reach back past that window.
# related_resources:
# - https://docs.aws.amazon.com/documentdb/latest/developerguide/backup_restore.html
# - https://docs.aws.amazon.com/securityhub/latest/userguide/documentdb-controls.html#documentdb-2
# custom:
#   id: TG-AWS-145
#   severity: medium
#   category: backup
#   provider: aws
#   remediation: Set backup_retention_period to at least the minimum your recovery objectives require (7 days by default, at most 35).
#   frameworks:
#     nist-800-53: ["CP-9"]
#     soc2: ["A1.2"]
deny contains finding if {
	input.type in {"aws_docdb_cluster", "aws_neptune_cluster"}
	r := input.resource
	minimum := helpers.number(lib.param("min_backup_retention_days"))
	problem := short_retention(r, minimum)
	msg := sprintf("%s %q keeps backups for less than %d days (%s)", [kinds[input.type], input.name, minimum, problem])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "backup_retention_period"), msg)
}

short_retention(r, minimum) := sprintf("backup_retention_period = %d", [n]) if {
	n := helpers.number(r.backup_retention_period)
	n < minimum
} else := "backup_retention_period is not set, default 1 day" if {
	lib.missing(r, "backup_retention_period")
	1 < minimum
}
