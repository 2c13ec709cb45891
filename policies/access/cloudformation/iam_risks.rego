package tollgate.access.cloudformation.iam_risks

import data.tollgate.access.aws.iam_actions
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

# Identities with inline Policies.
identity_kinds := {
	"AWS::IAM::Role": "IAM role",
	"AWS::IAM::User": "IAM user",
	"AWS::IAM::Group": "IAM group",
}

# documents are the policy documents of the resource, with where and how to report them.
documents contains {
	"doc": p.PolicyDocument,
	"parent": p,
	"location": helpers.where(p.PolicyDocument, p, "PolicyDocument"),
	"what": sprintf("%s %q", [policy_kinds[input.type], input.name]),
} if {
	policy_kinds[input.type]
	p := input.resource.Properties
}

documents contains {
	"doc": policy.PolicyDocument,
	"parent": policy,
	"location": helpers.where(policy.PolicyDocument, policy, "PolicyDocument"),
	"what": sprintf("%s %q has an inline policy%s that", [identity_kinds[input.type], input.name, policy_name(policy)]),
} if {
	identity_kinds[input.type]
	some policy in input.resource.Properties.Policies
	is_object(policy)
}

policy_name(policy) := sprintf(" %q", [policy.PolicyName]) if is_string(policy.PolicyName)

else := ""

# statements_on_everything: each identity Allow statement on every resource that does
# not allow everything (TG-CFN-009 reports those), with its document.
statements_on_everything contains {"d": d, "s": s} if {
	some d in documents
	some s in iam_actions.unrestricted(d.doc)
	not iam_actions.admin(s)
}

where(ds) := helpers.where(ds.s, ds.d.parent, "PolicyDocument")

resource_text(s) := sprintf("Resource %q", [iam_actions.unscoped_resource(s)])

# METADATA
# title: CloudFormation IAM policy allows privilege escalation
# description: |
#   The Allow statements of an IAM policy document on every resource ("*", or every
#   resource of a type such as arn:aws:iam::*:role/*) grant, alone or together, a known
#   way to gain more permissions: creating a new version of a policy or attaching one,
#   writing inline policies, creating access keys or console passwords for other users,
#   adding a user to a group, rewriting a role's trust policy, passing a role to a new
#   EC2 instance, Lambda function, Glue job, CloudFormation stack, CodeBuild project, ECS
#   task or SageMaker notebook, or changing the code of existing Lambda functions and
#   commands on instances. Checked on the PolicyDocument of AWS::IAM::Policy,
#   AWS::IAM::ManagedPolicy, AWS::IAM::RolePolicy, AWS::IAM::UserPolicy and
#   AWS::IAM::GroupPolicy and on the inline Policies of AWS::IAM::Role, AWS::IAM::User and
#   AWS::IAM::Group. Actions a Deny statement of the same document takes back are not
#   counted; a document that allows every action is TG-CFN-009's finding.
# related_resources:
# - https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/
# - https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html
# custom:
#   id: TG-CFN-160
#   severity: high
#   category: access
#   provider: aws
#   remediation: Restrict these actions to the roles, users, policies and functions the identity manages (Resource ARNs), add conditions such as iam:PassedToService or iam:PermissionsBoundary, and give IAM administration to a few roles only.
#   frameworks:
#     nist-800-53: ["AC-6", "AC-6(10)"]
#     soc2: ["CC6.3"]
#     pci-dss-4.0: ["7.2.2"]
deny contains finding if {
	input.type in {"AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::RolePolicy", "AWS::IAM::UserPolicy", "AWS::IAM::GroupPolicy", "AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group"}
	some d in documents
	methods := iam_actions.escalations(d.doc, false)
	count(methods) > 0
	msg := sprintf("%s allows privilege escalation on every resource: %s", [d.what, concat("; ", sort([m | some m in methods]))])
	finding := lib.finding(rego.metadata.rule(), d.location, msg)
}

# METADATA
# title: CloudFormation IAM policy allows actions that return credentials on every resource
# description: |
#   An Allow statement of an IAM policy document (the same resources as TG-CFN-160)
#   grants, on every resource, actions whose answer is a credential or that turn one on:
#   sts:AssumeRole on every role, iam:CreateAccessKey and iam:CreateLoginProfile for every
#   user, ec2:GetPasswordData, redshift:GetClusterCredentials, rds-db:connect... The
#   identity can take over the permissions of whatever those credentials belong to.
#   Actions that accept no resource but "*" (sts:GetSessionToken,
#   ecr:GetAuthorizationToken) are not reported; statements that grant "*" or a whole
#   service are reported by TG-CFN-009 or TG-CFN-094.
# related_resources:
# - https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
# - https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
# custom:
#   id: TG-CFN-161
#   severity: high
#   category: access
#   provider: aws
#   remediation: Name in Resource the roles, users, instances or clusters the identity needs credentials for (arn:aws:iam::123456789012:role/deployer), never "*".
#   frameworks:
#     nist-800-53: ["AC-6", "IA-5"]
#     soc2: ["CC6.3"]
#     pci-dss-4.0: ["7.2.2"]
deny contains finding if {
	input.type in {"AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::RolePolicy", "AWS::IAM::UserPolicy", "AWS::IAM::GroupPolicy", "AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group"}
	some ds in statements_on_everything
	found := iam_actions.credentials(ds.d.doc, ds.s, false)
	count(found) > 0
	msg := sprintf("%s allows actions that return credentials on every resource (%s on %s)", [ds.d.what, iam_actions.names(found), resource_text(ds.s)])
	finding := lib.finding(rego.metadata.rule(), where(ds), msg)
}

# METADATA
# title: CloudFormation IAM policy allows reading the secrets and objects of every resource
# description: |
#   An Allow statement of an IAM policy document (the same resources as TG-CFN-160)
#   grants s3:GetObject, ssm:GetParameter(s), ssm:GetParametersByPath or
#   secretsmanager:GetSecretValue on every resource, with or without a Condition: the
#   identity can read every bucket, parameter and secret of the account. Statements that
#   grant "*" or a whole service are reported by TG-CFN-009 or TG-CFN-094.
# related_resources:
# - https://docs.aws.amazon.com/secretsmanager/latest/userguide/auth-and-access_examples.html
# - https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
# custom:
#   id: TG-CFN-162
#   severity: medium
#   category: access
#   provider: aws
#   remediation: Name the buckets and prefixes, parameter paths (arn:aws:ssm:region:account:parameter/app/*) and secrets the identity reads in Resource.
#   frameworks:
#     nist-800-53: ["AC-6"]
#     soc2: ["CC6.3"]
#     pci-dss-4.0: ["7.2.2"]
deny contains finding if {
	input.type in {"AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::RolePolicy", "AWS::IAM::UserPolicy", "AWS::IAM::GroupPolicy", "AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group"}
	some ds in statements_on_everything
	found := iam_actions.exfiltration(ds.d.doc, ds.s, false)
	count(found) > 0
	msg := sprintf("%s allows reading the data and secrets of every resource (%s on %s)", [ds.d.what, iam_actions.names(found), resource_text(ds.s)])
	finding := lib.finding(rego.metadata.rule(), where(ds), msg)
}

# METADATA
# title: CloudFormation IAM policy allows changing permissions on every resource
# description: |
#   An Allow statement of an IAM policy document (the same resources as TG-CFN-160)
#   grants, on every resource and with no Condition, actions that decide who may do
#   what: attaching, writing or replacing IAM policies, trust policies and permissions
#   boundaries, group membership, and the resource-based policies, ACLs, grants and
#   shares of S3, KMS, SQS, SNS, Lambda, ECR, Secrets Manager, snapshots and images.
#   Statements that grant "*" or a whole service are reported by TG-CFN-009 or
#   TG-CFN-094.
# related_resources:
# - https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
# - https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html
# custom:
#   id: TG-CFN-163
#   severity: high
#   category: access
#   provider: aws
#   remediation: Restrict these actions to the resources the identity administers (Resource ARNs) or add conditions (iam:PolicyARN, iam:PermissionsBoundary, aws:ResourceTag); keep permission changes with a few administrative roles.
#   frameworks:
#     nist-800-53: ["AC-6", "AC-6(1)"]
#     soc2: ["CC6.3"]
#     pci-dss-4.0: ["7.2.2"]
deny contains finding if {
	input.type in {"AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::RolePolicy", "AWS::IAM::UserPolicy", "AWS::IAM::GroupPolicy", "AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group"}
	some ds in statements_on_everything
	found := iam_actions.permissions(ds.d.doc, ds.s, false)
	count(found) > 0
	msg := sprintf("%s allows changing permissions on every resource with no Condition (%s on %s)", [ds.d.what, iam_actions.names(found), resource_text(ds.s)])
	finding := lib.finding(rego.metadata.rule(), where(ds), msg)
}

# METADATA
# title: CloudFormation IAM policy allows writing to every resource without a condition
# description: |
#   An Allow statement of an IAM policy document (the same resources as TG-CFN-160)
#   grants write actions (create, put, update, delete, start, invoke, send, decrypt...)
#   that can be restricted to resources, on every resource and with no Condition, or
#   grants every action but a few (NotAction). Actions that accept no resource but "*"
#   and the credential and permission changes of TG-CFN-161 and TG-CFN-163 are not
#   reported here; statements that grant "*" or a whole service are reported by
#   TG-CFN-009 or TG-CFN-094.
# related_resources:
# - https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
# - https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition.html
# custom:
#   id: TG-CFN-164
#   severity: medium
#   category: access
#   provider: aws
#   remediation: Name the resources the identity writes to in Resource (ARNs or ARN prefixes), or add a Condition (aws:ResourceTag, aws:RequestedRegion...) where the service cannot scope by ARN.
#   frameworks:
#     nist-800-53: ["AC-6"]
#     soc2: ["CC6.3"]
#     pci-dss-4.0: ["7.2.2"]
deny contains finding if {
	input.type in {"AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::RolePolicy", "AWS::IAM::UserPolicy", "AWS::IAM::GroupPolicy", "AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group"}
	some ds in statements_on_everything
	found := iam_actions.writes(ds.d.doc, ds.s, false)
	count(found) > 0
	msg := sprintf("%s allows writing to every resource with no Condition (%s on %s)", [ds.d.what, iam_actions.names(found), resource_text(ds.s)])
	finding := lib.finding(rego.metadata.rule(), where(ds), msg)
}
