package tollgate.encryption.gcp.kms

import data.tollgate.lib
import rego.v1

# Keys must rotate at least this often (CIS GCP: 90 days).
max_rotation_days := lib.param("max_key_rotation_days")

seconds_per_day := 86400

# METADATA
# title: Cloud KMS key is not rotated every 90 days
# description: |
#   A symmetric (purpose ENCRYPT_DECRYPT, the default) google_kms_crypto_key has no
#   rotation_period, or one longer than 90 days: data keeps being encrypted with the same
#   key version, so the amount of data exposed by one compromised version keeps growing.
#   Keys of other purposes (asymmetric, MAC), which Cloud KMS cannot rotate automatically,
#   and external keys are not reported, nor are unknown values.
# related_resources:
# - https://cloud.google.com/kms/docs/key-rotation
# - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/kms_crypto_key#rotation_period
# custom:
#   id: TG-GCP-032
#   severity: medium
#   category: encryption
#   provider: gcp
#   remediation: Set rotation_period = "7776000s" (90 days) or shorter.
#   frameworks:
#     cis-gcp-2.0: ["1.10"]
#     nist-800-53: ["SC-12"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["3.7.4"]
deny contains finding if {
	input.type == "google_kms_crypto_key"
	r := input.resource
	rotatable(r)
	v := rotation_gap(r)
	msg := sprintf("KMS key %q %s", [input.name, v.problem])
	finding := lib.finding(rego.metadata.rule(), v.location, msg)
}

rotatable(r) if {
	symmetric(r)
	not external(r)
	not lib.unknown(r, "version_template")
}

symmetric(r) if unset(r, "purpose")

symmetric(r) if r.purpose == "ENCRYPT_DECRYPT"

external(r) if {
	some template in r.version_template
	template.protection_level in {"EXTERNAL", "EXTERNAL_VPC"}
}

rotation_gap(r) := {"location": lib.loc(r), "problem": "is never rotated (no rotation_period)"} if {
	unset(r, "rotation_period")
} else := v if {
	seconds := duration_seconds(r.rotation_period)
	seconds > max_rotation_days * seconds_per_day
	v := {
		"location": lib.attr_loc(r, "rotation_period"),
		"problem": sprintf("is rotated every %d days, more than %d (rotation_period = %q)", [floor(seconds / seconds_per_day), max_rotation_days, r.rotation_period]),
	}
}

# duration_seconds("7776000s") is 7776000.
duration_seconds(d) := to_number(m[0][1]) if {
	is_string(d)
	m := regex.find_all_string_submatch_n(`^([0-9]+(?:\.[0-9]+)?)s$`, d, 1)
	count(m) == 1
}

# unset(obj, key) holds when key is absent (and not unknown) or explicitly null.
unset(obj, key) if lib.missing(obj, key)

unset(obj, key) if obj[key] == null
