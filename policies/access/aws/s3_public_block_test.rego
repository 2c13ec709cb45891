package tollgate.access.aws.s3_public_block_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.access.aws.s3_public_block
import rego.v1

# resource "aws_s3_bucket" "data" {   # line 1
#   bucket = "acme-data"              # line 2
# }                                   # line 3
bucket := fx.doc("aws_s3_bucket", "data", fx.block(1, 3, {"bucket": "acme-data"}, {"bucket": 2}))

block := fx.block(5, 11, {"block_public_acls": true}, {"block_public_acls": 7})

test_tg_aws_207_violation if {
	findings := s3_public_block.deny with input as bucket
	fx.found(findings, "TG-AWS-207", fx.span(1, 3), `S3 bucket "data" does not declare its Block Public Access settings (no aws_s3_bucket_public_access_block refers to it)`)
	count(findings) == 1
}

test_tg_aws_207_compliant if {
	count(s3_public_block.deny) == 0 with input as fx.with_related(bucket, "aws_s3_bucket_public_access_block", [block])
	count(s3_public_block.deny) == 0 with input as fx.doc("aws_s3_bucket_policy", "data", fx.block(1, 3, {}, {}))
}
