package tollgate.encryption.aws.redshift_ssl_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.encryption.aws.redshift_ssl
import rego.v1

# resource "aws_redshift_parameter_group" "dw" {   # line 1
#   family = "redshift-1.0"                         # line 2
#   parameter {                                     # line 3
#     name  = NAME                                  # line 4
#     value = VALUE                                 # line 5
#   }                                               # line 6
# }                                                 # line 7
group(params) := fx.doc("aws_redshift_parameter_group", "dw", fx.block(1, 7, {"family": "redshift-1.0", "parameter": params}, {"family": 2}))

param(name, value) := fx.block(3, 6, {"name": name, "value": value}, {"name": 4, "value": 5})

test_tg_aws_467_violation if {
	findings := redshift_ssl.deny with input as group([param("require_ssl", "false")])
	fx.found(findings, "TG-AWS-467", fx.at(5), `Redshift parameter group "dw" does not require SSL (require_ssl = false)`)
	count(findings) == 1
}

test_tg_aws_467_unset if {
	findings := redshift_ssl.deny with input as group([])
	fx.found(findings, "TG-AWS-467", fx.span(1, 7), `Redshift parameter group "dw" does not require SSL (require_ssl is not set, default false)`)
	count(findings) == 1
}

test_tg_aws_467_compliant if {
	count(redshift_ssl.deny) == 0 with input as group([param("require_ssl", "true")])
	count(redshift_ssl.deny) == 0 with input as group([param("require_ssl", true)])
	count(redshift_ssl.deny) == 0 with input as group([param("require_ssl", fx.unknown)])
}
