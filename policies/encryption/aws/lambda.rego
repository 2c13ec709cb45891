package tollgate.encryption.aws.lambda

import data.tollgate.lib
import rego.v1

# METADATA
# title: Lambda environment variables are not encrypted with a customer managed key
# description: |
#   An aws_lambda_function sets environment variables but no kms_key_arn: they are
#   encrypted with the AWS managed key aws/lambda, which every identity allowed to read
#   the function's configuration can use, so lambda:GetFunctionConfiguration alone
#   reveals any credential kept there.
# related_resources:
# - https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars-encryption.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/lambda_function#kms_key_arn
# custom:
#   id: TG-AWS-107
#   severity: low
#   category: encryption
#   provider: aws
#   remediation: Keep secrets in Secrets Manager or SSM Parameter Store and read them at run time; otherwise set kms_key_arn to a customer managed key that only the function's role can decrypt with.
#   frameworks:
#     nist-800-53: ["SC-12", "SC-28"]
deny contains finding if {
	input.type == "aws_lambda_function"
	r := input.resource
	lib.missing(r, "kms_key_arn")
	some env in r.environment
	is_object(env.variables)
	count(env.variables) > 0
	msg := sprintf("Lambda function %q keeps environment variables under the AWS managed key (kms_key_arn is not set)", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.loc(env), msg)
}
