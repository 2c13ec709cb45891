package tollgate.access.cloudformation.lambda

import data.tollgate.lib
import rego.v1

# METADATA
# title: CloudFormation Lambda permission allows any principal
# description: |
#   An AWS::Lambda::Permission grants Principal "*" without SourceArn, SourceAccount or
#   PrincipalOrgID: any AWS account, or any anonymous caller the action allows, can
#   invoke (or otherwise use) the function. The permission that makes a function URL
#   public (FunctionUrlAuthType NONE) is reported on its AWS::Lambda::Url by TG-CFN-021.
# related_resources:
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-lambda-permission.html
# - https://docs.aws.amazon.com/securityhub/latest/userguide/lambda-controls.html#lambda-1
# custom:
#   id: TG-CFN-020
#   severity: high
#   category: access
#   provider: aws
#   remediation: Set Principal to the service or account that calls the function, and narrow it with SourceArn, SourceAccount or PrincipalOrgID.
#   frameworks:
#     nist-800-53: ["AC-3", "AC-6"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type == "AWS::Lambda::Permission"
	p := input.resource.Properties
	p.Principal == "*"
	lib.missing(p, "SourceArn")
	lib.missing(p, "SourceAccount")
	lib.missing(p, "PrincipalOrgID")
	not p.FunctionUrlAuthType == "NONE"
	msg := sprintf("Lambda permission %q lets any principal use the function (Principal \"*\" with no SourceArn, SourceAccount or PrincipalOrgID)", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(p, "Principal"), msg)
}

# METADATA
# title: CloudFormation Lambda function URL has no authentication
# description: |
#   AuthType is NONE on an AWS::Lambda::Url: anyone who finds the URL can invoke the
#   function, run up its cost and reach whatever its execution role can.
# related_resources:
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-lambda-url.html
# - https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html
# custom:
#   id: TG-CFN-021
#   severity: high
#   category: access
#   provider: aws
#   remediation: Set AuthType to AWS_IAM and sign requests with SigV4, or put the function behind API Gateway or CloudFront with an authorizer.
#   frameworks:
#     nist-800-53: ["AC-3", "IA-2"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type == "AWS::Lambda::Url"
	p := input.resource.Properties
	p.AuthType == "NONE"
	msg := sprintf("Lambda function URL %q has no authentication (AuthType: NONE)", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(p, "AuthType"), msg)
}
