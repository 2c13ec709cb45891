package tollgate.audit.cloudformation.s3

import data.tollgate.lib
import rego.v1

# METADATA
# title: CloudFormation S3 bucket has no access logging
# description: |
#   The AWS::S3::Bucket has no LoggingConfiguration: requests to its objects are not
#   recorded, so a data exfiltration cannot be investigated. Buckets with the
#   LogDeliveryWrite canned ACL, which receive the access logs of other buckets and must
#   not log into themselves, are not reported.
# related_resources:
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-s3-bucket-loggingconfiguration.html
# - https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html
# custom:
#   id: TG-CFN-055
#   severity: low
#   category: audit
#   provider: aws
#   remediation: Set LoggingConfiguration with a DestinationBucketName (a dedicated log bucket) and a LogFilePrefix, or record S3 data events with CloudTrail.
#   frameworks:
#     nist-800-53: ["AU-2", "AU-12"]
#     soc2: ["CC7.2"]
#     pci-dss-4.0: ["10.2.1"]
deny contains finding if {
	input.type == "AWS::S3::Bucket"
	p := input.resource.Properties
	lib.missing(p, "LoggingConfiguration")
	not p.AccessControl == "LogDeliveryWrite"
	not lib.unknown(p, "AccessControl")
	msg := sprintf("S3 bucket %q has no access logging (LoggingConfiguration)", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.loc(p), msg)
}
