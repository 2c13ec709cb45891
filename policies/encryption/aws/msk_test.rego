package tollgate.encryption.aws.msk_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.encryption.aws.msk
import rego.v1

# resource "aws_msk_cluster" "events" {      # line 1
#   cluster_name  = "events"                 # line 2
#   kafka_version = "3.6.0"                  # line 3
#   encryption_info {                        # line 4
#     encryption_in_transit {                # line 5
#       client_broker = CLIENT               # line 6
#       in_cluster    = CLUSTER              # line 7
#     }                                      # line 8
#   }                                        # line 9
# }                                          # line 10
cluster(transit) := fx.doc("aws_msk_cluster", "events", fx.block(
	1, 10, {
		"cluster_name": "events",
		"kafka_version": "3.6.0",
		"encryption_info": [fx.block(4, 9, {"encryption_in_transit": [fx.block(5, 8, transit, {"client_broker": 6, "in_cluster": 7})]}, {})],
	},
	{"cluster_name": 2, "kafka_version": 3},
))

test_tg_aws_122_violation if {
	findings := msk.deny with input as cluster({"client_broker": "TLS_PLAINTEXT", "in_cluster": true})
	fx.found(findings, "TG-AWS-122", fx.at(6), `MSK cluster "events" allows unencrypted traffic (client_broker = "TLS_PLAINTEXT")`)
	count(findings) == 1
}

test_tg_aws_122_compliant if {
	count(msk.deny) == 0 with input as cluster({"client_broker": "TLS", "in_cluster": true})
	count(msk.deny) == 0 with input as cluster({})
	count(msk.deny) == 0 with input as cluster({"client_broker": fx.unknown, "in_cluster": fx.unknown})
}

test_tg_aws_122_in_cluster if {
	fx.found(msk.deny, "TG-AWS-122", fx.at(7), `MSK cluster "events" allows unencrypted traffic (in_cluster = false)`) with input as cluster({"in_cluster": false})
}
