package tollgate.audit.aws.waf

import data.tollgate.access.aws.helpers
import data.tollgate.lib
import rego.v1

# METADATA
# title: WAF web ACL has no logging
# description: |
#   No aws_wafv2_web_acl_logging_configuration refers to the aws_wafv2_web_acl: the
#   requests the firewall blocked or allowed, and the rules that matched, are not
#   recorded, so attacks it stopped (or missed) cannot be analysed.
# related_resources:
# - https://docs.aws.amazon.com/waf/latest/developerguide/logging.html
# - https://docs.aws.amazon.com/securityhub/latest/userguide/waf-controls.html#waf-11
# custom:
#   id: TG-AWS-186
#   severity: low
#   category: audit
#   provider: aws
#   remediation: Add an aws_wafv2_web_acl_logging_configuration with resource_arn = aws_wafv2_web_acl.<name>.arn and a log destination (a CloudWatch log group named aws-waf-logs-*, S3 or Firehose), redacting sensitive fields.
#   frameworks:
#     nist-800-53: ["AU-2", "AU-12"]
#     soc2: ["CC7.2"]
#     pci-dss-4.0: ["10.2.1"]
deny contains finding if {
	input.type == "aws_wafv2_web_acl"
	not helpers.has_related("aws_wafv2_web_acl_logging_configuration")
	msg := sprintf("WAF web ACL %q has no logging (no aws_wafv2_web_acl_logging_configuration refers to it)", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.loc(input.resource), msg)
}
