package tollgate.audit.aws.cloudtrail_monitoring_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.audit.aws.cloudtrail_monitoring as ct
import rego.v1

# resource "aws_cloudtrail" "main" {                               # line 1
#   name                          = "main"                         # line 2
#   cloud_watch_logs_group_arn    = LOG_GROUP                      # line 3
#   include_global_service_events = GLOBAL                         # line 4
# }                                                                # line 5
trail(attrs) := fx.doc("aws_cloudtrail", "main", fx.block(1, 5, object.union({"name": "main"}, attrs), {"name": 2, "cloud_watch_logs_group_arn": 3, "include_global_service_events": 4}))

integrated := {"cloud_watch_logs_group_arn": fx.unknown}

test_tg_aws_171_violation if {
	findings := ct.deny with input as trail({})
	fx.found(findings, "TG-AWS-171", fx.span(1, 5), `CloudTrail trail "main" does not send events to CloudWatch Logs (cloud_watch_logs_group_arn is not set)`)
	count(findings) == 1
}

test_tg_aws_171_compliant if {
	count(ct.deny) == 0 with input as trail(integrated)
	count(ct.deny) == 0 with input as trail({"cloud_watch_logs_group_arn": "arn:aws:logs:eu-west-1:123456789012:log-group:trail:*"})
}

test_tg_aws_172_violation if {
	findings := ct.deny with input as trail(object.union(integrated, {"include_global_service_events": false}))
	fx.found(findings, "TG-AWS-172", fx.at(4), `CloudTrail trail "main" does not record global service events such as IAM (include_global_service_events = false)`)
	count(findings) == 1
}

test_tg_aws_172_compliant if {
	count(ct.deny) == 0 with input as trail(integrated)
	count(ct.deny) == 0 with input as trail(object.union(integrated, {"include_global_service_events": true}))
	count(ct.deny) == 0 with input as trail(object.union(integrated, {"include_global_service_events": fx.unknown}))
}
