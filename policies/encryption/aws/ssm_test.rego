package tollgate.encryption.aws.ssm_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.encryption.aws.ssm
import rego.v1

# resource "aws_ssm_parameter" "db" {   # line 1
#   name  = NAME                        # line 2
#   type  = TYPE                        # line 3
#   value = var.db_password             # line 4 (unknown)
# }                                     # line 5
parameter(name, type) := fx.doc("aws_ssm_parameter", "db", fx.block(1, 5, {"name": name, "type": type, "value": fx.unknown}, {"name": 2, "type": 3, "value": 4}))

test_tg_aws_117_violation if {
	findings := ssm.deny with input as parameter("/prod/db/PASSWORD", "String")
	fx.found(findings, "TG-AWS-117", fx.at(3), `SSM parameter "db" (/prod/db/PASSWORD) looks like a secret but is stored as a plain String, not a SecureString`)
	count(findings) == 1
}

test_tg_aws_117_compliant if {
	count(fx.ids(ssm.deny, "TG-AWS-117")) == 0 with input as parameter("/prod/db/password", "SecureString")
	count(ssm.deny) == 0 with input as parameter("/prod/db/host", "String")
}

test_tg_aws_117_names if {
	count(ssm.deny) == 1 with input as parameter("/app/stripe-api-key", "String")
	count(ssm.deny) == 1 with input as parameter("jwtSecret", "StringList")
}

test_tg_aws_117_unknown_does_not_fire if {
	count(ssm.deny) == 0 with input as parameter(fx.unknown, "String")
	count(ssm.deny) == 0 with input as parameter("/prod/db/password", fx.unknown)
}

test_tg_aws_117_message_never_prints_the_value if {
	d := json.patch(parameter("/prod/api/token", "String"), [{"op": "add", "path": "/resource/value", "value": "s3cr3t-Value"}])
	some f in ssm.deny with input as d
	not contains(f.message, "s3cr3t-Value")
}

test_tg_aws_320_violation if {
	findings := ssm.deny with input as parameter("/prod/db/password", "SecureString")
	fx.found(findings, "TG-AWS-320", fx.span(1, 5), `SSM parameter "db" is a SecureString encrypted with the AWS managed key (key_id is not set)`)
	count(findings) == 1
}

test_tg_aws_320_compliant if {
	with_key := json.patch(parameter("/prod/db/password", "SecureString"), [{"op": "add", "path": "/resource/key_id", "value": "alias/app"}])
	count(ssm.deny) == 0 with input as with_key
	count(ssm.deny) == 0 with input as parameter("/prod/db/host", "String")
	count(ssm.deny) == 0 with input as parameter("/prod/db/password", fx.unknown)
}
