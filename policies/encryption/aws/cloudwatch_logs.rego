package tollgate.encryption.aws.cloudwatch_logs

import data.tollgate.lib
import rego.v1

# METADATA
# title: CloudWatch log group is not encrypted with a customer managed key
# description: |
#   The aws_cloudwatch_log_group has no kms_key_id: its events, where applications
#   often log tokens and personal data, are encrypted only with CloudWatch Logs' own
#   keys, so anyone with logs:GetLogEvents reads them and key use cannot be audited.
# related_resources:
# - https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cloudwatch_log_group#kms_key_id
# custom:
#   id: TG-AWS-116
#   severity: low
#   category: encryption
#   provider: aws
#   remediation: Set kms_key_id to a customer managed KMS key whose policy allows the logs.<region>.amazonaws.com service principal.
#   frameworks:
#     nist-800-53: ["AU-9", "SC-28"]
deny contains finding if {
	input.type == "aws_cloudwatch_log_group"
	r := input.resource
	lib.missing(r, "kms_key_id")
	msg := sprintf("CloudWatch log group %q is not encrypted with a customer managed key (kms_key_id is not set)", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.loc(r), msg)
}
