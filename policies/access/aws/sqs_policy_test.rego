package tollgate.access.aws.sqs_policy_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.access.aws.sqs_policy
import rego.v1

# resource "aws_sqs_queue_policy" "q" {   # line 1
#   queue_url = aws_sqs_queue.q.id        # line 2
#   policy    = <<EOT ... EOT             # lines 3-9
# }                                       # line 10
queue_policy(statement) := fx.doc("aws_sqs_queue_policy", "q", fx.block(1, 10, {"queue_url": fx.unknown, "policy": json.marshal({"Statement": [statement]})}, {"queue_url": 2, "policy": [3, 9]}))

test_tg_aws_210_violation if {
	findings := sqs_policy.deny with input as queue_policy({"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:root"}, "Action": "SQS:*", "Resource": "*"})
	fx.found(findings, "TG-AWS-210", fx.span(3, 9), `SQS queue policy "q" allows every action ("sqs:*")`)
	count(findings) == 1
}

test_tg_aws_210_compliant if {
	count(sqs_policy.deny) == 0 with input as queue_policy({"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "*"})
	count(sqs_policy.deny) == 0 with input as queue_policy({"Effect": "Deny", "Action": "sqs:*", "Resource": "*"})
}
