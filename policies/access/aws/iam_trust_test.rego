package tollgate.access.aws.iam_trust_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.access.aws.iam_trust
import rego.v1

# resource "aws_iam_role" "ci" {               # line 1
#   name               = "ci"                  # line 2
#   assume_role_policy = jsonencode(POLICY)    # line 3
# }                                            # line 4
role(statements) := fx.doc("aws_iam_role", "ci", fx.block(1, 4, {"name": "ci", "assume_role_policy": json.marshal({"Version": "2012-10-17", "Statement": statements})}, {"name": 2, "assume_role_policy": 3}))

# data "aws_iam_policy_document" "trust" {   # line 10
#   statement {                             # line 11
#     actions = ACTIONS                     # line 12
#     principals { ... }                    # line 13-16
#     condition { ... }                     # line 17-21
#   }                                       # line 22
# }                                         # line 23
document(statement) := fx.doc("data.aws_iam_policy_document", "trust", fx.block(10, 23, {"statement": [fx.block(11, 22, statement, {"actions": 12, "effect": 12, "condition": [17, 21], "principals": [13, 16]})]}, {}))

principals(type, ids) := [fx.block(13, 16, {"type": type, "identifiers": ids}, {"type": 14, "identifiers": 15})]

condition(test, variable, values) := fx.block(17, 21, {"test": test, "variable": variable, "values": values}, {"test": 18, "variable": 19, "values": 20})

github := "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"

gh_statement(condition) := object.union({"Effect": "Allow", "Action": "sts:AssumeRoleWithWebIdentity", "Principal": {"Federated": github}}, condition)

# ---------------------------------------------------------------------------
# TG-AWS-507 any AWS principal in a policy document

test_tg_aws_507_violation if {
	findings := iam_trust.deny with input as document({"actions": ["s3:GetObject"], "principals": principals("AWS", ["*"])})
	fx.found(findings, "TG-AWS-507", fx.span(11, 22), `IAM policy document "trust" allows any AWS principal ("*") with no condition`)
	star := iam_trust.deny with input as document({"actions": ["sqs:SendMessage"], "principals": principals("*", ["*"])})
	fx.found(star, "TG-AWS-507", fx.span(11, 22), `IAM policy document "trust" allows any AWS principal ("*") with no condition`)
}

test_tg_aws_507_compliant if {
	count(iam_trust.deny) == 0 with input as document({"actions": ["s3:GetObject"], "principals": principals("AWS", ["arn:aws:iam::123456789012:root"])})
	count(iam_trust.deny) == 0 with input as document({"actions": ["s3:GetObject"], "principals": principals("AWS", ["*"]), "condition": [condition("StringEquals", "aws:PrincipalOrgID", ["o-abc"])]})
	count(iam_trust.deny) == 0 with input as document({"actions": ["s3:*"], "effect": "Deny", "principals": principals("AWS", ["*"])})
	count(iam_trust.deny) == 0 with input as document({"actions": ["s3:GetObject"], "principals": principals("AWS", ["*"]), "condition": fx.unknown})
	count(iam_trust.deny) == 0 with input as document({"actions": ["s3:GetObject"], "principals": principals("AWS", fx.unknown)})
}

# ---------------------------------------------------------------------------
# TG-AWS-508 a whole account trusted

test_tg_aws_508_violation if {
	findings := iam_trust.deny with input as role([{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"AWS": "arn:aws:iam::210987654321:root"}}])
	fx.found(findings, "TG-AWS-508", fx.at(3), `IAM role "ci" trusts every principal of account 210987654321 (Principal "arn:aws:iam::210987654321:root") with no Condition`)
	bare := iam_trust.deny with input as role([{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"AWS": ["arn:aws:iam::123456789012:role/x", "123456789012"]}}])
	fx.found(bare, "TG-AWS-508", fx.at(3), `IAM role "ci" trusts every principal of account 123456789012 (Principal "123456789012") with no Condition`)
}

test_tg_aws_508_compliant if {
	count(iam_trust.deny) == 0 with input as role([{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"AWS": "arn:aws:iam::210987654321:role/deployer"}}])
	count(iam_trust.deny) == 0 with input as role([{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"AWS": "arn:aws:iam::210987654321:root"}, "Condition": {"StringEquals": {"sts:ExternalId": "x1"}}}])
	count(iam_trust.deny) == 0 with input as role([{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"Service": "ec2.amazonaws.com"}}])
	count(iam_trust.deny) == 0 with input as fx.doc("aws_iam_role", "ci", fx.block(1, 4, {"assume_role_policy": fx.unknown}, {"assume_role_policy": 3}))
}

# ---------------------------------------------------------------------------
# TG-AWS-509 GitHub Actions OIDC

test_tg_aws_509_violation if {
	none := iam_trust.deny with input as role([gh_statement({})])
	fx.found(none, "TG-AWS-509", fx.at(3), `IAM role "ci" lets GitHub Actions workflows of any repository assume the role: no Condition`)
	aud := iam_trust.deny with input as role([gh_statement({"Condition": {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}}})])
	fx.found(aud, "TG-AWS-509", fx.at(3), `IAM role "ci" lets GitHub Actions workflows of any repository assume the role: no condition on the sub claim`)
	star := iam_trust.deny with input as role([gh_statement({"Condition": {"StringLike": {"token.actions.githubusercontent.com:sub": ["repo:acme/app:*", "repo:*"]}}})])
	fx.found(star, "TG-AWS-509", fx.at(3), `IAM role "ci" lets GitHub Actions workflows of any repository assume the role: sub "repo:*" accepts any value of its first claim`)
	count(fx.ids(star, "TG-AWS-509")) == 1
	org := iam_trust.deny with input as role([gh_statement({"Condition": {"StringLike": {"token.actions.githubusercontent.com:sub": "repo:acme*"}}})])
	fx.found(org, "TG-AWS-509", fx.at(3), `IAM role "ci" lets GitHub Actions workflows of any repository assume the role: sub "repo:acme*" does not name an owner/repository`)
	wf := iam_trust.deny with input as role([gh_statement({"Condition": {"StringEquals": {"token.actions.githubusercontent.com:sub": "workflow:deploy"}}})])
	fx.found(wf, "TG-AWS-509", fx.at(3), `IAM role "ci" lets GitHub Actions workflows of any repository assume the role: sub "workflow:deploy" starts with the workflow claim, which any repository can produce`)
	bare := iam_trust.deny with input as role([gh_statement({"Condition": {"StringEquals": {"token.actions.githubusercontent.com:sub": ["*", "acme"]}}})])
	fx.found(bare, "TG-AWS-509", fx.at(3), `IAM role "ci" lets GitHub Actions workflows of any repository assume the role: sub "*" accepts every token`)
	fx.found(bare, "TG-AWS-509", fx.at(3), `IAM role "ci" lets GitHub Actions workflows of any repository assume the role: sub "acme" names a claim with no value`)
	doc := iam_trust.deny with input as document({"actions": ["sts:AssumeRoleWithWebIdentity"], "principals": principals("Federated", [github]), "condition": [condition("StringEquals", "token.actions.githubusercontent.com:aud", ["sts.amazonaws.com"])]})
	fx.found(doc, "TG-AWS-509", fx.span(11, 22), `IAM policy document "trust" lets GitHub Actions workflows of any repository assume the role: no condition on the sub claim`)
}

test_tg_aws_509_compliant if {
	count(iam_trust.deny) == 0 with input as role([gh_statement({"Condition": {"StringLike": {"token.actions.githubusercontent.com:sub": "repo:acme/app:ref:refs/heads/main"}}})])
	count(iam_trust.deny) == 0 with input as role([gh_statement({"Condition": {"StringLike": {"token.actions.githubusercontent.com:sub": "repo:acme/*"}, "StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}}})])
	count(iam_trust.deny) == 0 with input as role([{"Effect": "Allow", "Action": "sts:AssumeRoleWithWebIdentity", "Principal": {"Federated": "arn:aws:iam::123456789012:oidc-provider/gitlab.com"}}])
	count(iam_trust.deny) == 0 with input as document({"actions": ["sts:AssumeRoleWithWebIdentity"], "principals": principals("Federated", [github]), "condition": [condition("StringLike", "token.actions.githubusercontent.com:sub", ["repo:acme/app:environment:prod"])]})
	# conditions the scanner cannot know
	count(iam_trust.deny) == 0 with input as document({"actions": ["sts:AssumeRoleWithWebIdentity"], "principals": principals("Federated", [github]), "condition": fx.unknown})
	count(iam_trust.deny) == 0 with input as document({"actions": ["sts:AssumeRoleWithWebIdentity"], "principals": principals("Federated", [github]), "condition": [condition("StringLike", "token.actions.githubusercontent.com:sub", fx.unknown)]})
}
