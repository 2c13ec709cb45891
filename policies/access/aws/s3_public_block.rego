package tollgate.access.aws.s3_public_block

import data.tollgate.access.aws.helpers
import data.tollgate.lib
import rego.v1

# METADATA
# title: S3 bucket has no public access block
# description: |
#   No aws_s3_bucket_public_access_block refers to the aws_s3_bucket (through its bucket
#   argument): none of the four Block Public Access settings protects the bucket, so one
#   public ACL or bucket policy, written by mistake now or later, exposes its objects to
#   the internet. An account-wide aws_s3_account_public_access_block also protects the
#   bucket but cannot be seen from the bucket; a public access block that names the bucket
#   by a literal string instead of a reference is not seen either. The settings of an
#   existing block are checked by TG-AWS-040.
# related_resources:
# - https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_public_access_block
# custom:
#   id: TG-AWS-207
#   severity: medium
#   category: access
#   provider: aws
#   remediation: Add an aws_s3_bucket_public_access_block with bucket = aws_s3_bucket.<name>.id and the four settings true (or rely on an account-level aws_s3_account_public_access_block and record an exception).
#   frameworks:
#     cis-aws-2.0: ["2.1.4"]
#     nist-800-53: ["AC-3"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type == "aws_s3_bucket"
	not helpers.has_related("aws_s3_bucket_public_access_block")
	msg := sprintf("S3 bucket %q has no public access block (no aws_s3_bucket_public_access_block refers to it)", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.loc(input.resource), msg)
}
