package tollgate.audit.aws.guardduty

import data.tollgate.lib
import rego.v1

# METADATA
# title: GuardDuty detector is disabled
# description: |
#   enable = false on an aws_guardduty_detector: GuardDuty stops analysing CloudTrail,
#   VPC flow logs and DNS logs, so compromised credentials, crypto-mining and
#   communication with known malicious hosts go undetected in this region.
# related_resources:
# - https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_settingup.html
# - https://docs.aws.amazon.com/securityhub/latest/userguide/guardduty-controls.html#guardduty-1
# custom:
#   id: TG-AWS-183
#   severity: medium
#   category: audit
#   provider: aws
#   remediation: Remove enable = false (the detector is enabled by default), in every region, and route its findings to the security team.
#   frameworks:
#     nist-800-53: ["SI-4"]
#     soc2: ["CC7.2"]
#     pci-dss-4.0: ["11.5.1"]
deny contains finding if {
	input.type == "aws_guardduty_detector"
	r := input.resource
	lib.is_false(r.enable)
	msg := sprintf("GuardDuty detector %q is disabled (enable = false)", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "enable"), msg)
}
