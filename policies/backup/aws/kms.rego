package tollgate.backup.aws.kms

import data.tollgate.access.aws.helpers
import data.tollgate.lib
import rego.v1

# The longest waiting period AWS KMS allows, and its default.
min_deletion_window_days := lib.param("min_kms_deletion_window_days")

# METADATA
# title: KMS key deletion window is short
# description: |
#   deletion_window_in_days on an aws_kms_key is lower than 30 days (the default and
#   the maximum). Deleting a key makes everything encrypted under it, backups included,
#   unrecoverable; the waiting period is the only time left to notice a mistaken or
#   malicious ScheduleKeyDeletion and cancel it.
# related_resources:
# - https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys.html#deleting-keys-scheduling-key-deletion
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/kms_key#deletion_window_in_days
# custom:
#   id: TG-AWS-151
#   severity: low
#   category: backup
#   provider: aws
#   remediation: Remove deletion_window_in_days (30 days by default) or set it to 30, and alarm on ScheduleKeyDeletion events.
#   frameworks:
#     nist-800-53: ["SC-12"]
deny contains finding if {
	input.type == "aws_kms_key"
	r := input.resource
	days := helpers.number(r.deletion_window_in_days)
	days < min_deletion_window_days
	msg := sprintf("KMS key %q can be deleted %d days after deletion is scheduled (deletion_window_in_days = %d), less than %d", [input.name, days, days, min_deletion_window_days])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "deletion_window_in_days"), msg)
}
