package tollgate.encryption.aws.ssm_plain_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.encryption.aws.ssm_plain
import rego.v1

# resource "aws_ssm_parameter" "endpoint" {   # line 1
#   name  = NAME                              # line 2
#   type  = TYPE                              # line 3
#   value = "https://internal.example.com"    # line 4
# }                                           # line 5
param(name, type) := fx.doc("aws_ssm_parameter", "endpoint", fx.block(1, 5, {"name": name, "type": type, "value": "https://internal.example.com"}, {"name": 2, "type": 3, "value": 4}))

test_tg_aws_556_violation if {
	findings := ssm_plain.deny with input as param("/app/endpoint", "String")
	fx.found(findings, "TG-AWS-556", fx.at(3), `SSM parameter "endpoint" is stored as a plain String, not a SecureString`)
	count(findings) == 1
	fx.found(ssm_plain.deny, "TG-AWS-556", fx.at(3), `SSM parameter "endpoint" is stored as a plain StringList, not a SecureString`) with input as param(fx.unknown, "StringList")
}

test_tg_aws_556_compliant if {
	count(ssm_plain.deny) == 0 with input as param("/app/endpoint", "SecureString")
	count(ssm_plain.deny) == 0 with input as param("/app/endpoint", fx.unknown)
	# reported by TG-AWS-117
	count(ssm_plain.deny) == 0 with input as param("/app/db_password", "String")
}
