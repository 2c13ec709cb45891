package tollgate.backup.aws.efs

import data.tollgate.lib
import rego.v1

# METADATA
# title: EFS automatic backups are disabled
# description: |
#   An aws_efs_backup_policy sets backup_policy status = "DISABLED": the file system is
#   left out of the AWS Backup default plan, so a deleted or encrypted file cannot be
#   restored unless another plan happens to select the file system.
# related_resources:
# - https://docs.aws.amazon.com/efs/latest/ug/awsbackup.html#automatic-backups
# - https://docs.aws.amazon.com/securityhub/latest/userguide/efs-controls.html#efs-2
# custom:
#   id: TG-AWS-155
#   severity: medium
#   category: backup
#   provider: aws
#   remediation: Set status = "ENABLED" in backup_policy, or select the file system in an aws_backup_selection of your own plan.
#   frameworks:
#     nist-800-53: ["CP-9"]
#     soc2: ["A1.2"]
deny contains finding if {
	input.type == "aws_efs_backup_policy"
	some policy in input.resource.backup_policy
	policy.status == "DISABLED"
	msg := sprintf("EFS backup policy %q disables automatic backups (status = \"DISABLED\")", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(policy, "status"), msg)
}
