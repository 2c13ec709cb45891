package tollgate.backup.aws.rds_backtrack_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.backup.aws.rds_backtrack
import rego.v1

# resource "aws_rds_cluster" "app" {   # line 1
#   engine           = ENGINE          # line 2
#   backtrack_window = WINDOW          # line 3
# }                                    # line 4
cluster(attrs) := fx.doc("aws_rds_cluster", "app", fx.block(1, 4, attrs, {"engine": 2, "backtrack_window": 3, "engine_mode": 3}))

test_tg_aws_476_violation if {
	findings := rds_backtrack.deny with input as cluster({"engine": "aurora-mysql", "backtrack_window": 0})
	fx.found(findings, "TG-AWS-476", fx.at(3), `RDS cluster "app" has no backtracking (backtrack_window = 0)`)
	count(findings) == 1
}

test_tg_aws_476_unset if {
	fx.found(rds_backtrack.deny, "TG-AWS-476", fx.span(1, 4), `RDS cluster "app" has no backtracking (backtrack_window is not set, default 0)`) with input as cluster({"engine": "aurora-mysql"})
}

test_tg_aws_476_compliant if {
	count(rds_backtrack.deny) == 0 with input as cluster({"engine": "aurora-mysql", "backtrack_window": 86400})
	count(rds_backtrack.deny) == 0 with input as cluster({"engine": "aurora-postgresql"})
	count(rds_backtrack.deny) == 0 with input as cluster({"engine": "aurora-mysql", "engine_mode": "serverless"})
	count(rds_backtrack.deny) == 0 with input as cluster({"engine": "aurora-mysql", "backtrack_window": fx.unknown})
	count(rds_backtrack.deny) == 0 with input as cluster({"engine": "aurora-mysql", "engine_mode": fx.unknown})
}
