package tollgate.access.aws.rds_access_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.access.aws.rds_access
import rego.v1

# resource "aws_db_instance" "orders" {          # line 1
#   identifier                          = ...   # line 2
#   engine                              = ...   # line 3
#   publicly_accessible                 = ...   # line 4
#   iam_database_authentication_enabled = ...   # line 5
# }                                             # line 6
lines := {"identifier": 2, "engine": 3, "publicly_accessible": 4, "iam_database_authentication_enabled": 5}

good := {"identifier": "orders", "engine": "postgres", "publicly_accessible": false, "iam_database_authentication_enabled": true}

db(attrs) := fx.doc("aws_db_instance", "orders", fx.block(1, 6, object.union(good, attrs), lines))

db_without(key) := fx.doc("aws_db_instance", "orders", fx.block(1, 6, object.remove(good, [key]), lines))

test_tg_aws_043_violation if {
	findings := rds_access.deny with input as db({"publicly_accessible": true})
	fx.found(findings, "TG-AWS-043", fx.at(4), `RDS instance "orders" is publicly accessible (publicly_accessible = true)`)
	count(findings) == 1
}

test_tg_aws_043_compliant if {
	count(rds_access.deny) == 0 with input as db({})
	count(rds_access.deny) == 0 with input as db_without("publicly_accessible")
	count(rds_access.deny) == 0 with input as db({"publicly_accessible": fx.unknown})
}

test_tg_aws_043_cluster_instance_string_value if {
	d := fx.doc("aws_rds_cluster_instance", "events_1", fx.block(1, 6, {"publicly_accessible": "true"}, lines))
	fx.found(rds_access.deny, "TG-AWS-043", fx.at(4), `RDS cluster instance "events_1" is publicly accessible (publicly_accessible = true)`) with input as d
}

test_tg_aws_044_violation if {
	findings := rds_access.deny with input as db({"iam_database_authentication_enabled": false})
	fx.found(findings, "TG-AWS-044", fx.at(5), `RDS instance "orders" does not use IAM database authentication (iam_database_authentication_enabled = false)`)
	count(findings) == 1
}

test_tg_aws_044_compliant if {
	count(fx.ids(rds_access.deny, "TG-AWS-044")) == 0 with input as db({})
}

test_tg_aws_044_missing_fires if {
	findings := rds_access.deny with input as db_without("iam_database_authentication_enabled")
	fx.found(findings, "TG-AWS-044", fx.span(1, 6), `RDS instance "orders" does not use IAM database authentication (iam_database_authentication_enabled is not set, default false)`)
}

test_tg_aws_044_unknown_does_not_fire if {
	count(fx.ids(rds_access.deny, "TG-AWS-044")) == 0 with input as db({"iam_database_authentication_enabled": fx.unknown})
	count(fx.ids(rds_access.deny, "TG-AWS-044")) == 0 with input as db({"engine": fx.unknown, "iam_database_authentication_enabled": false})
}

test_tg_aws_044_unsupported_engine_does_not_fire if {
	count(fx.ids(rds_access.deny, "TG-AWS-044")) == 0 with input as db({"engine": "oracle-ee", "iam_database_authentication_enabled": false})
}

# resource "aws_rds_cluster" "events" {   # line 1
#   ...                                   # lines 2-5 as above, engine left out
# }                                       # line 6
test_tg_aws_044_cluster_default_engine if {
	d := fx.doc("aws_rds_cluster", "events", fx.block(1, 6, {"identifier": "events"}, lines))
	fx.found(rds_access.deny, "TG-AWS-044", fx.span(1, 6), `RDS cluster "events" does not use IAM database authentication (iam_database_authentication_enabled is not set, default false)`) with input as d
	serverless := fx.doc("aws_rds_cluster", "events", fx.block(1, 6, {"engine_mode": "serverless"}, lines))
	count(rds_access.deny) == 0 with input as serverless
}
