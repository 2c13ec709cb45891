package tollgate.access.gcp.kms_test

import data.tollgate.access.gcp.fixtures_test as fx
import data.tollgate.access.gcp.kms
import rego.v1

path := "kms/iam.tf"

# resource "google_kms_crypto_key_iam_binding" "decrypters" {   # line 1
#   crypto_key_id = google_kms_crypto_key.data.id              # line 2 (unknown)
#   role          = "roles/cloudkms.cryptoKeyDecrypter"        # line 3
#   members       = MEMBERS                                    # line 4
# }                                                            # line 5
binding(type, members) := fx.resource(type, "decrypters", fx.unknown(
	fx.block(path, 1, 5, {"role": "roles/cloudkms.cryptoKeyDecrypter", "members": members}, {"role": 3, "members": 4}),
	"crypto_key_id", 2,
))

test_tg_gcp_019_violation if {
	findings := kms.deny with input as binding("google_kms_crypto_key_iam_binding", ["allAuthenticatedUsers"])
	some f in findings
	f.rule_id == "TG-GCP-019"
	f.location == fx.loc(path, 4)
	f.message == `KMS key IAM binding "decrypters" grants access to the public: "allAuthenticatedUsers" (roles/cloudkms.cryptoKeyDecrypter)`
}

test_tg_gcp_019_compliant if {
	doc := binding("google_kms_crypto_key_iam_binding", ["serviceAccount:service-123@gs-project-accounts.iam.gserviceaccount.com"])
	count(fx.ids(kms.deny, "TG-GCP-019")) == 0 with input as doc
}

test_tg_gcp_019_key_ring_fires if {
	count(fx.ids(kms.deny, "TG-GCP-019")) == 1 with input as binding("google_kms_key_ring_iam_binding", ["allUsers"])
}
