package tollgate.access.aws.waf_endpoints_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.access.aws.waf_endpoints
import rego.v1

# resource "aws_api_gateway_stage" "prod" {   # line 1
#   rest_api_id = aws_api_gateway_rest_api.api.id   # line 2
#   stage_name  = "prod"                      # line 3
# }                                           # line 4
stage := fx.doc("aws_api_gateway_stage", "prod", fx.block(1, 4, {"rest_api_id": fx.unknown, "stage_name": "prod"}, {"rest_api_id": 2, "stage_name": 3}))

# resource "aws_wafv2_web_acl_association" "x" {   # line 6
#   resource_arn = ...                             # line 7
#   web_acl_arn  = ...                             # line 8
# }                                                # line 9
association := fx.block(6, 9, {"resource_arn": fx.unknown, "web_acl_arn": fx.unknown}, {"resource_arn": 7, "web_acl_arn": 8})

test_tg_aws_554_violation if {
	findings := waf_endpoints.deny with input as stage
	fx.found(findings, "TG-AWS-554", fx.span(1, 4), `API Gateway stage "prod" has no AWS WAF web ACL (no aws_wafv2_web_acl_association refers to it)`)
	count(findings) == 1
}

test_tg_aws_554_compliant if {
	count(waf_endpoints.deny) == 0 with input as fx.with_related(stage, "aws_wafv2_web_acl_association", [association])
	count(waf_endpoints.deny) == 0 with input as fx.with_related(stage, "aws_wafregional_web_acl_association", [association])
	count(waf_endpoints.deny) == 0 with input as object.union(stage, {"related_unknown": true})
}

# resource "aws_appsync_graphql_api" "api" {   # line 1
#   name                = "api"                # line 2
#   authentication_type = "AWS_IAM"            # line 3
# }                                            # line 4
graphql := fx.doc("aws_appsync_graphql_api", "api", fx.block(1, 4, {"name": "api", "authentication_type": "AWS_IAM"}, {"name": 2, "authentication_type": 3}))

test_tg_aws_555_violation if {
	findings := waf_endpoints.deny with input as graphql
	fx.found(findings, "TG-AWS-555", fx.span(1, 4), `AppSync API "api" has no AWS WAF web ACL (no aws_wafv2_web_acl_association refers to it)`)
	count(findings) == 1
}

test_tg_aws_555_compliant if {
	count(waf_endpoints.deny) == 0 with input as fx.with_related(graphql, "aws_wafv2_web_acl_association", [association])
	count(waf_endpoints.deny) == 0 with input as object.union(graphql, {"related_unknown": true})
}
