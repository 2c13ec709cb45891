package tollgate.access.aws.s3_public_block

import data.tollgate.access.aws.helpers
import data.tollgate.lib
import rego.v1

# METADATA
# title: S3 bucket does not declare its Block Public Access settings
# description: |
#   No aws_s3_bucket_public_access_block refers to the aws_s3_bucket (through its bucket
#   argument), so the bucket's Block Public Access settings are not managed in code. S3
#   turns all four settings on for buckets created since April 2023, but nothing pins them:
#   a bucket imported from before that date, or whose settings someone turns off in the
#   console, accepts public ACLs and policies without Terraform noticing. An account-wide
#   aws_s3_account_public_access_block also protects the bucket but cannot be seen from it;
#   a public access block that names the bucket by a literal string instead of a reference
#   is not seen either. The settings of a declared block are checked by TG-AWS-040.
# related_resources:
# - https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_public_access_block
# custom:
#   id: TG-AWS-207
#   severity: low
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
	msg := sprintf("S3 bucket %q does not declare its Block Public Access settings (no aws_s3_bucket_public_access_block refers to it)", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.loc(input.resource), msg)
}
