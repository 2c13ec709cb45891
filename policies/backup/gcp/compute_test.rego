package tollgate.backup.gcp.compute_test

import data.tollgate.access.gcp.fixtures_test as fx
import data.tollgate.backup.gcp.compute
import rego.v1

path := "compute/snapshots.tf"

# resource "google_compute_resource_policy" "daily" {   # line 1
#   name = "daily-snapshots"                           # line 2
#   snapshot_schedule_policy {                         # line 3
#     retention_policy {                               # line 4
#       max_retention_days = DAYS                      # line 5
#     }                                                # line 6
#   }                                                  # line 7
# }                                                    # line 8
policy(days) := fx.resource("google_compute_resource_policy", "daily", fx.block(
	path, 1, 8, {
		"name": "daily-snapshots",
		"snapshot_schedule_policy": [fx.block(path, 3, 7, {"retention_policy": [fx.block(path, 4, 6, {"max_retention_days": days}, {"max_retention_days": 5})]}, {})],
	},
	{"name": 2},
))

test_tg_gcp_056_violation if {
	findings := compute.deny with input as policy(3)
	some f in findings
	f.rule_id == "TG-GCP-056"
	f.location == fx.loc(path, 5)
	f.message == `snapshot schedule "daily" keeps snapshots 3 days, fewer than 7`
}

test_tg_gcp_056_compliant if {
	count(fx.ids(compute.deny, "TG-GCP-056")) == 0 with input as policy(14)
	count(fx.ids(compute.deny, "TG-GCP-056")) == 1 with input as policy(14) with data.config.params as {"min_backup_retention_days": 30}
}
