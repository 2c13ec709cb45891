package tollgate.encryption.aws.cloudfront_transport

import data.tollgate.access.aws.helpers
import data.tollgate.lib
import rego.v1

# The protocols CloudFront can use toward a custom origin, and their versions.
origin_protocols := {"SSLv3": 0.3, "TLSv1": 1.0, "TLSv1.1": 1.1, "TLSv1.2": 1.2}

# METADATA
# title: CloudFront distribution reaches its origin with outdated SSL/TLS versions
# description: |
#   The origin_ssl_protocols of a custom_origin_config of an aws_cloudfront_distribution
#   include a protocol older than the min_tls_version parameter (1.2 by default): SSLv3,
#   TLSv1 or TLSv1.1. CloudFront then agrees to talk to an origin that offers only that
#   protocol, so a downgraded or misconfigured origin receives viewers' requests, cookies
#   and credentials over a broken protocol (SSL 3.0 falls to POODLE). Origins with
#   origin_protocol_policy "http-only", where the list is not used, are not reported.
# related_resources:
# - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/secure-connections-supported-ciphers-cloudfront-to-origin.html
# - https://docs.aws.amazon.com/securityhub/latest/userguide/cloudfront-controls.html#cloudfront-10
# custom:
#   id: TG-AWS-564
#   severity: medium
#   category: encryption
#   provider: aws
#   remediation: Set origin_ssl_protocols = ["TLSv1.2"] in custom_origin_config, after making sure the origin serves TLS 1.2.
#   frameworks:
#     nist-800-53: ["SC-8", "SC-13"]
#     soc2: ["CC6.7"]
#     pci-dss-4.0: ["4.2.1"]
deny contains finding if {
	input.type == "aws_cloudfront_distribution"
	some origin in input.resource.origin
	some config in origin.custom_origin_config
	not config.origin_protocol_policy == "http-only"
	weak := sort([p | some p in helpers.strings_of(config.origin_ssl_protocols); helpers.below_min_tls(origin_protocols[p])])
	count(weak) > 0
	msg := sprintf("CloudFront distribution %q lets origin %s be reached with %s (origin_ssl_protocols), older than %s", [input.name, origin_name(origin), concat(", ", weak), helpers.tls_name(helpers.number(lib.param("min_tls_version")))])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(config, "origin_ssl_protocols"), msg)
}

origin_name(origin) := sprintf("%q", [origin.origin_id]) if is_string(origin.origin_id)

else := "(unnamed)"

# A year, in seconds: the max-age browsers and the HSTS preload list expect.
one_year := 31536000

# METADATA
# title: CloudFront response headers policy does not enforce HSTS
# description: |
#   An aws_cloudfront_response_headers_policy has no
#   security_headers_config.strict_transport_security, or its Strict-Transport-Security
#   header falls short: access_control_max_age_sec under one year (31536000 seconds),
#   include_subdomains, preload or override not true. Browsers then keep trying plain HTTP
#   first (for the site or its subdomains), where a network attacker can strip TLS, or
#   the origin's weaker header wins over the policy's.
# related_resources:
# - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/understanding-response-headers-policies.html#understanding-response-headers-policies-security
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cloudfront_response_headers_policy#strict_transport_security
# custom:
#   id: TG-AWS-565
#   severity: low
#   category: encryption
#   provider: aws
#   remediation: Add security_headers_config { strict_transport_security { access_control_max_age_sec = 31536000, include_subdomains = true, preload = true, override = true } } to the policy and attach it to the distribution's cache behaviors.
#   frameworks:
#     nist-800-53: ["SC-8"]
#     soc2: ["CC6.7"]
deny contains finding if {
	input.type == "aws_cloudfront_response_headers_policy"
	some v in hsts_gaps
	msg := sprintf("CloudFront response headers policy %q does not enforce HSTS: %s", [input.name, v.text])
	finding := lib.finding(rego.metadata.rule(), v.location, msg)
}

hsts_gaps contains v if {
	r := input.resource
	helpers.no_block(r, "security_headers_config")
	v := {"location": lib.loc(r), "text": "no security_headers_config"}
}

hsts_gaps contains v if {
	some headers in input.resource.security_headers_config
	helpers.no_block(headers, "strict_transport_security")
	v := {"location": lib.loc(headers), "text": "no strict_transport_security in security_headers_config"}
}

hsts_gaps contains v if {
	some headers in input.resource.security_headers_config
	some sts in headers.strict_transport_security
	problems := [p | some p in sts_problems(sts)]
	count(problems) > 0
	v := {"location": lib.loc(sts), "text": concat(", ", sort(problems))}
}

sts_problems(sts) := {sprintf("access_control_max_age_sec = %v is under one year", [sts.access_control_max_age_sec]) |
	helpers.number(sts.access_control_max_age_sec) < one_year
} | {"access_control_max_age_sec is not set" |
	lib.missing(sts, "access_control_max_age_sec")
} | {problem |
	some key in ["include_subdomains", "preload", "override"]
	problem := helpers.off(sts, key)
}
