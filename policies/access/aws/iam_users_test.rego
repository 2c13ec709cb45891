package tollgate.access.aws.iam_users_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.access.aws.iam_users
import rego.v1

# resource "aws_iam_user_login_profile" "alice" {   # line 1
#   user = aws_iam_user.alice.name                  # line 2 (unknown)
# }                                                 # line 3
test_tg_aws_318_violation if {
	d := fx.doc("aws_iam_user_login_profile", "alice", fx.block(1, 3, {"user": fx.unknown}, {"user": 2}))
	findings := iam_users.deny with input as d
	fx.found(findings, "TG-AWS-318", fx.span(1, 3), `IAM user login profile "alice" gives an IAM user a console password`)
	count(findings) == 1
}

test_tg_aws_318_compliant if {
	count(iam_users.deny) == 0 with input as fx.doc("aws_iam_user", "ci", fx.block(1, 3, {"name": "ci"}, {"name": 2}))
}

# resource "aws_kms_key" "data" {   # line 1
#   description = "data"            # line 2
#   policy      = POLICY            # line 3
# }                                 # line 4
key(attrs) := fx.doc("aws_kms_key", "data", fx.block(1, 4, object.union({"description": "data"}, attrs), {"description": 2, "policy": 3}))

test_tg_aws_319_violation if {
	findings := iam_users.deny with input as key({})
	fx.found(findings, "TG-AWS-319", fx.span(1, 4), `KMS key "data" has the default key policy (no policy, no aws_kms_key_policy)`)
	count(findings) == 1
}

test_tg_aws_319_compliant if {
	count(iam_users.deny) == 0 with input as key({"policy": "{\"Version\":\"2012-10-17\",\"Statement\":[]}"})
	count(iam_users.deny) == 0 with input as key({"policy": fx.unknown})
	count(iam_users.deny) == 0 with input as fx.with_related(key({}), "aws_kms_key_policy", [fx.block(6, 9, {}, {})])
}
