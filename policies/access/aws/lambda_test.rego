package tollgate.access.aws.lambda_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.access.aws.lambda
import rego.v1

# resource "aws_lambda_function_url" "api" {        # line 1
#   function_name      = aws_lambda_function.api.function_name   # line 2 (unknown)
#   authorization_type = AUTH                       # line 3
# }                                                 # line 4
url(auth) := fx.doc("aws_lambda_function_url", "api", fx.block(1, 4, {"function_name": fx.unknown, "authorization_type": auth}, {"function_name": 2, "authorization_type": 3}))

test_tg_aws_060_violation if {
	findings := lambda.deny with input as url("NONE")
	fx.found(findings, "TG-AWS-060", fx.at(3), `Lambda function URL "api" has no authentication (authorization_type = "NONE")`)
	count(findings) == 1
}

test_tg_aws_060_compliant if {
	count(lambda.deny) == 0 with input as url("AWS_IAM")
	count(lambda.deny) == 0 with input as url(fx.unknown)
}

# resource "aws_lambda_permission" "s3" {                  # line 1
#   statement_id  = "AllowInvoke"                          # line 2
#   action        = "lambda:InvokeFunction"                # line 3
#   function_name = aws_lambda_function.api.function_name  # line 4 (unknown)
#   principal     = PRINCIPAL                              # line 5
#   source_arn    = SOURCE                                 # line 6
# }                                                        # line 7
permission(attrs) := fx.doc("aws_lambda_permission", "s3", fx.block(
	1, 7, object.union(
		{"statement_id": "AllowInvoke", "action": "lambda:InvokeFunction", "function_name": fx.unknown},
		attrs,
	),
	{"statement_id": 2, "action": 3, "function_name": 4, "principal": 5, "source_arn": 6, "source_account": 6, "principal_org_id": 6},
))

test_tg_aws_061_violation if {
	findings := lambda.deny with input as permission({"principal": "*"})
	fx.found(findings, "TG-AWS-061", fx.at(5), `Lambda permission "s3" lets any principal use the function (principal = "*" with no source_arn, source_account or principal_org_id)`)
	count(findings) == 1
}

test_tg_aws_061_compliant if {
	count(lambda.deny) == 0 with input as permission({"principal": "s3.amazonaws.com", "source_arn": "arn:aws:s3:::acme-uploads"})
	count(lambda.deny) == 0 with input as permission({"principal": "*", "source_arn": fx.unknown})
	count(lambda.deny) == 0 with input as permission({"principal": "*", "principal_org_id": "o-a1b2c3d4e5"})
	count(lambda.deny) == 0 with input as permission({"principal": fx.unknown})
}

test_tg_aws_253_violation if {
	findings := lambda.deny with input as permission({"principal": "s3.amazonaws.com"})
	fx.found(findings, "TG-AWS-253", fx.at(5), `Lambda permission "s3" lets every s3.amazonaws.com resource use the function (source_arn is not set)`)
	count(findings) == 1
	count(lambda.deny) == 1 with input as permission({"principal": "sns.amazonaws.com", "source_account": "123456789012"})
}

test_tg_aws_253_compliant if {
	count(lambda.deny) == 0 with input as permission({"principal": "s3.amazonaws.com", "source_arn": "arn:aws:s3:::acme-uploads"})
	count(lambda.deny) == 0 with input as permission({"principal": "events.amazonaws.com", "source_arn": fx.unknown})
	count(lambda.deny) == 0 with input as permission({"principal": "123456789012"})
	count(lambda.deny) == 0 with input as permission({"principal": fx.unknown})
}
