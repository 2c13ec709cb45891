package tollgate.encryption.aws.dynamodb_kms_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.encryption.aws.dynamodb_kms
import rego.v1

# resource "aws_dynamodb_table" "orders" {   # line 1
#   name     = "orders"                      # line 2
#   hash_key = "id"                          # line 3
#   server_side_encryption {                 # line 4
#     enabled     = ENABLED                  # line 5
#     kms_key_arn = KEY                      # line 6
#   }                                        # line 7
# }                                          # line 8
table(sse) := fx.doc("aws_dynamodb_table", "orders", fx.block(1, 8, object.union({"name": "orders", "hash_key": "id"}, sse), {"name": 2, "hash_key": 3}))

sse(attrs) := {"server_side_encryption": [fx.block(4, 7, attrs, {"enabled": 5, "kms_key_arn": 6})]}

test_tg_aws_093_violation if {
	findings := dynamodb_kms.deny with input as table(sse({"enabled": true}))
	fx.found(findings, "TG-AWS-093", fx.span(4, 7), `DynamoDB table "orders" is encrypted with the AWS managed key aws/dynamodb (server_side_encryption has no kms_key_arn)`)
	count(findings) == 1
}

test_tg_aws_093_compliant if {
	count(dynamodb_kms.deny) == 0 with input as table(sse({"enabled": true, "kms_key_arn": fx.unknown}))
	count(dynamodb_kms.deny) == 0 with input as table(sse({"enabled": true, "kms_key_arn": "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"}))
}

test_tg_aws_093_aws_owned_key if {
	fx.found(dynamodb_kms.deny, "TG-AWS-093", fx.span(1, 8), `DynamoDB table "orders" is encrypted with an AWS owned key (no server_side_encryption block)`) with input as table({})
	fx.found(dynamodb_kms.deny, "TG-AWS-093", fx.at(5), `DynamoDB table "orders" is encrypted with an AWS owned key (server_side_encryption enabled = false)`) with input as table(sse({"enabled": false}))
}

test_tg_aws_093_unknown_does_not_fire if {
	count(dynamodb_kms.deny) == 0 with input as table(sse({"enabled": fx.unknown}))
}
