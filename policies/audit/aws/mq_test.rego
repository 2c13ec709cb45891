package tollgate.audit.aws.mq_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.audit.aws.mq
import rego.v1

# resource "aws_mq_broker" "b" {     # line 1
#   broker_name = "b"                # line 2
#   engine_type = ENGINE             # line 3
#   logs {                           # line 4
#     general = true                 # line 5
#     audit   = AUDIT                # line 6
#   }                                # line 7
# }                                  # line 8
broker(engine, logs) := fx.doc("aws_mq_broker", "b", fx.block(1, 8, {"broker_name": "b", "engine_type": engine, "logs": [fx.block(4, 7, object.union({"general": true}, logs), {"general": 5, "audit": 6})]}, {"broker_name": 2, "engine_type": 3}))

test_tg_aws_221_violation if {
	findings := mq.deny with input as broker("ActiveMQ", {"audit": false})
	fx.found(findings, "TG-AWS-221", fx.at(6), `Amazon MQ broker "b" does not publish audit logs (logs.audit = false)`)
	count(findings) == 1
	fx.found(mq.deny, "TG-AWS-221", fx.span(4, 7), `Amazon MQ broker "b" does not publish audit logs (logs.audit is not set, default false)`) with input as broker("ACTIVEMQ", {})
	fx.found(mq.deny, "TG-AWS-221", fx.span(1, 3), `Amazon MQ broker "b" does not publish audit logs (no logs block)`) with input as fx.doc("aws_mq_broker", "b", fx.block(1, 3, {"engine_type": "ActiveMQ"}, {"engine_type": 2}))
}

test_tg_aws_221_compliant if {
	count(mq.deny) == 0 with input as broker("ActiveMQ", {"audit": true})
	count(mq.deny) == 0 with input as broker("ActiveMQ", {"audit": fx.unknown})
	count(mq.deny) == 0 with input as broker("RabbitMQ", {})
	count(mq.deny) == 0 with input as fx.doc("aws_mq_broker", "b", fx.block(1, 3, {"engine_type": "ActiveMQ", "logs": fx.unknown}, {"logs": 2}))
}
