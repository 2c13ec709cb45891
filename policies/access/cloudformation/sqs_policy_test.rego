package tollgate.access.cloudformation.sqs_policy_test

import data.tollgate.access.cloudformation.fixtures_test as fx
import data.tollgate.access.cloudformation.sqs_policy
import rego.v1

#  1 QueuePolicy:
#  2   Type: AWS::SQS::QueuePolicy
#  3   Properties:
#  4     PolicyDocument:
#  5       Statement:
#  6         - Effect: Allow
#  7           Principal: {AWS: arn:aws:iam::123456789012:root}
#  8           Action: ACTION
#  9           Resource: arn:aws:sqs:us-east-1:123456789012:jobs
policy(action) := fx.resource("AWS::SQS::QueuePolicy", "QueuePolicy", {"PolicyDocument": fx.M(4, 9, {}, {"Statement": [fx.M(6, 9, {"Effect": 6, "Action": 8, "Resource": 9}, {
	"Effect": "Allow",
	"Principal": fx.M(7, 7, {"AWS": 7}, {"AWS": "arn:aws:iam::123456789012:root"}),
	"Action": action,
	"Resource": "arn:aws:sqs:us-east-1:123456789012:jobs",
})]})}, {}, 9)

test_tg_cfn_096_violation if {
	f := fx.only(sqs_policy.deny, "TG-CFN-096") with input as policy("sqs:*")
	f.location == fx.at(6, 9)
	f.message == `SQS queue policy "QueuePolicy" allows every action ("sqs:*")`
}

test_tg_cfn_096_compliant if {
	count(fx.ids(sqs_policy.deny, "TG-CFN-096")) == 0 with input as policy(["sqs:SendMessage", "sqs:GetQueueAttributes"])

	# A document given as a JSON string is evaluated too.
	doc := fx.resource("AWS::SQS::QueuePolicy", "QueuePolicy", {"PolicyDocument": `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"*"}]}`}, {"PolicyDocument": 4}, 4)
	count(fx.ids(sqs_policy.deny, "TG-CFN-096")) == 0 with input as doc
}
