package tollgate.encryption.cloudformation.logs_test

import data.tollgate.access.cloudformation.fixtures_test as fx
import data.tollgate.encryption.cloudformation.logs
import rego.v1

#  1 AppLogs:
#  2   Type: AWS::Logs::LogGroup
#  3   Properties:
#  4     LogGroupName: /orders/app
#  5     KmsKeyId: ...
group(props, attrs) := fx.resource("AWS::Logs::LogGroup", "AppLogs", object.union({"LogGroupName": "/orders/app"}, props), object.union({"LogGroupName": 4}, attrs), 5)

test_tg_cfn_040_violation if {
	f := fx.only(logs.deny, "TG-CFN-040") with input as group({}, {})
	f.location == fx.at(3, 5)
	f.message == `CloudWatch log group "AppLogs" is not encrypted with a customer managed key (no KmsKeyId)`
}

test_tg_cfn_040_compliant if {
	count(fx.ids(logs.deny, "TG-CFN-040")) == 0 with input as group({"KmsKeyId": "arn:aws:kms:eu-west-1:111122223333:key/0123abcd"}, {"KmsKeyId": 5})
}

test_tg_cfn_040_unknown_does_not_fire if {
	count(fx.ids(logs.deny, "TG-CFN-040")) == 0 with input as group({}, {"KmsKeyId": fx.U(5)})
}
