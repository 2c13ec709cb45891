package tollgate.access.cloudformation.lambda_source

import data.tollgate.lib
import rego.v1

# METADATA
# title: CloudFormation Lambda permission for an AWS service names no source ARN
# description: |
#   An AWS::Lambda::Permission grants invocation to an AWS service principal (one ending in
#   .amazonaws.com, such as s3.amazonaws.com or sns.amazonaws.com) without SourceArn: any
#   resource of that service, in any account (or any resource of the account named by
#   SourceAccount), can invoke the function, a confused deputy that lets others trigger it
#   with data of their choosing. A principal or SourceArn the template does not decide is not
#   evaluated.
# related_resources:
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-lambda-permission.html#cfn-lambda-permission-sourcearn
# - https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html
# custom:
#   id: TG-CFN-144
#   severity: medium
#   category: access
#   provider: aws
#   remediation: Set SourceArn to the bucket, topic, rule or API that invokes the function (and SourceAccount for S3).
#   frameworks:
#     nist-800-53: ["AC-3", "AC-6"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type == "AWS::Lambda::Permission"
	p := input.resource.Properties
	is_string(p.Principal)
	endswith(p.Principal, ".amazonaws.com")
	lib.missing(p, "SourceArn")
	msg := sprintf("Lambda permission %q lets any %s resource invoke the function (no SourceArn)", [input.name, p.Principal])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(p, "Principal"), msg)
}
