package tollgate.access.cloudformation.sqs_policy

import data.tollgate.access.cloudformation.helpers
import data.tollgate.lib
import rego.v1

# METADATA
# title: CloudFormation SQS queue policy allows every action
# description: |
#   An Allow statement of the PolicyDocument of an AWS::SQS::QueuePolicy lists "*" or
#   "sqs:*": its principals can also purge and delete the queues, change their policy and
#   attributes, and read every message, not only send or receive. A document the template
#   does not decide is not evaluated.
# related_resources:
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-sqs-queuepolicy.html
# - https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-basic-examples-of-sqs-policies.html
# custom:
#   id: TG-CFN-096
#   severity: medium
#   category: access
#   provider: aws
#   remediation: List the actions each principal needs (sqs:SendMessage for producers; sqs:ReceiveMessage, sqs:DeleteMessage and sqs:GetQueueAttributes for consumers).
#   frameworks:
#     nist-800-53: ["AC-6"]
#     soc2: ["CC6.3"]
deny contains finding if {
	input.type == "AWS::SQS::QueuePolicy"
	p := input.resource.Properties
	some s in helpers.statements(p.PolicyDocument)
	helpers.allows(s)
	wild := {a | some a in helpers.actions(s); a in {"*", "*:*", "sqs:*"}}
	count(wild) > 0
	msg := sprintf("SQS queue policy %q allows every action (%s)", [input.name, concat(", ", sort([sprintf("%q", [a]) | some a in wild]))])
	finding := lib.finding(rego.metadata.rule(), helpers.where(s, p, "PolicyDocument"), msg)
}
