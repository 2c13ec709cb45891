package tollgate.audit.aws.guardduty_org_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.audit.aws.guardduty_org
import rego.v1

# resource "aws_guardduty_detector" "main" {   # line 1
#   enable = true                              # line 2
# }                                            # line 3
detector := fx.doc("aws_guardduty_detector", "main", fx.block(1, 3, {"enable": true}, {"enable": 2}))

# resource "aws_guardduty_organization_configuration" "org" {   # line 5
#   detector_id                      = aws_guardduty_detector.main.id   # line 6
#   auto_enable_organization_members = MEMBERS                          # line 7
#   auto_enable                      = AUTO                             # line 8
# }                                                                     # line 9
org_body(attrs) := fx.block(5, 9, object.union({"detector_id": fx.unknown}, attrs), {"detector_id": 6, "auto_enable_organization_members": 7, "auto_enable": 8})

org_config(attrs) := fx.doc("aws_guardduty_organization_configuration", "org", org_body(attrs))

test_tg_aws_590_violation if {
	alone := guardduty_org.deny with input as detector
	fx.found(alone, "TG-AWS-590", fx.span(1, 3), `GuardDuty detector "main" is not enabled automatically for the organization's accounts (no aws_guardduty_organization_configuration refers to it)`)
	count(alone) == 1

	none := guardduty_org.deny with input as org_config({"auto_enable_organization_members": "NONE"})
	fx.found(none, "TG-AWS-590", fx.at(7), `GuardDuty organization configuration "org" does not enable GuardDuty automatically for the organization's accounts (auto_enable_organization_members = "NONE")`)
	count(none) == 1

	both := guardduty_org.deny with input as org_config({"auto_enable_organization_members": "NONE", "auto_enable": false})
	count(both) == 1

	old := guardduty_org.deny with input as org_config({"auto_enable": "false"})
	fx.found(old, "TG-AWS-590", fx.at(8), `GuardDuty organization configuration "org" does not enable GuardDuty automatically for the organization's accounts (auto_enable = false)`)
	count(old) == 1
}

test_tg_aws_590_compliant if {
	# The organization configuration refers to the detector (and is judged on its own document).
	count(guardduty_org.deny) == 0 with input as fx.with_related(detector, "aws_guardduty_organization_configuration", [org_body({"auto_enable_organization_members": "NONE"})])

	# From a plan, what refers to the detector is unknown.
	count(guardduty_org.deny) == 0 with input as object.union(detector, {"related_unknown": true})

	count(guardduty_org.deny) == 0 with input as org_config({"auto_enable_organization_members": "ALL"})
	count(guardduty_org.deny) == 0 with input as org_config({"auto_enable_organization_members": "NEW"})
	count(guardduty_org.deny) == 0 with input as org_config({"auto_enable": true})
	count(guardduty_org.deny) == 0 with input as org_config({"auto_enable": "true"})
	count(guardduty_org.deny) == 0 with input as org_config({"auto_enable_organization_members": fx.unknown})
	count(guardduty_org.deny) == 0 with input as org_config({"auto_enable": false, "auto_enable_organization_members": fx.unknown})
	count(guardduty_org.deny) == 0 with input as org_config({"auto_enable_organization_members": "NONE", "auto_enable": fx.unknown})

	# Another resource type is not judged.
	count(guardduty_org.deny) == 0 with input as fx.doc("aws_guardduty_filter", "f", fx.block(1, 3, {}, {}))
}
