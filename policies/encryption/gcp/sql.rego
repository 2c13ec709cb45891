package tollgate.encryption.gcp.sql

import data.tollgate.lib
import rego.v1

# METADATA
# title: Cloud SQL instance accepts unencrypted connections
# description: |
#   A google_sql_database_instance does not require TLS: settings.ip_configuration.ssl_mode
#   is ALLOW_UNENCRYPTED_AND_ENCRYPTED, or neither ssl_mode nor require_ssl = true is set
#   (also when there is no ip_configuration block), which is the default. Passwords and
#   query results can then cross the network in clear text. Not reported when a value it
#   depends on is unknown.
# related_resources:
# - https://cloud.google.com/sql/docs/postgres/configure-ssl-instance
# - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/sql_database_instance#ssl_mode
# custom:
#   id: TG-GCP-031
#   severity: high
#   category: encryption
#   provider: gcp
#   remediation: Set ip_configuration { ssl_mode = "ENCRYPTED_ONLY" } (or "TRUSTED_CLIENT_CERTIFICATE_REQUIRED"); connectors and the Cloud SQL Auth Proxy already use TLS.
#   frameworks:
#     cis-gcp-2.0: ["6.4"]
#     nist-800-53: ["SC-8"]
#     soc2: ["CC6.7"]
#     pci-dss-4.0: ["4.2.1"]
deny contains finding if {
	input.type == "google_sql_database_instance"
	some settings in input.resource.settings
	v := plaintext_allowed(settings)
	msg := sprintf("Cloud SQL instance %q accepts unencrypted connections (%s)", [input.name, v.problem])
	finding := lib.finding(rego.metadata.rule(), v.location, msg)
}

plaintext_allowed(settings) := {"location": lib.loc(settings), "problem": "no ip_configuration, ssl_mode defaults to ALLOW_UNENCRYPTED_AND_ENCRYPTED"} if {
	lib.missing(settings, "ip_configuration")
} else := v if {
	some ip in settings.ip_configuration
	ip.ssl_mode == "ALLOW_UNENCRYPTED_AND_ENCRYPTED"
	v := {"location": lib.attr_loc(ip, "ssl_mode"), "problem": "ssl_mode = \"ALLOW_UNENCRYPTED_AND_ENCRYPTED\""}
} else := v if {
	some ip in settings.ip_configuration
	unset(ip, "ssl_mode")
	not ssl_required(ip)
	not lib.unknown(ip, "require_ssl")
	v := {"location": lib.attr_loc(ip, "require_ssl"), "problem": "neither ssl_mode nor require_ssl = true is set"}
}

ssl_required(ip) if lib.is_true(ip.require_ssl)

# unset(obj, key) holds when key is absent (and not unknown) or explicitly null.
unset(obj, key) if lib.missing(obj, key)

unset(obj, key) if obj[key] == null
