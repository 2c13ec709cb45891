package tollgate.backup.aws.dynamodb_deletion

import data.tollgate.access.aws.helpers
import data.tollgate.lib
import rego.v1

# METADATA
# title: DynamoDB table has no deletion protection
# description: |
#   deletion_protection_enabled is false, or not set (its default is false), on an
#   aws_dynamodb_table: a terraform destroy, a replacement forced by a changed key
#   schema or a console mistake deletes the table, and with it its point-in-time
#   recovery history.
# related_resources:
# - https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/WorkingWithTables.Basics.html#WorkingWithTables.Basics.DeletionProtection
# - https://docs.aws.amazon.com/securityhub/latest/userguide/dynamodb-controls.html#dynamodb-6
# custom:
#   id: TG-AWS-152
#   severity: low
#   category: backup
#   provider: aws
#   remediation: Set deletion_protection_enabled = true; turn it off deliberately, in a separate change, before deleting the table.
#   frameworks:
#     soc2: ["A1.2"]
deny contains finding if {
	input.type == "aws_dynamodb_table"
	r := input.resource
	problem := helpers.off(r, "deletion_protection_enabled")
	msg := sprintf("DynamoDB table %q has no deletion protection (%s)", [input.name, problem])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "deletion_protection_enabled"), msg)
}
