# METADATA
# title: TLS version helpers for the Azure rules
# description: |
#   Azure services spell TLS versions in several ways: "TLS1_2" (storage, PostgreSQL and
#   MySQL single server), "1.2" (SQL, App Service, Redis), "TLSv1.2" (MySQL flexible
#   server). These helpers turn them into numbers and compare them with the
#   min_tls_version parameter.
package tollgate.encryption.azure.tls

import data.tollgate.lib
import rego.v1

# version(v) is the TLS version v as a number: 1.2 for "TLS1_2", "1.2", "TLSv1.2" and
# "TLS_1_2", 1 for "TLSv1"; undefined for anything else.
version(v) := to_number(m[0][1]) if {
	is_string(v)
	s := replace(lower(trim_space(v)), "_", ".")
	m := regex.find_all_string_submatch_n(`^(?:tls)?v?\.?([0-9]+(?:\.[0-9]+)?)$`, s, 1)
	count(m) == 1
}

version(v) := v if is_number(v)

# minimum is the lowest acceptable TLS version: the min_tls_version parameter, which may
# be written as a number (1.2) or in any of the spellings above.
minimum := version(sprintf("%v", [lib.param("min_tls_version")]))

# below_minimum(v) holds when v names a TLS version older than the minimum.
below_minimum(v) if version(v) < minimum

# minimum_name is the parameter as the user wrote it, for messages.
minimum_name := sprintf("%v", [lib.param("min_tls_version")])
