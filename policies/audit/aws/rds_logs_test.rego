package tollgate.audit.aws.rds_logs_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.audit.aws.rds_logs
import rego.v1

# resource "aws_db_instance" "orders" {                  # line 1
#   identifier                      = "orders"           # line 2
#   engine                          = "postgres"         # line 3
#   enabled_cloudwatch_logs_exports = EXPORTS            # line 4
# }                                                      # line 5
db(type, attrs) := fx.doc(type, "orders", fx.block(1, 5, object.union({"identifier": "orders", "engine": "postgres"}, attrs), {"identifier": 2, "engine": 3, "enabled_cloudwatch_logs_exports": 4, "engine_mode": 3}))

test_tg_aws_170_violation if {
	findings := rds_logs.deny with input as db("aws_db_instance", {"enabled_cloudwatch_logs_exports": []})
	fx.found(findings, "TG-AWS-170", fx.at(4), `RDS instance "orders" does not export its logs to CloudWatch Logs (enabled_cloudwatch_logs_exports is empty)`)
	count(findings) == 1
}

test_tg_aws_170_compliant if {
	count(rds_logs.deny) == 0 with input as db("aws_db_instance", {"enabled_cloudwatch_logs_exports": ["postgresql", "upgrade"]})
	count(rds_logs.deny) == 0 with input as db("aws_db_instance", {"enabled_cloudwatch_logs_exports": fx.unknown})
	count(rds_logs.deny) == 0 with input as db("aws_rds_cluster", {"engine_mode": "serverless"})
}

test_tg_aws_170_missing_fires if {
	fx.found(rds_logs.deny, "TG-AWS-170", fx.span(1, 5), `RDS cluster "orders" does not export its logs to CloudWatch Logs (enabled_cloudwatch_logs_exports is not set)`) with input as db("aws_rds_cluster", {})
}
