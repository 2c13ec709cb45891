package tollgate.encryption.gcp.storage

import data.tollgate.lib
import rego.v1

# METADATA
# title: Cloud Storage bucket is not encrypted with a customer-managed key
# description: |
#   A google_storage_bucket has no encryption block with default_kms_key_name: its objects
#   are encrypted with Google-managed keys, which the organisation can neither rotate on
#   its own schedule, nor disable to make the data unreadable, nor audit the use of.
# related_resources:
# - https://cloud.google.com/storage/docs/encryption/customer-managed-keys
# - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/storage_bucket#encryption
# custom:
#   id: TG-GCP-030
#   severity: low
#   category: encryption
#   provider: gcp
#   remediation: Add encryption { default_kms_key_name = google_kms_crypto_key.storage.id } and grant the Cloud Storage service agent roles/cloudkms.cryptoKeyEncrypterDecrypter on the key.
#   frameworks:
#     nist-800-53: ["SC-12", "SC-28"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["3.6.1"]
deny contains finding if {
	input.type == "google_storage_bucket"
	r := input.resource
	v := no_cmek(r)
	msg := sprintf("bucket %q is not encrypted with a customer-managed key (%s)", [input.name, v.problem])
	finding := lib.finding(rego.metadata.rule(), v.location, msg)
}

no_cmek(r) := {"location": lib.loc(r), "problem": "no encryption block"} if {
	lib.missing(r, "encryption")
} else := v if {
	some encryption in r.encryption
	lib.missing(encryption, "default_kms_key_name")
	v := {"location": lib.loc(encryption), "problem": "no default_kms_key_name"}
}
