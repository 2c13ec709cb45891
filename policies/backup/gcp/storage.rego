package tollgate.backup.gcp.storage

import data.tollgate.lib
import rego.v1

# METADATA
# title: Cloud Storage bucket versioning is disabled
# description: |
#   A google_storage_bucket has no versioning block, or versioning.enabled is false:
#   overwriting or deleting an object destroys it, with no noncurrent version to restore
#   after a mistake, a faulty job or ransomware.
# related_resources:
# - https://cloud.google.com/storage/docs/object-versioning
# - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/storage_bucket#versioning
# custom:
#   id: TG-GCP-054
#   severity: low
#   category: backup
#   provider: gcp
#   remediation: Add versioning { enabled = true } and a lifecycle_rule that deletes noncurrent versions after the retention you need.
#   frameworks:
#     nist-800-53: ["CP-9"]
#     soc2: ["A1.2"]
deny contains finding if {
	input.type == "google_storage_bucket"
	r := input.resource
	v := versioning_off(r)
	msg := sprintf("bucket %q has versioning disabled (%s)", [input.name, v.problem])
	finding := lib.finding(rego.metadata.rule(), v.location, msg)
}

versioning_off(r) := {"location": lib.loc(r), "problem": "no versioning block"} if {
	lib.missing(r, "versioning")
} else := v if {
	some versioning in r.versioning
	lib.is_false(versioning.enabled)
	v := {"location": lib.attr_loc(versioning, "enabled"), "problem": "enabled = false"}
}

# METADATA
# title: Cloud Storage bucket soft delete is disabled
# description: |
#   soft_delete_policy.retention_duration_seconds = 0 on a google_storage_bucket: deleted
#   and overwritten objects are gone immediately instead of being kept for the default 7
#   days, so a mistaken or malicious deletion cannot be undone.
# related_resources:
# - https://cloud.google.com/storage/docs/soft-delete
# - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/storage_bucket#soft_delete_policy
# custom:
#   id: TG-GCP-055
#   severity: medium
#   category: backup
#   provider: gcp
#   remediation: Remove the soft_delete_policy block, or set retention_duration_seconds to at least 604800 (7 days).
#   frameworks:
#     nist-800-53: ["CP-9"]
#     soc2: ["A1.2"]
deny contains finding if {
	input.type == "google_storage_bucket"
	some policy in input.resource.soft_delete_policy
	policy.retention_duration_seconds in {0, "0"}
	msg := sprintf("bucket %q has soft delete disabled (retention_duration_seconds = 0)", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(policy, "retention_duration_seconds"), msg)
}
