package tollgate.audit.aws.guardduty_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.audit.aws.guardduty
import rego.v1

# resource "aws_guardduty_detector" "main" {   # line 1
#   enable = ENABLE                            # line 2
# }                                            # line 3
detector(attrs) := fx.doc("aws_guardduty_detector", "main", fx.block(1, 3, attrs, {"enable": 2}))

test_tg_aws_183_violation if {
	findings := guardduty.deny with input as detector({"enable": false})
	fx.found(findings, "TG-AWS-183", fx.at(2), `GuardDuty detector "main" is disabled (enable = false)`)
	count(findings) == 1
}

test_tg_aws_183_compliant if {
	count(guardduty.deny) == 0 with input as detector({"enable": true})
	count(guardduty.deny) == 0 with input as detector({})
	count(guardduty.deny) == 0 with input as detector({"enable": fx.unknown})
}
