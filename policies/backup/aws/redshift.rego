package tollgate.backup.aws.redshift

import data.tollgate.access.aws.helpers
import data.tollgate.lib
import rego.v1

# METADATA
# title: Redshift automated snapshot retention is below the minimum
# description: |
#   automated_snapshot_retention_period on an aws_redshift_cluster is lower than the
#   min_backup_retention_days parameter (7 by default), or not set (its default is 1
#   day); 0 turns automated snapshots off. A dropped table or a bad load noticed later
#   cannot be restored.
# related_resources:
# - https://docs.aws.amazon.com/redshift/latest/mgmt/working-with-snapshots.html#about-automated-snapshots
# - https://docs.aws.amazon.com/securityhub/latest/userguide/redshift-controls.html#redshift-3
# custom:
#   id: TG-AWS-147
#   severity: medium
#   category: backup
#   provider: aws
#   remediation: Set automated_snapshot_retention_period to at least the minimum your recovery objectives require (7 days by default, at most 35).
#   frameworks:
#     nist-800-53: ["CP-9"]
#     soc2: ["A1.2"]
deny contains finding if {
	input.type == "aws_redshift_cluster"
	r := input.resource
	minimum := helpers.number(lib.param("min_backup_retention_days"))
	problem := short_retention(r, minimum)
	msg := sprintf("Redshift cluster %q keeps automated snapshots for less than %d days (%s)", [input.name, minimum, problem])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "automated_snapshot_retention_period"), msg)
}

short_retention(r, minimum) := sprintf("automated_snapshot_retention_period = %d", [n]) if {
	n := helpers.number(r.automated_snapshot_retention_period)
	n < minimum
} else := "automated_snapshot_retention_period is not set, default 1 day" if {
	lib.missing(r, "automated_snapshot_retention_period")
	1 < minimum
}
