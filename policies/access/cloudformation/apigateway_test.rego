package tollgate.access.cloudformation.apigateway_test

import data.tollgate.access.cloudformation.apigateway
import data.tollgate.access.cloudformation.fixtures_test as fx
import rego.v1

#  1 GetItems:
#  2   Type: AWS::ApiGateway::Method
#  3   Properties:
#  4     HttpMethod: METHOD
#  5     AuthorizationType: AUTH
#  6     ApiKeyRequired: KEY
method(props) := fx.resource("AWS::ApiGateway::Method", "GetItems", props, {k: line | some k, _ in props; line := {"HttpMethod": 4, "AuthorizationType": 5, "ApiKeyRequired": 6}[k]}, 6)

test_tg_cfn_106_violation if {
	f := fx.only(apigateway.deny, "TG-CFN-106") with input as method({"HttpMethod": "get", "AuthorizationType": "NONE"})
	f.location == fx.at(5, 5)
	f.message == `API Gateway method "GetItems" (GET) can be called without authorization (AuthorizationType: NONE, no API key)`

	g := fx.only(apigateway.deny, "TG-CFN-106") with input as method({"HttpMethod": "POST", "ApiKeyRequired": false})
	g.location == fx.at(3, 6)
	g.message == `API Gateway method "GetItems" (POST) can be called without authorization (AuthorizationType is not set, default NONE, no API key)`
}

test_tg_cfn_106_compliant if {
	count(fx.ids(apigateway.deny, "TG-CFN-106")) == 0 with input as method({"HttpMethod": "GET", "AuthorizationType": "AWS_IAM"})
	count(fx.ids(apigateway.deny, "TG-CFN-106")) == 0 with input as method({"HttpMethod": "GET", "AuthorizationType": "NONE", "ApiKeyRequired": true})
	count(fx.ids(apigateway.deny, "TG-CFN-106")) == 0 with input as method({"HttpMethod": "OPTIONS", "AuthorizationType": "NONE"})

	unknown := fx.resource("AWS::ApiGateway::Method", "GetItems", {"HttpMethod": "GET"}, {"HttpMethod": 4, "AuthorizationType": fx.U(5)}, 5)
	count(fx.ids(apigateway.deny, "TG-CFN-106")) == 0 with input as unknown
}
