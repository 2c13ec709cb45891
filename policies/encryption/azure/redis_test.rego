package tollgate.encryption.azure.redis_test

import data.tollgate.access.azure.fixtures_test as fx
import data.tollgate.encryption.azure.redis
import rego.v1

path := "cache/redis.tf"

# resource "azurerm_redis_cache" "sessions" {   # line 1
#   name                 = "acme-sessions"     # line 2
#   sku_name             = "Standard"          # line 3
#   non_ssl_port_enabled = NON_SSL             # line 4
#   enable_non_ssl_port  = NON_SSL (v3)        # line 5
#   minimum_tls_version  = TLS                 # line 6
# }                                            # line 7
cache(fields) := fx.resource("azurerm_redis_cache", "sessions", fx.block(
	path, 1, 7,
	object.union({"name": "acme-sessions", "sku_name": "Standard"}, fields),
	{"name": 2, "sku_name": 3, "non_ssl_port_enabled": 4, "enable_non_ssl_port": 5, "minimum_tls_version": 6},
))

test_tg_az_043_violation if {
	findings := redis.deny with input as cache({"non_ssl_port_enabled": true, "minimum_tls_version": "1.2"})
	some f in findings
	f.rule_id == "TG-AZ-043"
	f.location == fx.loc(path, 4)
	f.message == `Redis cache "sessions" accepts unencrypted connections on port 6379 (non_ssl_port_enabled = true)`
}

test_tg_az_043_compliant if {
	count(fx.ids(redis.deny, "TG-AZ-043")) == 0 with input as cache({"non_ssl_port_enabled": false})
	count(fx.ids(redis.deny, "TG-AZ-043")) == 0 with input as cache({})
}

test_tg_az_043_v3_attribute_fires if {
	findings := redis.deny with input as cache({"enable_non_ssl_port": "true"})
	some f in findings
	f.rule_id == "TG-AZ-043"
	f.location == fx.loc(path, 5)
}

test_tg_az_044_violation if {
	findings := redis.deny with input as cache({"minimum_tls_version": "1.0"})
	some f in findings
	f.rule_id == "TG-AZ-044"
	f.location == fx.loc(path, 6)
	f.message == `Redis cache "sessions" allows TLS older than 1.2 (minimum_tls_version = "1.0")`
}

test_tg_az_044_compliant if {
	count(fx.ids(redis.deny, "TG-AZ-044")) == 0 with input as cache({"minimum_tls_version": "1.2"})
	count(fx.ids(redis.deny, "TG-AZ-044")) == 0 with input as cache({})
}
