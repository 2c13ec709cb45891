package tollgate.access.cloudformation.iam_trust

import data.tollgate.access.aws.helpers as aws
import data.tollgate.access.aws.iam_trust as trust
import data.tollgate.access.cloudformation.helpers
import data.tollgate.lib
import rego.v1

# METADATA
# title: CloudFormation IAM role trusts a whole AWS account
# description: |
#   The AssumeRolePolicyDocument of an AWS::IAM::Role has an Allow statement whose AWS
#   principal is an account (123456789012 or arn:aws:iam::123456789012:root) and no
#   Condition: every user and role of that account whose own policies allow
#   sts:AssumeRole can assume this role, today and whoever is added later. For another
#   account, its administrators decide who gets the role's permissions. A trust policy
#   the template does not decide is not evaluated.
# related_resources:
# - https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-accounts
# - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_common-scenarios_third-party.html
# custom:
#   id: TG-CFN-165
#   severity: medium
#   category: access
#   provider: aws
#   remediation: Name the roles or users that may assume the role (arn:aws:iam::123456789012:role/deployer), or keep the account principal and add a Condition such as aws:PrincipalArn, sts:ExternalId or aws:MultiFactorAuthPresent.
#   frameworks:
#     nist-800-53: ["AC-3", "AC-6"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type == "AWS::IAM::Role"
	p := input.resource.Properties
	some s in helpers.statements(p.AssumeRolePolicyDocument)
	account := trust.account_principal(s)
	msg := sprintf("IAM role %q trusts every principal of account %s (Principal %q) with no Condition", [input.name, account.id, account.principal])
	finding := lib.finding(rego.metadata.rule(), helpers.where(s, p, "AssumeRolePolicyDocument"), msg)
}

# METADATA
# title: CloudFormation SageMaker role allows every action
# description: |
#   An AWS::IAM::Role that SageMaker can assume (its AssumeRolePolicyDocument trusts the
#   service sagemaker.amazonaws.com, as the role of a notebook instance must) has an
#   inline policy statement, or a trust statement, that allows Action "*". Anyone who can
#   run code in the notebook, or read its credentials from the instance, can call every
#   AWS API the statement covers. A document the template does not decide is not
#   evaluated.
# related_resources:
# - https://docs.aws.amazon.com/sagemaker/latest/dg/sagemaker-roles.html
# - https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
# custom:
#   id: TG-CFN-166
#   severity: high
#   category: access
#   provider: aws
#   remediation: Give the notebook role only the actions its work needs (sagemaker:*, S3 reads of its data buckets, logs:PutLogEvents...) and trust only sts:AssumeRole, instead of "*".
#   frameworks:
#     nist-800-53: ["AC-6"]
#     soc2: ["CC6.3"]
#     cis-aws-2.0: ["1.16"]
deny contains finding if {
	input.type == "AWS::IAM::Role"
	p := input.resource.Properties
	sagemaker_role(p)
	some v in every_action
	finding := lib.finding(rego.metadata.rule(), v.location, v.message)
}

sagemaker_role(p) if {
	some s in helpers.statements(p.AssumeRolePolicyDocument)
	helpers.allows(s)
	some service in aws.strings_of(s.Principal.Service)
	regex.match(`^sagemaker\.amazonaws\.com(\.cn)?$`, service)
}

every_action contains v if {
	p := input.resource.Properties
	some policy in p.Policies
	is_object(policy)
	some s in helpers.statements(policy.PolicyDocument)
	star(s)
	v := {
		"location": helpers.where(s, policy, "PolicyDocument"),
		"message": sprintf("IAM role %q of SageMaker has an inline policy that allows every action (Action \"*\")", [input.name]),
	}
}

every_action contains v if {
	p := input.resource.Properties
	some s in helpers.statements(p.AssumeRolePolicyDocument)
	star(s)
	v := {
		"location": helpers.where(s, p, "AssumeRolePolicyDocument"),
		"message": sprintf("IAM role %q of SageMaker has a trust statement that allows every action (Action \"*\")", [input.name]),
	}
}

star(s) if {
	helpers.allows(s)
	some a in helpers.actions(s)
	a in {"*", "*:*"}
}
