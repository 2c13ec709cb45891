package tollgate.audit.aws.apigateway_method_settings_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.audit.aws.apigateway_method_settings as ms
import rego.v1

# resource "aws_api_gateway_stage" "prod" {        # line 1
#   stage_name    = "prod"                         # line 2
#   rest_api_id   = aws_api_gateway_rest_api.api.id # line 3
#   deployment_id = aws_api_gateway_deployment.d.id # line 4
# }                                                # line 5
stage := fx.doc("aws_api_gateway_stage", "prod", fx.block(1, 5, {"stage_name": "prod", "rest_api_id": fx.unknown, "deployment_id": fx.unknown}, {"stage_name": 2, "rest_api_id": 3, "deployment_id": 4}))

# resource "aws_api_gateway_method_settings" "all" {  # line 7
#   method_path = "*/*"                               # line 8
#   settings {                                        # line 9
#     logging_level   = LEVEL                         # line 10
#     metrics_enabled = METRICS                       # line 11
#   }                                                 # line 12
# }                                                   # line 13
method_settings(settings) := fx.block(7, 13, {"method_path": "*/*", "settings": [fx.block(9, 12, settings, {"logging_level": 10, "metrics_enabled": 11})]}, {"method_path": 8})

with_settings(settings) := fx.with_related(stage, "aws_api_gateway_method_settings", [method_settings(s) | some s in settings])

test_tg_aws_548_violation if {
	none := ms.deny with input as stage
	fx.found(none, "TG-AWS-548", fx.span(1, 5), `API Gateway stage "prod" writes no execution logs and publishes no detailed metrics (no aws_api_gateway_method_settings refers to it; logging_level is OFF and metrics_enabled false by default)`)
	count(none) == 1

	no_logs := `API Gateway stage "prod" writes no execution logs (no aws_api_gateway_method_settings of the stage sets logging_level to ERROR or INFO)`
	no_metrics := `API Gateway stage "prod" publishes no detailed metrics (no aws_api_gateway_method_settings of the stage sets metrics_enabled = true)`
	off := ms.deny with input as with_settings([{"logging_level": "OFF", "metrics_enabled": true}])
	fx.found(off, "TG-AWS-548", fx.span(1, 5), no_logs)
	count(off) == 1
	unset := ms.deny with input as with_settings([{}])
	fx.found(unset, "TG-AWS-548", fx.span(1, 5), no_logs)
	fx.found(unset, "TG-AWS-548", fx.span(1, 5), no_metrics)
	count(unset) == 2
	fx.found(ms.deny, "TG-AWS-548", fx.span(1, 5), no_metrics) with input as with_settings([{"logging_level": "INFO", "metrics_enabled": false}])
}

test_tg_aws_548_compliant if {
	count(ms.deny) == 0 with input as with_settings([{"logging_level": "INFO", "metrics_enabled": true}])
	count(ms.deny) == 0 with input as with_settings([{"logging_level": "ERROR", "metrics_enabled": "true"}])
	count(ms.deny) == 0 with input as with_settings([{"logging_level": "OFF", "metrics_enabled": true}, {"logging_level": "ERROR"}])
	count(ms.deny) == 0 with input as with_settings([{"logging_level": fx.unknown, "metrics_enabled": fx.unknown}])
	count(ms.deny) == 0 with input as fx.with_related(stage, "aws_api_gateway_method_settings", [fx.block(7, 13, {"method_path": "*/*", "settings": fx.unknown}, {"settings": [9, 12]})])
	count(ms.deny) == 0 with input as object.union(stage, {"related_unknown": true})
}
