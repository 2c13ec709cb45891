package tollgate.encryption.aws.dynamodb_kms

import data.tollgate.lib
import rego.v1

# METADATA
# title: DynamoDB table is not encrypted with a customer managed key
# description: |
#   The aws_dynamodb_table has no server_side_encryption block, or one with enabled =
#   false (the table is then encrypted with an AWS owned key), or enabled = true without
#   kms_key_arn (the AWS managed key aws/dynamodb). With either, the account cannot
#   write the key policy: access to the data cannot be revoked separately from
#   DynamoDB permissions, and key use is not audited per key.
# related_resources:
# - https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/EncryptionAtRest.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/dynamodb_table#server_side_encryption
# custom:
#   id: TG-AWS-093
#   severity: low
#   category: encryption
#   provider: aws
#   remediation: Add server_side_encryption { enabled = true, kms_key_arn = aws_kms_key.<name>.arn } with a customer managed key.
#   frameworks:
#     nist-800-53: ["SC-12", "SC-28"]
deny contains finding if {
	input.type == "aws_dynamodb_table"
	some v in default_keys
	finding := lib.finding(rego.metadata.rule(), v.location, v.message)
}

default_keys contains v if {
	r := input.resource
	no_block(r, "server_side_encryption")
	v := {
		"location": lib.loc(r),
		"message": sprintf("DynamoDB table %q is encrypted with an AWS owned key (no server_side_encryption block)", [input.name]),
	}
}

default_keys contains v if {
	some sse in input.resource.server_side_encryption
	lib.is_false(sse.enabled)
	v := {
		"location": lib.attr_loc(sse, "enabled"),
		"message": sprintf("DynamoDB table %q is encrypted with an AWS owned key (server_side_encryption enabled = false)", [input.name]),
	}
}

default_keys contains v if {
	some sse in input.resource.server_side_encryption
	lib.is_true(sse.enabled)
	lib.missing(sse, "kms_key_arn")
	v := {
		"location": lib.loc(sse),
		"message": sprintf("DynamoDB table %q is encrypted with the AWS managed key aws/dynamodb (server_side_encryption has no kms_key_arn)", [input.name]),
	}
}

no_block(obj, key) if lib.missing(obj, key)

no_block(obj, key) if obj[key] == []
