package tollgate.encryption.aws.elb_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.encryption.aws.elb
import rego.v1

# resource "aws_lb_listener" "http" {                   # line 1
#   load_balancer_arn = aws_lb.web.arn                  # line 2 (unknown)
#   port              = PORT                            # line 3
#   protocol          = PROTOCOL                        # line 4
#   ssl_policy        = POLICY                          # line 5
#   default_action {                                    # line 6
#     type             = TYPE                           # line 7
#     target_group_arn = aws_lb_target_group.web.arn    # line 8 (unknown)
#     redirect {                                        # line 9
#       protocol    = "HTTPS"                           # line 10
#       port        = "443"                             # line 11
#       status_code = "HTTP_301"                        # line 12
#     }                                                 # line 13
#   }                                                   # line 14
# }                                                     # line 15
listener(attrs, action) := fx.doc("aws_lb_listener", "http", fx.block(
	1, 15, object.union(
		{"load_balancer_arn": fx.unknown, "default_action": [action]},
		attrs,
	),
	{"load_balancer_arn": 2, "port": 3, "protocol": 4, "ssl_policy": 5},
))

forward := fx.block(6, 14, {"type": "forward", "target_group_arn": fx.unknown}, {"type": 7, "target_group_arn": 8})

redirect(protocol) := fx.block(
	6, 14, {
		"type": "redirect",
		"redirect": [fx.block(9, 13, {"protocol": protocol, "port": "443", "status_code": "HTTP_301"}, {"protocol": 10, "port": 11, "status_code": 12})],
	},
	{"type": 7},
)

test_tg_aws_101_violation if {
	findings := elb.deny with input as listener({"port": 80, "protocol": "HTTP"}, forward)
	fx.found(findings, "TG-AWS-101", fx.at(4), `load balancer listener "http" serves plain HTTP without redirecting to HTTPS (protocol = "HTTP", default action "forward")`)
	count(findings) == 1
}

test_tg_aws_101_compliant if {
	count(elb.deny) == 0 with input as listener({"port": 80, "protocol": "HTTP"}, redirect("HTTPS"))
	count(elb.deny) == 0 with input as listener({"port": 80, "protocol": "HTTP"}, fx.block(6, 14, {"type": "fixed-response"}, {"type": 7}))
	count(elb.deny) == 0 with input as listener({"port": 443, "protocol": "HTTPS", "ssl_policy": "ELBSecurityPolicy-TLS13-1-2-2021-06"}, forward)
}

test_tg_aws_101_redirect_keeping_http_fires if {
	count(elb.deny) == 1 with input as listener({"port": 80, "protocol": "HTTP"}, redirect("HTTP"))
	count(elb.deny) == 1 with input as listener({"port": 80, "protocol": "HTTP"}, fx.block(6, 14, {"type": "redirect"}, {"type": 7}))
}

test_tg_aws_101_default_protocol_on_port_80 if {
	fx.found(elb.deny, "TG-AWS-101", fx.span(1, 15), `load balancer listener "http" serves plain HTTP without redirecting to HTTPS (protocol is not set, default HTTP, default action "forward")`) with input as listener({"port": "80"}, forward)
	count(elb.deny) == 0 with input as listener({"port": 8443}, forward)
}

test_tg_aws_101_unknown_does_not_fire if {
	count(elb.deny) == 0 with input as listener({"port": 80, "protocol": fx.unknown}, forward)
	count(elb.deny) == 0 with input as listener({"port": 80, "protocol": "HTTP"}, redirect(fx.unknown))
	count(elb.deny) == 0 with input as listener({"port": 80, "protocol": "HTTP"}, fx.block(6, 14, {"type": fx.unknown}, {"type": 7}))
}

https(policy) := listener({"port": 443, "protocol": "HTTPS", "ssl_policy": policy}, forward)

test_tg_aws_102_violation if {
	findings := elb.deny with input as https("ELBSecurityPolicy-2016-08")
	fx.found(findings, "TG-AWS-102", fx.at(5), `load balancer listener "http" accepts TLS 1.0 (ssl_policy = "ELBSecurityPolicy-2016-08"), older than TLS 1.2`)
	count(findings) == 1
}

test_tg_aws_102_compliant if {
	count(elb.deny) == 0 with input as https("ELBSecurityPolicy-TLS13-1-2-2021-06")
	count(elb.deny) == 0 with input as https("ELBSecurityPolicy-FS-1-2-Res-2020-10")
	count(elb.deny) == 0 with input as https("ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04")
	count(elb.deny) == 0 with input as https("CustomPolicyWithUnknownVersion")
	count(elb.deny) == 0 with input as https(fx.unknown)
}

test_tg_aws_102_versions_and_param if {
	fx.found(elb.deny, "TG-AWS-102", fx.at(5), `load balancer listener "http" accepts TLS 1.1 (ssl_policy = "ELBSecurityPolicy-TLS-1-1-2017-01"), older than TLS 1.2`) with input as https("ELBSecurityPolicy-TLS-1-1-2017-01")
	count(elb.deny) == 1 with input as https("ELBSecurityPolicy-TLS13-1-0-2021-06")
	fx.found(elb.deny, "TG-AWS-102", fx.at(5), `load balancer listener "http" accepts TLS 1.2 (ssl_policy = "ELBSecurityPolicy-TLS13-1-2-2021-06"), older than TLS 1.3`) with input as https("ELBSecurityPolicy-TLS13-1-2-2021-06") with data.config.params as {"min_tls_version": "1.3"}
}

test_tg_aws_102_unset_policy_uses_the_default if {
	fx.found(elb.deny, "TG-AWS-102", fx.span(1, 15), `load balancer listener "http" accepts TLS 1.0 (ssl_policy is not set, default ELBSecurityPolicy-2016-08), older than TLS 1.2`) with input as listener({"port": 443, "protocol": "HTTPS"}, forward)
	count(elb.deny) == 1 with input as listener({"port": 8883, "protocol": "TLS"}, forward)
	count(elb.deny) == 0 with input as listener({"port": 8883, "protocol": "TCP"}, forward)
	count(elb.deny) == 0 with input as listener({"port": 443, "protocol": fx.unknown}, forward)
}
