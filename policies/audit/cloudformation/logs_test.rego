package tollgate.audit.cloudformation.logs_test

import data.tollgate.access.cloudformation.fixtures_test as fx
import data.tollgate.audit.cloudformation.logs
import rego.v1

#  1 AppLogs:
#  2   Type: AWS::Logs::LogGroup
#  3   Properties:
#  4     LogGroupName: /orders/app
#  5     RetentionInDays: DAYS
group(props, attrs) := fx.resource("AWS::Logs::LogGroup", "AppLogs", object.union({"LogGroupName": "/orders/app"}, props), object.union(object.union({"LogGroupName": 4}, {k: 5 | some k, _ in props}), attrs), 5)

test_tg_cfn_057_violation if {
	f := fx.only(logs.deny, "TG-CFN-057") with input as group({"RetentionInDays": 30}, {})
	f.location == fx.at(5, 5)
	f.message == `CloudWatch log group "AppLogs" keeps logs for 30 days, less than 365 (RetentionInDays)`
}

test_tg_cfn_057_compliant if {
	count(fx.ids(logs.deny, "TG-CFN-057")) == 0 with input as group({"RetentionInDays": "400"}, {})

	# Kept forever.
	count(fx.ids(logs.deny, "TG-CFN-057")) == 0 with input as group({}, {})
}

test_tg_cfn_057_parameter if {
	count(fx.ids(logs.deny, "TG-CFN-057")) == 0 with input as group({"RetentionInDays": 90}, {})
		with data.config.params as {"min_log_retention_days": 90}
}

test_tg_cfn_057_unknown_does_not_fire if {
	count(fx.ids(logs.deny, "TG-CFN-057")) == 0 with input as group({}, {"RetentionInDays": fx.U(5)})
}
