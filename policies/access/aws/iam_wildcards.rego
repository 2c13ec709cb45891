package tollgate.access.aws.iam_wildcards

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

# METADATA
# title: IAM policy allows every action of a service
# description: |
#   An Allow statement of an IAM policy (aws_iam_policy, aws_iam_role_policy,
#   aws_iam_user_policy, aws_iam_group_policy, an inline_policy of aws_iam_role, or a
#   statement without principals of data "aws_iam_policy_document") lists
#   a whole service's actions ("s3:*", "iam:*", "kms:*"...) or every action ("*") on
#   resources narrower than "*". The identity can also delete, re-permission or exfiltrate
#   whatever the service holds (iam:* alone is a path to administrator). Actions that a
#   Deny statement of the same policy takes back are not reported; Action "*" on Resource
#   "*" is reported by TG-AWS-050. Policy JSON that is not known statically is not
#   evaluated.
# related_resources:
# - https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
# - https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
# custom:
#   id: TG-AWS-208
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
	input.type in {"aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy", "aws_iam_role", "data.aws_iam_policy_document"}
	some p in policies
	wild := service_wildcards(p.policy)
	count(wild) > 0
	msg := sprintf("%s allows every action of %s", [p.what, concat(", ", sort([sprintf("%q", [a]) | some a in wild]))])
	finding := lib.finding(rego.metadata.rule(), p.location, msg)
}

# METADATA
# title: IAM policy allows reading and writing every S3 bucket
# description: |
#   An Allow statement of an IAM policy grants both reading (s3:GetObject) and writing
#   (s3:PutObject) objects, through patterns such as s3:Get* and s3:Put*, on Resource "*":
#   every bucket of the account, including logs, backups and other teams' data, can be
#   read and overwritten by the identity. Statements that grant "s3:*" or "*" are reported
#   by TG-AWS-208 or TG-AWS-050 instead.
# related_resources:
# - https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-policies-s3.html
# - https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
# custom:
#   id: TG-AWS-209
#   severity: medium
#   category: access
#   provider: aws
#   remediation: Name the buckets (arn:aws:s3:::bucket and arn:aws:s3:::bucket/*) in the statement's Resource.
#   frameworks:
#     nist-800-53: ["AC-6"]
#     soc2: ["CC6.3"]
deny contains finding if {
	input.type in {"aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy", "aws_iam_role", "data.aws_iam_policy_document"}
	some p in policies
	some s in helpers.statements(p.policy)
	helpers.allows(s)
	"*" in helpers.resources(s)
	helpers.grants(s, "s3:getobject")
	helpers.grants(s, "s3:putobject")
	not broad(s)
	msg := sprintf("%s allows reading and writing the objects of every S3 bucket (%s on Resource \"*\")", [p.what, helpers.action_text(s)])
	finding := lib.finding(rego.metadata.rule(), iam_document.location(s, p.location), msg)
}

# policies: the policy documents of the document, where they are written and how the
# messages name them.
policies contains {"policy": r.policy, "location": lib.attr_loc(r, "policy"), "what": sprintf("%s %q", [policy_kinds[input.type], input.name])} if {
	r := input.resource
	policy_kinds[input.type]
}

policies contains {"policy": block.policy, "location": lib.attr_loc(block, "policy"), "what": sprintf("IAM role %q has an inline policy that", [input.name])} if {
	input.type == "aws_iam_role"
	some block in input.resource.inline_policy
}

# A policy document data source: its statements without principals (those of
# resource-based and trust policies, where Resource "*" is the resource itself, are
# left out), reported on the data block.
policies contains {"policy": iam_document.identity_document(input.resource), "location": lib.loc(input.resource), "what": sprintf("IAM policy document %q", [input.name])} if {
	input.type == "data.aws_iam_policy_document"
}

# service_wildcards(policy): the "service:*" and "*" patterns allowed by the policy, that
# TG-AWS-050 does not already report and no Deny statement takes back.
service_wildcards(policy) := {a |
	some s in helpers.statements(policy)
	helpers.allows(s)
	some a in helpers.actions(s)
	wildcard(a)
	not admin(s, a)
	not denied(policy, a)
}

wildcard(a) if a in {"*", "*:*"}

wildcard(a) if regex.match(`^[a-z0-9-]+:\*$`, a)

admin(s, a) if {
	a in {"*", "*:*"}
	"*" in helpers.resources(s)
}

# A data source some of whose statements are unknown may deny anything.
denied(policy, _) if policy.__partial == true

denied(policy, a) if {
	some s in helpers.statements(policy)
	helpers.denies(s)
	"*" in helpers.resources(s)
	some d in helpers.actions(s)
	d in {a, "*"}
}

# broad(s): s also grants every action of S3 (or every action): TG-AWS-208 or TG-AWS-050.
broad(s) if {
	some a in helpers.actions(s)
	a in {"*", "*:*", "s3:*"}
}

# METADATA
# title: IAM policy allows passing any role
# description: |
#   An Allow statement of an IAM policy grants iam:PassRole on every role (Resource "*" or
#   a role/* pattern) with no iam:PassedToService condition. The identity can hand any
#   role of the account, including administrator roles, to a service it can drive (an
#   EC2 instance, a Lambda function, a Glue job) and act with that role's permissions: a
#   classic privilege escalation. Statements that grant "iam:*" or "*" are reported by
#   TG-AWS-208 or TG-AWS-050; actions a Deny statement of the same policy takes back are
#   not reported.
# related_resources:
# - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html
# - https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#ck_PassedToService
# custom:
#   id: TG-AWS-259
#   severity: high
#   category: access
#   provider: aws
#   remediation: List the ARNs of the roles the identity may pass in the statement's Resource, and add a Condition on iam:PassedToService naming the service that receives them.
#   frameworks:
#     nist-800-53: ["AC-6", "AC-6(10)"]
#     soc2: ["CC6.3"]
#     pci-dss-4.0: ["7.2.2"]
deny contains finding if {
	input.type in {"aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy", "aws_iam_role", "data.aws_iam_policy_document"}
	some p in policies
	some s in helpers.statements(p.policy)
	helpers.allows(s)
	helpers.grants(s, "iam:passrole")
	not iam_wildcard(s)
	some target in helpers.resources(s)
	any_role(target)
	not passed_to_service(s)
	not pass_role_denied(p.policy)
	msg := sprintf("%s allows iam:PassRole on every role (%s on Resource %q)", [p.what, helpers.action_text(s), target])
	finding := lib.finding(rego.metadata.rule(), iam_document.location(s, p.location), msg)
}

# iam_wildcard(s): s grants "iam:*" or "*", which TG-AWS-208 and TG-AWS-050 report.
iam_wildcard(s) if {
	some a in helpers.actions(s)
	a in {"*", "*:*", "iam:*"}
}

any_role(target) if target == "*"

any_role(target) if regex.match(`^arn:aws[a-z-]*:iam::[^:]*:(role/)?\*$`, target)

passed_to_service(s) if {
	some _, cond in s.Condition
	is_object(cond)
	some key, _ in cond
	lower(key) == "iam:passedtoservice"
}

pass_role_denied(policy) if policy.__partial == true

pass_role_denied(policy) if {
	some s in helpers.statements(policy)
	helpers.denies(s)
	"*" in helpers.resources(s)
	helpers.grants(s, "iam:passrole")
}
