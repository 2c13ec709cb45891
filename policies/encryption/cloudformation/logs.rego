package tollgate.encryption.cloudformation.logs

import data.tollgate.lib
import rego.v1

# METADATA
# title: CloudFormation CloudWatch log group is not encrypted with a customer managed key
# description: |
#   The AWS::Logs::LogGroup has no KmsKeyId: its events, where applications too often
#   write tokens and personal data, are encrypted with CloudWatch Logs' own keys, so
#   anyone with logs:GetLogEvents reads them and access cannot be revoked through a key
#   policy.
# related_resources:
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-logs-loggroup.html#cfn-logs-loggroup-kmskeyid
# - https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html
# custom:
#   id: TG-CFN-040
#   severity: low
#   category: encryption
#   provider: aws
#   remediation: Set KmsKeyId to the ARN of a customer managed KMS key whose key policy allows the logs.<region>.amazonaws.com service principal.
#   frameworks:
#     nist-800-53: ["AU-9", "SC-28"]
deny contains finding if {
	input.type == "AWS::Logs::LogGroup"
	p := input.resource.Properties
	lib.missing(p, "KmsKeyId")
	msg := sprintf("CloudWatch log group %q is not encrypted with a customer managed key (no KmsKeyId)", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.loc(p), msg)
}
