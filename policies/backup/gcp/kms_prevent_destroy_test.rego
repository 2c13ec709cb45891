package tollgate.backup.gcp.kms_prevent_destroy_test

import data.tollgate.access.gcp.fixtures_test as fx
import data.tollgate.backup.gcp.kms_prevent_destroy
import rego.v1

path := "kms/main.tf"

# resource "google_kms_crypto_key" "data" {    # line 1
#   name     = "data"                          # line 2
#   key_ring = "ring"                          # line 3
#   lifecycle {                                # line 4
#     prevent_destroy = VALUE                  # line 5
#   }                                          # line 6
# }                                            # line 7
key(lifecycle) := fx.resource("google_kms_crypto_key", "data", fx.block(
	path, 1, 7, object.union({"name": "data", "key_ring": "ring"}, lifecycle),
	{"name": 2, "key_ring": 3},
))

protected(value) := {"lifecycle": [fx.block(path, 4, 6, {"prevent_destroy": value}, {"prevent_destroy": 5})]}

test_tg_gcp_150_violation if {
	f := fx.ids(kms_prevent_destroy.deny, "TG-GCP-150") with input as key({})
	{x.location | some x in f} == {fx.span(path, 1, 7)}
	{x.message | some x in f} == {`KMS crypto key "data" is not protected from destruction (no lifecycle block)`}

	g := fx.ids(kms_prevent_destroy.deny, "TG-GCP-150") with input as key(protected(false))
	{x.location | some x in g} == {fx.loc(path, 5)}
	{x.message | some x in g} == {`KMS crypto key "data" is not protected from destruction (lifecycle.prevent_destroy = false)`}

	h := fx.ids(kms_prevent_destroy.deny, "TG-GCP-150") with input as key({"lifecycle": [fx.block(path, 4, 6, {"ignore_changes": ["labels"]}, {"ignore_changes": 5})]})
	{x.location | some x in h} == {fx.span(path, 4, 6)}
}

test_tg_gcp_150_compliant if {
	count(fx.ids(kms_prevent_destroy.deny, "TG-GCP-150")) == 0 with input as key(protected(true))

	# A plan does not carry the lifecycle block.
	count(fx.ids(kms_prevent_destroy.deny, "TG-GCP-150")) == 0 with input as object.union(key({}), {"related_unknown": true})

	# A value Terraform would refuse, unknown here.
	undecided := key({"lifecycle": [fx.unknown(fx.block(path, 4, 6, {"prevent_destroy": true}, {"prevent_destroy": 5}), "prevent_destroy", 5)]})
	count(fx.ids(kms_prevent_destroy.deny, "TG-GCP-150")) == 0 with input as undecided
}
