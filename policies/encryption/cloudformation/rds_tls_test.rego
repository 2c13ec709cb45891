package tollgate.encryption.cloudformation.rds_tls_test

import data.tollgate.access.cloudformation.fixtures_test as fx
import data.tollgate.encryption.cloudformation.rds_tls
import rego.v1

#  1 Params:
#  2   Type: AWS::RDS::DBParameterGroup
#  3   Properties:
#  4     Family: FAMILY
#  5     Parameters:
#  6       NAME: VALUE
group(family, name, value) := fx.resource(
	"AWS::RDS::DBParameterGroup", "Params",
	{"Family": family, "Parameters": fx.M(5, 6, {name: 6}, {name: value})},
	{"Family": 4}, 6,
)

#  1 Db:
#  2   Type: AWS::RDS::DBInstance
#  3   Properties:
#  4..  the given properties, on the lines of attrs
instance(props, attrs) := fx.resource("AWS::RDS::DBInstance", "Db", props, attrs, 8)

test_tg_cfn_198_violation if {
	f := fx.only(rds_tls.deny, "TG-CFN-198") with input as group("postgres14", "rds.force_ssl", "0")
	f.location == fx.at(6, 6)
	f.message == `RDS parameter group "Params" does not require TLS connections (rds.force_ssl = 0)`

	g := fx.only(rds_tls.deny, "TG-CFN-198") with input as group("mysql8.0", "max_connections", "100")
	g.location == fx.at(5, 6)
	g.message == `RDS parameter group "Params" does not require TLS connections (require_secure_transport is not set, the engine default is off)`

	cluster := json.patch(group("aurora-postgresql15", "rds.force_ssl", 0), [{"op": "replace", "path": "/type", "value": "AWS::RDS::DBClusterParameterGroup"}])
	count(fx.ids(rds_tls.deny, "TG-CFN-198")) == 1 with input as cluster

	h := fx.only(rds_tls.deny, "TG-CFN-198") with input as instance({"Engine": "mysql", "EngineVersion": "8.0.35"}, {"Engine": 4, "EngineVersion": 5})
	h.location == fx.at(3, 8)
	h.message == `RDS instance "Db" does not require TLS connections (no DBParameterGroupName: the default mysql group leaves require_secure_transport off)`

	k := fx.only(rds_tls.deny, "TG-CFN-198") with input as instance({"Engine": "postgres", "EngineVersion": "14.7", "DBParameterGroupName": "default.postgres14"}, {"Engine": 4, "EngineVersion": 5, "DBParameterGroupName": 6})
	k.location == fx.at(6, 6)
}

test_tg_cfn_198_compliant if {
	count(fx.ids(rds_tls.deny, "TG-CFN-198")) == 0 with input as group("postgres14", "rds.force_ssl", "1")
	count(fx.ids(rds_tls.deny, "TG-CFN-198")) == 0 with input as group("mysql8.0", "require_secure_transport", 1)
	count(fx.ids(rds_tls.deny, "TG-CFN-198")) == 0 with input as group("db2-ae-11.5", "db2comm", "SSL")

	# PostgreSQL 15 and later require TLS by default.
	count(fx.ids(rds_tls.deny, "TG-CFN-198")) == 0 with input as group("postgres16", "max_connections", "100")

	# Oracle sets TLS through an option group.
	count(fx.ids(rds_tls.deny, "TG-CFN-198")) == 0 with input as group("oracle-ee-19", "open_cursors", "300")

	# A value the template does not decide.
	unknown := json.patch(group("postgres14", "max_connections", "100"), [{
		"op": "add", "path": "/resource/Properties/Parameters/__loc/attrs/rds.force_ssl",
		"value": fx.U(7),
	}])
	count(fx.ids(rds_tls.deny, "TG-CFN-198")) == 0 with input as unknown

	# Instances with a group of the template (a Ref, unknown), replicas and Aurora members.
	count(fx.ids(rds_tls.deny, "TG-CFN-198")) == 0 with input as instance({"Engine": "mysql"}, {"Engine": 4, "DBParameterGroupName": fx.U(5)})
	count(fx.ids(rds_tls.deny, "TG-CFN-198")) == 0 with input as instance({"Engine": "mysql", "SourceDBInstanceIdentifier": "primary"}, {"Engine": 4, "SourceDBInstanceIdentifier": 5})
	count(fx.ids(rds_tls.deny, "TG-CFN-198")) == 0 with input as instance({"Engine": "aurora-mysql"}, {"Engine": 4})
	count(fx.ids(rds_tls.deny, "TG-CFN-198")) == 0 with input as instance({"Engine": "postgres"}, {"Engine": 4})
}
