package tollgate.audit.cloudformation.cloudfront

import data.tollgate.lib
import rego.v1

# METADATA
# title: CloudFormation CloudFront access logging is disabled
# description: |
#   The DistributionConfig of an AWS::CloudFront::Distribution has no Logging: viewer
#   requests (client addresses, paths, status codes) are not recorded, so scraping,
#   credential stuffing or a leaked URL cannot be investigated. Standard logging v2,
#   configured with AWS::Logs::DeliverySource and AWS::Logs::Delivery resources, is not
#   taken into account.
# related_resources:
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-cloudfront-distribution-logging.html
# - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/AccessLogs.html
# custom:
#   id: TG-CFN-060
#   severity: low
#   category: audit
#   provider: aws
#   remediation: Add Logging with a Bucket (a dedicated log bucket's regional domain name) and a Prefix, or deliver standard logs v2 to CloudWatch Logs, S3 or Firehose.
#   frameworks:
#     nist-800-53: ["AU-2", "AU-12"]
#     soc2: ["CC7.2"]
#     pci-dss-4.0: ["10.2.1"]
deny contains finding if {
	input.type == "AWS::CloudFront::Distribution"
	config := input.resource.Properties.DistributionConfig
	lib.missing(config, "Logging")
	msg := sprintf("CloudFront distribution %q has no access logging (DistributionConfig Logging)", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.loc(config), msg)
}
