package tollgate.access.aws.waf_endpoints

import data.tollgate.access.aws.helpers
import data.tollgate.lib
import rego.v1

# METADATA
# title: API Gateway stage is not protected by AWS WAF
# description: |
#   No aws_wafv2_web_acl_association or aws_wafregional_web_acl_association refers to the
#   aws_api_gateway_stage: requests reach the API's integrations with no web application
#   firewall in front, so injection payloads, known exploits and request floods are only
#   stopped, if at all, by the backend. Stages of private APIs are reported too, as AWS
#   Security Hub does: the stage does not show its API's endpoint type.
# related_resources:
# - https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-aws-waf.html
# - https://docs.aws.amazon.com/securityhub/latest/userguide/apigateway-controls.html#apigateway-4
# custom:
#   id: TG-AWS-554
#   severity: medium
#   category: access
#   provider: aws
#   remediation: Add an aws_wafv2_web_acl_association with resource_arn = aws_api_gateway_stage.<name>.arn and a REGIONAL aws_wafv2_web_acl starting from the AWS managed rule groups.
#   frameworks:
#     nist-800-53: ["SC-7", "SI-4"]
#     soc2: ["CC6.6"]
#     pci-dss-4.0: ["6.4.2"]
deny contains finding if {
	input.type == "aws_api_gateway_stage"
	not helpers.has_related("aws_wafv2_web_acl_association")
	not helpers.has_related("aws_wafregional_web_acl_association")
	msg := sprintf("API Gateway stage %q has no AWS WAF web ACL (no aws_wafv2_web_acl_association refers to it)", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.loc(input.resource), msg)
}

# METADATA
# title: AppSync API is not protected by AWS WAF
# description: |
#   No aws_wafv2_web_acl_association refers to the aws_appsync_graphql_api: GraphQL
#   queries reach the resolvers and their data sources with no web application firewall
#   in front, so injection payloads, abusive query patterns and request floods are not
#   filtered.
# related_resources:
# - https://docs.aws.amazon.com/appsync/latest/devguide/WAF-Integration.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/wafv2_web_acl_association
# custom:
#   id: TG-AWS-555
#   severity: medium
#   category: access
#   provider: aws
#   remediation: Add an aws_wafv2_web_acl_association with resource_arn = aws_appsync_graphql_api.<name>.arn and a REGIONAL aws_wafv2_web_acl with the AWS managed rule groups and a rate-based rule.
#   frameworks:
#     nist-800-53: ["SC-7", "SI-4"]
#     soc2: ["CC6.6"]
#     pci-dss-4.0: ["6.4.2"]
deny contains finding if {
	input.type == "aws_appsync_graphql_api"
	not helpers.has_related("aws_wafv2_web_acl_association")
	msg := sprintf("AppSync API %q has no AWS WAF web ACL (no aws_wafv2_web_acl_association refers to it)", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.loc(input.resource), msg)
}
