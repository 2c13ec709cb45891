package tollgate.audit.cloudformation.cloudtrail_monitoring_test

import data.tollgate.access.cloudformation.fixtures_test as fx
import data.tollgate.audit.cloudformation.cloudtrail_monitoring as ct
import rego.v1

#  1 Trail:
#  2   Type: AWS::CloudTrail::Trail
#  3   Properties:
#  4     IsLogging: true
#  5     S3BucketName: audit-logs
#  6     <each of props>
trail(props, attrs) := fx.resource("AWS::CloudTrail::Trail", "Trail", object.union({"IsLogging": true, "S3BucketName": "audit-logs"}, props), object.union(object.union({"IsLogging": 4, "S3BucketName": 5}, {k: 6 | some k, _ in props}), attrs), 6)

test_tg_cfn_052_violation if {
	f := fx.only(ct.deny, "TG-CFN-052") with input as trail({"EnableLogFileValidation": "false"}, {})
	f.location == fx.at(6, 6)
	f.message == `CloudTrail trail "Trail" does not validate its log files (EnableLogFileValidation: false)`
}

test_tg_cfn_052_compliant if {
	count(fx.ids(ct.deny, "TG-CFN-052")) == 0 with input as trail({"EnableLogFileValidation": true}, {})
}

test_tg_cfn_052_missing_fires if {
	f := fx.only(ct.deny, "TG-CFN-052") with input as trail({}, {})
	f.location == fx.at(3, 6)
	f.message == `CloudTrail trail "Trail" does not validate its log files (EnableLogFileValidation is not set, default false)`
}

test_tg_cfn_052_unknown_does_not_fire if {
	count(fx.ids(ct.deny, "TG-CFN-052")) == 0 with input as trail({}, {"EnableLogFileValidation": fx.U(6)})
}

test_tg_cfn_053_violation if {
	f := fx.only(ct.deny, "TG-CFN-053") with input as trail({}, {})
	f.location == fx.at(3, 6)
	f.message == `CloudTrail trail "Trail" does not deliver events to CloudWatch Logs (no CloudWatchLogsLogGroupArn)`
}

test_tg_cfn_053_compliant if {
	count(fx.ids(ct.deny, "TG-CFN-053")) == 0 with input as trail({"CloudWatchLogsLogGroupArn": "arn:aws:logs:eu-west-1:111122223333:log-group:trail:*"}, {})
	count(fx.ids(ct.deny, "TG-CFN-053")) == 0 with input as trail({}, {"CloudWatchLogsLogGroupArn": fx.U(6)})
}

test_tg_cfn_054_violation if {
	f := fx.only(ct.deny, "TG-CFN-054") with input as trail({"IncludeGlobalServiceEvents": false}, {})
	f.location == fx.at(6, 6)
	f.message == `CloudTrail trail "Trail" does not record global service events such as IAM (IncludeGlobalServiceEvents: false)`
}

test_tg_cfn_054_compliant if {
	count(fx.ids(ct.deny, "TG-CFN-054")) == 0 with input as trail({}, {})
	count(fx.ids(ct.deny, "TG-CFN-054")) == 0 with input as trail({"IncludeGlobalServiceEvents": "true"}, {})
}
