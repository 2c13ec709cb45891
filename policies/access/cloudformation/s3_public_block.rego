package tollgate.access.cloudformation.s3_public_block

import data.tollgate.lib
import rego.v1

# METADATA
# title: CloudFormation S3 bucket does not declare its Block Public Access settings
# description: |
#   An AWS::S3::Bucket has no PublicAccessBlockConfiguration, so its Block Public Access
#   settings are not managed in the template. S3 turns all four settings on for buckets
#   created since April 2023, but nothing pins them: a bucket created before that date and
#   adopted by the stack, or whose settings someone turns off in the console, accepts public
#   ACLs and policies without the stack noticing (drift detection does not report a property
#   the template leaves out). An account-wide block also protects the bucket but cannot be
#   seen from the template. The settings of a declared configuration are checked by
#   TG-CFN-006. A configuration the template does not decide is not reported.
# related_resources:
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-s3-bucket-publicaccessblockconfiguration.html
# - https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html
# custom:
#   id: TG-CFN-093
#   severity: low
#   category: access
#   provider: aws
#   remediation: Add PublicAccessBlockConfiguration with BlockPublicAcls, BlockPublicPolicy, IgnorePublicAcls and RestrictPublicBuckets set to true (or rely on an account-level block and record an exception).
#   frameworks:
#     cis-aws-2.0: ["2.1.4"]
#     nist-800-53: ["AC-3"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type == "AWS::S3::Bucket"
	p := input.resource.Properties
	lib.missing(p, "PublicAccessBlockConfiguration")
	msg := sprintf("S3 bucket %q does not declare its Block Public Access settings (no PublicAccessBlockConfiguration)", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.loc(p), msg)
}
