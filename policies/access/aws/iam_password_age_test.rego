package tollgate.access.aws.iam_password_age_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.access.aws.iam_password_age
import rego.v1

# resource "aws_iam_account_password_policy" "strict" {   # line 1
#   minimum_password_length = 14                          # line 2
#   max_password_age        = AGE                         # line 3
# }                                                       # line 4
pp(extra) := fx.doc("aws_iam_account_password_policy", "strict", fx.block(1, 4, object.union({"minimum_password_length": 14}, extra), {"minimum_password_length": 2, "max_password_age": 3}))

test_tg_aws_215_violation if {
	fx.found(iam_password_age.deny, "TG-AWS-215", fx.at(3), `IAM password policy "strict" does not expire passwords within 90 days (max_password_age = 365)`) with input as pp({"max_password_age": 365})
	fx.found(iam_password_age.deny, "TG-AWS-215", fx.span(1, 4), `IAM password policy "strict" does not expire passwords within 90 days (max_password_age is not set: passwords never expire)`) with input as pp({})
}

test_tg_aws_215_compliant if {
	count(iam_password_age.deny) == 0 with input as pp({"max_password_age": 90})
	count(iam_password_age.deny) == 0 with input as pp({"max_password_age": "60"})
	count(iam_password_age.deny) == 0 with input as pp({"max_password_age": fx.unknown})
}
