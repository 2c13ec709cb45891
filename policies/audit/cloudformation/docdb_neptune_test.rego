package tollgate.audit.cloudformation.docdb_neptune_test

import data.tollgate.access.cloudformation.fixtures_test as fx
import data.tollgate.audit.cloudformation.docdb_neptune
import rego.v1

#  1 Docs:
#  2   Type: AWS::DocDB::DBCluster
#  3   Properties:
#  4     StorageEncrypted: true
#  5     EnableCloudwatchLogsExports: [LOGS]
cluster(typ, logs) := fx.resource(typ, "Docs", {"StorageEncrypted": true, "EnableCloudwatchLogsExports": logs}, {"StorageEncrypted": 4, "EnableCloudwatchLogsExports": 5}, 5)

test_tg_cfn_099_violation if {
	f := fx.only(docdb_neptune.deny, "TG-CFN-099") with input as cluster("AWS::DocDB::DBCluster", ["profiler"])
	f.location == fx.at(5, 5)
	f.message == `DocumentDB cluster "Docs" does not export audit logs to CloudWatch Logs (EnableCloudwatchLogsExports has no "audit")`

	g := fx.only(docdb_neptune.deny, "TG-CFN-099") with input as fx.resource("AWS::Neptune::DBCluster", "Graph", {"StorageEncrypted": true}, {"StorageEncrypted": 4}, 4)
	g.location == fx.at(3, 4)
	g.message == `Neptune cluster "Graph" does not export audit logs to CloudWatch Logs (EnableCloudwatchLogsExports has no "audit")`
}

test_tg_cfn_099_compliant if {
	count(fx.ids(docdb_neptune.deny, "TG-CFN-099")) == 0 with input as cluster("AWS::DocDB::DBCluster", ["audit", "profiler"])
	count(fx.ids(docdb_neptune.deny, "TG-CFN-099")) == 0 with input as cluster("AWS::Neptune::DBCluster", ["audit"])

	unknown := fx.resource("AWS::Neptune::DBCluster", "Graph", {}, {"EnableCloudwatchLogsExports": fx.U(4)}, 4)
	count(fx.ids(docdb_neptune.deny, "TG-CFN-099")) == 0 with input as unknown
}
