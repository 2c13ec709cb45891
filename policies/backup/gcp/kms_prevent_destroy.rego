package tollgate.backup.gcp.kms_prevent_destroy

import data.tollgate.lib
import rego.v1

# METADATA
# title: KMS crypto key is not protected from terraform destroy
# description: |
#   The google_kms_crypto_key has no lifecycle block with prevent_destroy = true. Cloud
#   KMS keys cannot be deleted, but destroying the Terraform resource (a removed block, a
#   renamed key, terraform destroy) schedules every version of the key for destruction:
#   once the scheduled period ends (30 days by default), everything encrypted with the key
#   is lost for good. Keys read from a plan are not evaluated: plans do not carry the
#   lifecycle block.
# related_resources:
# - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/kms_crypto_key
# - https://developer.hashicorp.com/terraform/language/meta-arguments/lifecycle#prevent_destroy
# - https://cloud.google.com/kms/docs/destroy-restore
# custom:
#   id: TG-GCP-150
#   severity: medium
#   category: backup
#   provider: gcp
#   remediation: Add lifecycle { prevent_destroy = true } to the key, so that Terraform refuses any plan that would destroy it.
#   frameworks:
#     nist-800-53: ["SC-12", "CP-9"]
deny contains finding if {
	input.type == "google_kms_crypto_key"
	input.format == "terraform"
	not input.related_unknown
	r := input.resource
	v := unprotected(r)
	msg := sprintf("KMS crypto key %q is not protected from destruction (%s)", [input.name, v.text])
	finding := lib.finding(rego.metadata.rule(), v.location, msg)
}

unprotected(r) := {"text": "no lifecycle block", "location": lib.loc(r)} if {
	lib.missing(r, "lifecycle")
} else := {"text": "lifecycle.prevent_destroy is not set", "location": lib.loc(lc)} if {
	some lc in r.lifecycle
	lib.missing(lc, "prevent_destroy")
} else := {"text": sprintf("lifecycle.prevent_destroy = %v", [lc.prevent_destroy]), "location": lib.attr_loc(lc, "prevent_destroy")} if {
	some lc in r.lifecycle
	not lib.is_true(lc.prevent_destroy)
}
