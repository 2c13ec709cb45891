package tollgate.encryption.cloudformation.sqs

import data.tollgate.lib
import rego.v1

# METADATA
# title: CloudFormation SQS queue is not encrypted
# description: |
#   SqsManagedSseEnabled is false on an AWS::SQS::Queue without KmsMasterKeyId: the
#   messages, which often carry personal data and tokens, are stored unencrypted while
#   they wait in the queue. A queue that sets neither gets SQS managed encryption by
#   default and is not reported.
# related_resources:
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-sqs-queue.html#cfn-sqs-queue-sqsmanagedsseenabled
# - https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-server-side-encryption.html
# custom:
#   id: TG-CFN-028
#   severity: medium
#   category: encryption
#   provider: aws
#   remediation: Remove SqsManagedSseEnabled false, or set KmsMasterKeyId to a customer managed KMS key.
#   frameworks:
#     nist-800-53: ["SC-28"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type == "AWS::SQS::Queue"
	p := input.resource.Properties
	lib.is_false(p.SqsManagedSseEnabled)
	lib.missing(p, "KmsMasterKeyId")
	msg := sprintf("SQS queue %q is not encrypted (SqsManagedSseEnabled: false and no KmsMasterKeyId)", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(p, "SqsManagedSseEnabled"), msg)
}
