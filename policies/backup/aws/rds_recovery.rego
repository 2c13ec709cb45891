package tollgate.backup.aws.rds_recovery

import data.tollgate.access.aws.helpers
import data.tollgate.lib
import rego.v1

kinds := {
	"aws_db_instance": "RDS instance",
	"aws_rds_cluster": "RDS cluster",
}

# METADATA
# title: RDS backup retention is below the minimum
# description: |
#   backup_retention_period on an aws_db_instance or aws_rds_cluster is lower than the
#   min_backup_retention_days parameter (7 by default), or not set (AWS then keeps
#   automated backups for 1 day): a corruption or a bad migration noticed after that
#   window cannot be undone with point-in-time recovery. Read replicas
#   (replicate_source_db) are not reported, and an explicit 0 on an instance is
#   reported by TG-AWS-020.
# related_resources:
# - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.html#USER_WorkingWithAutomatedBackups.BackupRetention
# - https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-11
# custom:
#   id: TG-AWS-140
#   severity: medium
#   category: backup
#   provider: aws
#   remediation: Set backup_retention_period to at least the minimum your recovery objectives require (7 days by default, at most 35), and keep longer copies with AWS Backup.
#   frameworks:
#     nist-800-53: ["CP-9"]
#     soc2: ["A1.2"]
deny contains finding if {
	input.type in {"aws_db_instance", "aws_rds_cluster"}
	r := input.resource
	lib.missing(r, "replicate_source_db")
	minimum := helpers.number(lib.param("min_backup_retention_days"))
	problem := short_retention(r, minimum)
	msg := sprintf("%s %q keeps automated backups for less than %d days (%s)", [kinds[input.type], input.name, minimum, problem])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "backup_retention_period"), msg)
}

short_retention(r, minimum) := sprintf("backup_retention_period = %d", [n]) if {
	n := helpers.number(r.backup_retention_period)
	n < minimum
	not zero_on_instance(n)
} else := "backup_retention_period is not set, default 1 day" if {
	lib.missing(r, "backup_retention_period")
	1 < minimum
}

# TG-AWS-020 reports disabled backups on an instance.
zero_on_instance(0) if input.type == "aws_db_instance"

# METADATA
# title: RDS cluster has no deletion protection
# description: |
#   deletion_protection is false, or not set (its default is false), on an
#   aws_rds_cluster: a terraform destroy, a replacement forced by a changed attribute or
#   a console mistake deletes the whole Aurora cluster and, unless a final snapshot is
#   taken, its automated backups with it.
# related_resources:
# - https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/USER_DeleteCluster.html#USER_DeletionProtection
# - https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-7
# custom:
#   id: TG-AWS-141
#   severity: low
#   category: backup
#   provider: aws
#   remediation: Set deletion_protection = true; turn it off deliberately, in a separate change, before deleting the cluster.
#   frameworks:
#     soc2: ["A1.2"]
deny contains finding if {
	input.type == "aws_rds_cluster"
	r := input.resource
	problem := helpers.off(r, "deletion_protection")
	msg := sprintf("RDS cluster %q has no deletion protection (%s)", [input.name, problem])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "deletion_protection"), msg)
}

# METADATA
# title: RDS does not copy tags to snapshots
# description: |
#   copy_tags_to_snapshot is false, or not set (its default is false), on an
#   aws_db_instance or aws_rds_cluster: snapshots lose the owner, data classification
#   and backup-policy tags that retention, cost and access decisions rely on, and
#   tag-based AWS Backup selections and IAM conditions stop matching them.
# related_resources:
# - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_Tagging.html#USER_Tagging.CopyTags
# - https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-17
# custom:
#   id: TG-AWS-142
#   severity: low
#   category: backup
#   provider: aws
#   remediation: Set copy_tags_to_snapshot = true.
deny contains finding if {
	input.type in {"aws_db_instance", "aws_rds_cluster"}
	r := input.resource
	problem := helpers.off(r, "copy_tags_to_snapshot")
	msg := sprintf("%s %q does not copy its tags to snapshots (%s)", [kinds[input.type], input.name, problem])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "copy_tags_to_snapshot"), msg)
}

# METADATA
# title: RDS instance is not Multi-AZ
# description: |
#   multi_az is false, or not set (its default is false), on an aws_db_instance: the
#   database runs in one Availability Zone, so a zone or host failure means a restore
#   from backup, with its data loss since the last transaction log upload and hours of
#   downtime, instead of an automatic failover. Read replicas are not reported.
# related_resources:
# - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZ.html
# - https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-5
# custom:
#   id: TG-AWS-143
#   severity: low
#   category: backup
#   provider: aws
#   remediation: Set multi_az = true for production databases (or use a Multi-AZ DB cluster or Aurora).
#   frameworks:
#     soc2: ["A1.2"]
deny contains finding if {
	input.type == "aws_db_instance"
	r := input.resource
	lib.missing(r, "replicate_source_db")
	problem := helpers.off(r, "multi_az")
	msg := sprintf("RDS instance %q runs in a single Availability Zone (%s)", [input.name, problem])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "multi_az"), msg)
}
