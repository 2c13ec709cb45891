package tollgate.encryption.aws.apigateway

import data.tollgate.access.aws.helpers
import data.tollgate.lib
import rego.v1

# METADATA
# title: API Gateway custom domain allows outdated TLS versions
# description: |
#   The security_policy of an aws_api_gateway_domain_name accepts a TLS version older
#   than the min_tls_version parameter (1.2 by default), e.g. "TLS_1_0": clients can
#   negotiate TLS 1.0 and its weak cipher suites. Unknown policy names are not reported.
# related_resources:
# - https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-custom-domain-tls-version.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/api_gateway_domain_name#security_policy
# custom:
#   id: TG-AWS-108
#   severity: medium
#   category: encryption
#   provider: aws
#   remediation: Set security_policy = "TLS_1_2" (or a SecurityPolicy_TLS13 policy).
#   frameworks:
#     nist-800-53: ["SC-8", "SC-13"]
#     soc2: ["CC6.7"]
#     pci-dss-4.0: ["4.2.1"]
deny contains finding if {
	input.type == "aws_api_gateway_domain_name"
	r := input.resource
	version := helpers.tls_version(r.security_policy)
	helpers.below_min_tls(version)
	msg := sprintf("API Gateway domain %q accepts %s (security_policy = %q), older than %s", [input.name, helpers.tls_name(version), r.security_policy, helpers.tls_name(helpers.number(lib.param("min_tls_version")))])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "security_policy"), msg)
}
