package tollgate.access.aws.iam_identities_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.access.aws.iam_identities
import rego.v1

# resource "aws_iam_user" "alice" {   # line 1
#   name = "alice"                    # line 2
# }                                   # line 3
user := fx.doc("aws_iam_user", "alice", fx.block(1, 3, {"name": "alice"}, {"name": 2}))

# resource "aws_iam_group" "dev" {   # line 1
#   name = "dev"                     # line 2
# }                                  # line 3
group := fx.doc("aws_iam_group", "dev", fx.block(1, 3, {"name": "dev"}, {"name": 2}))

mfa_policy := json.marshal({"Statement": [{"Effect": "Deny", "NotAction": "iam:*MFADevice", "Resource": "*", "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}}]})

plain_policy := json.marshal({"Statement": [{"Effect": "Allow", "Action": "ec2:Describe*", "Resource": "*"}]})

group_policy(policy) := fx.block(10, 14, {"group": "dev", "policy": policy}, {"group": 11, "policy": 12})

attachment(arn) := fx.block(20, 23, {"group": "dev", "policy_arn": arn}, {"group": 21, "policy_arn": 22})

test_tg_aws_510_violation if {
	fx.found(iam_identities.deny, "TG-AWS-510", fx.span(1, 3), `IAM user "alice" is a long-lived IAM identity; give people access through IAM Identity Center (SSO) and workloads through roles`) with input as user
}

test_tg_aws_510_compliant if {
	count(fx.ids(iam_identities.deny, "TG-AWS-510")) == 0 with input as group
}

test_tg_aws_511_violation if {
	fx.found(iam_identities.deny, "TG-AWS-511", fx.span(1, 3), `IAM user "alice" is not a member of any IAM group (no aws_iam_user_group_membership or aws_iam_group_membership refers to it)`) with input as user
	# a membership of another user, in the configuration
	other := json.patch(user, [{"op": "add", "path": "/configuration", "value": {"aws_iam_user_group_membership": [fx.block(5, 8, {"user": "bob", "groups": ["dev"]}, {"user": 6})], "aws_iam_group_membership": []}}])
	count(fx.ids(iam_identities.deny, "TG-AWS-511")) == 1 with input as other
}

test_tg_aws_511_compliant if {
	member := fx.with_related(user, "aws_iam_user_group_membership", [fx.block(5, 8, {"groups": ["dev"]}, {"groups": 7})])
	count(fx.ids(iam_identities.deny, "TG-AWS-511")) == 0 with input as member
	listed := fx.with_related(user, "aws_iam_group_membership", [fx.block(5, 8, {"group": "dev"}, {"group": 7})])
	count(fx.ids(iam_identities.deny, "TG-AWS-511")) == 0 with input as listed
	# named literally, where the scanner provides the configuration
	literal := json.patch(user, [{"op": "add", "path": "/configuration", "value": {"aws_iam_group_membership": [fx.block(5, 8, {"users": ["alice"], "group": "dev"}, {"users": 6})]}}])
	count(fx.ids(iam_identities.deny, "TG-AWS-511")) == 0 with input as literal
	# a plan: references are unknown
	plan := json.patch(user, [{"op": "add", "path": "/related_unknown", "value": true}])
	count(fx.ids(iam_identities.deny, "TG-AWS-511")) == 0 with input as plan
}

test_tg_aws_512_violation if {
	fx.found(iam_identities.deny, "TG-AWS-512", fx.span(1, 3), `IAM group "dev" does not enforce MFA: none of its policies has a condition on aws:MultiFactorAuthPresent`) with input as group
	plain := fx.with_related(group, "aws_iam_group_policy", [group_policy(plain_policy)])
	count(fx.ids(iam_identities.deny, "TG-AWS-512")) == 1 with input as plain
	managed := fx.with_related(group, "aws_iam_group_policy_attachment", [attachment("arn:aws:iam::aws:policy/ReadOnlyAccess")])
	count(fx.ids(iam_identities.deny, "TG-AWS-512")) == 1 with input as managed
	# the configuration's customer managed policies are known and none checks MFA
	customer := json.patch(fx.with_related(group, "aws_iam_group_policy_attachment", [attachment(fx.unknown)]), [{"op": "add", "path": "/configuration", "value": {"aws_iam_policy": [fx.block(30, 33, {"policy": plain_policy}, {"policy": 31})]}}])
	count(fx.ids(iam_identities.deny, "TG-AWS-512")) == 1 with input as customer
}

test_tg_aws_512_compliant if {
	mfa := fx.with_related(group, "aws_iam_group_policy", [group_policy(mfa_policy)])
	count(fx.ids(iam_identities.deny, "TG-AWS-512")) == 0 with input as mfa
	# a policy whose JSON is built elsewhere
	unknown := fx.with_related(group, "aws_iam_group_policy", [group_policy(fx.unknown)])
	count(fx.ids(iam_identities.deny, "TG-AWS-512")) == 0 with input as unknown
	# a customer managed policy attached by reference
	customer := fx.with_related(group, "aws_iam_group_policy_attachment", [attachment(fx.unknown)])
	count(fx.ids(iam_identities.deny, "TG-AWS-512")) == 0 with input as customer
	with_mfa := json.patch(customer, [{"op": "add", "path": "/configuration", "value": {"aws_iam_policy": [fx.block(30, 33, {"policy": mfa_policy}, {"policy": 31})]}}])
	count(fx.ids(iam_identities.deny, "TG-AWS-512")) == 0 with input as with_mfa
	literal := fx.with_related(group, "aws_iam_group_policy_attachment", [attachment("arn:aws:iam::123456789012:policy/require-mfa")])
	count(fx.ids(iam_identities.deny, "TG-AWS-512")) == 0 with input as literal
	# named literally, where the scanner provides the configuration
	named := json.patch(group, [{"op": "add", "path": "/configuration", "value": {"aws_iam_group_policy": [group_policy(mfa_policy)]}}])
	count(fx.ids(iam_identities.deny, "TG-AWS-512")) == 0 with input as named
	plan := json.patch(group, [{"op": "add", "path": "/related_unknown", "value": true}])
	count(fx.ids(iam_identities.deny, "TG-AWS-512")) == 0 with input as plan
}

test_tg_aws_513_violation if {
	a := fx.doc("aws_iam_role_policy_attachment", "iam", fx.block(1, 4, {"role": "r", "policy_arn": "arn:aws:iam::aws:policy/IAMFullAccess"}, {"role": 2, "policy_arn": 3}))
	fx.found(iam_identities.deny, "TG-AWS-513", fx.at(3), `IAM policy attachment "iam" attaches the AWS managed IAMFullAccess policy`) with input as a
	r := fx.doc("aws_iam_role", "r", fx.block(1, 4, {"managed_policy_arns": ["arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws-us-gov:iam::aws:policy/IAMFullAccess"]}, {"managed_policy_arns": 3}))
	fx.found(iam_identities.deny, "TG-AWS-513", fx.at(3), `IAM role "r" attaches the AWS managed IAMFullAccess policy`) with input as r
	sso := fx.doc("aws_ssoadmin_managed_policy_attachment", "ps", fx.block(1, 5, {"managed_policy_arn": "arn:aws:iam::aws:policy/IAMFullAccess"}, {"managed_policy_arn": 3}))
	fx.found(iam_identities.deny, "TG-AWS-513", fx.at(3), `SSO managed policy attachment "ps" attaches the AWS managed IAMFullAccess policy to a permission set`) with input as sso
	d := fx.doc("data.aws_iam_policy", "iam", fx.block(1, 3, {"name": "IAMFullAccess"}, {"name": 2}))
	fx.found(iam_identities.deny, "TG-AWS-513", fx.at(2), `IAM policy data source "iam" looks up the AWS managed IAMFullAccess policy`) with input as d
}

test_tg_aws_513_compliant if {
	a := fx.doc("aws_iam_role_policy_attachment", "ro", fx.block(1, 4, {"policy_arn": "arn:aws:iam::aws:policy/IAMReadOnlyAccess"}, {"policy_arn": 3}))
	count(iam_identities.deny) == 0 with input as a
	d := fx.doc("data.aws_iam_policy", "p", fx.block(1, 3, {"arn": "arn:aws:iam::123456789012:policy/IAMFullAccess"}, {"arn": 2}))
	count(iam_identities.deny) == 0 with input as d
	u := fx.doc("aws_iam_group_policy_attachment", "x", fx.block(1, 4, {"policy_arn": fx.unknown}, {"policy_arn": 3}))
	count(iam_identities.deny) == 0 with input as u
}

test_tg_aws_514_violation if {
	d := fx.doc("data.aws_iam_policy", "admin", fx.block(1, 3, {"arn": "arn:aws:iam::aws:policy/AdministratorAccess"}, {"arn": 2}))
	fx.found(iam_identities.deny, "TG-AWS-514", fx.at(2), `IAM policy data source "admin" looks up the AWS managed AdministratorAccess policy; whatever it is attached to gets full administrative access`) with input as d
	n := fx.doc("data.aws_iam_policy", "admin", fx.block(1, 3, {"name": "AdministratorAccess"}, {"name": 2}))
	count(fx.ids(iam_identities.deny, "TG-AWS-514")) == 1 with input as n
}

test_tg_aws_514_compliant if {
	d := fx.doc("data.aws_iam_policy", "ro", fx.block(1, 3, {"name": "ReadOnlyAccess"}, {"name": 2}))
	count(iam_identities.deny) == 0 with input as d
	u := fx.doc("data.aws_iam_policy", "x", fx.block(1, 3, {"name": fx.unknown}, {"name": 2}))
	count(iam_identities.deny) == 0 with input as u
}
