package tollgate.access.aws.elb_test

import data.tollgate.access.aws.elb
import data.tollgate.access.aws.fixture as fx
import rego.v1

# resource "aws_lb" "web" {                         # line 1
#   name                       = "web"              # line 2
#   load_balancer_type         = TYPE               # line 3
#   drop_invalid_header_fields = DROP               # line 4
# }                                                 # line 5
lb(attrs) := fx.doc("aws_lb", "web", fx.block(1, 5, object.union({"name": "web"}, attrs), {"name": 2, "load_balancer_type": 3, "drop_invalid_header_fields": 4}))

test_tg_aws_055_violation if {
	findings := elb.deny with input as lb({"load_balancer_type": "application", "drop_invalid_header_fields": false})
	fx.found(findings, "TG-AWS-055", fx.at(4), `load balancer "web" forwards invalid HTTP header fields (drop_invalid_header_fields = false)`)
	count(findings) == 1
}

test_tg_aws_055_compliant if {
	count(elb.deny) == 0 with input as lb({"drop_invalid_header_fields": true})
	count(elb.deny) == 0 with input as lb({"load_balancer_type": "network"})
}

test_tg_aws_055_default_fires if {
	fx.found(elb.deny, "TG-AWS-055", fx.span(1, 5), `load balancer "web" forwards invalid HTTP header fields (drop_invalid_header_fields is not set, default false)`) with input as lb({})
}

test_tg_aws_055_unknown_does_not_fire if {
	count(elb.deny) == 0 with input as lb({"drop_invalid_header_fields": fx.unknown})
	count(elb.deny) == 0 with input as lb({"load_balancer_type": fx.unknown})
}
