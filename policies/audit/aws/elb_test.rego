package tollgate.audit.aws.elb_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.audit.aws.elb
import rego.v1

# resource "aws_lb" "web" {                 # line 1
#   name               = "web"              # line 2
#   load_balancer_type = TYPE               # line 3
#   access_logs {                           # line 4
#     bucket  = aws_s3_bucket.logs.id       # line 5 (unknown)
#     enabled = ENABLED                     # line 6
#   }                                       # line 7
# }                                         # line 8
lb(type, attrs, logs) := fx.doc(type, "web", fx.block(1, 8, object.union(object.union({"name": "web"}, attrs), logs), {"name": 2, "load_balancer_type": 3}))

access_logs(attrs) := {"access_logs": [fx.block(4, 7, object.union({"bucket": fx.unknown}, attrs), {"bucket": 5, "enabled": 6})]}

test_tg_aws_174_violation if {
	findings := elb.deny with input as lb("aws_lb", {}, access_logs({"enabled": false}))
	fx.found(findings, "TG-AWS-174", fx.at(6), `load balancer "web" does not write access logs (access_logs enabled = false)`)
	count(findings) == 1
}

test_tg_aws_174_compliant if {
	count(elb.deny) == 0 with input as lb("aws_lb", {}, access_logs({"enabled": true}))
	count(elb.deny) == 0 with input as lb("aws_lb", {}, access_logs({"enabled": fx.unknown}))
	count(elb.deny) == 0 with input as lb("aws_lb", {"load_balancer_type": "gateway"}, {})
	count(elb.deny) == 0 with input as lb("aws_elb", {}, access_logs({}))
}

test_tg_aws_174_defaults_fire if {
	fx.found(elb.deny, "TG-AWS-174", fx.span(1, 8), `load balancer "web" does not write access logs (no access_logs block)`) with input as lb("aws_alb", {}, {})
	fx.found(elb.deny, "TG-AWS-174", fx.span(4, 7), `load balancer "web" does not write access logs (access_logs enabled is not set, default false)`) with input as lb("aws_lb", {"load_balancer_type": "network"}, access_logs({}))
	fx.found(elb.deny, "TG-AWS-174", fx.at(6), `classic load balancer "web" does not write access logs (access_logs enabled = false)`) with input as lb("aws_elb", {}, access_logs({"enabled": "false"}))
}
