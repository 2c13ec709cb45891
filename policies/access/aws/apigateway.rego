package tollgate.access.aws.apigateway

import data.tollgate.lib
import rego.v1

# METADATA
# title: API Gateway method has no authorization
# description: |
#   An aws_api_gateway_method sets authorization = "NONE" and does not require an API key
#   (api_key_required defaults to false): anyone who finds the URL can call the
#   integration behind it. OPTIONS methods, which answer CORS preflight requests, are not
#   reported.
# related_resources:
# - https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-to-api.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/api_gateway_method#authorization
# custom:
#   id: TG-AWS-235
#   severity: medium
#   category: access
#   provider: aws
#   remediation: Set authorization to AWS_IAM, COGNITO_USER_POOLS or CUSTOM (with authorizer_id), or at least api_key_required = true with a usage plan.
#   frameworks:
#     nist-800-53: ["AC-3", "IA-2"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type == "aws_api_gateway_method"
	r := input.resource
	is_string(r.authorization)
	upper(r.authorization) == "NONE"
	not upper_or_unknown(r, "http_method") == "OPTIONS"
	not lib.is_true(object.get(r, "api_key_required", false))
	not lib.unknown(r, "api_key_required")
	msg := sprintf("API Gateway method %q has no authorization (authorization = %q, no API key required)", [input.name, r.authorization])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "authorization"), msg)
}

# An http_method not known statically could be OPTIONS.
upper_or_unknown(r, key) := "OPTIONS" if lib.unknown(r, key)

else := upper(r[key]) if is_string(r[key])

else := ""
