package tollgate.backup.gcp.storage_test

import data.tollgate.access.gcp.fixtures_test as fx
import data.tollgate.backup.gcp.storage
import rego.v1

path := "storage/bucket.tf"

# resource "google_storage_bucket" "data" {     # line 1
#   name     = "acme-data"                     # line 2
#   location = "EU"                            # line 3
#   versioning {                               # line 4
#     enabled = VERSIONING                     # line 5
#   }                                          # line 6
#   soft_delete_policy {                       # line 7
#     retention_duration_seconds = SECONDS     # line 8
#   }                                          # line 9
# }                                            # line 10
bucket_body(fields) := fx.block(path, 1, 10, object.union({"name": "acme-data", "location": "EU"}, fields), {"name": 2, "location": 3})

bucket(fields) := fx.resource("google_storage_bucket", "data", bucket_body(fields))

versioning(enabled) := [fx.block(path, 4, 6, {"enabled": enabled}, {"enabled": 5})]

soft_delete(seconds) := [fx.block(path, 7, 9, {"retention_duration_seconds": seconds}, {"retention_duration_seconds": 8})]

test_tg_gcp_054_violation if {
	findings := storage.deny with input as bucket({"versioning": versioning(false)})
	some f in findings
	f.rule_id == "TG-GCP-054"
	f.location == fx.loc(path, 5)
	f.message == `bucket "data" has versioning disabled (enabled = false)`
}

test_tg_gcp_054_compliant if {
	count(fx.ids(storage.deny, "TG-GCP-054")) == 0 with input as bucket({"versioning": versioning(true)})
}

test_tg_gcp_054_missing_block_fires if {
	findings := storage.deny with input as bucket({})
	some f in findings
	f.rule_id == "TG-GCP-054"
	f.location == fx.span(path, 1, 10)
	f.message == `bucket "data" has versioning disabled (no versioning block)`
}

test_tg_gcp_054_dynamic_block_does_not_fire if {
	body := fx.unknown(bucket_body({}), "versioning", 4)
	count(fx.ids(storage.deny, "TG-GCP-054")) == 0 with input as fx.resource("google_storage_bucket", "data", body)
}

test_tg_gcp_055_violation if {
	findings := storage.deny with input as bucket({"versioning": versioning(true), "soft_delete_policy": soft_delete(0)})
	some f in findings
	f.rule_id == "TG-GCP-055"
	f.location == fx.loc(path, 8)
	f.message == `bucket "data" has soft delete disabled (retention_duration_seconds = 0)`
}

test_tg_gcp_055_compliant if {
	count(fx.ids(storage.deny, "TG-GCP-055")) == 0 with input as bucket({"versioning": versioning(true), "soft_delete_policy": soft_delete(604800)})
	count(fx.ids(storage.deny, "TG-GCP-055")) == 0 with input as bucket({"versioning": versioning(true)})
}
