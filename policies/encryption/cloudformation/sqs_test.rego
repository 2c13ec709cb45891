package tollgate.encryption.cloudformation.sqs_test

import data.tollgate.access.cloudformation.fixtures_test as fx
import data.tollgate.encryption.cloudformation.sqs
import rego.v1

#  1 JobsQueue:
#  2   Type: AWS::SQS::Queue
#  3   Properties:
#  4     VisibilityTimeout: 60
#  5     <each of props>
queue(props, attrs) := fx.resource("AWS::SQS::Queue", "JobsQueue", object.union({"VisibilityTimeout": 60}, props), object.union({"VisibilityTimeout": 4}, attrs), 6)

test_tg_cfn_028_violation if {
	f := fx.only(sqs.deny, "TG-CFN-028") with input as queue({"SqsManagedSseEnabled": "false"}, {"SqsManagedSseEnabled": 5})
	f.location == fx.at(5, 5)
	f.message == `SQS queue "JobsQueue" is not encrypted (SqsManagedSseEnabled: false and no KmsMasterKeyId)`
}

test_tg_cfn_028_compliant if {
	count(fx.ids(sqs.deny, "TG-CFN-028")) == 0 with input as queue({}, {})
	count(fx.ids(sqs.deny, "TG-CFN-028")) == 0 with input as queue({"SqsManagedSseEnabled": true}, {"SqsManagedSseEnabled": 5})
	count(fx.ids(sqs.deny, "TG-CFN-028")) == 0 with input as queue({"SqsManagedSseEnabled": false, "KmsMasterKeyId": "alias/jobs"}, {"SqsManagedSseEnabled": 5, "KmsMasterKeyId": 6})
}

test_tg_cfn_028_unknown_does_not_fire if {
	count(fx.ids(sqs.deny, "TG-CFN-028")) == 0 with input as queue({"SqsManagedSseEnabled": false}, {"SqsManagedSseEnabled": 5, "KmsMasterKeyId": fx.U(6)})
}
