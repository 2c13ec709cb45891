package tollgate.encryption.cloudformation.sns

import data.tollgate.lib
import rego.v1

# METADATA
# title: CloudFormation SNS topic is not encrypted
# description: |
#   The AWS::SNS::Topic has no KmsMasterKeyId: SNS does not encrypt topics by default, so
#   the messages it stores until they are delivered (alerts, order events, sometimes
#   personal data) are kept unencrypted.
# related_resources:
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-sns-topic.html#cfn-sns-topic-kmsmasterkeyid
# - https://docs.aws.amazon.com/sns/latest/dg/sns-server-side-encryption.html
# custom:
#   id: TG-CFN-029
#   severity: medium
#   category: encryption
#   provider: aws
#   remediation: Set KmsMasterKeyId to a customer managed KMS key (or alias/aws/sns), and allow the publishing services to use the key in its key policy.
#   frameworks:
#     nist-800-53: ["SC-28"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type == "AWS::SNS::Topic"
	p := input.resource.Properties
	lib.missing(p, "KmsMasterKeyId")
	msg := sprintf("SNS topic %q is not encrypted (no KmsMasterKeyId)", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.loc(p), msg)
}
