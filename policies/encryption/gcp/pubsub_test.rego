package tollgate.encryption.gcp.pubsub_test

import data.tollgate.access.gcp.fixtures_test as fx
import data.tollgate.encryption.gcp.pubsub
import rego.v1

path := "messaging/pubsub.tf"

# resource "google_pubsub_topic" "orders" {   # line 1
#   name         = "orders"                  # line 2
#   kms_key_name = KEY                       # line 3
# }                                          # line 4
topic_body(fields) := fx.block(path, 1, 4, object.union({"name": "orders"}, fields), {"name": 2, "kms_key_name": 3})

test_tg_gcp_037_violation if {
	findings := pubsub.deny with input as fx.resource("google_pubsub_topic", "orders", topic_body({}))
	some f in findings
	f.rule_id == "TG-GCP-037"
	f.location == fx.span(path, 1, 4)
	f.message == `Pub/Sub topic "orders" is not encrypted with a customer-managed key (no kms_key_name)`
}

test_tg_gcp_037_compliant if {
	doc := fx.resource("google_pubsub_topic", "orders", topic_body({"kms_key_name": "projects/p/locations/eu/keyRings/r/cryptoKeys/pubsub"}))
	count(fx.ids(pubsub.deny, "TG-GCP-037")) == 0 with input as doc
}

test_tg_gcp_037_unknown_does_not_fire if {
	body := fx.unknown(topic_body({}), "kms_key_name", 3)
	count(fx.ids(pubsub.deny, "TG-GCP-037")) == 0 with input as fx.resource("google_pubsub_topic", "orders", body)
}
