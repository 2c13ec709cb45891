package tollgate.audit.aws.cloudfront

import data.tollgate.access.aws.helpers
import data.tollgate.lib
import rego.v1

# METADATA
# title: CloudFront access logging is disabled
# description: |
#   The aws_cloudfront_distribution has no logging_config block (standard logging to
#   S3): viewer requests, with their addresses, paths and status codes, are not
#   recorded. Distributions that deliver logs through CloudWatch Logs delivery
#   resources instead can suppress the finding.
# related_resources:
# - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/AccessLogs.html
# - https://docs.aws.amazon.com/securityhub/latest/userguide/cloudfront-controls.html#cloudfront-5
# custom:
#   id: TG-AWS-175
#   severity: low
#   category: audit
#   provider: aws
#   remediation: Add logging_config { bucket = aws_s3_bucket.<logs>.bucket_domain_name, prefix = "cloudfront/" }.
#   frameworks:
#     nist-800-53: ["AU-2", "AU-12"]
#     soc2: ["CC7.2"]
#     pci-dss-4.0: ["10.2.1"]
deny contains finding if {
	input.type == "aws_cloudfront_distribution"
	r := input.resource
	helpers.no_block(r, "logging_config")
	msg := sprintf("CloudFront distribution %q does not write access logs (no logging_config block)", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.loc(r), msg)
}
