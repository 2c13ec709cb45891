package tollgate.encryption.aws.glue_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.encryption.aws.glue
import rego.v1

# resource "aws_glue_data_catalog_encryption_settings" "this" {   # line 1
#   data_catalog_encryption_settings {                             # line 2
#     connection_password_encryption {                             # line 3
#       return_connection_password_encrypted = RETURN              # line 4
#       aws_kms_key_id                       = KEY                 # line 5
#     }                                                            # line 6
#     encryption_at_rest {                                         # line 7
#       catalog_encryption_mode = MODE                             # line 8
#       sse_aws_kms_key_id      = KEY                              # line 9
#     }                                                            # line 10
#   }                                                              # line 11
# }                                                                # line 12
catalog(password, at_rest) := fx.doc("aws_glue_data_catalog_encryption_settings", "this", fx.block(1, 12, {"data_catalog_encryption_settings": [fx.block(2, 11, {
	"connection_password_encryption": [fx.block(3, 6, password, {"return_connection_password_encrypted": 4, "aws_kms_key_id": 5})],
	"encryption_at_rest": [fx.block(7, 10, at_rest, {"catalog_encryption_mode": 8, "sse_aws_kms_key_id": 9})],
}, {})]}, {}))

key := "arn:aws:kms:us-east-1:123456789012:key/k"

good_password := {"return_connection_password_encrypted": true, "aws_kms_key_id": key}

good_at_rest := {"catalog_encryption_mode": "SSE-KMS", "sse_aws_kms_key_id": key}

test_tg_aws_470_violation if {
	findings := glue.deny with input as catalog(good_password, {"catalog_encryption_mode": "DISABLED"})
	fx.found(findings, "TG-AWS-470", fx.at(8), `Glue Data Catalog encryption settings "this" do not encrypt the catalog with a KMS key (catalog_encryption_mode = "DISABLED")`)
	count(findings) == 1
}

test_tg_aws_470_passwords if {
	findings := glue.deny with input as catalog({"return_connection_password_encrypted": false}, good_at_rest)
	fx.found(findings, "TG-AWS-470", fx.at(4), `Glue Data Catalog encryption settings "this" do not encrypt connection passwords (return_connection_password_encrypted = false)`)
	count(findings) == 1
}

test_tg_aws_470_compliant if {
	count(glue.deny) == 0 with input as catalog(good_password, good_at_rest)
	count(glue.deny) == 0 with input as catalog(good_password, {"catalog_encryption_mode": "SSE-KMS-WITH-SERVICE-ROLE", "sse_aws_kms_key_id": key})
	count(glue.deny) == 0 with input as catalog({"return_connection_password_encrypted": fx.unknown}, {"catalog_encryption_mode": fx.unknown})
}

# resource "aws_glue_security_configuration" "etl" {   # line 1
#   name = "etl"                                        # line 2
#   encryption_configuration {                          # line 3
#     cloudwatch_encryption {                           # line 4
#       cloudwatch_encryption_mode = MODE               # line 5
#       kms_key_arn                = KEY                # line 6
#     }                                                 # line 7
#     job_bookmarks_encryption {                        # line 8
#       job_bookmarks_encryption_mode = MODE            # line 9
#       kms_key_arn                   = KEY             # line 10
#     }                                                 # line 11
#     s3_encryption {                                   # line 12
#       s3_encryption_mode = MODE                       # line 13
#     }                                                 # line 14
#   }                                                   # line 15
# }                                                     # line 16
config(cw, jb, s3) := fx.doc("aws_glue_security_configuration", "etl", fx.block(1, 16, {"name": "etl", "encryption_configuration": [fx.block(3, 15, {
	"cloudwatch_encryption": [fx.block(4, 7, cw, {"cloudwatch_encryption_mode": 5, "kms_key_arn": 6})],
	"job_bookmarks_encryption": [fx.block(8, 11, jb, {"job_bookmarks_encryption_mode": 9, "kms_key_arn": 10})],
	"s3_encryption": [fx.block(12, 14, s3, {"s3_encryption_mode": 13})],
}, {})]}, {"name": 2}))

good_cw := {"cloudwatch_encryption_mode": "SSE-KMS", "kms_key_arn": key}

good_jb := {"job_bookmarks_encryption_mode": "CSE-KMS", "kms_key_arn": key}

test_tg_aws_471_violation if {
	findings := glue.deny with input as config(good_cw, good_jb, {"s3_encryption_mode": "DISABLED"})
	fx.found(findings, "TG-AWS-471", fx.at(13), `Glue security configuration "etl" does not encrypt S3 data (s3_encryption_mode = "DISABLED")`)
	count(findings) == 1
}

test_tg_aws_471_defaults if {
	findings := glue.deny with input as config({}, good_jb, {"s3_encryption_mode": "SSE-S3"})
	fx.found(findings, "TG-AWS-471", fx.span(4, 7), `Glue security configuration "etl" does not encrypt CloudWatch logs (cloudwatch_encryption_mode = "DISABLED")`)
	count(findings) == 1
}

test_tg_aws_471_no_key if {
	findings := glue.deny with input as config(good_cw, {"job_bookmarks_encryption_mode": "CSE-KMS"}, {"s3_encryption_mode": "SSE-KMS"})
	fx.found(findings, "TG-AWS-471", fx.span(8, 11), `Glue security configuration "etl" does not encrypt job bookmarks with a named key (no kms_key_arn)`)
	count(findings) == 1
}

test_tg_aws_471_compliant if {
	count(glue.deny) == 0 with input as config(good_cw, good_jb, {"s3_encryption_mode": "SSE-KMS"})
	count(glue.deny) == 0 with input as config({"cloudwatch_encryption_mode": fx.unknown}, good_jb, {"s3_encryption_mode": fx.unknown})
}
