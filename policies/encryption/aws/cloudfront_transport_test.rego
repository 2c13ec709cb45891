package tollgate.encryption.aws.cloudfront_transport_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.encryption.aws.cloudfront_transport
import rego.v1

# resource "aws_cloudfront_distribution" "site" {        # line 1
#   enabled = true                                       # line 2
#   origin {                                             # line 3
#     origin_id   = "api"                                # line 4
#     domain_name = "api.example.com"                    # line 5
#     custom_origin_config {                             # line 6
#       origin_protocol_policy = POLICY                  # line 7
#       origin_ssl_protocols   = PROTOCOLS               # line 8
#     }                                                  # line 9
#   }                                                    # line 10
# }                                                      # line 11
dist(policy, protocols) := fx.doc("aws_cloudfront_distribution", "site", fx.block(1, 11, {
	"enabled": true,
	"origin": [fx.block(3, 10, {
		"origin_id": "api",
		"domain_name": "api.example.com",
		"custom_origin_config": [fx.block(6, 9, {"origin_protocol_policy": policy, "origin_ssl_protocols": protocols}, {"origin_protocol_policy": 7, "origin_ssl_protocols": 8})],
	}, {"origin_id": 4, "domain_name": 5})],
}, {"enabled": 2}))

test_tg_aws_564_violation if {
	findings := cloudfront_transport.deny with input as dist("https-only", ["TLSv1", "TLSv1.1", "TLSv1.2"])
	fx.found(findings, "TG-AWS-564", fx.at(8), `CloudFront distribution "site" lets origin "api" be reached with TLSv1, TLSv1.1 (origin_ssl_protocols), older than TLS 1.2`)
	count(findings) == 1
	fx.found(cloudfront_transport.deny, "TG-AWS-564", fx.at(8), `CloudFront distribution "site" lets origin "api" be reached with SSLv3 (origin_ssl_protocols), older than TLS 1.2`) with input as dist("match-viewer", ["SSLv3", "TLSv1.2"])
}

test_tg_aws_564_compliant if {
	count(cloudfront_transport.deny) == 0 with input as dist("https-only", ["TLSv1.2"])
	count(cloudfront_transport.deny) == 0 with input as dist("http-only", ["SSLv3"])
	count(cloudfront_transport.deny) == 0 with input as dist("https-only", fx.unknown)
	count(cloudfront_transport.deny) == 0 with input as dist("https-only", ["TLSv1.1"]) with data.config.params.min_tls_version as "1.1"
}

# resource "aws_cloudfront_response_headers_policy" "web" {   # line 1
#   name = "web"                                              # line 2
#   security_headers_config {                                 # line 3
#     strict_transport_security {                             # line 4
#       access_control_max_age_sec = MAX_AGE                  # line 5
#       include_subdomains         = SUBDOMAINS               # line 6
#       preload                    = PRELOAD                  # line 7
#       override                   = OVERRIDE                 # line 8
#     }                                                       # line 9
#   }                                                         # line 10
# }                                                           # line 11
sts_lines := {"access_control_max_age_sec": 5, "include_subdomains": 6, "preload": 7, "override": 8}

policy(sts) := fx.doc("aws_cloudfront_response_headers_policy", "web", fx.block(1, 11, {
	"name": "web",
	"security_headers_config": [fx.block(3, 10, {"strict_transport_security": [fx.block(4, 9, sts, sts_lines)]}, {})],
}, {"name": 2}))

strong := {"access_control_max_age_sec": 63072000, "include_subdomains": true, "preload": true, "override": true}

msg(text) := sprintf(`CloudFront response headers policy "web" does not enforce HSTS: %s`, [text])

test_tg_aws_565_violation if {
	findings := cloudfront_transport.deny with input as policy(object.union(strong, {"access_control_max_age_sec": 86400, "preload": false}))
	fx.found(findings, "TG-AWS-565", fx.span(4, 9), msg("access_control_max_age_sec = 86400 is under one year, preload = false"))
	count(findings) == 1
	fx.found(cloudfront_transport.deny, "TG-AWS-565", fx.span(4, 9), msg("override is not set, default false")) with input as policy(object.remove(strong, ["override"]))
	fx.found(cloudfront_transport.deny, "TG-AWS-565", fx.span(1, 3), msg("no security_headers_config")) with input as fx.doc("aws_cloudfront_response_headers_policy", "web", fx.block(1, 3, {"name": "web"}, {"name": 2}))
	fx.found(cloudfront_transport.deny, "TG-AWS-565", fx.span(3, 5), msg("no strict_transport_security in security_headers_config")) with input as fx.doc("aws_cloudfront_response_headers_policy", "web", fx.block(1, 6, {"name": "web", "security_headers_config": [fx.block(3, 5, {"content_type_options": [fx.block(4, 4, {"override": true}, {"override": 4})]}, {})]}, {"name": 2}))
}

test_tg_aws_565_compliant if {
	count(cloudfront_transport.deny) == 0 with input as policy(strong)
	count(cloudfront_transport.deny) == 0 with input as policy(object.union(strong, {"preload": fx.unknown, "access_control_max_age_sec": fx.unknown}))
	count(cloudfront_transport.deny) == 0 with input as fx.doc("aws_cloudfront_response_headers_policy", "web", fx.block(1, 3, {"name": "web", "security_headers_config": fx.unknown}, {"name": 2, "security_headers_config": 3}))
}
