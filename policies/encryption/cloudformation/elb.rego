package tollgate.encryption.cloudformation.elb

import data.tollgate.access.cloudformation.helpers
import data.tollgate.lib
import rego.v1

# METADATA
# title: CloudFormation load balancer listener serves plain HTTP
# description: |
#   An AWS::ElasticLoadBalancingV2::Listener with Protocol HTTP has a default action that
#   forwards or authenticates instead of redirecting to HTTPS: requests, session cookies
#   and credentials cross the network in clear text. A default action of type
#   fixed-response, or a redirect whose RedirectConfig Protocol is HTTPS, is compliant
#   (a redirect without Protocol keeps the request's own, HTTP). Listener rules are not
#   evaluated.
# related_resources:
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-elasticloadbalancingv2-listener.html
# - https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-listeners.html#redirect-actions
# custom:
#   id: TG-CFN-032
#   severity: medium
#   category: encryption
#   provider: aws
#   remediation: 'Make the HTTP listener''s default action a redirect (RedirectConfig: Protocol HTTPS, Port 443, StatusCode HTTP_301) and serve the application on an HTTPS listener.'
#   frameworks:
#     nist-800-53: ["SC-8"]
#     soc2: ["CC6.7"]
#     pci-dss-4.0: ["4.2.1"]
deny contains finding if {
	input.type == "AWS::ElasticLoadBalancingV2::Listener"
	p := input.resource.Properties
	p.Protocol == "HTTP"
	some action in p.DefaultActions
	not safe(action)
	msg := sprintf("load balancer listener %q serves plain HTTP without redirecting to HTTPS (Protocol: HTTP, default action %q)", [input.name, action.Type])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(p, "Protocol"), msg)
}

safe(action) if action.Type == "fixed-response"

safe(action) if {
	action.Type == "redirect"
	secure_redirect(action.RedirectConfig)
}

# An action whose type is not known is given the benefit of the doubt.
safe(action) if not is_string(action.Type)

secure_redirect(redirect) if redirect.Protocol == "HTTPS"

secure_redirect(redirect) if lib.unknown(redirect, "Protocol")

# METADATA
# title: CloudFormation load balancer listener allows outdated TLS versions
# description: |
#   The SslPolicy of an AWS::ElasticLoadBalancingV2::Listener accepts a TLS version older
#   than the min_tls_version parameter (1.2 by default): ELBSecurityPolicy-2016-08,
#   ELBSecurityPolicy-TLS-1-1-2017-01, ELBSecurityPolicy-TLS13-1-0-2021-06... TLS 1.0 and
#   1.1 rely on broken constructions (CBC padding oracles, SHA-1, no AEAD ciphers) and are
#   disallowed by PCI DSS. An HTTPS or TLS listener without SslPolicy gets the API's
#   default, ELBSecurityPolicy-2016-08, which accepts TLS 1.0 (the console's newer default
#   does not apply to templates). Policies whose name does not tell their minimum version
#   are not reported.
# related_resources:
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-elasticloadbalancingv2-listener.html#cfn-elasticloadbalancingv2-listener-sslpolicy
# - https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html
# custom:
#   id: TG-CFN-033
#   severity: medium
#   category: encryption
#   provider: aws
#   remediation: Set SslPolicy to ELBSecurityPolicy-TLS13-1-2-2021-06 (or a TLS13-1-3 policy).
#   frameworks:
#     nist-800-53: ["SC-8", "SC-13"]
#     soc2: ["CC6.7"]
#     pci-dss-4.0: ["4.2.1"]
deny contains finding if {
	input.type == "AWS::ElasticLoadBalancingV2::Listener"
	p := input.resource.Properties
	some msg in weak_policy(p)
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(p, "SslPolicy"), msg)
}

# The policy AWS applies to an HTTPS or TLS listener created without SslPolicy.
default_ssl_policy := "ELBSecurityPolicy-2016-08"

weak_policy(p) := {msg |
	version := helpers.tls_version(p.SslPolicy)
	helpers.below_min_tls(version)
	msg := sprintf("load balancer listener %q accepts %s (SslPolicy: %s), older than %s", [input.name, helpers.tls_name(version), p.SslPolicy, helpers.min_tls_name])
} | {msg |
	is_string(p.Protocol)
	upper(p.Protocol) in {"HTTPS", "TLS"}
	lib.missing(p, "SslPolicy")
	version := helpers.tls_version(default_ssl_policy)
	helpers.below_min_tls(version)
	msg := sprintf("load balancer listener %q accepts %s (SslPolicy is not set, default %s), older than %s", [input.name, helpers.tls_name(version), default_ssl_policy, helpers.min_tls_name])
}
