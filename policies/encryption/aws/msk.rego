package tollgate.encryption.aws.msk

import data.tollgate.lib
import rego.v1

# METADATA
# title: MSK cluster allows unencrypted traffic
# description: |
#   The encryption_in_transit block of an aws_msk_cluster sets client_broker to
#   "PLAINTEXT" or "TLS_PLAINTEXT" (clients may produce and consume in clear text), or
#   in_cluster = false (brokers replicate in clear text). Kafka records, and SASL/SCRAM
#   credentials, can then be read on the network.
# related_resources:
# - https://docs.aws.amazon.com/msk/latest/developerguide/msk-encryption.html
# - https://docs.aws.amazon.com/securityhub/latest/userguide/msk-controls.html#msk-1
# custom:
#   id: TG-AWS-122
#   severity: medium
#   category: encryption
#   provider: aws
#   remediation: Set client_broker = "TLS" (the default) and in_cluster = true in encryption_info.encryption_in_transit.
#   frameworks:
#     nist-800-53: ["SC-8"]
#     soc2: ["CC6.7"]
deny contains finding if {
	input.type == "aws_msk_cluster"
	some info in input.resource.encryption_info
	some transit in info.encryption_in_transit
	some v in plaintext(transit)
	msg := sprintf("MSK cluster %q allows unencrypted traffic (%s)", [input.name, v.text])
	finding := lib.finding(rego.metadata.rule(), v.location, msg)
}

plaintext(transit) := {v |
	transit.client_broker in {"PLAINTEXT", "TLS_PLAINTEXT"}
	v := {"text": sprintf("client_broker = %q", [transit.client_broker]), "location": lib.attr_loc(transit, "client_broker")}
} | {v |
	lib.is_false(transit.in_cluster)
	v := {"text": "in_cluster = false", "location": lib.attr_loc(transit, "in_cluster")}
}
