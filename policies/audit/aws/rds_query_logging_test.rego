package tollgate.audit.aws.rds_query_logging_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.audit.aws.rds_query_logging
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

test_tg_aws_480_violation if {
	findings := rds_query_logging.deny with input as group("postgres15", [param("log_statement", "none")])
	fx.found(findings, "TG-AWS-480", fx.at(5), `RDS parameter group "pg" does not log queries (log_statement = none)`)
	fx.found(findings, "TG-AWS-480", fx.span(1, 7), `RDS parameter group "pg" does not log queries (log_min_duration_statement is not set, default -1)`)
	count(findings) == 2
}

test_tg_aws_480_compliant if {
	count(rds_query_logging.deny) == 0 with input as group("postgres15", [param("log_statement", "ddl"), param("log_min_duration_statement", "1000")])
	count(rds_query_logging.deny) == 0 with input as group("postgres15", [param("log_statement", fx.unknown), param("log_min_duration_statement", 0)])
	count(rds_query_logging.deny) == 0 with input as group("postgres15", [param(fx.unknown, "ddl")])
	count(rds_query_logging.deny) == 0 with input as group("mysql8.0", [])
	count(rds_query_logging.deny) == 0 with input as group(fx.unknown, [])
}

# resource "aws_db_instance" "db" {   # line 1
#   engine = ENGINE                   # line 2
#   parameter_group_name = GROUP      # line 3
# }                                   # line 4
instance(attrs) := fx.doc("aws_db_instance", "db", fx.block(1, 4, attrs, {"engine": 2, "parameter_group_name": 3}))

test_tg_aws_480_instance if {
	fx.found(rds_query_logging.deny, "TG-AWS-480", fx.span(1, 4), `RDS instance "db" does not log queries (no parameter_group_name: the default group logs no statements)`) with input as instance({"engine": "postgres"})
}

test_tg_aws_480_instance_compliant if {
	count(rds_query_logging.deny) == 0 with input as instance({"engine": "postgres", "parameter_group_name": "logged"})
	count(rds_query_logging.deny) == 0 with input as instance({"engine": "postgres", "parameter_group_name": fx.unknown})
	count(rds_query_logging.deny) == 0 with input as instance({"engine": "mysql"})
}

test_tg_aws_480_cluster if {
	c := fx.doc("aws_rds_cluster", "app", fx.block(1, 4, {"engine": "aurora-postgresql"}, {"engine": 2}))
	fx.found(rds_query_logging.deny, "TG-AWS-480", fx.span(1, 4), `RDS cluster "app" does not log queries (no db_cluster_parameter_group_name: the default group logs no statements)`) with input as c
}
