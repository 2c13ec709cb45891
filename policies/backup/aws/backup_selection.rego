package tollgate.backup.aws.backup_selection

import data.tollgate.access.aws.helpers
import data.tollgate.lib
import rego.v1

kinds := {
	"aws_rds_cluster": "RDS cluster",
	"aws_efs_file_system": "EFS file system",
	"aws_ebs_volume": "EBS volume",
}

# METADATA
# title: Database cluster, file system or EBS volume is in no AWS Backup plan
# description: |
#   No aws_backup_selection of the configuration refers to this aws_rds_cluster,
#   aws_efs_file_system or aws_ebs_volume (and, for a file system, no aws_efs_backup_policy
#   turns on its automatic backups): its only copies are the service's own short-lived
#   automated backups, or for a volume none at all, with no independent retention, vault
#   lock or cross-region copy. Selections by tag or made in another configuration (and
#   volume snapshots by an aws_dlm_lifecycle_policy) cannot be seen from here; a resource
#   protected that way is reported and can be excepted.
# related_resources:
# - https://docs.aws.amazon.com/aws-backup/latest/devguide/assigning-resources.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/backup_selection
# custom:
#   id: TG-AWS-481
#   severity: low
#   category: backup
#   provider: aws
#   remediation: Add an aws_backup_selection of an aws_backup_plan whose resources list the cluster's, file system's or volume's ARN (for EFS, an aws_efs_backup_policy with status = "ENABLED" also does).
#   frameworks:
#     nist-800-53: ["CP-9"]
#     soc2: ["A1.2"]
deny contains finding if {
	input.type in {"aws_rds_cluster", "aws_efs_file_system", "aws_ebs_volume"}
	not helpers.has_related("aws_backup_selection")
	not efs_backup_policy
	msg := sprintf("%s %q is not in any AWS Backup plan (no aws_backup_selection refers to it)", [kinds[input.type], input.name])
	finding := lib.finding(rego.metadata.rule(), lib.loc(input.resource), msg)
}

efs_backup_policy if {
	input.type == "aws_efs_file_system"
	helpers.has_related("aws_efs_backup_policy")
}
