package tollgate.encryption.cloudformation.cloudtrail

import data.tollgate.lib
import rego.v1

# METADATA
# title: CloudFormation CloudTrail logs are not encrypted with KMS
# description: |
#   The AWS::CloudTrail::Trail has no KMSKeyId: its log files get only the S3 bucket's
#   default encryption, so anyone allowed to read the bucket reads the account's whole
#   API history, and reading it is not a separate, audited permission.
# related_resources:
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-cloudtrail-trail.html#cfn-cloudtrail-trail-kmskeyid
# - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/encrypting-cloudtrail-log-files-with-aws-kms.html
# custom:
#   id: TG-CFN-031
#   severity: medium
#   category: encryption
#   provider: aws
#   remediation: Set KMSKeyId to a customer managed KMS key whose key policy lets CloudTrail encrypt and only the audit team decrypt.
#   frameworks:
#     cis-aws-2.0: ["3.7"]
#     nist-800-53: ["AU-9", "SC-28"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type == "AWS::CloudTrail::Trail"
	p := input.resource.Properties
	lib.missing(p, "KMSKeyId")
	msg := sprintf("CloudTrail trail %q does not encrypt its logs with KMS (no KMSKeyId)", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.loc(p), msg)
}
