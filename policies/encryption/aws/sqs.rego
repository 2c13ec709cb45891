package tollgate.encryption.aws.sqs

import data.tollgate.lib
import rego.v1

# METADATA
# title: SQS queue is not encrypted
# description: |
#   sqs_managed_sse_enabled = false on an aws_sqs_queue without kms_master_key_id: the
#   messages, which often carry personal data and tokens, are stored unencrypted while
#   they wait in the queue. (A queue that sets neither gets SQS managed encryption by
#   default and is not reported.)
# related_resources:
# - https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-server-side-encryption.html
# - https://docs.aws.amazon.com/securityhub/latest/userguide/sqs-controls.html#sqs-1
# custom:
#   id: TG-AWS-094
#   severity: medium
#   category: encryption
#   provider: aws
#   remediation: Remove sqs_managed_sse_enabled = false, or set kms_master_key_id to a customer managed KMS key.
#   frameworks:
#     nist-800-53: ["SC-28"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type == "aws_sqs_queue"
	r := input.resource
	lib.is_false(r.sqs_managed_sse_enabled)
	lib.missing(r, "kms_master_key_id")
	msg := sprintf("SQS queue %q is not encrypted at rest (sqs_managed_sse_enabled = false and no kms_master_key_id)", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "sqs_managed_sse_enabled"), msg)
}
