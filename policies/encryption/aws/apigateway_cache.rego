package tollgate.encryption.aws.apigateway_cache

import data.tollgate.lib
import rego.v1

# METADATA
# title: API Gateway cache is not encrypted
# description: |
#   The settings of an aws_api_gateway_method_settings turn caching_enabled on without
#   cache_data_encrypted = true (its default is false): API responses, which may carry
#   personal data or tokens, are stored unencrypted in the stage's cache cluster.
# related_resources:
# - https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-caching.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/api_gateway_method_settings#cache_data_encrypted
# custom:
#   id: TG-AWS-236
#   severity: medium
#   category: encryption
#   provider: aws
#   remediation: Set cache_data_encrypted = true in the settings block.
#   frameworks:
#     nist-800-53: ["SC-28"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type == "aws_api_gateway_method_settings"
	some s in input.resource.settings
	lib.is_true(s.caching_enabled)
	problem := unencrypted(s)
	msg := sprintf("API Gateway method settings %q cache responses unencrypted (%s)", [input.name, problem])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(s, "cache_data_encrypted"), msg)
}

unencrypted(s) := "cache_data_encrypted = false" if {
	lib.is_false(s.cache_data_encrypted)
} else := "cache_data_encrypted is not set, default false" if {
	lib.missing(s, "cache_data_encrypted")
}
