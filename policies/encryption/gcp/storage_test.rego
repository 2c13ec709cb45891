package tollgate.encryption.gcp.storage_test

import data.tollgate.access.gcp.fixtures_test as fx
import data.tollgate.encryption.gcp.storage
import rego.v1

path := "storage/bucket.tf"

# resource "google_storage_bucket" "data" {                      # line 1
#   name     = "acme-data"                                      # line 2
#   location = "EU"                                             # line 3
#   encryption {                                                # line 4
#     default_kms_key_name = google_kms_crypto_key.storage.id   # line 5 (unknown)
#   }                                                           # line 6
# }                                                             # line 7
bucket(fields) := fx.resource("google_storage_bucket", "data", fx.block(path, 1, 7, object.union({"name": "acme-data", "location": "EU"}, fields), {"name": 2, "location": 3}))

encryption := [fx.unknown(fx.block(path, 4, 6, {}, {}), "default_kms_key_name", 5)]

test_tg_gcp_030_violation if {
	findings := storage.deny with input as bucket({})
	some f in findings
	f.rule_id == "TG-GCP-030"
	f.location == fx.span(path, 1, 7)
	f.message == `bucket "data" is not encrypted with a customer-managed key (no encryption block)`
}

test_tg_gcp_030_compliant if {
	count(fx.ids(storage.deny, "TG-GCP-030")) == 0 with input as bucket({"encryption": encryption})
	known := [fx.block(path, 4, 6, {"default_kms_key_name": "projects/p/locations/eu/keyRings/r/cryptoKeys/k"}, {"default_kms_key_name": 5})]
	count(fx.ids(storage.deny, "TG-GCP-030")) == 0 with input as bucket({"encryption": known})
}

test_tg_gcp_030_empty_block_fires if {
	findings := storage.deny with input as bucket({"encryption": [fx.block(path, 4, 6, {}, {})]})
	some f in findings
	f.rule_id == "TG-GCP-030"
	f.location == fx.span(path, 4, 6)
}
