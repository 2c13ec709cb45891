package tollgate.encryption.aws.lambda_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.encryption.aws.lambda
import rego.v1

# resource "aws_lambda_function" "api" {          # line 1
#   function_name = "api"                         # line 2
#   role          = aws_iam_role.api.arn          # line 3 (unknown)
#   kms_key_arn   = KEY                           # line 4
#   environment {                                 # line 5
#     variables = { LOG_LEVEL = "info" }          # line 6
#   }                                             # line 7
# }                                               # line 8
function(attrs, variables) := fx.doc("aws_lambda_function", "api", fx.block(
	1, 8, object.union(
		{"function_name": "api", "role": fx.unknown, "environment": [fx.block(5, 7, {"variables": variables}, {"variables": 6})]},
		attrs,
	),
	{"function_name": 2, "role": 3, "kms_key_arn": 4},
))

test_tg_aws_107_violation if {
	findings := lambda.deny with input as function({}, {"LOG_LEVEL": "info"})
	fx.found(findings, "TG-AWS-107", fx.span(5, 7), `Lambda function "api" keeps environment variables under the AWS managed key (kms_key_arn is not set)`)
	count(findings) == 1
}

test_tg_aws_107_compliant if {
	count(lambda.deny) == 0 with input as function({"kms_key_arn": "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"}, {"LOG_LEVEL": "info"})
	count(lambda.deny) == 0 with input as function({}, {})
}

test_tg_aws_107_unknown_does_not_fire if {
	count(lambda.deny) == 0 with input as function({"kms_key_arn": fx.unknown}, {"LOG_LEVEL": "info"})
	count(lambda.deny) == 0 with input as function({}, fx.unknown)
}
