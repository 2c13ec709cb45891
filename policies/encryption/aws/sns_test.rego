package tollgate.encryption.aws.sns_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.encryption.aws.sns
import rego.v1

# resource "aws_sns_topic" "alerts" {      # line 1
#   name              = "alerts"           # line 2
#   kms_master_key_id = KEY                # line 3
# }                                        # line 4
topic(attrs) := fx.doc("aws_sns_topic", "alerts", fx.block(1, 4, object.union({"name": "alerts"}, attrs), {"name": 2, "kms_master_key_id": 3}))

test_tg_aws_095_violation if {
	findings := sns.deny with input as topic({})
	fx.found(findings, "TG-AWS-095", fx.span(1, 4), `SNS topic "alerts" is not encrypted at rest (kms_master_key_id is not set)`)
	count(findings) == 1
}

test_tg_aws_095_compliant if {
	count(sns.deny) == 0 with input as topic({"kms_master_key_id": "alias/aws/sns"})
}

test_tg_aws_095_unknown_does_not_fire if {
	count(sns.deny) == 0 with input as topic({"kms_master_key_id": fx.unknown})
}
