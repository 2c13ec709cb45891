package tollgate.audit.cloudformation.msk_test

import data.tollgate.access.cloudformation.fixtures_test as fx
import data.tollgate.audit.cloudformation.msk
import rego.v1

#  1 Events:
#  2   Type: AWS::MSK::Cluster
#  3   Properties:
#  4     LoggingInfo:
#  5       BrokerLogs:
#  6         CloudWatchLogs:
#  7           Enabled: ENABLED
#  8           LogGroup: msk-brokers
cluster(enabled) := fx.resource("AWS::MSK::Cluster", "Events", {"LoggingInfo": fx.M(4, 8, {}, {"BrokerLogs": fx.M(5, 8, {}, {"CloudWatchLogs": fx.M(6, 8, {"Enabled": 7, "LogGroup": 8}, {
	"Enabled": enabled,
	"LogGroup": "msk-brokers",
})})})}, {}, 8)

test_tg_cfn_097_violation if {
	f := fx.only(msk.deny, "TG-CFN-097") with input as cluster(false)
	f.location == fx.at(5, 8)
	f.message == `MSK cluster "Events" does not deliver its broker logs anywhere (no destination is enabled)`

	g := fx.only(msk.deny, "TG-CFN-097") with input as fx.resource("AWS::MSK::Cluster", "Events", {"ClusterName": "events"}, {"ClusterName": 4}, 4)
	g.location == fx.at(3, 4)
	g.message == `MSK cluster "Events" does not deliver its broker logs anywhere (no LoggingInfo)`
}

test_tg_cfn_097_compliant if {
	count(fx.ids(msk.deny, "TG-CFN-097")) == 0 with input as cluster(true)
	count(fx.ids(msk.deny, "TG-CFN-097")) == 0 with input as cluster("true")

	# Enabled chosen by a parameter the template does not decide.
	doc := json.patch(cluster(true), [
		{"op": "remove", "path": "/resource/Properties/LoggingInfo/BrokerLogs/CloudWatchLogs/Enabled"},
		{"op": "add", "path": "/resource/Properties/LoggingInfo/BrokerLogs/CloudWatchLogs/__loc/attrs/Enabled", "value": fx.U(7)},
	])
	count(fx.ids(msk.deny, "TG-CFN-097")) == 0 with input as doc
}
