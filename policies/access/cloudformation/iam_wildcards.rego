package tollgate.access.cloudformation.iam_wildcards

import data.tollgate.access.aws.helpers as aws
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

# METADATA
# title: CloudFormation IAM policy allows every action of a service
# description: |
#   An Allow statement of an IAM policy document lists a whole service's actions ("s3:*",
#   "iam:*", "kms:*"...) or every action ("*") on resources narrower than "*". Checked on the
#   PolicyDocument of AWS::IAM::Policy, AWS::IAM::ManagedPolicy, AWS::IAM::RolePolicy,
#   AWS::IAM::UserPolicy and AWS::IAM::GroupPolicy and on the inline Policies of
#   AWS::IAM::Role, AWS::IAM::User and AWS::IAM::Group. The identity can also delete,
#   re-permission or exfiltrate whatever the service holds (iam:* alone is a path to
#   administrator). Actions that a Deny statement of the same document takes back on every
#   resource are not reported; Action "*" on Resource "*" is reported by TG-CFN-009. A
#   document or Action the template does not decide is not evaluated.
# related_resources:
# - https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
# - https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
# custom:
#   id: TG-CFN-094
#   severity: high
#   category: access
#   provider: aws
#   remediation: List the actions the identity needs (s3:GetObject, s3:PutObject...) instead of "service:*"; IAM Access Analyzer can generate the list from CloudTrail activity.
#   frameworks:
#     cis-aws-2.0: ["1.16"]
#     nist-800-53: ["AC-6"]
#     soc2: ["CC6.3"]
#     pci-dss-4.0: ["7.2.2"]
deny contains finding if {
	input.type in {"AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::RolePolicy", "AWS::IAM::UserPolicy", "AWS::IAM::GroupPolicy", "AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group"}
	some d in documents
	wild := service_wildcards(d.document)
	count(wild) > 0
	msg := sprintf("%s allows every action of %s", [d.what, concat(", ", sort([sprintf("%q", [a]) | some a in wild]))])
	finding := lib.finding(rego.metadata.rule(), d.location, msg)
}

# METADATA
# title: CloudFormation IAM policy allows reading and writing every S3 bucket
# description: |
#   An Allow statement of an IAM policy document (the same resources as TG-CFN-094) grants
#   both s3:GetObject and s3:PutObject, through wildcards such as "s3:*Object" or
#   "s3:Get*", on Resource "*": the identity can read and overwrite the objects of every
#   bucket of the account, and of other accounts' buckets that trust it. Statements whose
#   actions are "*" or "s3:*" are reported by TG-CFN-009 or TG-CFN-094 instead. A document
#   the template does not decide is not evaluated.
# related_resources:
# - https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-iam-awsmanpol.html
# - https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
# custom:
#   id: TG-CFN-095
#   severity: high
#   category: access
#   provider: aws
#   remediation: Name the buckets and prefixes in Resource (arn:aws:s3:::bucket/prefix/*) and grant only the object actions the identity needs.
#   frameworks:
#     nist-800-53: ["AC-6"]
#     soc2: ["CC6.3"]
deny contains finding if {
	input.type in {"AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::RolePolicy", "AWS::IAM::UserPolicy", "AWS::IAM::GroupPolicy", "AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group"}
	some d in documents
	some s in helpers.statements(d.document)
	helpers.allows(s)
	"*" in helpers.resources(s)
	helpers.grants(s, "s3:getobject")
	helpers.grants(s, "s3:putobject")
	not broad(s)
	msg := sprintf("%s allows reading and writing the objects of every S3 bucket (%s on Resource \"*\")", [d.what, helpers.action_text(s)])
	finding := lib.finding(rego.metadata.rule(), helpers.where(s, d.parent, "PolicyDocument"), msg)
}

# documents are the policy documents of the resource, with where and how to report them.
documents contains {
	"document": p.PolicyDocument,
	"parent": p,
	"location": helpers.where(p.PolicyDocument, p, "PolicyDocument"),
	"what": sprintf("%s %q", [policy_kinds[input.type], input.name]),
} if {
	policy_kinds[input.type]
	p := input.resource.Properties
}

documents contains {
	"document": policy.PolicyDocument,
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

service_wildcards(document) := {a |
	some s in helpers.statements(document)
	helpers.allows(s)
	some a in helpers.actions(s)
	wildcard(a)
	not admin(s, a)
	not denied(document, a)
}

wildcard(a) if a in {"*", "*:*"}

wildcard(a) if regex.match(`^[a-z0-9-]+:\*$`, a)

admin(s, a) if {
	a in {"*", "*:*"}
	"*" in helpers.resources(s)
}

denied(document, a) if {
	some s in helpers.statements(document)
	aws.denies(s)
	"*" in helpers.resources(s)
	some d in helpers.actions(s)
	d in {a, "*"}
}

broad(s) if {
	some a in helpers.actions(s)
	a in {"*", "*:*", "s3:*"}
}
