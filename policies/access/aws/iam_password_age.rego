package tollgate.access.aws.iam_password_age

import data.tollgate.access.aws.helpers
import data.tollgate.lib
import rego.v1

# METADATA
# title: IAM password policy lets passwords live longer than 90 days
# description: |
#   The aws_iam_account_password_policy sets max_password_age above 90 days, or leaves it
#   out (its default, 0, means passwords never expire): a leaked or guessed password stays
#   valid indefinitely. CIS and PCI DSS ask for expiry within 90 days for passwords that
#   are the only factor.
# related_resources:
# - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/iam_account_password_policy#max_password_age
# custom:
#   id: TG-AWS-215
#   severity: low
#   category: access
#   provider: aws
#   remediation: Set max_password_age = 90 (or less), and require MFA for console users.
#   frameworks:
#     nist-800-53: ["IA-5"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["8.3.9"]
deny contains finding if {
	input.type == "aws_iam_account_password_policy"
	r := input.resource
	problem := too_old(r)
	msg := sprintf("IAM password policy %q does not expire passwords within 90 days (%s)", [input.name, problem])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "max_password_age"), msg)
}

too_old(r) := sprintf("max_password_age = %d", [n]) if {
	n := helpers.number(r.max_password_age)
	not_within(n)
} else := "max_password_age is not set: passwords never expire" if {
	lib.missing(r, "max_password_age")
}

not_within(n) if n > 90

not_within(n) if n <= 0
