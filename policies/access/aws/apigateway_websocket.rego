package tollgate.access.aws.apigateway_websocket

import data.tollgate.access.aws.helpers
import data.tollgate.lib
import rego.v1

# METADATA
# title: WebSocket API stage does not authenticate to its backend with a client certificate
# description: |
#   An aws_apigatewayv2_stage of an aws_apigatewayv2_api with protocol_type "WEBSOCKET"
#   sets no client_certificate_id: API Gateway presents no certificate when it calls the
#   HTTP integrations behind the stage, so the backend cannot tell messages relayed by API
#   Gateway from requests sent to it directly. HTTP APIs, whose stages cannot use client
#   certificates, are not reported. Reported on the API, at the stage.
# related_resources:
# - https://docs.aws.amazon.com/apigateway/latest/developerguide/getting-started-client-side-ssl-authentication.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/apigatewayv2_stage#client_certificate_id
# custom:
#   id: TG-AWS-563
#   severity: low
#   category: access
#   provider: aws
#   remediation: Create an aws_api_gateway_client_certificate, set client_certificate_id on the stage, and make the backend accept only requests signed with that certificate.
#   frameworks:
#     nist-800-53: ["IA-3", "SC-8"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type == "aws_apigatewayv2_api"
	input.resource.protocol_type == "WEBSOCKET"
	some stage in helpers.related("aws_apigatewayv2_stage")
	lib.missing(stage, "client_certificate_id")
	msg := sprintf("WebSocket API %q has a stage%s without a client certificate for its backend (client_certificate_id is not set)", [input.name, stage_name(stage)])
	finding := lib.finding(rego.metadata.rule(), lib.loc(stage), msg)
}

stage_name(stage) := sprintf(" %q", [stage.name]) if is_string(stage.name)

else := ""
