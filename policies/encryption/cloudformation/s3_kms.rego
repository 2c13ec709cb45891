package tollgate.encryption.cloudformation.s3_kms

import data.tollgate.lib
import rego.v1

# METADATA
# title: CloudFormation S3 default encryption does not use a customer managed KMS key
# description: |
#   The default encryption rule of an AWS::S3::Bucket is SSE-S3 (SSEAlgorithm AES256), or
#   SSE-KMS without KMSMasterKeyID (the AWS managed aws/s3 key), or the bucket has no
#   BucketEncryption (S3 then applies SSE-S3): objects are encrypted at rest, but with a key
#   whose policy the account cannot write, so key use cannot be separated from S3 access or
#   denied to a compromised role. Buckets with AccessControl LogDeliveryWrite are not
#   reported: server access logs can only be delivered to SSE-S3 buckets. A rule the
#   template does not decide is not evaluated.
# related_resources:
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-s3-bucket-serversideencryptionbydefault.html
# - https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html
# custom:
#   id: TG-CFN-082
#   severity: low
#   category: encryption
#   provider: aws
#   remediation: Set ServerSideEncryptionByDefault to SSEAlgorithm aws:kms (or aws:kms:dsse) with KMSMasterKeyID naming a customer managed key, and BucketKeyEnabled true.
#   frameworks:
#     nist-800-53: ["SC-12", "SC-28"]
deny contains finding if {
	input.type == "AWS::S3::Bucket"
	p := input.resource.Properties
	not log_bucket(p)
	not lib.unknown(p, "AccessControl")
	some v in weak_keys(p)
	msg := sprintf("S3 bucket %q %s", [input.name, v.text])
	finding := lib.finding(rego.metadata.rule(), v.location, msg)
}

log_bucket(p) if p.AccessControl == "LogDeliveryWrite"

weak_keys(p) := {{"text": "has no BucketEncryption, so S3 applies SSE-S3, not a customer managed KMS key", "location": lib.loc(p)}} if {
	lib.missing(p, "BucketEncryption")
} else := {v |
	some rule in p.BucketEncryption.ServerSideEncryptionConfiguration
	d := rule.ServerSideEncryptionByDefault
	is_object(d)
	v := weak_key(d)
}

weak_key(d) := {"text": "uses SSE-S3 (SSEAlgorithm: AES256), not a customer managed KMS key", "location": lib.attr_loc(d, "SSEAlgorithm")} if {
	d.SSEAlgorithm == "AES256"
} else := {"text": sprintf("uses the AWS managed key aws/s3 (SSEAlgorithm: %s without KMSMasterKeyID)", [d.SSEAlgorithm]), "location": lib.attr_loc(d, "SSEAlgorithm")} if {
	d.SSEAlgorithm in {"aws:kms", "aws:kms:dsse"}
	lib.missing(d, "KMSMasterKeyID")
}
