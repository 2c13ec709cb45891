package tollgate.encryption.aws.rds_tls_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.encryption.aws.rds_tls
import rego.v1

# resource "aws_db_parameter_group" "pg" {   # line 1
#   family = FAMILY                           # line 2
#   parameter {                               # line 3
#     name  = NAME                            # line 4
#     value = VALUE                           # line 5
#   }                                         # line 6
# }                                           # line 7
group(family, params) := fx.doc("aws_db_parameter_group", "pg", fx.block(1, 7, {"family": family, "parameter": params}, {"family": 2}))

param(name, value) := fx.block(3, 6, {"name": name, "value": value}, {"name": 4, "value": 5})

test_tg_aws_464_violation if {
	findings := rds_tls.deny with input as group("postgres16", [param("rds.force_ssl", "0")])
	fx.found(findings, "TG-AWS-464", fx.at(5), `RDS parameter group "pg" does not require TLS connections (rds.force_ssl = 0)`)
	count(findings) == 1
}

test_tg_aws_464_mysql_unset if {
	findings := rds_tls.deny with input as group("mysql8.0", [param("max_connections", "100")])
	fx.found(findings, "TG-AWS-464", fx.span(1, 7), `RDS parameter group "pg" does not require TLS connections (require_secure_transport is not set, the engine default is off)`)
	count(findings) == 1
}

test_tg_aws_464_old_postgres_unset if {
	fx.found(rds_tls.deny, "TG-AWS-464", fx.span(1, 7), `RDS parameter group "pg" does not require TLS connections (rds.force_ssl is not set, the engine default is off)`) with input as group("postgres14", [])
}

test_tg_aws_464_compliant if {
	count(rds_tls.deny) == 0 with input as group("postgres14", [param("rds.force_ssl", 1)])
	count(rds_tls.deny) == 0 with input as group("postgres16", [])
	count(rds_tls.deny) == 0 with input as group("aurora-mysql8.0", [param("require_secure_transport", "ON")])
	count(rds_tls.deny) == 0 with input as group("db2-ae-11.5", [param("db2comm", "TCPIP,SSL")])
	count(rds_tls.deny) == 0 with input as group("oracle-ee-19", [])
	count(rds_tls.deny) == 0 with input as group("mysql9.7", [])
	count(rds_tls.deny) == 0 with input as group("mariadb11.8", [])
}

test_tg_aws_464_versions_before_default_on if {
	count(rds_tls.deny) == 1 with input as group("mysql8.4", [])
	count(rds_tls.deny) == 1 with input as group("mariadb11.4", [])
	count(rds_tls.deny) == 1 with input as group("mariadb10.11", [])
}

test_tg_aws_464_unknown_value_does_not_fire if {
	count(rds_tls.deny) == 0 with input as group("mysql8.0", [param("require_secure_transport", fx.unknown)])
}

test_tg_aws_464_unknown_family_does_not_fire if {
	count(rds_tls.deny) == 0 with input as group(fx.unknown, [])
}

test_tg_aws_464_unknown_name_does_not_fire if {
	count(rds_tls.deny) == 0 with input as group("mysql8.0", [param(fx.unknown, "1")])
}

# resource "aws_db_instance" "db" {   # line 1
#   engine         = ENGINE          # line 2
#   engine_version = VERSION         # line 3
# }                                  # line 4
instance(attrs) := fx.doc("aws_db_instance", "db", fx.block(1, 4, attrs, {"engine": 2, "engine_version": 3, "parameter_group_name": 3}))

test_tg_aws_464_instance_default_group if {
	findings := rds_tls.deny with input as instance({"engine": "mysql"})
	fx.found(findings, "TG-AWS-464", fx.span(1, 4), `RDS instance "db" does not require TLS connections (no parameter_group_name: the default mysql group leaves require_secure_transport off)`)
	fx.found(rds_tls.deny, "TG-AWS-464", fx.span(1, 4), `RDS instance "db" does not require TLS connections (no parameter_group_name: the default mariadb group leaves require_secure_transport off)`) with input as instance({"engine": "mariadb", "engine_version": "10.11.6"})
}

test_tg_aws_464_instance_old_postgres if {
	fx.found(rds_tls.deny, "TG-AWS-464", fx.span(1, 4), `RDS instance "db" does not require TLS connections (no parameter_group_name: the default postgres group leaves rds.force_ssl off)`) with input as instance({"engine": "postgres", "engine_version": "13.4"})
}

test_tg_aws_464_instance_compliant if {
	count(rds_tls.deny) == 0 with input as instance({"engine": "mysql", "parameter_group_name": "tls"})
	count(rds_tls.deny) == 0 with input as instance({"engine": "postgres", "engine_version": "16.2"})
	count(rds_tls.deny) == 0 with input as instance({"engine": "postgres"})
	count(rds_tls.deny) == 0 with input as instance({"engine": "postgres", "engine_version": fx.unknown})
	count(rds_tls.deny) == 0 with input as instance({"engine": "mariadb"})
	count(rds_tls.deny) == 0 with input as instance({"engine": "mysql", "engine_version": "9.7.0"})
	count(rds_tls.deny) == 0 with input as instance({"engine": "mysql", "parameter_group_name": fx.unknown})
	count(rds_tls.deny) == 0 with input as instance({"engine": "aurora-mysql"})
	count(rds_tls.deny) == 0 with input as instance({"engine": "oracle-ee"})
}
