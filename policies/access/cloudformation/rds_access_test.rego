package tollgate.access.cloudformation.rds_access_test

import data.tollgate.access.cloudformation.fixtures_test as fx
import data.tollgate.access.cloudformation.rds_access
import rego.v1

#  1 OrdersDB:
#  2   Type: TYPE
#  3   Properties:
#  4     Engine: ENGINE
#  5     DBInstanceClass: db.t4g.micro
#  6     <each of props>
db(typ, engine, props) := fx.resource(typ, "OrdersDB", object.union({"Engine": engine, "DBInstanceClass": "db.t4g.micro"}, props), object.union({"Engine": 4, "DBInstanceClass": 5}, {k: 6 | some k, _ in props}), 6)

instance(props) := db("AWS::RDS::DBInstance", "postgres", props)

test_tg_cfn_013_violation if {
	f := fx.only(rds_access.deny, "TG-CFN-013") with input as instance({"PubliclyAccessible": true})
	f.location == fx.at(6, 6)
	f.message == `RDS instance "OrdersDB" is publicly accessible (PubliclyAccessible: true)`
}

test_tg_cfn_013_compliant if {
	count(fx.ids(rds_access.deny, "TG-CFN-013")) == 0 with input as instance({"PubliclyAccessible": false})
	count(fx.ids(rds_access.deny, "TG-CFN-013")) == 0 with input as instance({})
}

test_tg_cfn_013_string_and_cluster if {
	count(fx.ids(rds_access.deny, "TG-CFN-013")) == 1 with input as instance({"PubliclyAccessible": "true"})
	f := fx.only(rds_access.deny, "TG-CFN-013") with input as db("AWS::RDS::DBCluster", "mysql", {"PubliclyAccessible": true})
	f.message == `RDS cluster "OrdersDB" is publicly accessible (PubliclyAccessible: true)`
}

test_tg_cfn_014_violation if {
	f := fx.only(rds_access.deny, "TG-CFN-014") with input as instance({"EnableIAMDatabaseAuthentication": false})
	f.location == fx.at(6, 6)
	f.message == `RDS instance "OrdersDB" does not use IAM database authentication (EnableIAMDatabaseAuthentication: false)`
}

test_tg_cfn_014_compliant if {
	count(fx.ids(rds_access.deny, "TG-CFN-014")) == 0 with input as instance({"EnableIAMDatabaseAuthentication": true})
	count(fx.ids(rds_access.deny, "TG-CFN-014")) == 0 with input as instance({"EnableIAMDatabaseAuthentication": "true"})

	# Engines without IAM authentication.
	count(fx.ids(rds_access.deny, "TG-CFN-014")) == 0 with input as db("AWS::RDS::DBInstance", "sqlserver-se", {})
	count(fx.ids(rds_access.deny, "TG-CFN-014")) == 0 with input as db("AWS::RDS::DBInstance", "oracle-ee", {})

	# The cluster of an Aurora instance decides.
	count(fx.ids(rds_access.deny, "TG-CFN-014")) == 0 with input as db("AWS::RDS::DBInstance", "aurora-postgresql", {"DBClusterIdentifier": "orders"})

	# Aurora Serverless v1 does not support it.
	count(fx.ids(rds_access.deny, "TG-CFN-014")) == 0 with input as db("AWS::RDS::DBCluster", "aurora-mysql", {"EngineMode": "serverless"})
}

test_tg_cfn_014_missing_fires if {
	f := fx.only(rds_access.deny, "TG-CFN-014") with input as db("AWS::RDS::DBCluster", "Aurora-PostgreSQL", {})
	f.location == fx.at(3, 6)
	f.message == `RDS cluster "OrdersDB" does not use IAM database authentication (EnableIAMDatabaseAuthentication is not set, default false)`
}

test_tg_cfn_014_unknown_does_not_fire if {
	count(fx.ids(rds_access.deny, "TG-CFN-014")) == 0 with input as fx.resource("AWS::RDS::DBInstance", "OrdersDB", {"Engine": "mysql"}, {"Engine": 4, "EnableIAMDatabaseAuthentication": fx.U(5)}, 5)
	count(fx.ids(rds_access.deny, "TG-CFN-014")) == 0 with input as fx.resource("AWS::RDS::DBInstance", "OrdersDB", {"Engine": "mysql"}, {"Engine": 4, "DBClusterIdentifier": fx.U(5)}, 5)
}
