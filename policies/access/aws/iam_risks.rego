package tollgate.access.aws.iam_risks

import data.tollgate.access.aws.helpers
import data.tollgate.access.aws.iam_actions
import data.tollgate.access.aws.iam_document
import data.tollgate.lib
import rego.v1

policy_kinds := {
	"aws_iam_policy": "IAM policy",
	"aws_iam_role_policy": "IAM role policy",
	"aws_iam_user_policy": "IAM user policy",
	"aws_iam_group_policy": "IAM group policy",
}

# policies: the identity policy documents of the document, where a finding about the
# whole policy goes, and how messages name it. A data "aws_iam_policy_document" counts
# with its statements that name no principal (iam_document.identity_document). "wide"
# marks the policies TG-AWS-050 and TG-AWS-208 do not judge: these rules then report
# "*" and "service:*" grants too.
policies contains {"doc": r.policy, "location": lib.attr_loc(r, "policy"), "what": sprintf("%s %q", [kind, input.name]), "wide": false} if {
	kind := policy_kinds[input.type]
	r := input.resource
}

policies contains {"doc": block.policy, "location": lib.attr_loc(block, "policy"), "what": sprintf("IAM role %q has an inline policy that", [input.name]), "wide": false} if {
	input.type == "aws_iam_role"
	some block in input.resource.inline_policy
	is_object(block)
}

policies contains {"doc": r.inline_policy, "location": lib.attr_loc(r, "inline_policy"), "what": sprintf("SSO permission set inline policy %q", [input.name]), "wide": true} if {
	input.type == "aws_ssoadmin_permission_set_inline_policy"
	r := input.resource
}

policies contains {"doc": iam_document.identity_document(r), "location": lib.loc(r), "what": sprintf("IAM policy document %q", [input.name]), "wide": false} if {
	input.type == "data.aws_iam_policy_document"
	r := input.resource
}

# statements_on_everything: each identity Allow statement on every resource that does
# not allow everything (TG-AWS-050 reports those), with its policy.
statements_on_everything contains {"p": p, "s": s} if {
	some p in policies
	some s in iam_actions.unrestricted(p.doc)
	not judged_by_admin_rule(p, s)
}

# A statement that allows everything is TG-AWS-050's finding, or, in a policy that rule
# does not judge, TG-AWS-500's.
judged_by_admin_rule(_, s) if iam_actions.admin(s)

where(ps) := iam_document.location(ps.s, ps.p.location)

resource_text(s) := sprintf("Resource %q", [iam_actions.unscoped_resource(s)])

# escalation_message(p, methods): an SSO permission set inline policy that allows
# everything (which TG-AWS-050 does not judge) is reported as such.
escalation_message(p, methods) := sprintf("%s allows every action on every resource (Action \"*\", Resource \"*\"), privilege escalation included", [p.what]) if {
	p.wide
	iam_actions.has_admin(p.doc)
} else := sprintf("%s allows privilege escalation on every resource: %s", [p.what, concat("; ", sort([m | some m in methods]))])

# METADATA
# title: IAM policy allows privilege escalation
# description: |
#   The Allow statements of an identity policy on every resource ("*", or every resource
#   of a type such as arn:aws:iam::*:role/*) grant, alone or together, a known way to
#   gain more permissions: creating a new version of a policy or attaching one, writing
#   inline policies, creating access keys or console passwords for other users, adding a
#   user to a group, rewriting a role's trust policy, passing a role to a new EC2
#   instance, Lambda function, Glue job, CloudFormation stack, CodeBuild project, ECS
#   task or SageMaker notebook, or changing the code of existing Lambda functions and
#   commands on instances. Checked on aws_iam_policy, aws_iam_role_policy,
#   aws_iam_user_policy, aws_iam_group_policy, the inline_policy blocks of aws_iam_role,
#   aws_ssoadmin_permission_set_inline_policy and data "aws_iam_policy_document"
#   (statements without principals). Actions a Deny statement of the same policy takes
#   back are not counted; a policy that allows every action is TG-AWS-050's finding,
#   except an SSO permission set inline policy, reported here as such. TG-AWS-501 to
#   TG-AWS-505 report "*" and "service:*" grants of SSO inline policies too, which
#   TG-AWS-050 and TG-AWS-208 do not judge.
# related_resources:
# - https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/
# - https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html
# custom:
#   id: TG-AWS-500
#   severity: high
#   category: access
#   provider: aws
#   remediation: Restrict these actions to the roles, users, policies and functions the identity manages (Resource ARNs), add conditions such as iam:PassedToService or iam:PermissionsBoundary, and give IAM administration to a few roles only.
#   frameworks:
#     nist-800-53: ["AC-6", "AC-6(10)"]
#     soc2: ["CC6.3"]
#     pci-dss-4.0: ["7.2.2"]
deny contains finding if {
	input.type in {"aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy", "aws_iam_role", "aws_ssoadmin_permission_set_inline_policy", "data.aws_iam_policy_document"}
	some p in policies
	methods := iam_actions.escalations(p.doc, p.wide)
	count(methods) > 0
	msg := escalation_message(p, methods)
	finding := lib.finding(rego.metadata.rule(), p.location, msg)
}

# METADATA
# title: IAM policy allows actions that return credentials on every resource
# description: |
#   An Allow statement of an identity policy grants, on every resource, actions whose
#   answer is a credential or that turn one on: sts:AssumeRole on every role,
#   iam:CreateAccessKey and iam:CreateLoginProfile for every user, ec2:GetPasswordData,
#   redshift:GetClusterCredentials, rds-db:connect, codeartifact:GetAuthorizationToken...
#   The identity can take over the permissions of whatever those credentials belong to.
#   Actions that accept no resource but "*" (sts:GetSessionToken,
#   ecr:GetAuthorizationToken) are not reported. Checked on the same policies as
#   TG-AWS-500; statements that grant "*" or a whole service ("iam:*") are reported by
#   TG-AWS-050 or TG-AWS-208.
# related_resources:
# - https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
# - https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
# custom:
#   id: TG-AWS-501
#   severity: high
#   category: access
#   provider: aws
#   remediation: Name in Resource the roles, users, instances or clusters the identity needs credentials for (arn:aws:iam::123456789012:role/deployer), never "*".
#   frameworks:
#     nist-800-53: ["AC-6", "IA-5"]
#     soc2: ["CC6.3"]
#     pci-dss-4.0: ["7.2.2"]
deny contains finding if {
	input.type in {"aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy", "aws_iam_role", "aws_ssoadmin_permission_set_inline_policy", "data.aws_iam_policy_document"}
	some ps in statements_on_everything
	found := iam_actions.credentials(ps.p.doc, ps.s, ps.p.wide)
	count(found) > 0
	msg := sprintf("%s allows actions that return credentials on every resource (%s on %s)", [ps.p.what, iam_actions.names(found), resource_text(ps.s)])
	finding := lib.finding(rego.metadata.rule(), where(ps), msg)
}

# METADATA
# title: IAM policy allows reading the secrets and objects of every resource
# description: |
#   An Allow statement of an identity policy grants s3:GetObject, ssm:GetParameter(s),
#   ssm:GetParametersByPath or secretsmanager:GetSecretValue on every resource: the
#   identity can read every bucket, parameter and secret of the account (and of other
#   accounts that trust it), the usual way data and credentials leak. Checked on the
#   same policies as TG-AWS-500, with or without a Condition; statements that grant "*"
#   or a whole service are reported by TG-AWS-050 or TG-AWS-208.
# related_resources:
# - https://docs.aws.amazon.com/secretsmanager/latest/userguide/auth-and-access_examples.html
# - https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
# custom:
#   id: TG-AWS-502
#   severity: medium
#   category: access
#   provider: aws
#   remediation: Name the buckets and prefixes, parameter paths (arn:aws:ssm:region:account:parameter/app/*) and secrets the identity reads in Resource.
#   frameworks:
#     nist-800-53: ["AC-6"]
#     soc2: ["CC6.3"]
#     pci-dss-4.0: ["7.2.2"]
deny contains finding if {
	input.type in {"aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy", "aws_iam_role", "aws_ssoadmin_permission_set_inline_policy", "data.aws_iam_policy_document"}
	some ps in statements_on_everything
	found := iam_actions.exfiltration(ps.p.doc, ps.s, ps.p.wide)
	count(found) > 0
	msg := sprintf("%s allows reading the data and secrets of every resource (%s on %s)", [ps.p.what, iam_actions.names(found), resource_text(ps.s)])
	finding := lib.finding(rego.metadata.rule(), where(ps), msg)
}

# METADATA
# title: IAM policy allows changing permissions on every resource
# description: |
#   An Allow statement of an identity policy grants, on every resource and with no
#   Condition, actions that decide who may do what: attaching, writing or replacing IAM
#   policies, trust policies and permissions boundaries, group membership, and the
#   resource-based policies, ACLs, grants and shares of S3, KMS, SQS, SNS, Lambda, ECR,
#   Secrets Manager, snapshots and images. The identity can open any resource to other
#   accounts or to the public, or give itself more permissions. Checked on the same
#   policies as TG-AWS-500; statements that grant "*" or a whole service are reported by
#   TG-AWS-050 or TG-AWS-208.
# related_resources:
# - https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
# - https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html
# custom:
#   id: TG-AWS-503
#   severity: high
#   category: access
#   provider: aws
#   remediation: Restrict these actions to the resources the identity administers (Resource ARNs) or add conditions (iam:PolicyARN, iam:PermissionsBoundary, aws:ResourceTag); keep permission changes with a few administrative roles.
#   frameworks:
#     nist-800-53: ["AC-6", "AC-6(1)"]
#     soc2: ["CC6.3"]
#     pci-dss-4.0: ["7.2.2"]
deny contains finding if {
	input.type in {"aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy", "aws_iam_role", "aws_ssoadmin_permission_set_inline_policy", "data.aws_iam_policy_document"}
	some ps in statements_on_everything
	found := iam_actions.permissions(ps.p.doc, ps.s, ps.p.wide)
	count(found) > 0
	msg := sprintf("%s allows changing permissions on every resource with no Condition (%s on %s)", [ps.p.what, iam_actions.names(found), resource_text(ps.s)])
	finding := lib.finding(rego.metadata.rule(), where(ps), msg)
}

# METADATA
# title: IAM policy allows writing to every resource without a condition
# description: |
#   An Allow statement of an identity policy grants write actions (create, put, update,
#   delete, start, invoke, send, decrypt...) that can be restricted to resources, on
#   every resource and with no Condition, or grants every action but a few (NotAction).
#   The identity can change or destroy resources far beyond what its job touches.
#   Actions that accept no resource but "*" (cloudwatch:PutMetricData,
#   xray:PutTraceSegments, ecs:RegisterTaskDefinition...) and the credential and
#   permission changes of TG-AWS-501 and TG-AWS-503 are not reported here; statements that
#   grant "*" or a whole service are reported by TG-AWS-050 or TG-AWS-208. Checked on the
#   same policies as TG-AWS-500.
# related_resources:
# - https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
# - https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition.html
# custom:
#   id: TG-AWS-504
#   severity: medium
#   category: access
#   provider: aws
#   remediation: Name the resources the identity writes to in Resource (ARNs or ARN prefixes), or add a Condition (aws:ResourceTag, aws:RequestedRegion...) where the service cannot scope by ARN.
#   frameworks:
#     nist-800-53: ["AC-6"]
#     soc2: ["CC6.3"]
#     pci-dss-4.0: ["7.2.2"]
deny contains finding if {
	input.type in {"aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy", "aws_iam_role", "aws_ssoadmin_permission_set_inline_policy", "data.aws_iam_policy_document"}
	some ps in statements_on_everything
	found := iam_actions.writes(ps.p.doc, ps.s, ps.p.wide)
	count(found) > 0
	msg := sprintf("%s allows writing to every resource with no Condition (%s on %s)", [ps.p.what, iam_actions.names(found), resource_text(ps.s)])
	finding := lib.finding(rego.metadata.rule(), where(ps), msg)
}

# METADATA
# title: IAM policy grants resource-scoped actions on every resource
# description: |
#   An Allow statement of an identity policy grants, on every resource ("*" or every
#   resource of a type), actions that AWS lets a policy restrict to named resources
#   (dynamodb:GetItem, sqs:ReceiveMessage, logs:PutLogEvents...), with or without a
#   Condition. Statements reported by TG-AWS-501 to TG-AWS-504, and those that grant "*"
#   or a whole service (TG-AWS-050, TG-AWS-208), are not reported again; actions that
#   accept no resource but "*" and the metadata reads List* and Describe* are left out.
#   Checked on the same policies as TG-AWS-500.
# related_resources:
# - https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html
# - https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
# custom:
#   id: TG-AWS-505
#   severity: low
#   category: access
#   provider: aws
#   remediation: List in Resource the ARNs (or ARN prefixes) of the tables, queues, log groups... the identity uses, instead of "*".
#   frameworks:
#     nist-800-53: ["AC-6"]
#     soc2: ["CC6.3"]
deny contains finding if {
	input.type in {"aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy", "aws_iam_role", "aws_ssoadmin_permission_set_inline_policy", "data.aws_iam_policy_document"}
	some ps in statements_on_everything
	found := iam_actions.restrictables(ps.p.doc, ps.s, ps.p.wide)
	count(found) > 0
	not iam_actions.reported_elsewhere(ps.p.doc, ps.s, ps.p.wide)
	msg := sprintf("%s grants actions that can be scoped to resources on every resource (%s on %s)", [ps.p.what, iam_actions.names(found), resource_text(ps.s)])
	finding := lib.finding(rego.metadata.rule(), where(ps), msg)
}

# METADATA
# title: IAM policy grants actions by wildcard pattern
# description: |
#   An Allow statement of an identity policy names actions with a wildcard inside a
#   service's action names ("s3:Get*", "ec2:*Instances", "cloudformation:Describe*"). The
#   grant covers every present and future action that fits the pattern, including ones
#   nobody reviewed (s3:Get* also reads object ACLs, bucket policies and every object).
#   "*" and "service:*" are reported by TG-AWS-050 and TG-AWS-208. Checked on the same
#   policies as TG-AWS-500.
# related_resources:
# - https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
# - https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
# custom:
#   id: TG-AWS-506
#   severity: low
#   category: access
#   provider: aws
#   remediation: List the actions the identity calls (s3:GetObject, s3:GetObjectVersion) instead of a pattern; IAM Access Analyzer can generate the list from CloudTrail activity.
#   frameworks:
#     nist-800-53: ["AC-6"]
#     soc2: ["CC6.3"]
deny contains finding if {
	input.type in {"aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy", "aws_iam_role", "aws_ssoadmin_permission_set_inline_policy", "data.aws_iam_policy_document"}
	some p in policies
	some s in helpers.statements(p.doc)
	iam_actions.identity_allow(s)
	found := iam_actions.partial_wildcards(s)
	count(found) > 0
	msg := sprintf("%s grants actions by wildcard pattern (%s)", [p.what, iam_actions.names(found)])
	finding := lib.finding(rego.metadata.rule(), iam_document.location(s, p.location), msg)
}
