package tollgate.encryption.gcp.pubsub

import data.tollgate.lib
import rego.v1

# METADATA
# title: Pub/Sub topic is not encrypted with a customer-managed key
# description: |
#   A google_pubsub_topic has no kms_key_name: its messages are encrypted with
#   Google-managed keys, which the organisation can neither rotate on its own schedule,
#   nor disable to make the messages unreadable, nor audit the use of.
# related_resources:
# - https://cloud.google.com/pubsub/docs/encryption
# - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/pubsub_topic#kms_key_name
# custom:
#   id: TG-GCP-037
#   severity: low
#   category: encryption
#   provider: gcp
#   remediation: Set kms_key_name = google_kms_crypto_key.pubsub.id and grant the Pub/Sub service agent roles/cloudkms.cryptoKeyEncrypterDecrypter on the key.
#   frameworks:
#     nist-800-53: ["SC-12", "SC-28"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["3.6.1"]
deny contains finding if {
	input.type == "google_pubsub_topic"
	r := input.resource
	unset(r, "kms_key_name")
	msg := sprintf("Pub/Sub topic %q is not encrypted with a customer-managed key (no kms_key_name)", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.loc(r), msg)
}

# unset(obj, key) holds when key is absent (and not unknown) or explicitly null.
unset(obj, key) if lib.missing(obj, key)

unset(obj, key) if obj[key] == null
