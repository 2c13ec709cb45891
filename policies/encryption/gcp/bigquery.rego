package tollgate.encryption.gcp.bigquery

import data.tollgate.lib
import rego.v1

# METADATA
# title: BigQuery dataset has no default customer-managed key
# description: |
#   A google_bigquery_dataset has no default_encryption_configuration with a kms_key_name:
#   its tables are encrypted with Google-managed keys, which the organisation can neither
#   rotate on its own schedule, nor disable to make the data unreadable, nor audit the use
#   of.
# related_resources:
# - https://cloud.google.com/bigquery/docs/customer-managed-encryption
# - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/bigquery_dataset#default_encryption_configuration
# custom:
#   id: TG-GCP-036
#   severity: low
#   category: encryption
#   provider: gcp
#   remediation: Add default_encryption_configuration { kms_key_name = google_kms_crypto_key.bigquery.id } and grant the BigQuery service account roles/cloudkms.cryptoKeyEncrypterDecrypter on the key.
#   frameworks:
#     cis-gcp-2.0: ["7.3"]
#     nist-800-53: ["SC-12", "SC-28"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["3.6.1"]
deny contains finding if {
	input.type == "google_bigquery_dataset"
	r := input.resource
	lib.missing(r, "default_encryption_configuration")
	msg := sprintf("BigQuery dataset %q has no default customer-managed encryption key", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.loc(r), msg)
}
