package tollgate.access.aws.lambda

import data.tollgate.lib
import rego.v1

# METADATA
# title: Lambda function URL has no authentication
# description: |
#   authorization_type = "NONE" on an aws_lambda_function_url: anyone who finds the URL
#   can invoke the function, run up its cost and reach whatever its execution role can.
# related_resources:
# - https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/lambda_function_url
# custom:
#   id: TG-AWS-060
#   severity: high
#   category: access
#   provider: aws
#   remediation: Set authorization_type = "AWS_IAM" and sign requests with SigV4, or put the function behind API Gateway or CloudFront with an authorizer.
#   frameworks:
#     nist-800-53: ["AC-3", "IA-2"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type == "aws_lambda_function_url"
	r := input.resource
	r.authorization_type == "NONE"
	msg := sprintf("Lambda function URL %q has no authentication (authorization_type = \"NONE\")", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "authorization_type"), msg)
}

# METADATA
# title: Lambda permission allows any principal
# description: |
#   An aws_lambda_permission grants principal = "*" without source_arn, source_account
#   or principal_org_id: any AWS account or anonymous caller allowed by the action can
#   invoke (or otherwise use) the function.
# related_resources:
# - https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html
# - https://docs.aws.amazon.com/securityhub/latest/userguide/lambda-controls.html#lambda-1
# custom:
#   id: TG-AWS-061
#   severity: high
#   category: access
#   provider: aws
#   remediation: Set principal to the service or account that calls the function, and narrow it with source_arn, source_account or principal_org_id.
#   frameworks:
#     nist-800-53: ["AC-3", "AC-6"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type == "aws_lambda_permission"
	r := input.resource
	r.principal == "*"
	lib.missing(r, "source_arn")
	lib.missing(r, "source_account")
	lib.missing(r, "principal_org_id")
	msg := sprintf("Lambda permission %q lets any principal use the function (principal = \"*\" with no source_arn, source_account or principal_org_id)", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "principal"), msg)
}

# METADATA
# title: Lambda permission for an AWS service has no source ARN
# description: |
#   An aws_lambda_permission grants an AWS service principal (s3.amazonaws.com,
#   sns.amazonaws.com, events.amazonaws.com...) the right to use the function without
#   source_arn. Any resource of that service, including one in another account (a bucket
#   whose notifications anyone can point at the function), can then invoke it: the
#   confused deputy problem. source_account alone still admits every resource of the
#   service in that account.
# related_resources:
# - https://docs.aws.amazon.com/lambda/latest/dg/permissions-function-services.html
# - https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html
# custom:
#   id: TG-AWS-253
#   severity: medium
#   category: access
#   provider: aws
#   remediation: Set source_arn to the ARN of the resource that invokes the function (the bucket, topic or rule), and source_account for S3 buckets.
#   frameworks:
#     nist-800-53: ["AC-3", "AC-6"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type == "aws_lambda_permission"
	r := input.resource
	is_string(r.principal)
	endswith(r.principal, ".amazonaws.com")
	lib.missing(r, "source_arn")
	msg := sprintf("Lambda permission %q lets every %s resource use the function (source_arn is not set)", [input.name, r.principal])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "principal"), msg)
}
