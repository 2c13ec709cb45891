package tollgate.access.aws.default_vpc_test

import data.tollgate.access.aws.default_vpc
import data.tollgate.access.aws.fixture as fx
import rego.v1

# resource "aws_default_vpc" "default" {   # line 1
#   force_destroy = FORCE                   # line 2
# }                                         # line 3
vpc(attrs) := fx.doc("aws_default_vpc", "default", fx.block(1, 3, attrs, {"force_destroy": 2}))

test_tg_aws_252_violation if {
	findings := default_vpc.deny with input as vpc({})
	fx.found(findings, "TG-AWS-252", fx.span(1, 3), `configuration manages the default VPC (aws_default_vpc "default")`)
	count(findings) == 1
	count(default_vpc.deny) == 1 with input as vpc({"force_destroy": true})
}

test_tg_aws_252_compliant if {
	count(default_vpc.deny) == 0 with input as fx.doc("aws_vpc", "main", fx.block(1, 3, {"cidr_block": "10.0.0.0/16"}, {"cidr_block": 2}))
}
