package tollgate.encryption.aws.s3_kms_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.encryption.aws.s3_kms
import rego.v1

# resource "aws_s3_bucket_server_side_encryption_configuration" "data" {   # line 1
#   bucket = aws_s3_bucket.data.id                                         # line 2 (unknown)
#   rule {                                                                 # line 3
#     apply_server_side_encryption_by_default {                            # line 4
#       sse_algorithm     = ALGORITHM                                      # line 5
#       kms_master_key_id = KEY                                            # line 6
#     }                                                                    # line 7
#   }                                                                      # line 8
# }                                                                        # line 9
config(by_default) := fx.doc("aws_s3_bucket_server_side_encryption_configuration", "data", fx.block(
	1, 9, {
		"bucket": fx.unknown,
		"rule": [fx.block(3, 8, {"apply_server_side_encryption_by_default": [fx.block(4, 7, by_default, {"sse_algorithm": 5, "kms_master_key_id": 6})]}, {})],
	},
	{"bucket": 2},
))

test_tg_aws_091_violation if {
	findings := s3_kms.deny with input as config({"sse_algorithm": "AES256"})
	fx.found(findings, "TG-AWS-091", fx.at(5), `S3 bucket encryption configuration "data" uses SSE-S3 (sse_algorithm = "AES256"), not a customer managed KMS key`)
	count(findings) == 1
}

test_tg_aws_091_compliant if {
	count(s3_kms.deny) == 0 with input as config({"sse_algorithm": "aws:kms", "kms_master_key_id": "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"})
	count(s3_kms.deny) == 0 with input as config({"sse_algorithm": "aws:kms", "kms_master_key_id": fx.unknown})
}

test_tg_aws_091_aws_managed_key if {
	fx.found(s3_kms.deny, "TG-AWS-091", fx.at(5), `S3 bucket encryption configuration "data" uses the AWS managed key aws/s3 (sse_algorithm = "aws:kms" without kms_master_key_id)`) with input as config({"sse_algorithm": "aws:kms"})
}

test_tg_aws_091_unknown_does_not_fire if {
	count(s3_kms.deny) == 0 with input as config({"sse_algorithm": fx.unknown})
}

# resource "aws_s3_bucket" "legacy" {                  # line 1
#   server_side_encryption_configuration {             # line 2
#     rule {                                           # line 3
#       apply_server_side_encryption_by_default {      # line 4
#         sse_algorithm = "AES256"                     # line 5
#       }                                              # line 6
#     }                                                # line 7
#   }                                                  # line 8
# }                                                    # line 9
test_tg_aws_091_inline_block if {
	by_default := fx.block(4, 6, {"sse_algorithm": "AES256"}, {"sse_algorithm": 5})
	d := fx.doc("aws_s3_bucket", "legacy", fx.block(1, 9, {"server_side_encryption_configuration": [fx.block(2, 8, {"rule": [fx.block(3, 7, {"apply_server_side_encryption_by_default": [by_default]}, {})]}, {})]}, {}))
	fx.found(s3_kms.deny, "TG-AWS-091", fx.at(5), `S3 bucket "legacy" uses SSE-S3 (sse_algorithm = "AES256"), not a customer managed KMS key`) with input as d
}
