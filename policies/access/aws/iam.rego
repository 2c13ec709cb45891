package tollgate.access.aws.iam

import data.tollgate.access.aws.helpers
import data.tollgate.access.aws.iam_document
import data.tollgate.lib
import rego.v1

policy_kinds := {
	"aws_iam_policy": "IAM policy",
	"aws_iam_role_policy": "IAM role policy",
	"aws_iam_user_policy": "IAM user policy",
	"aws_iam_group_policy": "IAM group policy",
}

attachment_types := {
	"aws_iam_role_policy_attachment",
	"aws_iam_user_policy_attachment",
	"aws_iam_group_policy_attachment",
	"aws_iam_policy_attachment",
}

# CIS AWS 1.8 and 1.9: passwords of at least 14 characters, and none of the last 24
# reused.
min_password_length := lib.param("min_password_length")

min_password_reuse_prevention := lib.param("password_reuse_prevention")

# METADATA
# title: IAM policy grants full administrative access
# description: |
#   An IAM policy statement allows every action ("*" or "*:*") on every resource ("*"),
#   or the AWS managed AdministratorAccess policy is attached. Checked on aws_iam_policy,
#   aws_iam_role_policy, aws_iam_user_policy, aws_iam_group_policy, the inline_policy
#   blocks and managed_policy_arns of aws_iam_role, the policy attachment resources, and
#   the statements without principals of data "aws_iam_policy_document".
#   Whoever holds the identity (or steals its credentials) controls the whole account,
#   including its audit trail. Conditions do not make such a grant least privilege and
#   are not taken into account. Policy JSON that is not known statically is not evaluated.
# related_resources:
# - https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
# - https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-1
# custom:
#   id: TG-AWS-050
#   severity: critical
#   category: access
#   provider: aws
#   remediation: Grant the actions and resources the identity needs (IAM Access Analyzer can generate the policy from CloudTrail activity); keep administrator access to a few break-glass roles assumed with MFA.
#   frameworks:
#     cis-aws-2.0: ["1.16"]
#     nist-800-53: ["AC-6"]
#     soc2: ["CC6.3"]
#     pci-dss-4.0: ["7.2.2"]
deny contains finding if {
	input.type in {"aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy", "aws_iam_role", "aws_iam_role_policy_attachment", "aws_iam_user_policy_attachment", "aws_iam_group_policy_attachment", "aws_iam_policy_attachment", "data.aws_iam_policy_document"}
	some v in admin_grants
	finding := lib.finding(rego.metadata.rule(), v.location, v.message)
}

admin_grants contains v if {
	input.type in object.keys(policy_kinds)
	r := input.resource
	admin_policy(r.policy)
	v := {
		"location": lib.attr_loc(r, "policy"),
		"message": sprintf("%s %q allows every action on every resource (Action \"*\", Resource \"*\")", [policy_kinds[input.type], input.name]),
	}
}

admin_grants contains v if {
	input.type == "aws_iam_role"
	some block in input.resource.inline_policy
	admin_policy(block.policy)
	v := {
		"location": lib.attr_loc(block, "policy"),
		"message": sprintf("IAM role %q has an inline policy that allows every action on every resource (Action \"*\", Resource \"*\")", [input.name]),
	}
}

admin_grants contains v if {
	input.type == "aws_iam_role"
	r := input.resource
	some arn in helpers.strings_of(r.managed_policy_arns)
	administrator_access(arn)
	v := {
		"location": lib.attr_loc(r, "managed_policy_arns"),
		"message": sprintf("IAM role %q attaches the AdministratorAccess policy", [input.name]),
	}
}

admin_grants contains v if {
	input.type in attachment_types
	r := input.resource
	administrator_access(r.policy_arn)
	v := {
		"location": lib.attr_loc(r, "policy_arn"),
		"message": sprintf("IAM policy attachment %q attaches the AdministratorAccess policy", [input.name]),
	}
}

admin_grants contains v if {
	input.type == "data.aws_iam_policy_document"
	some s in iam_document.identity_statements(input.resource)
	admin_policy({"Statement": [s]})
	v := {
		"location": lib.loc(s),
		"message": sprintf("IAM policy document %q allows every action on every resource (Action \"*\", Resource \"*\")", [input.name]),
	}
}

admin_policy(policy) if {
	some s in helpers.statements(policy)
	helpers.allows(s)
	some action in helpers.actions(s)
	action in {"*", "*:*"}
	"*" in helpers.resources(s)
}

administrator_access(arn) if {
	is_string(arn)
	regex.match(`^arn:aws[a-z-]*:iam::aws:policy/AdministratorAccess$`, arn)
}

# METADATA
# title: IAM role can be assumed by anyone
# description: |
#   The assume_role_policy of an aws_iam_role has an Allow statement for Principal "*"
#   (or {"AWS": "*"}) with no Condition: any AWS account in the world can call
#   sts:AssumeRole and act with the role's permissions. A trust policy that is not
#   known statically is not evaluated.
# related_resources:
# - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html#iam-term-trust-policy
# - https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
# custom:
#   id: TG-AWS-051
#   severity: critical
#   category: access
#   provider: aws
#   remediation: Name the trusted principals (account, role, service or identity provider ARNs) and add conditions such as sts:ExternalId, aws:PrincipalOrgID or token audience checks.
#   frameworks:
#     nist-800-53: ["AC-3", "AC-6"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type == "aws_iam_role"
	r := input.resource
	some s in helpers.statements(r.assume_role_policy)
	helpers.public_statement(s)
	msg := sprintf("IAM role %q can be assumed by anyone (trust policy allows Principal \"*\" with no Condition)", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "assume_role_policy"), msg)
}

# METADATA
# title: IAM user has policies attached directly
# description: |
#   An aws_iam_user_policy (inline policy), an aws_iam_user_policy_attachment, or an
#   aws_iam_policy_attachment with users grants permissions to an IAM user directly.
#   Permissions scattered over individual users are hard to review and are forgotten
#   when people change roles; groups (or, better, federated roles) keep them in one place.
# related_resources:
# - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_groups_manage_attach-policy.html
# - https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-2
# custom:
#   id: TG-AWS-052
#   severity: low
#   category: access
#   provider: aws
#   remediation: Attach the policy to an IAM group (aws_iam_group_policy_attachment) and add the user to it with aws_iam_user_group_membership, or move people to IAM Identity Center.
#   frameworks:
#     cis-aws-2.0: ["1.15"]
#     nist-800-53: ["AC-2", "AC-6"]
#     soc2: ["CC6.3"]
deny contains finding if {
	input.type in {"aws_iam_user_policy", "aws_iam_user_policy_attachment", "aws_iam_policy_attachment"}
	some v in user_grants
	finding := lib.finding(rego.metadata.rule(), v.location, v.message)
}

user_grants contains v if {
	input.type == "aws_iam_user_policy"
	v := {
		"location": lib.loc(input.resource),
		"message": sprintf("IAM user policy %q is an inline policy of a user; grant permissions through a group", [input.name]),
	}
}

user_grants contains v if {
	input.type == "aws_iam_user_policy_attachment"
	v := {
		"location": lib.loc(input.resource),
		"message": sprintf("IAM user policy attachment %q attaches a policy to a user; attach it to a group", [input.name]),
	}
}

user_grants contains v if {
	input.type == "aws_iam_policy_attachment"
	r := input.resource
	is_array(r.users)
	count(r.users) > 0
	v := {
		"location": lib.attr_loc(r, "users"),
		"message": sprintf("IAM policy attachment %q attaches a policy to users; attach it to a group", [input.name]),
	}
}

# METADATA
# title: IAM access key is created in Terraform
# description: |
#   An aws_iam_access_key creates a long-lived access key for an IAM user. Static keys
#   leak through laptops, CI logs and repositories and stay valid until someone rotates
#   them; Terraform also writes the secret to its state, in clear text unless pgp_key is
#   set. Inactive keys (status = "Inactive") are not reported.
# related_resources:
# - https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#bp-workloads-use-roles
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/iam_access_key
# custom:
#   id: TG-AWS-053
#   severity: medium
#   category: access
#   provider: aws
#   remediation: Use IAM roles instead (instance profiles, IRSA or EKS Pod Identity, OIDC federation for CI); if a key is unavoidable, create it outside Terraform, rotate it every 90 days, and never without pgp_key.
#   frameworks:
#     nist-800-53: ["IA-5"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type == "aws_iam_access_key"
	r := input.resource
	not r.status == "Inactive"
	msg := sprintf("IAM access key %q is a long-lived credential created by Terraform%s", [input.name, state_note(r)])
	finding := lib.finding(rego.metadata.rule(), lib.loc(r), msg)
}

state_note(r) := "; its secret is stored unencrypted in the Terraform state (no pgp_key)" if {
	lib.missing(r, "pgp_key")
} else := ""

# METADATA
# title: IAM password policy is weak
# description: |
#   The aws_iam_account_password_policy requires fewer than 14 characters
#   (minimum_password_length; the provider's default is 6) or prevents the reuse of
#   fewer than the last 24 passwords (password_reuse_prevention; none by default).
#   Short and recycled passwords fall to guessing and credential stuffing.
# related_resources:
# - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/iam_account_password_policy
# custom:
#   id: TG-AWS-054
#   severity: medium
#   category: access
#   provider: aws
#   remediation: Set minimum_password_length = 14 (or more) and password_reuse_prevention = 24, and require MFA for console users.
#   frameworks:
#     cis-aws-2.0: ["1.8", "1.9"]
#     nist-800-53: ["IA-5"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["8.3.6", "8.3.7"]
deny contains finding if {
	input.type == "aws_iam_account_password_policy"
	some v in weak_settings
	finding := lib.finding(rego.metadata.rule(), v.location, v.message)
}

weak_settings contains v if {
	some key, minimum in {"minimum_password_length": min_password_length, "password_reuse_prevention": min_password_reuse_prevention}
	problem := below(input.resource, key, minimum)
	v := {
		"location": lib.attr_loc(input.resource, key),
		"message": sprintf("IAM password policy %q is weak: %s, want at least %d", [input.name, problem, minimum]),
	}
}

below(r, key, minimum) := sprintf("%s = %d", [key, n]) if {
	n := helpers.number(r[key])
	n < minimum
} else := sprintf("%s is not set", [key]) if {
	lib.missing(r, key)
}
