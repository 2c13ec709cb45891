package tollgate.encryption.gcp.dns

import data.tollgate.lib
import rego.v1

# METADATA
# title: Public Cloud DNS zone does not use DNSSEC
# description: |
#   A public google_dns_managed_zone (visibility "public", the default) has no
#   dnssec_config, or its state is "off": resolvers cannot verify the zone's answers, so
#   DNS spoofing and cache poisoning can redirect users and services to an attacker.
# related_resources:
# - https://cloud.google.com/dns/docs/dnssec
# - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/dns_managed_zone#dnssec_config
# custom:
#   id: TG-GCP-038
#   severity: medium
#   category: encryption
#   provider: gcp
#   remediation: Add dnssec_config { state = "on" } and publish the DS record at the registrar.
#   frameworks:
#     cis-gcp-2.0: ["3.3"]
#     nist-800-53: ["SC-20"]
#     soc2: ["CC6.6"]
deny contains finding if {
	input.type == "google_dns_managed_zone"
	r := input.resource
	public_zone(r)
	v := dnssec_off(r)
	msg := sprintf("DNS zone %q does not use DNSSEC (%s)", [input.name, v.problem])
	finding := lib.finding(rego.metadata.rule(), v.location, msg)
}

public_zone(r) if lib.missing(r, "visibility")

public_zone(r) if r.visibility == "public"

dnssec_off(r) := {"location": lib.loc(r), "problem": "no dnssec_config"} if {
	lib.missing(r, "dnssec_config")
} else := v if {
	some config in r.dnssec_config
	config.state == "off"
	v := {"location": lib.attr_loc(config, "state"), "problem": "dnssec_config state = \"off\""}
}

# METADATA
# title: DNSSEC signs with RSASHA1
# description: |
#   A default_key_specs block of a google_dns_managed_zone's dnssec_config uses the
#   rsasha1 algorithm for its key-signing or zone-signing key: SHA-1 signatures are
#   considered breakable, and resolvers increasingly treat them as insecure.
# related_resources:
# - https://cloud.google.com/dns/docs/dnssec-advanced#advanced-signing-options
# - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/dns_managed_zone#default_key_specs
# custom:
#   id: TG-GCP-039
#   severity: medium
#   category: encryption
#   provider: gcp
#   remediation: Use algorithm = "rsasha256" (or "ecdsap256sha256") for both the keySigning and zoneSigning key specs; changing the algorithm requires turning DNSSEC off and on again.
#   frameworks:
#     cis-gcp-2.0: ["3.4", "3.5"]
#     nist-800-53: ["SC-13", "SC-20"]
#     soc2: ["CC6.6"]
deny contains finding if {
	input.type == "google_dns_managed_zone"
	some config in input.resource.dnssec_config
	some spec in config.default_key_specs
	is_string(spec.algorithm)
	lower(spec.algorithm) == "rsasha1"
	msg := sprintf("DNS zone %q signs its %v key with RSASHA1", [input.name, object.get(spec, "key_type", "DNSSEC")])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(spec, "algorithm"), msg)
}
