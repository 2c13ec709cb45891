package tollgate.encryption.aws.apigateway_cache_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.encryption.aws.apigateway_cache
import rego.v1

# resource "aws_api_gateway_method_settings" "all" {   # line 1
#   method_path = "*/*"                                # line 2
#   settings {                                         # line 3
#     caching_enabled      = CACHING                   # line 4
#     cache_data_encrypted = ENCRYPTED                 # line 5
#   }                                                  # line 6
# }                                                    # line 7
ms(settings) := fx.doc("aws_api_gateway_method_settings", "all", fx.block(1, 7, {"method_path": "*/*", "settings": [fx.block(3, 6, settings, {"caching_enabled": 4, "cache_data_encrypted": 5})]}, {"method_path": 2}))

test_tg_aws_236_violation if {
	findings := apigateway_cache.deny with input as ms({"caching_enabled": true, "cache_data_encrypted": false})
	fx.found(findings, "TG-AWS-236", fx.at(5), `API Gateway method settings "all" cache responses unencrypted (cache_data_encrypted = false)`)
	count(findings) == 1
	fx.found(apigateway_cache.deny, "TG-AWS-236", fx.span(3, 6), `API Gateway method settings "all" cache responses unencrypted (cache_data_encrypted is not set, default false)`) with input as ms({"caching_enabled": true})
}

test_tg_aws_236_compliant if {
	count(apigateway_cache.deny) == 0 with input as ms({"caching_enabled": true, "cache_data_encrypted": true})
	count(apigateway_cache.deny) == 0 with input as ms({"caching_enabled": false})
	count(apigateway_cache.deny) == 0 with input as ms({})
	count(apigateway_cache.deny) == 0 with input as ms({"caching_enabled": true, "cache_data_encrypted": fx.unknown})
}
