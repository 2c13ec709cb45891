package tollgate.access.cloudformation.lambda_url_cors

import data.tollgate.access.cloudformation.helpers
import data.tollgate.lib
import rego.v1

# METADATA
# title: CloudFormation Lambda function URL allows any origin to call any method
# description: |
#   The Cors of an AWS::Lambda::Url has "*" in both AllowOrigins and AllowMethods: scripts
#   on any website a user visits can send any request to the function from the user's
#   browser and read the answers.
# related_resources:
# - https://docs.aws.amazon.com/lambda/latest/dg/urls-configuration.html#urls-cors
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-lambda-url-cors.html
# custom:
#   id: TG-CFN-177
#   severity: low
#   category: access
#   provider: aws
#   remediation: List the web origins that call the function in Cors.AllowOrigins and the methods they use in Cors.AllowMethods.
#   frameworks:
#     nist-800-53: ["AC-4", "SC-7"]
#     soc2: ["CC6.6"]
deny contains finding if {
	input.type == "AWS::Lambda::Url"
	cors := input.resource.Properties.Cors
	"*" in helpers.strings_of(cors.AllowOrigins)
	"*" in helpers.strings_of(cors.AllowMethods)
	msg := sprintf("Lambda function URL %q lets any origin call it with any method (Cors AllowOrigins and AllowMethods are \"*\")", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(cors, "AllowOrigins"), msg)
}
