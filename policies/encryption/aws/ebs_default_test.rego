package tollgate.encryption.aws.ebs_default_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.encryption.aws.ebs_default
import rego.v1

# resource "aws_ebs_encryption_by_default" "this" {   # line 1
#   enabled = ENABLED                                 # line 2
# }                                                   # line 3
setting(attrs) := fx.doc("aws_ebs_encryption_by_default", "this", fx.block(1, 3, attrs, {"enabled": 2}))

test_tg_aws_118_violation if {
	findings := ebs_default.deny with input as setting({"enabled": false})
	fx.found(findings, "TG-AWS-118", fx.at(2), `EBS encryption by default "this" is disabled (enabled = false)`)
	count(findings) == 1
}

test_tg_aws_118_compliant if {
	count(ebs_default.deny) == 0 with input as setting({"enabled": true})
	count(ebs_default.deny) == 0 with input as setting({})
	count(ebs_default.deny) == 0 with input as setting({"enabled": fx.unknown})
}
