package tollgate.access.gcp.bigquery_test

import data.tollgate.access.gcp.bigquery
import data.tollgate.access.gcp.fixtures_test as fx
import rego.v1

path := "data/bq.tf"

# resource "google_bigquery_dataset" "analytics" {   # line 1
#   dataset_id = "analytics"                        # line 2
#   access {                                        # line 3
#     role          = "OWNER"                       # line 4
#     special_group = "projectOwners"               # line 5
#   }                                               # line 6
#   access {                                        # line 7
#     role          = "READER"                      # line 8
#     special_group = GROUP                         # line 9
#   }                                               # line 10
# }                                                 # line 11
dataset(group) := fx.resource("google_bigquery_dataset", "analytics", fx.block(
	path, 1, 11, {
		"dataset_id": "analytics",
		"access": [
			fx.block(path, 3, 6, {"role": "OWNER", "special_group": "projectOwners"}, {"role": 4, "special_group": 5}),
			fx.block(path, 7, 10, {"role": "READER", "special_group": group}, {"role": 8, "special_group": 9}),
		],
	},
	{"dataset_id": 2},
))

test_tg_gcp_027_violation if {
	findings := bigquery.deny with input as dataset("allAuthenticatedUsers")
	some f in findings
	f.rule_id == "TG-GCP-027"
	f.location == fx.loc(path, 9)
	f.message == `BigQuery dataset "analytics" grants READER to allAuthenticatedUsers`
}

test_tg_gcp_027_compliant if {
	count(fx.ids(bigquery.deny, "TG-GCP-027")) == 0 with input as dataset("projectReaders")
}

test_tg_gcp_027_iam_and_access_resources_fire if {
	member := fx.resource("google_bigquery_table_iam_member", "public", fx.block(path, 20, 24, {"role": "roles/bigquery.dataViewer", "member": "allUsers"}, {"role": 22, "member": 23}))
	findings := bigquery.deny with input as member
	some f in findings
	f.rule_id == "TG-GCP-027"
	f.location == fx.loc(path, 23)
	f.message == `BigQuery table IAM member "public" grants access to the public: "allUsers" (roles/bigquery.dataViewer)`
	access := fx.resource("google_bigquery_dataset_access", "public", fx.block(path, 30, 34, {"role": "READER", "iam_member": "allUsers"}, {"role": 32, "iam_member": 33}))
	some g in bigquery.deny with input as access
	g.location == fx.loc(path, 33)
}
