package tollgate.encryption.aws.backup_vault

import data.tollgate.lib
import rego.v1

# METADATA
# title: Backup vault is not encrypted with a customer managed key
# description: |
#   The aws_backup_vault has no kms_key_arn: recovery points of services that AWS Backup
#   encrypts itself are protected by the AWS managed key aws/backup, whose policy the
#   account cannot restrict, so backup access cannot be separated from key use.
# related_resources:
# - https://docs.aws.amazon.com/aws-backup/latest/devguide/encryption.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/backup_vault#kms_key_arn
# custom:
#   id: TG-AWS-109
#   severity: low
#   category: encryption
#   provider: aws
#   remediation: Set kms_key_arn to a customer managed KMS key dedicated to backups, administered by a different team than the workloads.
#   frameworks:
#     nist-800-53: ["SC-12", "SC-28"]
deny contains finding if {
	input.type == "aws_backup_vault"
	r := input.resource
	lib.missing(r, "kms_key_arn")
	msg := sprintf("Backup vault %q encrypts recovery points with the AWS managed key aws/backup (kms_key_arn is not set)", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.loc(r), msg)
}
