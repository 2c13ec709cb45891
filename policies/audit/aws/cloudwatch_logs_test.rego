package tollgate.audit.aws.cloudwatch_logs_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.audit.aws.cloudwatch_logs
import rego.v1

# resource "aws_cloudwatch_log_group" "app" {   # line 1
#   name              = "/app/api"              # line 2
#   retention_in_days = DAYS                    # line 3
# }                                             # line 4
group(attrs) := fx.doc("aws_cloudwatch_log_group", "app", fx.block(1, 4, object.union({"name": "/app/api"}, attrs), {"name": 2, "retention_in_days": 3}))

test_tg_aws_185_violation if {
	findings := cloudwatch_logs.deny with input as group({"retention_in_days": 30})
	fx.found(findings, "TG-AWS-185", fx.at(3), `CloudWatch log group "app" keeps logs for 30 days, less than 365 (retention_in_days)`)
	count(findings) == 1
}

test_tg_aws_185_compliant if {
	count(cloudwatch_logs.deny) == 0 with input as group({"retention_in_days": 400})
	count(cloudwatch_logs.deny) == 0 with input as group({"retention_in_days": "365"})
}

test_tg_aws_185_never_expire_is_kept if {
	count(cloudwatch_logs.deny) == 0 with input as group({"retention_in_days": 0})
	count(cloudwatch_logs.deny) == 0 with input as group({})
}

test_tg_aws_185_unknown_does_not_fire if {
	count(cloudwatch_logs.deny) == 0 with input as group({"retention_in_days": fx.unknown})
}
