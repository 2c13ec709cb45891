package tollgate.encryption.cloudformation.sns_test

import data.tollgate.access.cloudformation.fixtures_test as fx
import data.tollgate.encryption.cloudformation.sns
import rego.v1

#  1 AlertsTopic:
#  2   Type: AWS::SNS::Topic
#  3   Properties:
#  4     TopicName: alerts
#  5     <each of props>
topic(props, attrs) := fx.resource("AWS::SNS::Topic", "AlertsTopic", object.union({"TopicName": "alerts"}, props), object.union({"TopicName": 4}, attrs), 5)

test_tg_cfn_029_violation if {
	f := fx.only(sns.deny, "TG-CFN-029") with input as topic({}, {})
	f.location == fx.at(3, 5)
	f.message == `SNS topic "AlertsTopic" is not encrypted (no KmsMasterKeyId)`
}

test_tg_cfn_029_compliant if {
	count(fx.ids(sns.deny, "TG-CFN-029")) == 0 with input as topic({"KmsMasterKeyId": "alias/aws/sns"}, {"KmsMasterKeyId": 5})
}

test_tg_cfn_029_unknown_does_not_fire if {
	count(fx.ids(sns.deny, "TG-CFN-029")) == 0 with input as topic({}, {"KmsMasterKeyId": fx.U(5)})
}
