package tollgate.audit.gcp.storage

import data.tollgate.lib
import rego.v1

sink_types := [
	"google_logging_project_sink",
	"google_logging_folder_sink",
	"google_logging_organization_sink",
	"google_logging_billing_account_sink",
]

# sinks are the log sinks of the configuration whose destination refers to the bucket.
sinks := [s | some type in sink_types; some s in object.get(input, ["related", type], [])]

# METADATA
# title: Log export bucket has no locked retention policy
# description: |
#   A google_storage_bucket that a log sink (google_logging_project_sink, folder,
#   organization or billing account sink) exports to has no retention_policy, or one with
#   is_locked not true: exported audit logs can be deleted or overwritten by anyone with
#   storage admin rights, including an intruder covering their tracks.
# related_resources:
# - https://cloud.google.com/logging/docs/export/configure_export_v2
# - https://cloud.google.com/storage/docs/bucket-lock
# - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/storage_bucket#retention_policy
# custom:
#   id: TG-GCP-071
#   severity: medium
#   category: audit
#   provider: gcp
#   remediation: Add retention_policy { retention_period = 31536000, is_locked = true } to the log bucket (locking is irreversible; choose the period first).
#   frameworks:
#     cis-gcp-2.0: ["2.3"]
#     nist-800-53: ["AU-9", "AU-11"]
#     soc2: ["CC7.2"]
#     pci-dss-4.0: ["10.5.1"]
deny contains finding if {
	input.type == "google_storage_bucket"
	count(sinks) > 0
	r := input.resource
	v := unlocked(r)
	msg := sprintf("bucket %q receives exported logs but %s", [input.name, v.problem])
	finding := lib.finding(rego.metadata.rule(), v.location, msg)
}

unlocked(r) := {"location": lib.loc(r), "problem": "has no retention_policy"} if {
	lib.missing(r, "retention_policy")
} else := v if {
	some policy in r.retention_policy
	not locked(policy)
	not lib.unknown(policy, "is_locked")
	v := {"location": lib.attr_loc(policy, "is_locked"), "problem": "its retention_policy is not locked"}
}

locked(policy) if lib.is_true(policy.is_locked)

# METADATA
# title: Cloud Storage bucket has no usage logging
# description: |
#   A google_storage_bucket has no logging block: no usage log records who downloaded or
#   changed which object (Data Access audit logs, TG-GCP-070, are the alternative). Buckets
#   that themselves receive exported logs or the usage logs of another bucket of the
#   configuration are not reported.
# related_resources:
# - https://cloud.google.com/storage/docs/access-logs
# - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/storage_bucket#logging
# custom:
#   id: TG-GCP-072
#   severity: low
#   category: audit
#   provider: gcp
#   remediation: Add logging { log_bucket = google_storage_bucket.access_logs.name }, or enable DATA_READ and DATA_WRITE audit logs for storage.googleapis.com.
#   frameworks:
#     nist-800-53: ["AU-2", "AU-12"]
#     soc2: ["CC7.2"]
#     pci-dss-4.0: ["10.2.1"]
deny contains finding if {
	input.type == "google_storage_bucket"
	r := input.resource
	lib.missing(r, "logging")
	not input.related_unknown
	count(sinks) == 0
	count(object.get(input, ["related", "google_storage_bucket"], [])) == 0
	msg := sprintf("bucket %q has no usage logging (no logging block)", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.loc(r), msg)
}

# METADATA
# title: Cloud Storage bucket writes its usage logs to itself
# description: |
#   The logging block of a google_storage_bucket names the bucket itself as log_bucket:
#   anyone who can change or delete the bucket's objects can also change or delete the
#   record of their access, the logs share the bucket's retention and lifecycle rules,
#   and every log object written is itself a write to log.
# related_resources:
# - https://cloud.google.com/storage/docs/access-logs#delivery
# - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/storage_bucket#log_bucket
# custom:
#   id: TG-GCP-142
#   severity: low
#   category: audit
#   provider: gcp
#   remediation: Set log_bucket to a dedicated log bucket with restricted access and a retention policy.
#   frameworks:
#     nist-800-53: ["AU-9"]
#     soc2: ["CC7.2"]
#     pci-dss-4.0: ["10.3.2"]
deny contains finding if {
	input.type == "google_storage_bucket"
	r := input.resource
	is_string(r.name)
	some l in r.logging
	trim_prefix(l.log_bucket, "gs://") == r.name
	msg := sprintf("bucket %q writes its usage logs to itself (log_bucket = %q)", [input.name, l.log_bucket])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(l, "log_bucket"), msg)
}
