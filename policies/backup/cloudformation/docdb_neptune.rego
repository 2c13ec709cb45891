package tollgate.backup.cloudformation.docdb_neptune

import data.tollgate.access.cloudformation.helpers
import data.tollgate.lib
import rego.v1

kinds := {
	"AWS::DocDB::DBCluster": "DocumentDB cluster",
	"AWS::Neptune::DBCluster": "Neptune cluster",
}

# METADATA
# title: CloudFormation DocumentDB or Neptune backup retention is below the minimum
# description: |
#   BackupRetentionPeriod on an AWS::DocDB::DBCluster or AWS::Neptune::DBCluster is lower
#   than the min_backup_retention_days parameter (7 by default), or not set (its default is
#   1 day): point-in-time recovery cannot reach back past that window.
# related_resources:
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-docdb-dbcluster.html#cfn-docdb-dbcluster-backupretentionperiod
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-neptune-dbcluster.html#cfn-neptune-dbcluster-backupretentionperiod
# custom:
#   id: TG-CFN-108
#   severity: medium
#   category: backup
#   provider: aws
#   remediation: Set BackupRetentionPeriod to at least the minimum your recovery objectives require (7 days by default, at most 35).
#   frameworks:
#     nist-800-53: ["CP-9"]
#     soc2: ["A1.2"]
deny contains finding if {
	input.type in {"AWS::DocDB::DBCluster", "AWS::Neptune::DBCluster"}
	kind := kinds[input.type]
	p := input.resource.Properties
	minimum := helpers.number(lib.param("min_backup_retention_days"))
	problem := short_retention(p, minimum)
	msg := sprintf("%s %q keeps backups for less than %d days (%s)", [kind, input.name, minimum, problem])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(p, "BackupRetentionPeriod"), msg)
}

short_retention(p, minimum) := sprintf("BackupRetentionPeriod: %d", [n]) if {
	n := helpers.number(p.BackupRetentionPeriod)
	n < minimum
} else := "BackupRetentionPeriod is not set, default 1 day" if {
	lib.missing(p, "BackupRetentionPeriod")
	1 < minimum
}
