package tollgate.audit.aws.guardduty_org

import data.tollgate.access.aws.helpers
import data.tollgate.lib
import rego.v1

# METADATA
# title: GuardDuty is not enabled automatically for the organization's accounts
# description: |
#   Applies to the GuardDuty delegated administrator account of an AWS Organization. An
#   aws_guardduty_detector that no aws_guardduty_organization_configuration refers to, or an
#   aws_guardduty_organization_configuration that sets auto_enable_organization_members =
#   "NONE" (or the older auto_enable = false): accounts that join the organization, and with
#   NONE every member not enrolled by hand, run without threat detection, so compromised
#   credentials or crypto-mining there go unnoticed. A standalone account, or a member
#   account whose detector the administrator manages, has no organization configuration to
#   write: there, this finding does not apply and may be suppressed.
# related_resources:
# - https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_organizations.html
# - https://docs.aws.amazon.com/guardduty/latest/ug/set-guardduty-auto-enable-preferences.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/guardduty_organization_configuration
# custom:
#   id: TG-AWS-590
#   severity: low
#   category: audit
#   provider: aws
#   remediation: 'In the delegated administrator account, add an aws_guardduty_organization_configuration with detector_id = aws_guardduty_detector.<name>.id and auto_enable_organization_members = "ALL" (or "NEW"), in every region where GuardDuty runs.'
#   frameworks:
#     nist-800-53: ["SI-4"]
#     soc2: ["CC7.2"]
#     pci-dss-4.0: ["11.5.1"]
deny contains finding if {
	input.type in {"aws_guardduty_detector", "aws_guardduty_organization_configuration"}
	some p in problems
	finding := lib.finding(rego.metadata.rule(), p.location, p.msg)
}

# A detector that no organization configuration refers to. In a plan, what refers to the
# detector is unknown (helpers.has_related holds): nothing is concluded there.
problems contains {"location": lib.loc(input.resource), "msg": msg} if {
	input.type == "aws_guardduty_detector"
	not helpers.has_related("aws_guardduty_organization_configuration")
	msg := sprintf("GuardDuty detector %q is not enabled automatically for the organization's accounts (no aws_guardduty_organization_configuration refers to it)", [input.name])
}

# An organization configuration that enrolls no account automatically. The provider wants
# exactly one of auto_enable_organization_members (ALL, NEW, NONE) and the older auto_enable.
problems contains {"location": lib.attr_loc(r, key), "msg": msg} if {
	input.type == "aws_guardduty_organization_configuration"
	r := input.resource
	not auto_enabled(r)
	not lib.unknown(r, "auto_enable_organization_members")
	not lib.unknown(r, "auto_enable")
	some key in ["auto_enable_organization_members", "auto_enable"]
	off(r, key)
	msg := sprintf("GuardDuty organization configuration %q does not enable GuardDuty automatically for the organization's accounts (%s)", [input.name, shown(r, key)])
}

auto_enabled(r) if r.auto_enable_organization_members in {"ALL", "NEW"}

auto_enabled(r) if lib.is_true(r.auto_enable)

off(r, "auto_enable_organization_members") if r.auto_enable_organization_members == "NONE"

off(r, "auto_enable") if {
	lib.is_false(r.auto_enable)
	lib.missing(r, "auto_enable_organization_members")
}

shown(r, "auto_enable_organization_members") := sprintf("auto_enable_organization_members = %q", [r.auto_enable_organization_members])

shown(_, "auto_enable") := "auto_enable = false"
