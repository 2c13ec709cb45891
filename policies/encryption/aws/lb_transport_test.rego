package tollgate.encryption.aws.lb_transport_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.encryption.aws.lb_transport
import rego.v1

# resource "aws_lb_target_group" "web" {   # line 1
#   port     = 8080                        # line 2
#   protocol = PROTOCOL                    # line 3
#   vpc_id   = "vpc-1"                     # line 4
# }                                        # line 5
tg(protocol) := fx.doc("aws_lb_target_group", "web", fx.block(1, 5, {"port": 8080, "protocol": protocol, "vpc_id": "vpc-1"}, {"port": 2, "protocol": 3, "vpc_id": 4}))

# resource "aws_lb_listener" "front" {     # line 7
#   port     = PORT                        # line 8
#   protocol = PROTOCOL                    # line 9
#   ...                                    # line 10
# }                                        # line 11
listener(attrs) := fx.block(7, 11, attrs, {"port": 8, "protocol": 9, "certificate_arn": 10})

test_tg_aws_567_violation if {
	findings := lb_transport.deny with input as tg("HTTP")
	fx.found(findings, "TG-AWS-567", fx.at(3), `target group "web" receives plain HTTP and no listener of the configuration forwards to it`)
	count(findings) == 1
	fx.found(lb_transport.deny, "TG-AWS-567", fx.at(3), `target group "web" receives plain HTTP and the listeners forwarding to it serve plain HTTP too`) with input as fx.with_related(tg("HTTP"), "aws_lb_listener", [listener({"port": 80, "protocol": "HTTP"}), listener({"port": 8080})])
}

test_tg_aws_567_compliant if {
	count(lb_transport.deny) == 0 with input as fx.with_related(tg("HTTP"), "aws_lb_listener", [listener({"port": 443, "protocol": "HTTPS", "certificate_arn": "arn:aws:acm:us-east-1:123456789012:certificate/1"})])
	count(lb_transport.deny) == 0 with input as fx.with_related(tg("HTTP"), "aws_alb_listener", [listener({"port": 443, "protocol": fx.unknown})])
	count(lb_transport.deny) == 0 with input as fx.with_related(tg("HTTP"), "aws_lb_listener_rule", [listener({"priority": 1})])
	count(lb_transport.deny) == 0 with input as object.union(tg("HTTP"), {"related_unknown": true})
	count(lb_transport.deny) == 0 with input as tg("HTTPS")
	count(lb_transport.deny) == 0 with input as tg("TCP")
	count(lb_transport.deny) == 0 with input as tg(fx.unknown)
}

# resource "aws_elb" "web" {              # line 1
#   availability_zones = ["us-east-1a"]   # line 2
#   listener {                            # line 3
#     lb_port            = PORT           # line 4
#     lb_protocol        = PROTOCOL       # line 5
#     instance_port      = 443            # line 6
#     instance_protocol  = "https"        # line 7
#     ssl_certificate_id = CERTIFICATE    # line 8
#   }                                     # line 9
# }                                       # line 10
elb(attrs) := fx.doc("aws_elb", "web", fx.block(1, 10, {
	"availability_zones": ["us-east-1a"],
	"listener": [fx.block(3, 9, object.union({"instance_port": 443, "instance_protocol": "https"}, attrs), {"lb_port": 4, "lb_protocol": 5, "instance_port": 6, "instance_protocol": 7, "ssl_certificate_id": 8})],
}, {"availability_zones": 2}))

test_tg_aws_568_violation if {
	findings := lb_transport.deny with input as elb({"lb_port": 80, "lb_protocol": "http"})
	fx.found(findings, "TG-AWS-568", fx.span(3, 9), `Classic Load Balancer "web" has a listener on port 80 without a certificate: it serves HTTP without TLS`)
	count(findings) == 1
	fx.found(lb_transport.deny, "TG-AWS-568", fx.at(8), `Classic Load Balancer "web" uses an IAM server certificate, not an ACM one (ssl_certificate_id = "arn:aws:iam::123456789012:server-certificate/web")`) with input as elb({"lb_port": 443, "lb_protocol": "https", "ssl_certificate_id": "arn:aws:iam::123456789012:server-certificate/web"})
}

test_tg_aws_568_compliant if {
	count(lb_transport.deny) == 0 with input as elb({"lb_port": 443, "lb_protocol": "https", "ssl_certificate_id": "arn:aws:acm:us-east-1:123456789012:certificate/1"})
	count(lb_transport.deny) == 0 with input as elb({"lb_port": 443, "lb_protocol": "https", "ssl_certificate_id": fx.unknown})
}

# resource "aws_load_balancer_policy" "tls" {                 # line 1
#   load_balancer_name = "web"                                # line 2
#   policy_name        = "tls"                                # line 3
#   policy_type_name   = "SSLNegotiationPolicyType"           # line 4
#   policy_attribute {                                        # line 5
#     name  = NAME                                            # line 6
#     value = VALUE                                           # line 7
#   }                                                         # line 8
# }                                                           # line 9
lb_policy(name, value) := fx.doc("aws_load_balancer_policy", "tls", fx.block(1, 9, {
	"load_balancer_name": "web",
	"policy_name": "tls",
	"policy_type_name": "SSLNegotiationPolicyType",
	"policy_attribute": [fx.block(5, 8, {"name": name, "value": value}, {"name": 6, "value": 7})],
}, {"load_balancer_name": 2, "policy_name": 3, "policy_type_name": 4}))

test_tg_aws_569_violation if {
	findings := lb_transport.deny with input as lb_policy("Reference-Security-Policy", "ELBSecurityPolicy-2016-08")
	fx.found(findings, "TG-AWS-569", fx.at(7), `load balancer policy "tls" accepts TLS 1.0 (Reference-Security-Policy = ELBSecurityPolicy-2016-08), older than TLS 1.2`)
	count(findings) == 1
	fx.found(lb_transport.deny, "TG-AWS-569", fx.at(7), `load balancer policy "tls" accepts SSL 3.0 (Protocol-SSLv3 = true), older than TLS 1.2`) with input as lb_policy("Protocol-SSLv3", "true")
	fx.found(lb_transport.deny, "TG-AWS-569", fx.at(7), `load balancer policy "tls" accepts SSL 3.0 (Reference-Security-Policy = ELBSecurityPolicy-2014-01), older than TLS 1.2`) with input as lb_policy("Reference-Security-Policy", "ELBSecurityPolicy-2014-01")
}

test_tg_aws_569_compliant if {
	count(lb_transport.deny) == 0 with input as lb_policy("Reference-Security-Policy", "ELBSecurityPolicy-TLS-1-2-2017-01")
	count(lb_transport.deny) == 0 with input as lb_policy("Protocol-TLSv1", "false")
	count(lb_transport.deny) == 0 with input as lb_policy("Protocol-TLSv1.2", "true")
	count(lb_transport.deny) == 0 with input as lb_policy("Reference-Security-Policy", fx.unknown)
}
