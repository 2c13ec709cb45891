package tollgate.audit.aws.rds_aurora_audit_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.audit.aws.rds_aurora_audit
import rego.v1

# resource "aws_rds_cluster" "app" {          # line 1
#   engine                          = ENGINE  # line 2
#   enabled_cloudwatch_logs_exports = LOGS    # line 3
# }                                           # line 4
cluster(attrs) := fx.doc("aws_rds_cluster", "app", fx.block(1, 4, attrs, {"engine": 2, "enabled_cloudwatch_logs_exports": 3}))

test_tg_aws_475_violation if {
	findings := rds_aurora_audit.deny with input as cluster({"engine": "aurora-mysql", "enabled_cloudwatch_logs_exports": ["error", "slowquery"]})
	fx.found(findings, "TG-AWS-475", fx.at(3), `RDS cluster "app" does not export its audit log to CloudWatch Logs (enabled_cloudwatch_logs_exports = ["error", "slowquery"])`)
	count(findings) == 1
}

test_tg_aws_475_unset if {
	fx.found(rds_aurora_audit.deny, "TG-AWS-475", fx.span(1, 4), `RDS cluster "app" does not export its audit log to CloudWatch Logs (enabled_cloudwatch_logs_exports = not set)`) with input as cluster({"engine": "aurora-mysql"})
}

test_tg_aws_475_compliant if {
	count(rds_aurora_audit.deny) == 0 with input as cluster({"engine": "aurora-mysql", "enabled_cloudwatch_logs_exports": ["audit", "error"]})
	count(rds_aurora_audit.deny) == 0 with input as cluster({"engine": "aurora-postgresql"})
	count(rds_aurora_audit.deny) == 0 with input as cluster({"engine": fx.unknown})
	count(rds_aurora_audit.deny) == 0 with input as cluster({"engine": "aurora-mysql", "enabled_cloudwatch_logs_exports": fx.unknown})
}
