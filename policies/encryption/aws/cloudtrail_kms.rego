package tollgate.encryption.aws.cloudtrail_kms

import data.tollgate.lib
import rego.v1

# METADATA
# title: CloudTrail logs are not encrypted with KMS
# description: |
#   The aws_cloudtrail has no kms_key_id: its log files get only the S3 bucket's
#   default encryption, so anyone who can read the bucket can read the account's whole
#   API history. With SSE-KMS, reading the logs also requires kms:Decrypt on a key
#   whose use is itself logged.
# related_resources:
# - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/encrypting-cloudtrail-log-files-with-aws-kms.html
# - https://docs.aws.amazon.com/securityhub/latest/userguide/cloudtrail-controls.html#cloudtrail-2
# custom:
#   id: TG-AWS-100
#   severity: medium
#   category: encryption
#   provider: aws
#   remediation: Set kms_key_id to a customer managed KMS key whose policy allows cloudtrail.amazonaws.com to encrypt and only the security team to decrypt.
#   frameworks:
#     cis-aws-2.0: ["3.7"]
#     nist-800-53: ["AU-9", "SC-28"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type == "aws_cloudtrail"
	r := input.resource
	lib.missing(r, "kms_key_id")
	msg := sprintf("CloudTrail trail %q does not encrypt its logs with KMS (kms_key_id is not set)", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.loc(r), msg)
}
