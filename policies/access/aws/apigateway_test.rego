package tollgate.access.aws.apigateway_test

import data.tollgate.access.aws.apigateway
import data.tollgate.access.aws.fixture as fx
import rego.v1

# resource "aws_api_gateway_method" "get" {   # line 1
#   rest_api_id   = aws_api_gateway_rest_api.a.id   # line 2
#   resource_id   = aws_api_gateway_resource.r.id   # line 3
#   http_method   = METHOD                    # line 4
#   authorization = AUTH                      # line 5
#   api_key_required = KEY                    # line 6
# }                                           # line 7
method(body) := fx.doc("aws_api_gateway_method", "get", fx.block(1, 7, object.union({"rest_api_id": fx.unknown, "resource_id": fx.unknown, "http_method": "GET"}, body), {"rest_api_id": 2, "resource_id": 3, "http_method": 4, "authorization": 5, "api_key_required": 6}))

test_tg_aws_235_violation if {
	findings := apigateway.deny with input as method({"authorization": "NONE"})
	fx.found(findings, "TG-AWS-235", fx.at(5), `API Gateway method "get" has no authorization (authorization = "NONE", no API key required)`)
	count(findings) == 1
	count(apigateway.deny) == 1 with input as method({"authorization": "NONE", "api_key_required": false})
}

test_tg_aws_235_compliant if {
	count(apigateway.deny) == 0 with input as method({"authorization": "AWS_IAM"})
	count(apigateway.deny) == 0 with input as method({"authorization": "NONE", "api_key_required": true})
	count(apigateway.deny) == 0 with input as method({"authorization": "NONE", "api_key_required": fx.unknown})
	count(apigateway.deny) == 0 with input as method({"authorization": "NONE", "http_method": "OPTIONS"})
	count(apigateway.deny) == 0 with input as method({"authorization": "NONE", "http_method": fx.unknown})
	count(apigateway.deny) == 0 with input as method({"authorization": fx.unknown})
}
