package tollgate.backup.aws.backup_vault

import data.tollgate.access.aws.helpers
import data.tollgate.lib
import rego.v1

# METADATA
# title: AWS Backup vault has no vault lock
# description: |
#   No aws_backup_vault_lock_configuration refers to the aws_backup_vault: an attacker
#   or an insider with backup permissions can delete the recovery points, or shorten
#   their retention, before encrypting or destroying the production data, which is how
#   ransomware removes the way back.
# related_resources:
# - https://docs.aws.amazon.com/aws-backup/latest/devguide/vault-lock.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/backup_vault_lock_configuration
# custom:
#   id: TG-AWS-150
#   severity: low
#   category: backup
#   provider: aws
#   remediation: Add an aws_backup_vault_lock_configuration with min_retention_days (and changeable_for_days for compliance mode once the settings are proven).
#   frameworks:
#     nist-800-53: ["CP-9"]
#     soc2: ["A1.2"]
deny contains finding if {
	input.type == "aws_backup_vault"
	not helpers.has_related("aws_backup_vault_lock_configuration")
	msg := sprintf("backup vault %q has no vault lock (no aws_backup_vault_lock_configuration refers to it)", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.loc(input.resource), msg)
}
