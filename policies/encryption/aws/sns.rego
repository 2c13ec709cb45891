package tollgate.encryption.aws.sns

import data.tollgate.lib
import rego.v1

# METADATA
# title: SNS topic is not encrypted
# description: |
#   The aws_sns_topic has no kms_master_key_id: SNS does not encrypt topics by default,
#   so messages are stored unencrypted until they are delivered to every subscriber.
# related_resources:
# - https://docs.aws.amazon.com/sns/latest/dg/sns-server-side-encryption.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/sns_topic#kms_master_key_id
# custom:
#   id: TG-AWS-095
#   severity: medium
#   category: encryption
#   provider: aws
#   remediation: Set kms_master_key_id to a customer managed KMS key (or "alias/aws/sns") whose policy lets the publishing services use it.
#   frameworks:
#     nist-800-53: ["SC-28"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type == "aws_sns_topic"
	r := input.resource
	lib.missing(r, "kms_master_key_id")
	msg := sprintf("SNS topic %q is not encrypted at rest (kms_master_key_id is not set)", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.loc(r), msg)
}
