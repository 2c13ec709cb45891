package tollgate.access.cloudformation.apigateway

import data.tollgate.lib
import rego.v1

# METADATA
# title: CloudFormation API Gateway method has no authorization
# description: |
#   An AWS::ApiGateway::Method sets AuthorizationType to NONE, or leaves it out (NONE is
#   then used), and does not require an API key (ApiKeyRequired defaults to false): anyone
#   who finds the URL can call the integration behind it. OPTIONS methods, which answer
#   CORS preflight requests, are not reported, nor is a method whose HttpMethod or
#   authorization the template does not decide.
# related_resources:
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigateway-method.html#cfn-apigateway-method-authorizationtype
# - https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-to-api.html
# custom:
#   id: TG-CFN-106
#   severity: medium
#   category: access
#   provider: aws
#   remediation: Set AuthorizationType to AWS_IAM, COGNITO_USER_POOLS or CUSTOM (with an AuthorizerId), or at least require an API key with a usage plan for machine clients.
#   frameworks:
#     nist-800-53: ["AC-3", "IA-2"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type == "AWS::ApiGateway::Method"
	p := input.resource.Properties
	is_string(p.HttpMethod)
	upper(p.HttpMethod) != "OPTIONS"
	problem := open(p)
	not api_key(p)
	msg := sprintf("API Gateway method %q (%s) can be called without authorization (%s, no API key)", [input.name, upper(p.HttpMethod), problem])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(p, "AuthorizationType"), msg)
}

open(p) := "AuthorizationType: NONE" if {
	is_string(p.AuthorizationType)
	upper(p.AuthorizationType) == "NONE"
} else := "AuthorizationType is not set, default NONE" if {
	lib.missing(p, "AuthorizationType")
	lib.missing(p, "AuthorizerId")
}

api_key(p) if lib.is_true(p.ApiKeyRequired)

api_key(p) if lib.unknown(p, "ApiKeyRequired")
