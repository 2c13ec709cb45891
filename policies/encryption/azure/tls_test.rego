package tollgate.encryption.azure.tls_test

import data.tollgate.encryption.azure.tls
import rego.v1

test_spellings if {
	tls.version("TLS1_0") == 1
	tls.version("TLSv1") == 1
	tls.version("TLS1_2") == 1.2
	tls.version("1.1") == 1.1
	tls.version("TLSv1.3") == 1.3
	tls.version("TLS_1_2") == 1.2
	tls.version(1.2) == 1.2
	not tls.version("Disabled")
	not tls.version("TLSEnforcementDisabled")
	not tls.version(null)
}

test_below_minimum_default if {
	tls.minimum == 1.2
	tls.below_minimum("TLS1_1")
	tls.below_minimum("1.0")
	not tls.below_minimum("1.2")
	not tls.below_minimum("TLS1_3")
	not tls.below_minimum("Disabled")
}

test_minimum_parameter if {
	tls.minimum == 1.3 with data.config.params as {"min_tls_version": "1.3"}
	tls.below_minimum("TLS1_2") with data.config.params as {"min_tls_version": "TLS1_3"}
	not tls.below_minimum("1.2") with data.config.params as {"min_tls_version": 1.2}
	tls.below_minimum("1.0") with data.config.params as {"min_tls_version": 1.1}
}
