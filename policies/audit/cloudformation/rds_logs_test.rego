package tollgate.audit.cloudformation.rds_logs_test

import data.tollgate.access.cloudformation.fixtures_test as fx
import data.tollgate.audit.cloudformation.rds_logs
import rego.v1

#  1 OrdersDB:
#  2   Type: TYPE
#  3   Properties:
#  4     Engine: postgres
#  5     <each of props>
db(typ, props) := fx.resource(typ, "OrdersDB", object.union({"Engine": "postgres"}, props), object.union({"Engine": 4}, {k: 5 | some k, _ in props}), 5)

test_tg_cfn_056_violation if {
	f := fx.only(rds_logs.deny, "TG-CFN-056") with input as db("AWS::RDS::DBInstance", {"EnableCloudwatchLogsExports": []})
	f.location == fx.at(5, 5)
	f.message == `RDS instance "OrdersDB" does not export its logs to CloudWatch Logs (EnableCloudwatchLogsExports is empty)`
}

test_tg_cfn_056_compliant if {
	count(fx.ids(rds_logs.deny, "TG-CFN-056")) == 0 with input as db("AWS::RDS::DBInstance", {"EnableCloudwatchLogsExports": ["postgresql"]})
	count(fx.ids(rds_logs.deny, "TG-CFN-056")) == 0 with input as db("AWS::RDS::DBInstance", {"DBClusterIdentifier": "orders"})
}

test_tg_cfn_056_cluster_missing_fires if {
	f := fx.only(rds_logs.deny, "TG-CFN-056") with input as db("AWS::RDS::DBCluster", {})
	f.location == fx.at(3, 5)
	f.message == `RDS cluster "OrdersDB" does not export its logs to CloudWatch Logs (EnableCloudwatchLogsExports is not set)`
}

test_tg_cfn_056_unknown_does_not_fire if {
	count(fx.ids(rds_logs.deny, "TG-CFN-056")) == 0 with input as fx.resource("AWS::RDS::DBCluster", "OrdersDB", {}, {"EnableCloudwatchLogsExports": fx.U(5)}, 5)
}
