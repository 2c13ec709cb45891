package tollgate.access.aws.sqs_policy

import data.tollgate.access.aws.helpers
import data.tollgate.lib
import rego.v1

# METADATA
# title: SQS queue policy allows every action
# description: |
#   An Allow statement of an aws_sqs_queue_policy (or the policy argument of an
#   aws_sqs_queue) lists "*" or "sqs:*": its principals can also purge and delete the
#   queue, change its policy and attributes, and read every message, not only send or
#   receive. A policy whose JSON is not known statically is not evaluated.
# related_resources:
# - https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-basic-examples-of-sqs-policies.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/sqs_queue_policy
# custom:
#   id: TG-AWS-210
#   severity: medium
#   category: access
#   provider: aws
#   remediation: List the actions each principal needs (sqs:SendMessage for producers; sqs:ReceiveMessage, sqs:DeleteMessage and sqs:GetQueueAttributes for consumers).
#   frameworks:
#     nist-800-53: ["AC-6"]
#     soc2: ["CC6.3"]
deny contains finding if {
	input.type in {"aws_sqs_queue_policy", "aws_sqs_queue"}
	r := input.resource
	wild := {a |
		some s in helpers.statements(r.policy)
		helpers.allows(s)
		some a in helpers.actions(s)
		a in {"*", "*:*", "sqs:*"}
	}
	count(wild) > 0
	msg := sprintf("SQS queue policy %q allows every action (%s)", [input.name, concat(", ", sort([sprintf("%q", [a]) | some a in wild]))])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "policy"), msg)
}
