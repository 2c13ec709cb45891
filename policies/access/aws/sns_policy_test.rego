package tollgate.access.aws.sns_policy_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.access.aws.sns_policy
import rego.v1

# resource "aws_sns_topic_policy" "alerts" {   # line 1
#   arn    = "arn:aws:sns:us-east-1:111122223333:alerts"  # line 2
#   policy = jsonencode(POLICY)                # lines 3-12
# }                                            # line 13
topic_policy(statement) := fx.doc("aws_sns_topic_policy", "alerts", fx.block(1, 13, {"arn": "arn:aws:sns:us-east-1:111122223333:alerts", "policy": json.marshal({"Version": "2012-10-17", "Statement": [statement]})}, {"arn": 2, "policy": [3, 12]}))

grant := {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": "SNS:Publish", "Resource": "arn:aws:sns:us-east-1:111122223333:alerts"}

test_tg_aws_483_violation if {
	findings := sns_policy.deny with input as topic_policy(grant)
	fx.found(findings, "TG-AWS-483", fx.span(3, 12), `SNS topic policy "alerts" grants arn:aws:iam::444455556666:root without a condition`)
	count(findings) == 1
}

test_tg_aws_483_compliant if {
	count(sns_policy.deny) == 0 with input as topic_policy(object.union(grant, {"Condition": {"StringEquals": {"aws:SourceAccount": "444455556666"}}}))
	count(sns_policy.deny) == 0 with input as topic_policy(json.patch(grant, [{"op": "replace", "path": "/Principal", "value": {"Service": "events.amazonaws.com"}}]))
	count(sns_policy.deny) == 0 with input as topic_policy(object.union(grant, {"Effect": "Deny"}))
	count(sns_policy.deny) == 0 with input as fx.doc("aws_sns_topic_policy", "alerts", fx.block(1, 13, {"policy": fx.unknown}, {"policy": [3, 12]}))
}
