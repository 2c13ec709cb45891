package tollgate.encryption.aws.s3_kms

import data.tollgate.lib
import rego.v1

kinds := {
	"aws_s3_bucket_server_side_encryption_configuration": "S3 bucket encryption configuration",
	"aws_s3_bucket": "S3 bucket",
}

# METADATA
# title: S3 default encryption does not use a customer managed KMS key
# description: |
#   The default encryption of the bucket is SSE-S3 (sse_algorithm = "AES256"), or
#   SSE-KMS without kms_master_key_id, which uses the AWS managed key aws/s3. Objects
#   are encrypted at rest, but with a key whose policy the account cannot write: key
#   use cannot be separated from S3 access, cannot be denied to a compromised role
#   independently, and is not logged per key in CloudTrail. Checked on
#   aws_s3_bucket_server_side_encryption_configuration and on the inline
#   server_side_encryption_configuration of an AWS provider v3 aws_s3_bucket.
# related_resources:
# - https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_server_side_encryption_configuration
# custom:
#   id: TG-AWS-091
#   severity: low
#   category: encryption
#   provider: aws
#   remediation: Set sse_algorithm = "aws:kms" with kms_master_key_id = a customer managed aws_kms_key (and bucket_key_enabled = true to keep KMS costs down).
#   frameworks:
#     nist-800-53: ["SC-12", "SC-28"]
deny contains finding if {
	input.type in {"aws_s3_bucket_server_side_encryption_configuration", "aws_s3_bucket"}
	some d in defaults
	v := weak_key(d)
	msg := sprintf("%s %q %s", [kinds[input.type], input.name, v.text])
	finding := lib.finding(rego.metadata.rule(), v.location, msg)
}

# The apply_server_side_encryption_by_default blocks of the document.
defaults contains d if {
	input.type == "aws_s3_bucket_server_side_encryption_configuration"
	some rule in input.resource.rule
	some d in rule.apply_server_side_encryption_by_default
}

defaults contains d if {
	input.type == "aws_s3_bucket"
	some config in input.resource.server_side_encryption_configuration
	some rule in config.rule
	some d in rule.apply_server_side_encryption_by_default
}

weak_key(d) := {"text": "uses SSE-S3 (sse_algorithm = \"AES256\"), not a customer managed KMS key", "location": lib.attr_loc(d, "sse_algorithm")} if {
	d.sse_algorithm == "AES256"
}

weak_key(d) := {"text": sprintf("uses the AWS managed key aws/s3 (sse_algorithm = %q without kms_master_key_id)", [d.sse_algorithm]), "location": lib.attr_loc(d, "sse_algorithm")} if {
	d.sse_algorithm in {"aws:kms", "aws:kms:dsse"}
	lib.missing(d, "kms_master_key_id")
}
