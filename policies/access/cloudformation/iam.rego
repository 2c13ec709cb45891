package tollgate.access.cloudformation.iam

import data.tollgate.access.cloudformation.helpers
import data.tollgate.lib
import rego.v1

# Resources whose PolicyDocument is one policy.
policy_kinds := {
	"AWS::IAM::Policy": "IAM policy",
	"AWS::IAM::ManagedPolicy": "IAM managed policy",
	"AWS::IAM::RolePolicy": "IAM role policy",
	"AWS::IAM::UserPolicy": "IAM user policy",
	"AWS::IAM::GroupPolicy": "IAM group policy",
}

# Identities with inline Policies and ManagedPolicyArns.
identity_kinds := {
	"AWS::IAM::Role": "IAM role",
	"AWS::IAM::User": "IAM user",
	"AWS::IAM::Group": "IAM group",
}

# METADATA
# title: CloudFormation IAM policy grants full administrative access
# description: |
#   An IAM policy statement allows every action ("*" or "*:*") on every resource ("*"),
#   or the AWS managed AdministratorAccess policy is attached. Checked on the
#   PolicyDocument of AWS::IAM::Policy, AWS::IAM::ManagedPolicy, AWS::IAM::RolePolicy,
#   AWS::IAM::UserPolicy and AWS::IAM::GroupPolicy, and on the inline Policies and the
#   ManagedPolicyArns of AWS::IAM::Role, AWS::IAM::User and AWS::IAM::Group. Whoever
#   holds the identity (or steals its credentials) controls the whole account, its audit
#   trail included. Conditions do not make such a grant least privilege and are not taken
#   into account. A document the template does not decide is not evaluated.
# related_resources:
# - https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
# - https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-1
# custom:
#   id: TG-CFN-009
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
	input.type in {"AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::RolePolicy", "AWS::IAM::UserPolicy", "AWS::IAM::GroupPolicy", "AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group"}
	some v in admin_grants
	finding := lib.finding(rego.metadata.rule(), v.location, v.message)
}

admin_grants contains v if {
	kind := policy_kinds[input.type]
	p := input.resource.Properties
	some s in helpers.statements(p.PolicyDocument)
	helpers.admin_statement(s)
	v := {
		"location": helpers.where(s, p, "PolicyDocument"),
		"message": sprintf("%s %q allows every action on every resource (Action \"*\", Resource \"*\")", [kind, input.name]),
	}
}

admin_grants contains v if {
	kind := identity_kinds[input.type]
	some policy in input.resource.Properties.Policies
	some s in helpers.statements(policy.PolicyDocument)
	helpers.admin_statement(s)
	v := {
		"location": helpers.where(s, policy, "PolicyDocument"),
		"message": sprintf("%s %q has an inline policy%s that allows every action on every resource (Action \"*\", Resource \"*\")", [kind, input.name, policy_name(policy)]),
	}
}

admin_grants contains v if {
	kind := identity_kinds[input.type]
	p := input.resource.Properties
	some arn in helpers.strings_of(p.ManagedPolicyArns)
	helpers.administrator_access(arn)
	v := {
		"location": lib.attr_loc(p, "ManagedPolicyArns"),
		"message": sprintf("%s %q attaches the AdministratorAccess policy (ManagedPolicyArns)", [kind, input.name]),
	}
}

policy_name(policy) := sprintf(" %q", [policy.PolicyName]) if is_string(policy.PolicyName)

else := ""

# METADATA
# title: CloudFormation IAM role can be assumed by anyone
# description: |
#   The AssumeRolePolicyDocument of an AWS::IAM::Role has an Allow statement for
#   Principal "*" (or {"AWS": "*"}) with no Condition: any AWS account in the world can
#   call sts:AssumeRole and act with the role's permissions. A trust policy the template
#   does not decide is not evaluated.
# related_resources:
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-iam-role.html#cfn-iam-role-assumerolepolicydocument
# - https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
# custom:
#   id: TG-CFN-010
#   severity: critical
#   category: access
#   provider: aws
#   remediation: Name the trusted principals (account, role, service or identity provider ARNs) and add conditions such as sts:ExternalId, aws:PrincipalOrgID or token audience checks.
#   frameworks:
#     nist-800-53: ["AC-3", "AC-6"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type == "AWS::IAM::Role"
	p := input.resource.Properties
	some s in helpers.statements(p.AssumeRolePolicyDocument)
	helpers.public_statement(s)
	msg := sprintf("IAM role %q can be assumed by anyone (trust policy allows Principal \"*\" with no Condition)", [input.name])
	finding := lib.finding(rego.metadata.rule(), helpers.where(s, p, "AssumeRolePolicyDocument"), msg)
}

# METADATA
# title: CloudFormation IAM user has policies attached directly
# description: |
#   An AWS::IAM::User has inline Policies or ManagedPolicyArns, an AWS::IAM::Policy or
#   AWS::IAM::ManagedPolicy lists Users, or an AWS::IAM::UserPolicy exists: permissions
#   are granted to individual users. They are hard to review and are forgotten when people
#   change roles; groups (or, better, federated roles) keep them in one place. A Users or
#   ManagedPolicyArns list is reported even when its items refer to other resources of
#   the stack.
# related_resources:
# - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_groups_manage_attach-policy.html
# - https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-2
# custom:
#   id: TG-CFN-011
#   severity: low
#   category: access
#   provider: aws
#   remediation: Attach the policies to an AWS::IAM::Group and add the user to it (Groups), or move people to IAM Identity Center.
#   frameworks:
#     cis-aws-2.0: ["1.15"]
#     nist-800-53: ["AC-2", "AC-6"]
#     soc2: ["CC6.3"]
deny contains finding if {
	input.type in {"AWS::IAM::User", "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::UserPolicy"}
	some v in user_grants
	finding := lib.finding(rego.metadata.rule(), v.location, v.message)
}

user_grants contains v if {
	input.type == "AWS::IAM::User"
	p := input.resource.Properties
	is_array(p.Policies)
	count(p.Policies) > 0
	v := {
		"location": lib.attr_loc(p, "Policies"),
		"message": sprintf("IAM user %q has inline policies (Policies); grant permissions through a group", [input.name]),
	}
}

user_grants contains v if {
	input.type == "AWS::IAM::User"
	p := input.resource.Properties
	is_array(p.ManagedPolicyArns)
	v := {
		"location": lib.attr_loc(p, "ManagedPolicyArns"),
		"message": sprintf("IAM user %q has managed policies attached (ManagedPolicyArns); attach them to a group", [input.name]),
	}
}

user_grants contains v if {
	input.type in {"AWS::IAM::Policy", "AWS::IAM::ManagedPolicy"}
	p := input.resource.Properties
	is_array(p.Users)
	v := {
		"location": lib.attr_loc(p, "Users"),
		"message": sprintf("%s %q is attached to users (Users); attach it to a group", [policy_kinds[input.type], input.name]),
	}
}

user_grants contains v if {
	input.type == "AWS::IAM::UserPolicy"
	v := {
		"location": lib.loc(input.resource),
		"message": sprintf("IAM user policy %q is an inline policy of a user; grant permissions through a group", [input.name]),
	}
}

# METADATA
# title: CloudFormation IAM access key is created in the template
# description: |
#   An active AWS::IAM::AccessKey creates a long-lived access key for an IAM user. Static
#   keys leak through laptops, CI logs and repositories and stay valid until someone
#   rotates them, and the template hands the secret out through Fn::GetAtt
#   SecretAccessKey, often into outputs or parameters readable by anyone who can
#   describe the stack. Keys with Status Inactive are not reported.
# related_resources:
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-iam-accesskey.html
# - https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#bp-workloads-use-roles
# custom:
#   id: TG-CFN-012
#   severity: medium
#   category: access
#   provider: aws
#   remediation: Give workloads IAM roles (instance profiles, task roles, IRSA, OIDC federation for CI) instead of access keys; if a key is unavoidable, create it outside CloudFormation and store it in Secrets Manager with rotation.
#   frameworks:
#     nist-800-53: ["IA-5"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type == "AWS::IAM::AccessKey"
	p := input.resource.Properties
	not p.Status == "Inactive"
	not lib.unknown(p, "Status")
	msg := sprintf("IAM access key %q creates a long-lived access key for a user", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.loc(input.resource), msg)
}
