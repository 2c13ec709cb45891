package tollgate.encryption.aws.ecr_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.encryption.aws.ecr
import rego.v1

# resource "aws_ecr_repository" "app" {   # line 1
#   name = "app"                          # line 2
#   encryption_configuration {            # line 3
#     encryption_type = TYPE              # line 4
#     kms_key         = KEY               # line 5
#   }                                     # line 6
# }                                       # line 7
repo(config) := fx.doc("aws_ecr_repository", "app", fx.block(1, 7, object.union({"name": "app"}, config), {"name": 2}))

encryption(attrs) := {"encryption_configuration": [fx.block(3, 6, attrs, {"encryption_type": 4, "kms_key": 5})]}

test_tg_aws_105_violation if {
	findings := ecr.deny with input as repo(encryption({"encryption_type": "AES256"}))
	fx.found(findings, "TG-AWS-105", fx.at(4), `ECR repository "app" is encrypted with S3-managed keys (encryption_type = "AES256")`)
	count(findings) == 1
}

test_tg_aws_105_compliant if {
	count(ecr.deny) == 0 with input as repo(encryption({"encryption_type": "KMS", "kms_key": fx.unknown}))
	count(ecr.deny) == 0 with input as repo(encryption({"encryption_type": "KMS", "kms_key": "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"}))
}

test_tg_aws_105_defaults if {
	fx.found(ecr.deny, "TG-AWS-105", fx.span(1, 7), `ECR repository "app" is encrypted with S3-managed keys (no encryption_configuration)`) with input as repo({})
	fx.found(ecr.deny, "TG-AWS-105", fx.at(4), `ECR repository "app" is encrypted with the AWS managed key aws/ecr (encryption_type = "KMS" without kms_key)`) with input as repo(encryption({"encryption_type": "KMS"}))
}

test_tg_aws_105_unknown_does_not_fire if {
	count(ecr.deny) == 0 with input as repo(encryption({"encryption_type": fx.unknown}))
}
