package tollgate.audit.aws.msk_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.audit.aws.msk
import rego.v1

# resource "aws_msk_cluster" "events" {     # line 1
#   cluster_name = "events"                 # line 2
#   logging_info {                          # line 3
#     broker_logs {                         # line 4
#       cloudwatch_logs {                   # line 5
#         enabled   = ENABLED               # line 6
#       }                                   # line 7
#     }                                     # line 8
#   }                                       # line 9
# }                                         # line 10
cluster(cw) := fx.doc("aws_msk_cluster", "events", fx.block(1, 10, {
	"cluster_name": "events",
	"logging_info": [fx.block(3, 9, {"broker_logs": [fx.block(4, 8, {"cloudwatch_logs": [fx.block(5, 7, cw, {"enabled": 6})]}, {})]}, {})],
}, {"cluster_name": 2}))

test_tg_aws_218_violation if {
	findings := msk.deny with input as cluster({"enabled": false})
	fx.found(findings, "TG-AWS-218", fx.span(4, 8), `MSK cluster "events" does not deliver its broker logs anywhere (no destination is enabled)`)
	count(findings) == 1
	fx.found(msk.deny, "TG-AWS-218", fx.span(1, 3), `MSK cluster "events" does not deliver its broker logs anywhere (no logging_info block)`) with input as fx.doc("aws_msk_cluster", "events", fx.block(1, 3, {"cluster_name": "events"}, {"cluster_name": 2}))
}

test_tg_aws_218_compliant if {
	f1 := msk.deny with input as cluster({"enabled": true})
	count(f1) == 0
	f2 := msk.deny with input as cluster({"enabled": fx.unknown})
	count(f2) == 0
	f3 := msk.deny with input as fx.doc("aws_msk_cluster", "events", fx.block(1, 3, {"logging_info": fx.unknown}, {"logging_info": 2}))
	count(f3) == 0
}
