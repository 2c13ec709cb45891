package tollgate.access.aws.iam_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.access.aws.iam
import rego.v1

policy_json(statements) := json.marshal({"Version": "2012-10-17", "Statement": statements})

admin := {"Effect": "Allow", "Action": "*", "Resource": "*"}

read_s3 := {"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": ["arn:aws:s3:::acme-data/*"]}

# resource "aws_iam_policy" "ops" {     # line 1
#   name   = "ops"                      # line 2
#   policy = jsonencode({...})          # lines 3-9
# }                                     # line 10
policy_doc(type, policy) := fx.doc(type, "ops", fx.block(1, 10, {"name": "ops", "policy": policy}, {"name": 2, "policy": [3, 9]}))

# TG-AWS-050

test_tg_aws_050_violation if {
	findings := iam.deny with input as policy_doc("aws_iam_policy", policy_json([read_s3, admin]))
	fx.found(findings, "TG-AWS-050", fx.span(3, 9), `IAM policy "ops" allows every action on every resource (Action "*", Resource "*")`)
	count(findings) == 1
}

test_tg_aws_050_compliant if {
	count(iam.deny) == 0 with input as policy_doc("aws_iam_policy", policy_json([read_s3]))
	scoped := object.union(admin, {"Resource": "arn:aws:s3:::acme-data/*"})
	count(iam.deny) == 0 with input as policy_doc("aws_iam_policy", policy_json([scoped]))
	count(iam.deny) == 0 with input as policy_doc("aws_iam_policy", policy_json([object.union(admin, {"Effect": "Deny"})]))
}

test_tg_aws_050_star_star_in_inline_policies if {
	star_star := {"Effect": "Allow", "Action": ["*:*"], "Resource": ["*"]}
	fx.found(iam.deny, "TG-AWS-050", fx.span(3, 9), `IAM user policy "ops" allows every action on every resource (Action "*", Resource "*")`) with input as policy_doc("aws_iam_user_policy", policy_json([star_star]))
	count(iam.deny) == 1 with input as policy_doc("aws_iam_role_policy", policy_json([star_star]))
	count(iam.deny) == 1 with input as policy_doc("aws_iam_group_policy", policy_json(star_star))
}

test_tg_aws_050_unknown_policy_does_not_fire if {
	count(iam.deny) == 0 with input as policy_doc("aws_iam_policy", fx.unknown)
}

# resource "aws_iam_role" "deploy" {               # line 1
#   name               = "deploy"                  # line 2
#   assume_role_policy = jsonencode({...})         # lines 3-8
#   managed_policy_arns = [...]                    # line 9
#   inline_policy {                                # line 10
#     name   = "all"                               # line 11
#     policy = jsonencode({...})                   # line 12
#   }                                              # line 13
# }                                                # line 14
ci_trust := {"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"}, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}}}

role(attrs) := fx.doc("aws_iam_role", "deploy", fx.block(1, 14, object.union({"name": "deploy", "assume_role_policy": policy_json([ci_trust])}, attrs), {"name": 2, "assume_role_policy": [3, 8], "managed_policy_arns": 9}))

inline(policy) := fx.block(10, 13, {"name": "all", "policy": policy}, {"name": 11, "policy": 12})

test_tg_aws_050_role_inline_policy_and_managed_arn if {
	findings := iam.deny with input as role({"inline_policy": [inline(policy_json([admin]))], "managed_policy_arns": ["arn:aws:iam::aws:policy/AdministratorAccess"]})
	fx.found(findings, "TG-AWS-050", fx.at(12), `IAM role "deploy" has an inline policy that allows every action on every resource (Action "*", Resource "*")`)
	fx.found(findings, "TG-AWS-050", fx.at(9), `IAM role "deploy" attaches the AdministratorAccess policy`)
	count(findings) == 2
	count(iam.deny) == 0 with input as role({"managed_policy_arns": ["arn:aws:iam::aws:policy/ReadOnlyAccess"]})
}

# resource "aws_iam_role_policy_attachment" "admin" {             # line 1
#   role       = aws_iam_role.deploy.name                         # line 2 (unknown)
#   policy_arn = "arn:aws-us-gov:iam::aws:policy/AdministratorAccess"  # line 3
# }                                                               # line 4
test_tg_aws_050_attachment if {
	body := {"role": fx.unknown, "policy_arn": "arn:aws-us-gov:iam::aws:policy/AdministratorAccess"}
	d := fx.doc("aws_iam_role_policy_attachment", "admin", fx.block(1, 4, body, {"role": 2, "policy_arn": 3}))
	fx.found(iam.deny, "TG-AWS-050", fx.at(3), `IAM policy attachment "admin" attaches the AdministratorAccess policy`) with input as d
	custom := fx.doc("aws_iam_role_policy_attachment", "admin", fx.block(1, 4, {"policy_arn": "arn:aws:iam::123456789012:policy/AdministratorAccess"}, {"policy_arn": 3}))
	count(iam.deny) == 0 with input as custom
}

# TG-AWS-051

test_tg_aws_051_violation if {
	anyone := {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}
	findings := iam.deny with input as role({"assume_role_policy": policy_json([anyone])})
	fx.found(findings, "TG-AWS-051", fx.span(3, 8), `IAM role "deploy" can be assumed by anyone (trust policy allows Principal "*" with no Condition)`)
	count(findings) == 1
}

test_tg_aws_051_compliant if {
	count(iam.deny) == 0 with input as role({})
	external_id := {"Effect": "Allow", "Principal": "*", "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"sts:ExternalId": "acme-7f3a"}}}
	count(iam.deny) == 0 with input as role({"assume_role_policy": policy_json([external_id])})
	count(iam.deny) == 0 with input as role({"assume_role_policy": fx.unknown})
}

# TG-AWS-052

# resource "aws_iam_user_policy" "alice" {   # line 1
#   user   = aws_iam_user.alice.name         # line 2 (unknown)
#   policy = jsonencode({...})               # lines 3-9
# }                                          # line 10
test_tg_aws_052_violation if {
	d := fx.doc("aws_iam_user_policy", "alice", fx.block(1, 10, {"user": fx.unknown, "policy": policy_json([read_s3])}, {"user": 2, "policy": [3, 9]}))
	findings := iam.deny with input as d
	fx.found(findings, "TG-AWS-052", fx.span(1, 10), `IAM user policy "alice" is an inline policy of a user; grant permissions through a group`)
	count(findings) == 1
}

# resource "aws_iam_policy_attachment" "readers" {   # line 1
#   name       = "readers"                           # line 2
#   users      = USERS                               # line 3
#   groups     = ["readers"]                         # line 4
#   policy_arn = aws_iam_policy.read.arn             # line 5 (unknown)
# }                                                  # line 6
attachment(users) := fx.doc("aws_iam_policy_attachment", "readers", fx.block(1, 6, {"name": "readers", "users": users, "groups": ["readers"], "policy_arn": fx.unknown}, {"name": 2, "users": 3, "groups": 4, "policy_arn": 5}))

test_tg_aws_052_compliant if {
	count(iam.deny) == 0 with input as attachment([])
	count(iam.deny) == 0 with input as attachment(fx.unknown)
	group_attachment := fx.doc("aws_iam_group_policy_attachment", "readers", fx.block(1, 4, {"group": "readers", "policy_arn": fx.unknown}, {"group": 2, "policy_arn": 3}))
	count(iam.deny) == 0 with input as group_attachment
}

test_tg_aws_052_policy_attachment_users if {
	fx.found(iam.deny, "TG-AWS-052", fx.at(3), `IAM policy attachment "readers" attaches a policy to users; attach it to a group`) with input as attachment(["alice"])
	d := fx.doc("aws_iam_user_policy_attachment", "alice", fx.block(1, 4, {"user": "alice", "policy_arn": fx.unknown}, {"user": 2, "policy_arn": 3}))
	fx.found(iam.deny, "TG-AWS-052", fx.span(1, 4), `IAM user policy attachment "alice" attaches a policy to a user; attach it to a group`) with input as d
}

# TG-AWS-053

# resource "aws_iam_access_key" "ci" {   # line 1
#   user    = aws_iam_user.ci.name       # line 2 (unknown)
#   pgp_key = "keybase:acme_ops"         # line 3
#   status  = STATUS                     # line 4
# }                                      # line 5
access_key(attrs) := fx.doc("aws_iam_access_key", "ci", fx.block(1, 5, object.union({"user": fx.unknown}, attrs), {"user": 2, "pgp_key": 3, "status": 4}))

test_tg_aws_053_violation if {
	findings := iam.deny with input as access_key({})
	fx.found(findings, "TG-AWS-053", fx.span(1, 5), `IAM access key "ci" is a long-lived credential created by Terraform; its secret is stored unencrypted in the Terraform state (no pgp_key)`)
	count(findings) == 1
	fx.found(iam.deny, "TG-AWS-053", fx.span(1, 5), `IAM access key "ci" is a long-lived credential created by Terraform`) with input as access_key({"pgp_key": "keybase:acme_ops", "status": "Active"})
	count(iam.deny) == 1 with input as access_key({"pgp_key": fx.unknown})
}

test_tg_aws_053_compliant if {
	count(iam.deny) == 0 with input as access_key({"pgp_key": "keybase:acme_ops", "status": "Inactive"})
}

# TG-AWS-054

# resource "aws_iam_account_password_policy" "strict" {   # line 1
#   minimum_password_length   = LENGTH                    # line 2
#   password_reuse_prevention = REUSE                     # line 3
#   require_symbols           = true                      # line 4
# }                                                       # line 5
password_policy(attrs) := fx.doc("aws_iam_account_password_policy", "strict", fx.block(1, 5, object.union({"require_symbols": true}, attrs), {"minimum_password_length": 2, "password_reuse_prevention": 3, "require_symbols": 4}))

test_tg_aws_054_violation if {
	findings := iam.deny with input as password_policy({"minimum_password_length": 8, "password_reuse_prevention": 24})
	fx.found(findings, "TG-AWS-054", fx.at(2), `IAM password policy "strict" is weak: minimum_password_length = 8, want at least 14`)
	count(findings) == 1
}

test_tg_aws_054_compliant if {
	count(iam.deny) == 0 with input as password_policy({"minimum_password_length": 16, "password_reuse_prevention": "24"})
	count(iam.deny) == 0 with input as password_policy({"minimum_password_length": fx.unknown, "password_reuse_prevention": fx.unknown})
}

test_tg_aws_054_defaults_fire if {
	findings := iam.deny with input as password_policy({})
	fx.found(findings, "TG-AWS-054", fx.span(1, 5), `IAM password policy "strict" is weak: minimum_password_length is not set, want at least 14`)
	fx.found(findings, "TG-AWS-054", fx.span(1, 5), `IAM password policy "strict" is weak: password_reuse_prevention is not set, want at least 24`)
	count(findings) == 2
}
