package tollgate.audit.aws.apigateway

import data.tollgate.access.aws.helpers
import data.tollgate.lib
import rego.v1

kinds := {
	"aws_api_gateway_stage": "API Gateway stage",
	"aws_apigatewayv2_stage": "API Gateway v2 stage",
}

# METADATA
# title: API Gateway stage access logging is disabled
# description: |
#   An aws_api_gateway_stage or aws_apigatewayv2_stage has no access_log_settings
#   block: the calls the API received, with caller addresses, identities, paths and
#   status codes, are not recorded, so abuse of the API cannot be traced.
# related_resources:
# - https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html
# - https://docs.aws.amazon.com/securityhub/latest/userguide/apigateway-controls.html#apigateway-9
# custom:
#   id: TG-AWS-178
#   severity: medium
#   category: audit
#   provider: aws
#   remediation: Add access_log_settings { destination_arn = aws_cloudwatch_log_group.<name>.arn, format = jsonencode({...}) } with the request id, caller, identity, route and status.
#   frameworks:
#     nist-800-53: ["AU-2", "AU-12"]
#     soc2: ["CC7.2"]
#     pci-dss-4.0: ["10.2.1"]
deny contains finding if {
	input.type in {"aws_api_gateway_stage", "aws_apigatewayv2_stage"}
	r := input.resource
	helpers.no_block(r, "access_log_settings")
	msg := sprintf("%s %q does not write access logs (no access_log_settings block)", [kinds[input.type], input.name])
	finding := lib.finding(rego.metadata.rule(), lib.loc(r), msg)
}

# METADATA
# title: API Gateway stage X-Ray tracing is disabled
# description: |
#   xray_tracing_enabled is false, or not set (its default is false), on an
#   aws_api_gateway_stage: requests cannot be followed from the API through the
#   Lambda functions and services behind it when investigating an incident or abuse.
# related_resources:
# - https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-xray.html
# - https://docs.aws.amazon.com/securityhub/latest/userguide/apigateway-controls.html#apigateway-3
# custom:
#   id: TG-AWS-179
#   severity: low
#   category: audit
#   provider: aws
#   remediation: Set xray_tracing_enabled = true (with a sampling rule that fits the traffic).
#   frameworks:
#     nist-800-53: ["AU-12"]
deny contains finding if {
	input.type == "aws_api_gateway_stage"
	r := input.resource
	problem := helpers.off(r, "xray_tracing_enabled")
	msg := sprintf("API Gateway stage %q does not trace requests with X-Ray (%s)", [input.name, problem])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "xray_tracing_enabled"), msg)
}
