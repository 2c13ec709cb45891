package tollgate.encryption.aws.s3

import data.tollgate.access.aws.helpers
import data.tollgate.lib
import rego.v1

# METADATA
# title: S3 bucket has no server-side encryption configuration
# description: |
#   The aws_s3_bucket has no inline server_side_encryption_configuration block (AWS provider
#   v3 form) and no aws_s3_bucket_server_side_encryption_configuration resource (AWS
#   provider v4 and later) refers to it, so its default encryption is not stated in code:
#   objects get only S3's implicit SSE-S3 default, with no control of the key (SSE-KMS) or
#   of bucket keys. A configuration resource that names the bucket satisfies the rule
#   whatever its settings (TG-AWS-091 checks the key it uses).
# related_resources:
# - https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-encryption.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_server_side_encryption_configuration
# custom:
#   id: TG-AWS-012
#   severity: medium
#   category: encryption
#   provider: aws
#   remediation: Configure default encryption, preferably SSE-KMS with a customer managed key, with an aws_s3_bucket_server_side_encryption_configuration resource (or the inline block on AWS provider v3).
#   frameworks:
#     nist-800-53: ["SC-28"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type == "aws_s3_bucket"
	b := input.resource
	no_block(b, "server_side_encryption_configuration")
	not helpers.has_related("aws_s3_bucket_server_side_encryption_configuration")
	msg := sprintf("S3 bucket %q has no server_side_encryption_configuration block", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.loc(b), msg)
}

no_block(obj, key) if lib.missing(obj, key)

# A dynamic block that produced no block at all.
no_block(obj, key) if obj[key] == []
