package tollgate.encryption.gcp.kms_test

import data.tollgate.access.gcp.fixtures_test as fx
import data.tollgate.encryption.gcp.kms
import rego.v1

path := "kms/keys.tf"

# resource "google_kms_crypto_key" "data" {    # line 1
#   name            = "data"                  # line 2
#   key_ring        = google_kms_key_ring.main.id   # line 3 (unknown)
#   purpose         = PURPOSE                 # line 4
#   rotation_period = PERIOD                  # line 5
#   version_template {                        # line 6
#     algorithm        = ALGORITHM            # line 7
#     protection_level = LEVEL                # line 8
#   }                                         # line 9
# }                                           # line 10
key_body(fields) := fx.unknown(fx.block(path, 1, 10, object.union({"name": "data"}, fields), {"name": 2, "purpose": 4, "rotation_period": 5}), "key_ring", 3)

key(fields) := fx.resource("google_kms_crypto_key", "data", key_body(fields))

template(fields) := [fx.block(path, 6, 9, fields, {"algorithm": 7, "protection_level": 8})]

test_tg_gcp_032_violation if {
	findings := kms.deny with input as key({"rotation_period": "31536000s"})
	some f in findings
	f.rule_id == "TG-GCP-032"
	f.location == fx.loc(path, 5)
	f.message == `KMS key "data" is rotated every 365 days, more than 90 (rotation_period = "31536000s")`
}

test_tg_gcp_032_compliant if {
	count(fx.ids(kms.deny, "TG-GCP-032")) == 0 with input as key({"rotation_period": "7776000s"})
	count(fx.ids(kms.deny, "TG-GCP-032")) == 0 with input as key({"rotation_period": "2592000s", "purpose": "ENCRYPT_DECRYPT"})
}

test_tg_gcp_032_no_rotation_fires if {
	findings := kms.deny with input as key({})
	some f in findings
	f.rule_id == "TG-GCP-032"
	f.location == fx.span(path, 1, 10)
	f.message == `KMS key "data" is never rotated (no rotation_period)`
}

test_tg_gcp_032_asymmetric_and_external_keys_do_not_fire if {
	count(fx.ids(kms.deny, "TG-GCP-032")) == 0 with input as key({"purpose": "ASYMMETRIC_SIGN"})
	external := {"version_template": template({"algorithm": "EXTERNAL_SYMMETRIC_ENCRYPTION", "protection_level": "EXTERNAL"})}
	count(fx.ids(kms.deny, "TG-GCP-032")) == 0 with input as key(external)
	hsm := {"version_template": template({"algorithm": "GOOGLE_SYMMETRIC_ENCRYPTION", "protection_level": "HSM"})}
	count(fx.ids(kms.deny, "TG-GCP-032")) == 1 with input as key(hsm)
}

test_tg_gcp_032_unknown_does_not_fire if {
	body := fx.unknown(key_body({}), "rotation_period", 5)
	count(fx.ids(kms.deny, "TG-GCP-032")) == 0 with input as fx.resource("google_kms_crypto_key", "data", body)
	purpose := fx.unknown(key_body({}), "purpose", 4)
	count(fx.ids(kms.deny, "TG-GCP-032")) == 0 with input as fx.resource("google_kms_crypto_key", "data", purpose)
}
