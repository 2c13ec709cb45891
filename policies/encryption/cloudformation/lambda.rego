package tollgate.encryption.cloudformation.lambda

import data.tollgate.access.cloudformation.helpers
import data.tollgate.lib
import rego.v1

kinds := {
	"AWS::Lambda::Function": "Lambda function",
	"AWS::Serverless::Function": "serverless function",
}

# METADATA
# title: CloudFormation Lambda environment variables are not encrypted with a customer managed key
# description: |
#   An AWS::Lambda::Function (or a SAM AWS::Serverless::Function) sets Environment
#   Variables but no KmsKeyArn: they are encrypted with the AWS managed key aws/lambda,
#   which every identity allowed to read the function's configuration can use, so
#   lambda:GetFunctionConfiguration alone reveals any credential kept there. Variables
#   whose values the template does not decide count as set.
# related_resources:
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-lambda-function.html#cfn-lambda-function-kmskeyarn
# - https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars-encryption.html
# custom:
#   id: TG-CFN-039
#   severity: low
#   category: encryption
#   provider: aws
#   remediation: Set KmsKeyArn to a customer managed KMS key whose key policy only the function's role can use, and keep secrets in Secrets Manager or SSM Parameter Store rather than in environment variables.
#   frameworks:
#     nist-800-53: ["SC-12", "SC-28"]
deny contains finding if {
	input.type in {"AWS::Lambda::Function", "AWS::Serverless::Function"}
	p := input.resource.Properties
	env := p.Environment
	variables_set(env.Variables)
	lib.missing(p, "KmsKeyArn")
	msg := sprintf("%s %q has environment variables encrypted only with the AWS managed key (no KmsKeyArn)", [kinds[input.type], input.name])
	finding := lib.finding(rego.metadata.rule(), helpers.where(env, p, "Environment"), msg)
}

variables_set(vars) if count(helpers.members(vars)) > 0

# Every variable's value is unknown (!Ref, !GetAtt): they are set all the same.
variables_set(vars) if count(object.get(vars, ["__loc", "attrs"], {})) > 0
