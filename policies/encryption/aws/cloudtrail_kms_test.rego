package tollgate.encryption.aws.cloudtrail_kms_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.encryption.aws.cloudtrail_kms
import rego.v1

# resource "aws_cloudtrail" "main" {          # line 1
#   name           = "main"                   # line 2
#   s3_bucket_name = aws_s3_bucket.trail.id   # line 3 (unknown)
#   kms_key_id     = KEY                      # line 4
# }                                           # line 5
trail(attrs) := fx.doc("aws_cloudtrail", "main", fx.block(1, 5, object.union({"name": "main", "s3_bucket_name": fx.unknown}, attrs), {"name": 2, "s3_bucket_name": 3, "kms_key_id": 4}))

test_tg_aws_100_violation if {
	findings := cloudtrail_kms.deny with input as trail({})
	fx.found(findings, "TG-AWS-100", fx.span(1, 5), `CloudTrail trail "main" does not encrypt its logs with KMS (kms_key_id is not set)`)
	count(findings) == 1
}

test_tg_aws_100_compliant if {
	count(cloudtrail_kms.deny) == 0 with input as trail({"kms_key_id": "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"})
}

test_tg_aws_100_unknown_does_not_fire if {
	count(cloudtrail_kms.deny) == 0 with input as trail({"kms_key_id": fx.unknown})
}
