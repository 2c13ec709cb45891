package tollgate.access.aws.elb_public_test

import data.tollgate.access.aws.elb_public
import data.tollgate.access.aws.fixture as fx
import rego.v1

# resource "aws_lb" "web" {                  # line 1
#   name               = "web"               # line 2
#   load_balancer_type = TYPE                # line 3
#   internal           = INTERNAL            # line 4
# }                                          # line 5
lb(type, body) := fx.doc(type, "web", fx.block(1, 5, object.union({"name": "web"}, body), {"name": 2, "load_balancer_type": 3, "internal": 4}))

test_tg_aws_217_violation if {
	findings := elb_public.deny with input as lb("aws_lb", {"internal": false})
	fx.found(findings, "TG-AWS-217", fx.at(4), `load balancer "web" is internet-facing (internal = false)`)
	count(findings) == 1
	fx.found(elb_public.deny, "TG-AWS-217", fx.span(1, 5), `classic load balancer "web" is internet-facing (internal is not set, default false)`) with input as lb("aws_elb", {})
	count(elb_public.deny) == 1 with input as lb("aws_lb", {"load_balancer_type": "network"})
}

test_tg_aws_217_compliant if {
	count(elb_public.deny) == 0 with input as lb("aws_lb", {"internal": true})
	count(elb_public.deny) == 0 with input as lb("aws_lb", {"load_balancer_type": "gateway"})
	count(elb_public.deny) == 0 with input as lb("aws_lb", {"internal": fx.unknown})
	count(elb_public.deny) == 0 with input as lb("aws_lb", {"load_balancer_type": fx.unknown})
}
