package tollgate.encryption.aws.cloudwatch_logs_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.encryption.aws.cloudwatch_logs
import rego.v1

# resource "aws_cloudwatch_log_group" "app" {   # line 1
#   name       = "/app/api"                     # line 2
#   kms_key_id = KEY                            # line 3
# }                                             # line 4
group(attrs) := fx.doc("aws_cloudwatch_log_group", "app", fx.block(1, 4, object.union({"name": "/app/api"}, attrs), {"name": 2, "kms_key_id": 3}))

test_tg_aws_116_violation if {
	findings := cloudwatch_logs.deny with input as group({})
	fx.found(findings, "TG-AWS-116", fx.span(1, 4), `CloudWatch log group "app" is not encrypted with a customer managed key (kms_key_id is not set)`)
	count(findings) == 1
}

test_tg_aws_116_compliant if {
	count(cloudwatch_logs.deny) == 0 with input as group({"kms_key_id": "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"})
}

test_tg_aws_116_unknown_does_not_fire if {
	count(cloudwatch_logs.deny) == 0 with input as group({"kms_key_id": fx.unknown})
}
