package tollgate.backup.gcp.compute

import data.tollgate.lib
import rego.v1

# METADATA
# title: Disk snapshot schedule keeps snapshots too briefly
# description: |
#   The snapshot_schedule_policy of a google_compute_resource_policy keeps snapshots for
#   fewer days (retention_policy.max_retention_days) than the min_backup_retention_days
#   parameter (default 7): a corruption or ransomware infection noticed later than that
#   has already reached every snapshot of the disks the policy is attached to.
# related_resources:
# - https://cloud.google.com/compute/docs/disks/scheduled-snapshots
# - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/compute_resource_policy#max_retention_days
# custom:
#   id: TG-GCP-056
#   severity: medium
#   category: backup
#   provider: gcp
#   remediation: Set retention_policy { max_retention_days = 7 } or more in the snapshot schedule.
#   frameworks:
#     nist-800-53: ["CP-9"]
#     soc2: ["A1.2"]
deny contains finding if {
	input.type == "google_compute_resource_policy"
	some schedule in input.resource.snapshot_schedule_policy
	some retention in schedule.retention_policy
	is_number(retention.max_retention_days)
	retention.max_retention_days < lib.param("min_backup_retention_days")
	msg := sprintf("snapshot schedule %q keeps snapshots %d days, fewer than %d", [input.name, retention.max_retention_days, lib.param("min_backup_retention_days")])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(retention, "max_retention_days"), msg)
}
