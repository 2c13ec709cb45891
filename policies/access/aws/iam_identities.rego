package tollgate.access.aws.iam_identities

import data.tollgate.access.aws.helpers
import data.tollgate.lib
import rego.v1

# METADATA
# title: IAM user is defined
# description: |
#   An aws_iam_user creates a long-lived IAM identity. People are better given access
#   through IAM Identity Center (SSO) or a federated identity provider, where joiners and
#   leavers, MFA and session length are managed in one place; workloads are better given
#   roles. Every IAM user is reported, at low severity, as a reminder to justify it.
# related_resources:
# - https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#bp-users-federation-idp
# - https://docs.aws.amazon.com/singlesignon/latest/userguide/what-is.html
# custom:
#   id: TG-AWS-510
#   severity: low
#   category: access
#   provider: aws
#   remediation: Give people access through IAM Identity Center permission sets and workloads through IAM roles; keep IAM users only where neither is possible, and ignore this finding for them with a reason.
#   frameworks:
#     nist-800-53: ["AC-2", "IA-2"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type == "aws_iam_user"
	msg := sprintf("IAM user %q is a long-lived IAM identity; give people access through IAM Identity Center (SSO) and workloads through roles", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.loc(input.resource), msg)
}

# METADATA
# title: IAM user is not a member of any group
# description: |
#   No aws_iam_user_group_membership or aws_iam_group_membership of the configuration
#   adds the aws_iam_user to a group: whatever the user may do is granted to the user
#   alone, where it is hard to review and forgotten when people change roles. A plan,
#   whose references are unknown, is not judged.
# related_resources:
# - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_groups.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/iam_user_group_membership
# custom:
#   id: TG-AWS-511
#   severity: low
#   category: access
#   provider: aws
#   remediation: Add the user to the groups that carry its permissions with aws_iam_user_group_membership (or aws_iam_group_membership), and attach policies to those groups.
#   frameworks:
#     cis-aws-2.0: ["1.15"]
#     nist-800-53: ["AC-2", "AC-6"]
#     soc2: ["CC6.3"]
deny contains finding if {
	input.type == "aws_iam_user"
	r := input.resource
	not helpers.has_related("aws_iam_user_group_membership")
	not helpers.has_related("aws_iam_group_membership")
	not named_in_membership(r)
	msg := sprintf("IAM user %q is not a member of any IAM group (no aws_iam_user_group_membership or aws_iam_group_membership refers to it)", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.loc(r), msg)
}

# named_in_membership(r): where the scanner provides the configuration's memberships
# (input.configuration), one names the user literally, or names users it cannot know.
named_in_membership(r) if {
	some m in configured("aws_iam_user_group_membership")
	m.user == r.name
}

named_in_membership(r) if {
	some m in configured("aws_iam_group_membership")
	r.name in helpers.strings_of(m.users)
}

named_in_membership(_) if {
	some m in configured("aws_iam_user_group_membership")
	lib.unknown(m, "user")
}

named_in_membership(_) if {
	some m in configured("aws_iam_group_membership")
	lib.unknown(m, "users")
}

configured(type) := list if {
	list := input.configuration[type]
	is_array(list)
} else := []

# METADATA
# title: IAM group does not enforce MFA
# description: |
#   None of the policies of an aws_iam_group (its aws_iam_group_policy resources and the
#   AWS managed policies attached to it by aws_iam_group_policy_attachment or
#   aws_iam_policy_attachment) has a condition on aws:MultiFactorAuthPresent (or
#   aws:MultiFactorAuthAge): its members can use their permissions with a stolen password
#   or access key alone. The usual fix is a statement that denies everything but MFA
#   setup when aws:MultiFactorAuthPresent is false. A group with a policy the scanner
#   cannot read (JSON built elsewhere, a customer managed policy attached by reference)
#   is not judged, nor is a plan.
# related_resources:
# - https://docs.aws.amazon.com/IAM/latest/UserGuide/tutorial_users-self-manage-mfa-and-creds.html
# - https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_aws_my-sec-creds-self-manage.html
# custom:
#   id: TG-AWS-512
#   severity: medium
#   category: access
#   provider: aws
#   remediation: Attach to the group a policy that denies every action except managing one's own MFA device when aws:MultiFactorAuthPresent is false (BoolIfExists), or require MFA in the group's policies' conditions.
#   frameworks:
#     cis-aws-2.0: ["1.10"]
#     nist-800-53: ["IA-2(1)", "IA-2(2)"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["8.4.2"]
deny contains finding if {
	input.type == "aws_iam_group"
	r := input.resource
	not input.related_unknown == true
	not mfa_enforced(r)
	not undecidable(r)
	msg := sprintf("IAM group %q does not enforce MFA: none of its policies has a condition on aws:MultiFactorAuthPresent", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.loc(r), msg)
}

# group_policies(r): its inline policies, referring to it or (where the scanner provides
# the configuration) naming it.
group_policies(r) := array.concat(
	helpers.related("aws_iam_group_policy"),
	[p | some p in configured("aws_iam_group_policy"); p.group == r.name],
)

group_attachments(r) := array.concat(
	array.concat(helpers.related("aws_iam_group_policy_attachment"), helpers.related("aws_iam_policy_attachment")),
	array.concat(
		[a | some a in configured("aws_iam_group_policy_attachment"); a.group == r.name],
		[a | some a in configured("aws_iam_policy_attachment"); r.name in helpers.strings_of(a.groups)],
	),
)

mfa_enforced(r) if {
	some p in group_policies(r)
	mfa_policy(p.policy)
}

# A customer managed policy of the configuration (input.configuration) that checks MFA
# may be the one an attachment names.
mfa_enforced(r) if {
	some a in group_attachments(r)
	not aws_managed(object.get(a, "policy_arn", null))
	some p in configured("aws_iam_policy")
	mfa_policy(p.policy)
}

mfa_policy(policy) if {
	some s in helpers.statements(policy)
	some _, keys in s.Condition
	is_object(keys)
	some key, _ in keys
	lower(key) in {"aws:multifactorauthpresent", "aws:multifactorauthage"}
}

# undecidable(r): a policy of the group cannot be read.
undecidable(r) if {
	some p in group_policies(r)
	not helpers.document(object.get(p, "policy", null))
}

undecidable(r) if {
	some a in group_attachments(r)
	not aws_managed(object.get(a, "policy_arn", null))
	not configuration_known
}

# A customer managed policy named by its ARN may live outside the configuration.
undecidable(r) if {
	some a in group_attachments(r)
	is_string(a.policy_arn)
	not aws_managed(a.policy_arn)
}

# Memberships or attachments of the configuration that name groups the scanner cannot
# know could name this one.
undecidable(_) if {
	some p in configured("aws_iam_group_policy")
	lib.unknown(p, "group")
}

undecidable(_) if {
	some a in configured("aws_iam_group_policy_attachment")
	lib.unknown(a, "group")
}

# configuration_known: the scanner lists the configuration's customer managed policies
# and each one's JSON is known, so an attachment by reference names one of them.
configuration_known if {
	is_array(input.configuration.aws_iam_policy)
	every p in input.configuration.aws_iam_policy {
		helpers.document(object.get(p, "policy", null))
	}
}

aws_managed(arn) if {
	is_string(arn)
	regex.match(`^arn:aws[a-z-]*:iam::aws:policy/`, arn)
}

# METADATA
# title: AWS managed IAMFullAccess policy is used
# description: |
#   The AWS managed policy IAMFullAccess (iam:* on every resource) is attached to a
#   role, user, group or SSO permission set (aws_iam_role managed_policy_arns, the policy
#   attachment resources, aws_ssoadmin_managed_policy_attachment), or looked up with
#   data "aws_iam_policy" to be attached. An identity that can create policies, access
#   keys and roles can give itself any permission: IAMFullAccess is administrator access
#   in two steps.
# related_resources:
# - https://docs.aws.amazon.com/aws-managed-policy/latest/reference/IAMFullAccess.html
# - https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html
# custom:
#   id: TG-AWS-513
#   severity: high
#   category: access
#   provider: aws
#   remediation: Replace IAMFullAccess with a customer managed policy granting the IAM actions the identity needs on named resources, with a permissions boundary on the roles and users it creates.
#   frameworks:
#     nist-800-53: ["AC-6", "AC-6(10)"]
#     soc2: ["CC6.3"]
#     pci-dss-4.0: ["7.2.2"]
deny contains finding if {
	input.type in {"aws_iam_role", "aws_iam_policy_attachment", "aws_iam_role_policy_attachment", "aws_iam_user_policy_attachment", "aws_iam_group_policy_attachment", "aws_ssoadmin_managed_policy_attachment", "data.aws_iam_policy"}
	some v in iam_full_access
	finding := lib.finding(rego.metadata.rule(), v.location, v.message)
}

iam_full_access contains v if {
	input.type == "aws_iam_role"
	r := input.resource
	some arn in helpers.strings_of(r.managed_policy_arns)
	managed_policy(arn, "IAMFullAccess")
	v := {"location": lib.attr_loc(r, "managed_policy_arns"), "message": sprintf("IAM role %q attaches the AWS managed IAMFullAccess policy", [input.name])}
}

iam_full_access contains v if {
	input.type in {"aws_iam_policy_attachment", "aws_iam_role_policy_attachment", "aws_iam_user_policy_attachment", "aws_iam_group_policy_attachment"}
	r := input.resource
	managed_policy(r.policy_arn, "IAMFullAccess")
	v := {"location": lib.attr_loc(r, "policy_arn"), "message": sprintf("IAM policy attachment %q attaches the AWS managed IAMFullAccess policy", [input.name])}
}

iam_full_access contains v if {
	input.type == "aws_ssoadmin_managed_policy_attachment"
	r := input.resource
	managed_policy(r.managed_policy_arn, "IAMFullAccess")
	v := {"location": lib.attr_loc(r, "managed_policy_arn"), "message": sprintf("SSO managed policy attachment %q attaches the AWS managed IAMFullAccess policy to a permission set", [input.name])}
}

iam_full_access contains v if {
	input.type == "data.aws_iam_policy"
	some key in looked_up("IAMFullAccess")
	v := {"location": lib.attr_loc(input.resource, key), "message": sprintf("IAM policy data source %q looks up the AWS managed IAMFullAccess policy", [input.name])}
}

managed_policy(arn, name) if {
	is_string(arn)
	regex.match(sprintf(`^arn:aws[a-z-]*:iam::aws:policy/%s$`, [name]), arn)
}

# looked_up(name): the arguments of a data "aws_iam_policy" that select the AWS managed
# policy name.
looked_up(name) := {key |
	r := input.resource
	some key in ["name", "arn"]
	selects(key, r[key], name)
}

selects("name", v, name) if v == name

selects("arn", v, name) if managed_policy(v, name)

# METADATA
# title: Terraform looks up the AdministratorAccess policy
# description: |
#   A data "aws_iam_policy" selects the AWS managed AdministratorAccess policy by name or
#   ARN. Configurations look it up to attach it (policy_arn =
#   data.aws_iam_policy.admin.arn), and a reference like that hides the grant from the
#   attachment itself: whatever receives it can do everything in the account.
# related_resources:
# - https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AdministratorAccess.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/data-sources/iam_policy
# custom:
#   id: TG-AWS-514
#   severity: high
#   category: access
#   provider: aws
#   remediation: Attach a customer managed policy with the actions the identity needs instead of AdministratorAccess; keep administrator access to a few break-glass roles assumed with MFA.
#   frameworks:
#     cis-aws-2.0: ["1.16"]
#     nist-800-53: ["AC-6"]
#     soc2: ["CC6.3"]
#     pci-dss-4.0: ["7.2.2"]
deny contains finding if {
	input.type == "data.aws_iam_policy"
	some key in looked_up("AdministratorAccess")
	msg := sprintf("IAM policy data source %q looks up the AWS managed AdministratorAccess policy; whatever it is attached to gets full administrative access", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(input.resource, key), msg)
}
