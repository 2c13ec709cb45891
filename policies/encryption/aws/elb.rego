package tollgate.encryption.aws.elb

import data.tollgate.access.aws.helpers
import data.tollgate.lib
import rego.v1

# METADATA
# title: Load balancer listener serves plain HTTP
# description: |
#   An aws_lb_listener (or aws_alb_listener) with protocol = "HTTP" (the default of an
#   application load balancer listener on port 80 without a certificate) whose default
#   action forwards or authenticates instead of redirecting to HTTPS: requests, session
#   cookies and credentials cross the network in clear text. A default action of type
#   fixed-response, or a redirect with protocol = "HTTPS", is compliant. Listener rules
#   (aws_lb_listener_rule) are not evaluated.
# related_resources:
# - https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-listeners.html#redirect-actions
# - https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-1
# custom:
#   id: TG-AWS-101
#   severity: medium
#   category: encryption
#   provider: aws
#   remediation: Make the HTTP listener's default action a redirect { protocol = "HTTPS", port = "443", status_code = "HTTP_301" } and serve the application on an HTTPS listener.
#   frameworks:
#     nist-800-53: ["SC-8"]
#     soc2: ["CC6.7"]
#     pci-dss-4.0: ["4.2.1"]
deny contains finding if {
	input.type in {"aws_lb_listener", "aws_alb_listener"}
	r := input.resource
	problem := plain_http(r)
	some action in r.default_action
	not safe(action)
	msg := sprintf("load balancer listener %q serves plain HTTP without redirecting to HTTPS (%s, default action %q)", [input.name, problem, action.type])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "protocol"), msg)
}

plain_http(r) := "protocol = \"HTTP\"" if {
	r.protocol == "HTTP"
} else := "protocol is not set, default HTTP" if {
	lib.missing(r, "protocol")
	helpers.number(r.port) == 80
	lib.missing(r, "certificate_arn")
}

safe(action) if action.type == "fixed-response"

safe(action) if {
	action.type == "redirect"
	some redirect in action.redirect
	secure_redirect(redirect)
}

# An action whose type is not known is given the benefit of the doubt.
safe(action) if not is_string(action.type)

secure_redirect(redirect) if redirect.protocol == "HTTPS"

secure_redirect(redirect) if lib.unknown(redirect, "protocol")

# METADATA
# title: Load balancer listener allows outdated TLS versions
# description: |
#   The ssl_policy of an aws_lb_listener (or aws_alb_listener) accepts a TLS version older
#   than the min_tls_version parameter (1.2 by default): ELBSecurityPolicy-2016-08,
#   ELBSecurityPolicy-TLS-1-1-2017-01, ELBSecurityPolicy-TLS13-1-0-2021-06... TLS 1.0 and
#   1.1 rely on broken constructions (CBC padding oracles, SHA-1, no AEAD ciphers) and
#   are disallowed by PCI DSS. An HTTPS or TLS listener without ssl_policy gets the
#   provider's default, ELBSecurityPolicy-2016-08, which accepts TLS 1.0. Policies whose
#   name does not tell their minimum version are not reported.
# related_resources:
# - https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html
# - https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-17
# custom:
#   id: TG-AWS-102
#   severity: medium
#   category: encryption
#   provider: aws
#   remediation: Set ssl_policy = "ELBSecurityPolicy-TLS13-1-2-2021-06" (or a TLS13-1-3 policy).
#   frameworks:
#     nist-800-53: ["SC-8", "SC-13"]
#     soc2: ["CC6.7"]
#     pci-dss-4.0: ["4.2.1"]
deny contains finding if {
	input.type in {"aws_lb_listener", "aws_alb_listener"}
	r := input.resource
	some v in weak_policy(r)
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "ssl_policy"), v)
}

# The policy AWS applies to an HTTPS or TLS listener created without ssl_policy.
default_ssl_policy := "ELBSecurityPolicy-2016-08"

weak_policy(r) := {msg |
	version := helpers.tls_version(r.ssl_policy)
	helpers.below_min_tls(version)
	msg := sprintf("load balancer listener %q accepts %s (ssl_policy = %q), older than %s", [input.name, helpers.tls_name(version), r.ssl_policy, helpers.tls_name(helpers.number(lib.param("min_tls_version")))])
} | {msg |
	is_string(r.protocol)
	upper(r.protocol) in {"HTTPS", "TLS"}
	lib.missing(r, "ssl_policy")
	version := helpers.tls_version(default_ssl_policy)
	helpers.below_min_tls(version)
	msg := sprintf("load balancer listener %q accepts %s (ssl_policy is not set, default %s), older than %s", [input.name, helpers.tls_name(version), default_ssl_policy, helpers.tls_name(helpers.number(lib.param("min_tls_version")))])
}
