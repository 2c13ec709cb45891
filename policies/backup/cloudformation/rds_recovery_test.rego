package tollgate.backup.cloudformation.rds_recovery_test

import data.tollgate.access.cloudformation.fixtures_test as fx
import data.tollgate.backup.cloudformation.rds_recovery
import rego.v1

#  1 OrdersDB:
#  2   Type: TYPE
#  3   Properties:
#  4     Engine: postgres
#  5     <each of props>
db(typ, props) := fx.resource(typ, "OrdersDB", object.union({"Engine": "postgres"}, props), object.union({"Engine": 4}, {k: 5 | some k, _ in props}), 5)

instance(props) := db("AWS::RDS::DBInstance", props)

cluster(props) := db("AWS::RDS::DBCluster", props)

test_tg_cfn_042_violation if {
	f := fx.only(rds_recovery.deny, "TG-CFN-042") with input as instance({"BackupRetentionPeriod": 3})
	f.location == fx.at(5, 5)
	f.message == `RDS instance "OrdersDB" keeps automated backups for less than 7 days (BackupRetentionPeriod: 3)`
}

test_tg_cfn_042_compliant if {
	count(fx.ids(rds_recovery.deny, "TG-CFN-042")) == 0 with input as instance({"BackupRetentionPeriod": 7})
	count(fx.ids(rds_recovery.deny, "TG-CFN-042")) == 0 with input as cluster({"BackupRetentionPeriod": "35"})

	# 0 on an instance: TG-CFN-003.
	count(fx.ids(rds_recovery.deny, "TG-CFN-042")) == 0 with input as instance({"BackupRetentionPeriod": 0})

	# Aurora members and read replicas.
	count(fx.ids(rds_recovery.deny, "TG-CFN-042")) == 0 with input as instance({"DBClusterIdentifier": "orders"})
	count(fx.ids(rds_recovery.deny, "TG-CFN-042")) == 0 with input as instance({"SourceDBInstanceIdentifier": "orders-primary"})
}

test_tg_cfn_042_missing_and_cluster if {
	f := fx.only(rds_recovery.deny, "TG-CFN-042") with input as cluster({})
	f.location == fx.at(3, 5)
	f.message == `RDS cluster "OrdersDB" keeps automated backups for less than 7 days (BackupRetentionPeriod is not set, default 1 day)`
	count(fx.ids(rds_recovery.deny, "TG-CFN-042")) == 1 with input as cluster({"BackupRetentionPeriod": "0"})
}

test_tg_cfn_042_parameter if {
	count(fx.ids(rds_recovery.deny, "TG-CFN-042")) == 1 with input as instance({"BackupRetentionPeriod": 14})
		with data.config.params as {"min_backup_retention_days": 30}
	count(fx.ids(rds_recovery.deny, "TG-CFN-042")) == 0 with input as instance({})
		with data.config.params as {"min_backup_retention_days": 1}
}

test_tg_cfn_042_unknown_does_not_fire if {
	count(fx.ids(rds_recovery.deny, "TG-CFN-042")) == 0 with input as fx.resource("AWS::RDS::DBInstance", "OrdersDB", {"Engine": "postgres"}, {"Engine": 4, "BackupRetentionPeriod": fx.U(5)}, 5)
}

test_tg_cfn_043_violation if {
	f := fx.only(rds_recovery.deny, "TG-CFN-043") with input as instance({"DeletionProtection": "false"})
	f.location == fx.at(5, 5)
	f.message == `RDS instance "OrdersDB" has no deletion protection (DeletionProtection: false)`
}

test_tg_cfn_043_compliant if {
	count(fx.ids(rds_recovery.deny, "TG-CFN-043")) == 0 with input as instance({"DeletionProtection": true})
	count(fx.ids(rds_recovery.deny, "TG-CFN-043")) == 0 with input as instance({"DBClusterIdentifier": "orders"})
}

test_tg_cfn_043_cluster_missing_fires if {
	f := fx.only(rds_recovery.deny, "TG-CFN-043") with input as cluster({})
	f.location == fx.at(3, 5)
	f.message == `RDS cluster "OrdersDB" has no deletion protection (DeletionProtection is not set, default false)`
}

test_tg_cfn_044_violation if {
	f := fx.only(rds_recovery.deny, "TG-CFN-044") with input as instance({"MultiAZ": false})
	f.location == fx.at(5, 5)
	f.message == `RDS instance "OrdersDB" runs in a single Availability Zone (MultiAZ: false)`
}

test_tg_cfn_044_compliant if {
	count(fx.ids(rds_recovery.deny, "TG-CFN-044")) == 0 with input as instance({"MultiAZ": "true"})
	count(fx.ids(rds_recovery.deny, "TG-CFN-044")) == 0 with input as instance({"SourceDBInstanceIdentifier": "orders-primary"})
	count(fx.ids(rds_recovery.deny, "TG-CFN-044")) == 0 with input as cluster({})
}

test_tg_cfn_044_unknown_does_not_fire if {
	count(fx.ids(rds_recovery.deny, "TG-CFN-044")) == 0 with input as fx.resource("AWS::RDS::DBInstance", "OrdersDB", {"Engine": "postgres"}, {"Engine": 4, "MultiAZ": fx.U(5)}, 5)
}
