package tollgate.encryption.gcp.bigquery_test

import data.tollgate.access.gcp.fixtures_test as fx
import data.tollgate.encryption.gcp.bigquery
import rego.v1

path := "data/bq.tf"

# resource "google_bigquery_dataset" "analytics" {            # line 1
#   dataset_id = "analytics"                                 # line 2
#   default_encryption_configuration {                       # line 3
#     kms_key_name = google_kms_crypto_key.bigquery.id       # line 4 (unknown)
#   }                                                        # line 5
# }                                                          # line 6
dataset_body(fields) := fx.block(path, 1, 6, object.union({"dataset_id": "analytics"}, fields), {"dataset_id": 2})

dataset(fields) := fx.resource("google_bigquery_dataset", "analytics", dataset_body(fields))

test_tg_gcp_036_violation if {
	findings := bigquery.deny with input as dataset({})
	some f in findings
	f.rule_id == "TG-GCP-036"
	f.location == fx.span(path, 1, 6)
	f.message == `BigQuery dataset "analytics" has no default customer-managed encryption key`
}

test_tg_gcp_036_compliant if {
	config := [fx.unknown(fx.block(path, 3, 5, {}, {}), "kms_key_name", 4)]
	count(fx.ids(bigquery.deny, "TG-GCP-036")) == 0 with input as dataset({"default_encryption_configuration": config})
}

test_tg_gcp_036_dynamic_block_does_not_fire if {
	body := fx.unknown(dataset_body({}), "default_encryption_configuration", 3)
	count(fx.ids(bigquery.deny, "TG-GCP-036")) == 0 with input as fx.resource("google_bigquery_dataset", "analytics", body)
}
