package tollgate.access.aws.resource_policy_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.access.aws.resource_policy
import rego.v1

policy_json(statements) := json.marshal({"Version": "2012-10-17", "Statement": statements})

# resource "aws_sqs_queue_policy" "jobs" {   # line 1
#   queue_url = aws_sqs_queue.jobs.id        # line 2 (unknown)
#   policy    = jsonencode({...})            # lines 3-12
# }                                          # line 13
queue_policy(policy) := fx.doc("aws_sqs_queue_policy", "jobs", fx.block(1, 13, {"queue_url": fx.unknown, "policy": policy}, {"queue_url": 2, "policy": [3, 12]}))

anyone_send := {"Effect": "Allow", "Principal": "*", "Action": ["sqs:SendMessage", "sqs:ReceiveMessage"], "Resource": "*"}

test_tg_aws_058_violation if {
	findings := resource_policy.deny with input as queue_policy(policy_json([anyone_send]))
	fx.found(findings, "TG-AWS-058", fx.span(3, 12), `SQS queue policy "jobs" allows access by anyone (Principal "*", no Condition) to sqs:SendMessage, sqs:ReceiveMessage`)
	count(findings) == 1
}

test_tg_aws_058_compliant if {
	from_bucket := object.union(anyone_send, {"Condition": {"ArnEquals": {"aws:SourceArn": "arn:aws:s3:::acme-uploads"}}})
	count(resource_policy.deny) == 0 with input as queue_policy(policy_json([from_bucket]))
	account := object.union(anyone_send, {"Principal": {"AWS": "arn:aws:iam::123456789012:root"}})
	count(resource_policy.deny) == 0 with input as queue_policy(policy_json([account]))
}

test_tg_aws_058_unknown_does_not_fire if {
	count(resource_policy.deny) == 0 with input as queue_policy(fx.unknown)
}

# resource "aws_kms_key" "data" {          # line 1
#   description = "data"                   # line 2
#   policy      = jsonencode({...})        # lines 3-9
# }                                        # line 10
test_tg_aws_058_kms_key_and_opensearch if {
	decrypt := {"Effect": "Allow", "Principal": {"AWS": ["*"]}, "Action": "kms:Decrypt", "Resource": "*"}
	key := fx.doc("aws_kms_key", "data", fx.block(1, 10, {"description": "data", "policy": policy_json([decrypt])}, {"description": 2, "policy": [3, 9]}))
	fx.found(resource_policy.deny, "TG-AWS-058", fx.span(3, 9), `KMS key "data" allows access by anyone (Principal "*", no Condition) to kms:Decrypt`) with input as key
	search := {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "es:*", "Resource": "arn:aws:es:eu-west-1:123456789012:domain/logs/*"}
	domain := fx.doc("aws_opensearch_domain", "logs", fx.block(1, 10, {"domain_name": "logs", "access_policies": policy_json([search])}, {"domain_name": 2, "access_policies": [3, 9]}))
	fx.found(resource_policy.deny, "TG-AWS-058", fx.span(3, 9), `OpenSearch domain "logs" allows access by anyone (Principal "*", no Condition) to es:*`) with input as domain
}
