package tollgate.encryption.aws.lb_transport

import data.tollgate.access.aws.helpers
import data.tollgate.lib
import rego.v1

# METADATA
# title: Load balancer target group receives plain HTTP with no HTTPS listener in front
# description: |
#   An aws_lb_target_group (or aws_alb_target_group) has protocol "HTTP" and none of the
#   listeners that forward to it (aws_lb_listener, aws_alb_listener referring to it) serves
#   HTTPS: either no listener of the configuration forwards to it, or they all serve plain
#   HTTP. Requests then travel unencrypted all the way from the client to the targets.
#   An HTTP target group behind an HTTPS listener, where TLS ends at the load balancer, is
#   compliant; a target group that a listener rule (aws_lb_listener_rule) forwards to is
#   not reported, as the rule does not show its listener's protocol.
# related_resources:
# - https://docs.aws.amazon.com/elasticloadbalancing/latest/application/create-https-listener.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/lb_target_group#protocol
# custom:
#   id: TG-AWS-567
#   severity: low
#   category: encryption
#   provider: aws
#   remediation: Put an HTTPS listener (protocol = "HTTPS", certificate_arn, a TLS 1.2+ ssl_policy) in front of the target group, or use protocol = "HTTPS" on the target group and serve TLS on the targets.
#   frameworks:
#     nist-800-53: ["SC-8"]
#     soc2: ["CC6.7"]
#     pci-dss-4.0: ["4.2.1"]
deny contains finding if {
	input.type in {"aws_lb_target_group", "aws_alb_target_group"}
	r := input.resource
	is_string(r.protocol)
	upper(r.protocol) == "HTTP"
	not input.related_unknown == true
	count(array.concat(helpers.related("aws_lb_listener_rule"), helpers.related("aws_alb_listener_rule"))) == 0
	listeners := array.concat(helpers.related("aws_lb_listener"), helpers.related("aws_alb_listener"))
	every l in listeners {
		plain_listener(l)
	}
	msg := sprintf("target group %q receives plain HTTP and %s", [input.name, front_text(listeners)])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "protocol"), msg)
}

plain_listener(l) if {
	is_string(l.protocol)
	upper(l.protocol) == "HTTP"
}

plain_listener(l) if {
	lib.missing(l, "protocol")
	lib.missing(l, "certificate_arn")
}

front_text(listeners) := "no listener of the configuration forwards to it" if count(listeners) == 0

else := "the listeners forwarding to it serve plain HTTP too"

# METADATA
# title: Classic Load Balancer listener has no ACM certificate
# description: |
#   A listener of an aws_elb has no ssl_certificate_id, so it serves its clients over plain
#   HTTP or TCP, or names an IAM server certificate (arn:aws:iam::...:server-certificate/)
#   rather than one from AWS Certificate Manager. Without TLS, requests and credentials
#   cross the network in clear text; IAM server certificates are uploaded with their
#   private key, are not renewed automatically and expire unnoticed.
# related_resources:
# - https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/ssl-server-cert.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/elb#ssl_certificate_id
# custom:
#   id: TG-AWS-568
#   severity: medium
#   category: encryption
#   provider: aws
#   remediation: Serve the listener over HTTPS or SSL (lb_protocol) with ssl_certificate_id = aws_acm_certificate.<name>.arn, or move to an Application Load Balancer with an HTTPS listener.
#   frameworks:
#     nist-800-53: ["SC-8", "SC-12"]
#     soc2: ["CC6.7"]
#     pci-dss-4.0: ["4.2.1"]
deny contains finding if {
	input.type == "aws_elb"
	some l in input.resource.listener
	some v in certificate_gaps(l)
	msg := sprintf("Classic Load Balancer %q %s", [input.name, v.text])
	finding := lib.finding(rego.metadata.rule(), v.location, msg)
}

certificate_gaps(l) := {v |
	lib.missing(l, "ssl_certificate_id")
	v := {"location": lib.loc(l), "text": sprintf("has a listener on port %v without a certificate: it serves %s without TLS", [object.get(l, "lb_port", "?"), protocol_text(l)])}
} | {v |
	is_string(l.ssl_certificate_id)
	regex.match(`^arn:aws[a-z-]*:iam::[0-9]*:server-certificate/`, l.ssl_certificate_id)
	v := {"location": lib.attr_loc(l, "ssl_certificate_id"), "text": sprintf("uses an IAM server certificate, not an ACM one (ssl_certificate_id = %q)", [l.ssl_certificate_id])}
}

protocol_text(l) := upper(l.lb_protocol) if is_string(l.lb_protocol)

else := "its clients"

# ELB policies whose name helpers.tls_version does not know, with the lowest protocol they
# accept.
classic_policies := {
	"ELBSecurityPolicy-2014-01": 0.3,
	"ELBSecurityPolicy-2014-10": 1.0,
	"ELBSecurityPolicy-Default": 1.0,
}

# The protocol switches of a custom Classic Load Balancer SSL negotiation policy.
protocol_switches := {"Protocol-SSLv3": 0.3, "Protocol-TLSv1": 1.0, "Protocol-TLSv1.1": 1.1}

# METADATA
# title: Classic Load Balancer policy enables outdated SSL/TLS versions
# description: |
#   An aws_load_balancer_policy (an SSL negotiation policy of a Classic Load Balancer)
#   turns on Protocol-SSLv3, Protocol-TLSv1 or Protocol-TLSv1.1, or references a predefined
#   policy (Reference-Security-Policy) that accepts a version older than the
#   min_tls_version parameter (1.2 by default), such as ELBSecurityPolicy-2016-08 or
#   ELBSecurityPolicy-TLS-1-1-2017-01. Clients can then negotiate SSL 3.0, TLS 1.0 or
#   TLS 1.1, whose broken constructions expose the traffic.
# related_resources:
# - https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/elb-security-policy-table.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/load_balancer_policy
# custom:
#   id: TG-AWS-569
#   severity: medium
#   category: encryption
#   provider: aws
#   remediation: Reference ELBSecurityPolicy-TLS-1-2-2017-01 (policy_attribute { name = "Reference-Security-Policy", value = "ELBSecurityPolicy-TLS-1-2-2017-01" }) and drop the Protocol-SSLv3, Protocol-TLSv1 and Protocol-TLSv1.1 attributes.
#   frameworks:
#     nist-800-53: ["SC-8", "SC-13"]
#     soc2: ["CC6.7"]
#     pci-dss-4.0: ["4.2.1"]
deny contains finding if {
	input.type == "aws_load_balancer_policy"
	some a in input.resource.policy_attribute
	some version in attribute_version(a)
	helpers.below_min_tls(version)
	msg := sprintf("load balancer policy %q accepts %s (%s = %v), older than %s", [input.name, helpers.tls_name(version), a.name, a.value, helpers.tls_name(helpers.number(lib.param("min_tls_version")))])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(a, "value"), msg)
}

attribute_version(a) := {protocol_switches[a.name] | lib.is_true(a.value)} | {v |
	a.name == "Reference-Security-Policy"
	v := reference_version(a.value)
}

reference_version(p) := v if {
	v := helpers.tls_version(p)
} else := classic_policies[p]
