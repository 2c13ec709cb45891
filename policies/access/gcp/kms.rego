package tollgate.access.gcp.kms

import data.tollgate.access.gcp.iam_members as iam
import data.tollgate.lib
import rego.v1

kinds := {
	"google_kms_crypto_key_iam_binding": "KMS key IAM binding",
	"google_kms_crypto_key_iam_member": "KMS key IAM member",
	"google_kms_crypto_key_iam_policy": "KMS key IAM policy",
	"google_kms_key_ring_iam_binding": "KMS key ring IAM binding",
	"google_kms_key_ring_iam_member": "KMS key ring IAM member",
	"google_kms_key_ring_iam_policy": "KMS key ring IAM policy",
}

# METADATA
# title: Cloud KMS key or key ring is publicly accessible
# description: |
#   An IAM binding, member or policy of a google_kms_crypto_key or google_kms_key_ring
#   grants a role to allUsers or allAuthenticatedUsers: anyone on the internet, or anyone
#   with a Google account, can use (encrypt, decrypt, sign) or even manage the keys that
#   protect your data.
# related_resources:
# - https://cloud.google.com/kms/docs/iam
# - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/kms_crypto_key_iam
# custom:
#   id: TG-GCP-019
#   severity: high
#   category: access
#   provider: gcp
#   remediation: Remove the allUsers and allAuthenticatedUsers members; grant roles/cloudkms.cryptoKeyEncrypterDecrypter only to the service agents and workloads that use the key.
#   frameworks:
#     cis-gcp-2.0: ["1.9"]
#     nist-800-53: ["AC-3", "SC-12"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["3.6.1"]
deny contains finding if {
	input.type in {
		"google_kms_crypto_key_iam_binding",
		"google_kms_crypto_key_iam_member",
		"google_kms_crypto_key_iam_policy",
		"google_kms_key_ring_iam_binding",
		"google_kms_key_ring_iam_member",
		"google_kms_key_ring_iam_policy",
	}
	some key in {g.key | some g in iam.public_grants}
	gs := {g | some g in iam.public_grants; g.key == key}
	msg := sprintf("%s %q grants access to the public: %s", [kinds[input.type], input.name, iam.describe(gs)])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(input.resource, key), msg)
}
