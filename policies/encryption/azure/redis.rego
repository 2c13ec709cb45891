package tollgate.encryption.azure.redis

import data.tollgate.encryption.azure.tls
import data.tollgate.lib
import rego.v1

# METADATA
# title: Redis cache has the non-TLS port enabled
# description: |
#   non_ssl_port_enabled (azurerm v4; enable_non_ssl_port in v3) is true on an
#   azurerm_redis_cache: port 6379 accepts clients without TLS, so the access key sent by
#   AUTH and all cached data cross the network in clear text.
# related_resources:
# - https://learn.microsoft.com/azure/azure-cache-for-redis/cache-configure#access-ports
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/redis_cache#non_ssl_port_enabled
# custom:
#   id: TG-AZ-043
#   severity: high
#   category: encryption
#   provider: azure
#   remediation: Set non_ssl_port_enabled = false (enable_non_ssl_port = false on azurerm v3) and connect to port 6380 with TLS.
#   frameworks:
#     nist-800-53: ["SC-8"]
#     soc2: ["CC6.7"]
#     pci-dss-4.0: ["4.2.1"]
deny contains finding if {
	input.type == "azurerm_redis_cache"
	r := input.resource
	some key in ["non_ssl_port_enabled", "enable_non_ssl_port"]
	lib.is_true(r[key])
	msg := sprintf("Redis cache %q accepts unencrypted connections on port 6379 (%s = true)", [input.name, key])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, key), msg)
}

# METADATA
# title: Redis cache allows TLS versions below the minimum
# description: |
#   minimum_tls_version on an azurerm_redis_cache is older than the min_tls_version
#   parameter (default 1.2), i.e. "1.0" or "1.1": clients can negotiate deprecated
#   protocol versions. Left unset, nothing is reported (Azure Cache for Redis has retired
#   TLS 1.0 and 1.1).
# related_resources:
# - https://learn.microsoft.com/azure/azure-cache-for-redis/cache-remove-tls-10-11
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/redis_cache#minimum_tls_version
# custom:
#   id: TG-AZ-044
#   severity: medium
#   category: encryption
#   provider: azure
#   remediation: Set minimum_tls_version = "1.2".
#   frameworks:
#     nist-800-53: ["SC-8", "SC-13"]
#     soc2: ["CC6.7"]
#     pci-dss-4.0: ["4.2.1"]
deny contains finding if {
	input.type == "azurerm_redis_cache"
	r := input.resource
	tls.below_minimum(r.minimum_tls_version)
	msg := sprintf("Redis cache %q allows TLS older than %s (minimum_tls_version = %q)", [input.name, tls.minimum_name, r.minimum_tls_version])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "minimum_tls_version"), msg)
}
