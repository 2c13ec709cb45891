package tollgate.backup.aws.dynamodb

import data.tollgate.lib
import rego.v1

# METADATA
# title: DynamoDB table has no point-in-time recovery
# description: |
#   The aws_dynamodb_table has no point_in_time_recovery block, or one with enabled = false:
#   the table cannot be restored to a moment of the last 35 days after an accidental write
#   or delete.
# related_resources:
# - https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/dynamodb_table#point_in_time_recovery
# custom:
#   id: TG-AWS-022
#   severity: medium
#   category: backup
#   provider: aws
#   remediation: Add point_in_time_recovery { enabled = true } to the table.
#   frameworks:
#     nist-800-53: ["CP-9"]
#     soc2: ["A1.2"]
deny contains finding if {
	input.type == "aws_dynamodb_table"
	some v in pitr_off
	finding := lib.finding(rego.metadata.rule(), v.location, v.message)
}

pitr_off contains v if {
	input.type == "aws_dynamodb_table"
	r := input.resource
	no_block(r, "point_in_time_recovery")
	v := {
		"location": lib.loc(r),
		"message": sprintf("DynamoDB table %q has no point_in_time_recovery block", [input.name]),
	}
}

pitr_off contains v if {
	input.type == "aws_dynamodb_table"
	some block in input.resource.point_in_time_recovery
	disabled(block.enabled)
	v := {
		"location": lib.attr_loc(block, "enabled"),
		"message": sprintf("DynamoDB table %q has point-in-time recovery disabled", [input.name]),
	}
}

no_block(obj, key) if lib.missing(obj, key)

# A dynamic block that produced no block at all.
no_block(obj, key) if obj[key] == []

# lib.is_false is given strings only: on a boolean true it would raise a type error
# when builtin errors are strict.
disabled(v) if v == false

disabled(v) if {
	is_string(v)
	lib.is_false(v)
}
