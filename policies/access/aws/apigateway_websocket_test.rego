package tollgate.access.aws.apigateway_websocket_test

import data.tollgate.access.aws.apigateway_websocket
import data.tollgate.access.aws.fixture as fx
import rego.v1

# resource "aws_apigatewayv2_api" "chat" {   # line 1
#   name          = "chat"                   # line 2
#   protocol_type = PROTOCOL                 # line 3
# }                                          # line 4
api(protocol) := fx.doc("aws_apigatewayv2_api", "chat", fx.block(1, 4, {"name": "chat", "protocol_type": protocol}, {"name": 2, "protocol_type": 3}))

# resource "aws_apigatewayv2_stage" "prod" {    # line 6
#   api_id = aws_apigatewayv2_api.chat.id       # line 7
#   name   = "prod"                             # line 8
#   CERTIFICATE                                 # line 9
# }                                             # line 10
stage(attrs) := fx.block(6, 10, object.union({"api_id": fx.unknown, "name": "prod"}, attrs), {"api_id": 7, "name": 8, "client_certificate_id": 9})

test_tg_aws_563_violation if {
	findings := apigateway_websocket.deny with input as fx.with_related(api("WEBSOCKET"), "aws_apigatewayv2_stage", [stage({})])
	fx.found(findings, "TG-AWS-563", fx.span(6, 10), `WebSocket API "chat" has a stage "prod" without a client certificate for its backend (client_certificate_id is not set)`)
	count(findings) == 1
}

test_tg_aws_563_compliant if {
	count(apigateway_websocket.deny) == 0 with input as fx.with_related(api("WEBSOCKET"), "aws_apigatewayv2_stage", [stage({"client_certificate_id": "c1"})])
	count(apigateway_websocket.deny) == 0 with input as fx.with_related(api("WEBSOCKET"), "aws_apigatewayv2_stage", [stage({"client_certificate_id": fx.unknown})])
	count(apigateway_websocket.deny) == 0 with input as fx.with_related(api("HTTP"), "aws_apigatewayv2_stage", [stage({})])
	count(apigateway_websocket.deny) == 0 with input as api("WEBSOCKET")
}
