package tollgate.encryption.aws.apigateway_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.encryption.aws.apigateway
import rego.v1

# resource "aws_api_gateway_domain_name" "api" {              # line 1
#   domain_name              = "api.example.com"              # line 2
#   regional_certificate_arn = aws_acm_certificate.api.arn    # line 3 (unknown)
#   security_policy          = POLICY                         # line 4
# }                                                           # line 5
domain(policy) := fx.doc("aws_api_gateway_domain_name", "api", fx.block(1, 5, {"domain_name": "api.example.com", "regional_certificate_arn": fx.unknown, "security_policy": policy}, {"domain_name": 2, "regional_certificate_arn": 3, "security_policy": 4}))

test_tg_aws_108_violation if {
	findings := apigateway.deny with input as domain("TLS_1_0")
	fx.found(findings, "TG-AWS-108", fx.at(4), `API Gateway domain "api" accepts TLS 1.0 (security_policy = "TLS_1_0"), older than TLS 1.2`)
	count(findings) == 1
}

test_tg_aws_108_compliant if {
	count(apigateway.deny) == 0 with input as domain("TLS_1_2")
	count(apigateway.deny) == 0 with input as domain("SecurityPolicy_TLS13_1_2_2021_06")
	count(apigateway.deny) == 0 with input as domain(fx.unknown)
}
