package tollgate.audit.cloudformation.mq_test

import data.tollgate.access.cloudformation.fixtures_test as fx
import data.tollgate.audit.cloudformation.mq
import rego.v1

#  1 Broker:
#  2   Type: AWS::AmazonMQ::Broker
#  3   Properties:
#  4     EngineType: ENGINE
#  5     Logs:
#  6       General: true
#  7       Audit: AUDIT
broker(engine, logs) := fx.resource("AWS::AmazonMQ::Broker", "Broker", {"EngineType": engine, "Logs": fx.M(5, 7, {k: line | some k, _ in logs; line := {"General": 6, "Audit": 7}[k]}, logs)}, {"EngineType": 4}, 7)

test_tg_cfn_098_violation if {
	f := fx.only(mq.deny, "TG-CFN-098") with input as broker("ACTIVEMQ", {"General": true, "Audit": false})
	f.location == fx.at(7, 7)
	f.message == `Amazon MQ broker "Broker" does not publish audit logs (Audit: false)`

	g := fx.only(mq.deny, "TG-CFN-098") with input as broker("ActiveMQ", {"General": true})
	g.location == fx.at(5, 7)
	g.message == `Amazon MQ broker "Broker" does not publish audit logs (Audit is not set, default false)`

	h := fx.only(mq.deny, "TG-CFN-098") with input as fx.resource("AWS::AmazonMQ::Broker", "Broker", {"EngineType": "ActiveMQ"}, {"EngineType": 4}, 4)
	h.location == fx.at(3, 4)
}

test_tg_cfn_098_compliant if {
	count(fx.ids(mq.deny, "TG-CFN-098")) == 0 with input as broker("ActiveMQ", {"General": true, "Audit": true})

	# RabbitMQ has no audit log.
	count(fx.ids(mq.deny, "TG-CFN-098")) == 0 with input as broker("RABBITMQ", {"General": true})
}
