package tollgate.encryption.gcp.gke

import data.tollgate.lib
import rego.v1

# METADATA
# title: GKE Secrets are not encrypted with Cloud KMS
# description: |
#   A google_container_cluster has no database_encryption block, or one whose state is not
#   ENCRYPTED: Kubernetes Secrets in etcd are protected only by Google's default storage
#   encryption, not by application-layer encryption with a key the organisation controls,
#   so they cannot be made unreadable by revoking the key and their decryption is not
#   audited.
# related_resources:
# - https://cloud.google.com/kubernetes-engine/docs/how-to/encrypting-secrets
# - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/container_cluster#database_encryption
# custom:
#   id: TG-GCP-035
#   severity: low
#   category: encryption
#   provider: gcp
#   remediation: Add database_encryption { state = "ENCRYPTED", key_name = google_kms_crypto_key.gke.id } and grant the GKE service agent roles/cloudkms.cryptoKeyEncrypterDecrypter on the key.
#   frameworks:
#     nist-800-53: ["SC-12", "SC-28"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["3.5.1"]
deny contains finding if {
	input.type == "google_container_cluster"
	r := input.resource
	v := secrets_unencrypted(r)
	msg := sprintf("GKE cluster %q does not encrypt Secrets with Cloud KMS (%s)", [input.name, v.problem])
	finding := lib.finding(rego.metadata.rule(), v.location, msg)
}

secrets_unencrypted(r) := {"location": lib.loc(r), "problem": "no database_encryption block"} if {
	lib.missing(r, "database_encryption")
} else := v if {
	some encryption in r.database_encryption
	is_string(encryption.state)
	encryption.state != "ENCRYPTED"
	v := {"location": lib.attr_loc(encryption, "state"), "problem": sprintf("database_encryption state = %q", [encryption.state])}
}
