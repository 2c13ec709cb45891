package tollgate.encryption.cloudformation.s3

import data.tollgate.lib
import rego.v1

# METADATA
# title: CloudFormation S3 bucket has no server-side encryption configuration
# description: |
#   The AWS::S3::Bucket has no BucketEncryption: it relies on the encryption S3 applies
#   when nothing is configured (SSE-S3 with S3-owned keys since January 2023), whose keys
#   no key policy of the account controls and whose use CloudTrail does not record per
#   key, and the template does not state the protection the data needs. A BucketEncryption
#   the template does not decide is not reported.
# related_resources:
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-s3-bucket-bucketencryption.html
# - https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-bucket-encryption.html
# custom:
#   id: TG-CFN-022
#   severity: medium
#   category: encryption
#   provider: aws
#   remediation: Add BucketEncryption with a ServerSideEncryptionByDefault of SSEAlgorithm aws:kms and a customer managed KMSMasterKeyID, and set BucketKeyEnabled to true to keep KMS costs down.
#   frameworks:
#     nist-800-53: ["SC-28"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type == "AWS::S3::Bucket"
	p := input.resource.Properties
	lib.missing(p, "BucketEncryption")
	msg := sprintf("S3 bucket %q has no server-side encryption configuration (BucketEncryption)", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.loc(p), msg)
}
