package tollgate.backup.cloudformation.docdb_neptune_test

import data.tollgate.access.cloudformation.fixtures_test as fx
import data.tollgate.backup.cloudformation.docdb_neptune
import rego.v1

#  1 Docs:
#  2   Type: TYPE
#  3   Properties:
#  4     StorageEncrypted: true
#  5     BackupRetentionPeriod: DAYS
cluster(typ, props) := fx.resource(typ, "Docs", object.union({"StorageEncrypted": true}, props), object.union({"StorageEncrypted": 4}, {k: 5 | some k, _ in props}), 5)

test_tg_cfn_108_violation if {
	f := fx.only(docdb_neptune.deny, "TG-CFN-108") with input as cluster("AWS::DocDB::DBCluster", {"BackupRetentionPeriod": 3})
	f.location == fx.at(5, 5)
	f.message == `DocumentDB cluster "Docs" keeps backups for less than 7 days (BackupRetentionPeriod: 3)`

	g := fx.only(docdb_neptune.deny, "TG-CFN-108") with input as cluster("AWS::Neptune::DBCluster", {})
	g.location == fx.at(3, 5)
	g.message == `Neptune cluster "Docs" keeps backups for less than 7 days (BackupRetentionPeriod is not set, default 1 day)`
}

test_tg_cfn_108_compliant if {
	count(fx.ids(docdb_neptune.deny, "TG-CFN-108")) == 0 with input as cluster("AWS::DocDB::DBCluster", {"BackupRetentionPeriod": "14"})

	unknown := fx.resource("AWS::Neptune::DBCluster", "Docs", {}, {"BackupRetentionPeriod": fx.U(4)}, 4)
	count(fx.ids(docdb_neptune.deny, "TG-CFN-108")) == 0 with input as unknown
}
