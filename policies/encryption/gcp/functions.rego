package tollgate.encryption.gcp.functions

import data.tollgate.lib
import rego.v1

# METADATA
# title: HTTP Cloud Function accepts plain HTTP
# description: |
#   A google_cloudfunctions_function (1st gen) with trigger_http = true does not set
#   https_trigger_security_level = "SECURE_ALWAYS" (unset, the API uses SECURE_OPTIONAL):
#   requests to its http:// URL are served without TLS instead of being redirected to
#   HTTPS, so their content, tokens included, can be read and changed in transit.
#   2nd gen functions are always served over HTTPS.
# related_resources:
# - https://cloud.google.com/functions/1stgendocs/writing/write-http-functions#security_levels
# - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/cloudfunctions_function#https_trigger_security_level
# custom:
#   id: TG-GCP-140
#   severity: medium
#   category: encryption
#   provider: gcp
#   remediation: Set https_trigger_security_level = "SECURE_ALWAYS".
#   frameworks:
#     nist-800-53: ["SC-8"]
#     soc2: ["CC6.7"]
#     pci-dss-4.0: ["4.2.1"]
deny contains finding if {
	input.type == "google_cloudfunctions_function"
	r := input.resource
	lib.is_true(r.trigger_http)
	v := plain_http(r)
	msg := sprintf("HTTP Cloud Function %q accepts plain HTTP (%s)", [input.name, v.problem])
	finding := lib.finding(rego.metadata.rule(), v.location, msg)
}

plain_http(r) := {"location": lib.loc(r), "problem": "https_trigger_security_level not set, default SECURE_OPTIONAL"} if {
	lib.missing(r, "https_trigger_security_level")
} else := {"location": lib.attr_loc(r, "https_trigger_security_level"), "problem": sprintf("https_trigger_security_level = %q", [r.https_trigger_security_level])} if {
	is_string(r.https_trigger_security_level)
	r.https_trigger_security_level != "SECURE_ALWAYS"
}
