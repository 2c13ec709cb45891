package tollgate.audit.aws.apigateway_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.audit.aws.apigateway
import rego.v1

# resource "aws_api_gateway_stage" "prod" {                      # line 1
#   stage_name           = "prod"                                # line 2
#   rest_api_id          = aws_api_gateway_rest_api.api.id       # line 3 (unknown)
#   xray_tracing_enabled = XRAY                                  # line 4
#   access_log_settings {                                        # line 5
#     destination_arn = aws_cloudwatch_log_group.api.arn         # line 6 (unknown)
#     format          = "$context.requestId"                     # line 7
#   }                                                            # line 8
# }                                                              # line 9
logged := {"access_log_settings": [fx.block(5, 8, {"destination_arn": fx.unknown, "format": "$context.requestId"}, {"destination_arn": 6, "format": 7})]}

stage(type, attrs) := fx.doc(type, "prod", fx.block(1, 9, object.union({"stage_name": "prod", "rest_api_id": fx.unknown}, attrs), {"stage_name": 2, "rest_api_id": 3, "xray_tracing_enabled": 4}))

test_tg_aws_178_violation if {
	findings := apigateway.deny with input as stage("aws_api_gateway_stage", {"xray_tracing_enabled": true})
	fx.found(findings, "TG-AWS-178", fx.span(1, 9), `API Gateway stage "prod" does not write access logs (no access_log_settings block)`)
	count(findings) == 1
}

test_tg_aws_178_compliant if {
	count(apigateway.deny) == 0 with input as stage("aws_api_gateway_stage", object.union(logged, {"xray_tracing_enabled": true}))
	count(apigateway.deny) == 0 with input as stage("aws_apigatewayv2_stage", logged)
}

test_tg_aws_178_v2_stage if {
	fx.found(apigateway.deny, "TG-AWS-178", fx.span(1, 9), `API Gateway v2 stage "prod" does not write access logs (no access_log_settings block)`) with input as stage("aws_apigatewayv2_stage", {})
}

test_tg_aws_179_violation if {
	findings := apigateway.deny with input as stage("aws_api_gateway_stage", object.union(logged, {"xray_tracing_enabled": false}))
	fx.found(findings, "TG-AWS-179", fx.at(4), `API Gateway stage "prod" does not trace requests with X-Ray (xray_tracing_enabled = false)`)
	count(findings) == 1
}

test_tg_aws_179_compliant if {
	count(fx.ids(apigateway.deny, "TG-AWS-179")) == 0 with input as stage("aws_api_gateway_stage", object.union(logged, {"xray_tracing_enabled": true}))
	count(fx.ids(apigateway.deny, "TG-AWS-179")) == 0 with input as stage("aws_api_gateway_stage", object.union(logged, {"xray_tracing_enabled": fx.unknown}))
}

test_tg_aws_179_default_fires if {
	fx.found(apigateway.deny, "TG-AWS-179", fx.span(1, 9), `API Gateway stage "prod" does not trace requests with X-Ray (xray_tracing_enabled is not set, default false)`) with input as stage("aws_api_gateway_stage", logged)
}
