package tollgate.encryption.gcp.gke_test

import data.tollgate.access.gcp.fixtures_test as fx
import data.tollgate.encryption.gcp.gke
import rego.v1

path := "k8s/gke.tf"

# resource "google_container_cluster" "main" {        # line 1
#   name = "acme"                                    # line 2
#   database_encryption {                            # line 3
#     state    = STATE                               # line 4
#     key_name = google_kms_crypto_key.gke.id        # line 5 (unknown)
#   }                                                # line 6
# }                                                  # line 7
cluster(fields) := fx.resource("google_container_cluster", "main", fx.block(path, 1, 7, object.union({"name": "acme"}, fields), {"name": 2}))

encryption(state) := [fx.unknown(fx.block(path, 3, 6, {"state": state}, {"state": 4}), "key_name", 5)]

test_tg_gcp_035_violation if {
	findings := gke.deny with input as cluster({"database_encryption": encryption("DECRYPTED")})
	some f in findings
	f.rule_id == "TG-GCP-035"
	f.location == fx.loc(path, 4)
	f.message == `GKE cluster "main" does not encrypt Secrets with Cloud KMS (database_encryption state = "DECRYPTED")`
}

test_tg_gcp_035_compliant if {
	count(fx.ids(gke.deny, "TG-GCP-035")) == 0 with input as cluster({"database_encryption": encryption("ENCRYPTED")})
}

test_tg_gcp_035_missing_block_fires if {
	findings := gke.deny with input as cluster({})
	some f in findings
	f.rule_id == "TG-GCP-035"
	f.location == fx.span(path, 1, 7)
	f.message == `GKE cluster "main" does not encrypt Secrets with Cloud KMS (no database_encryption block)`
}
