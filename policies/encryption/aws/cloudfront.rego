package tollgate.encryption.aws.cloudfront

import data.tollgate.access.aws.helpers
import data.tollgate.lib
import rego.v1

# METADATA
# title: CloudFront distribution serves plain HTTP to viewers
# description: |
#   viewer_protocol_policy = "allow-all" on the default_cache_behavior or an
#   ordered_cache_behavior of an aws_cloudfront_distribution: viewers can fetch the
#   content, and send cookies and form data, over unencrypted HTTP.
# related_resources:
# - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-https-viewers-to-cloudfront.html
# - https://docs.aws.amazon.com/securityhub/latest/userguide/cloudfront-controls.html#cloudfront-3
# custom:
#   id: TG-AWS-103
#   severity: medium
#   category: encryption
#   provider: aws
#   remediation: Set viewer_protocol_policy = "redirect-to-https" (or "https-only") on every cache behavior.
#   frameworks:
#     nist-800-53: ["SC-8"]
#     soc2: ["CC6.7"]
#     pci-dss-4.0: ["4.2.1"]
deny contains finding if {
	input.type == "aws_cloudfront_distribution"
	some kind in ["default_cache_behavior", "ordered_cache_behavior"]
	some behavior in input.resource[kind]
	behavior.viewer_protocol_policy == "allow-all"
	msg := sprintf("CloudFront distribution %q serves plain HTTP to viewers (%s viewer_protocol_policy = \"allow-all\")", [input.name, behavior_name(kind, behavior)])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(behavior, "viewer_protocol_policy"), msg)
}

behavior_name("default_cache_behavior", _) := "default_cache_behavior"

behavior_name("ordered_cache_behavior", b) := sprintf("ordered_cache_behavior %q", [b.path_pattern]) if is_string(b.path_pattern)

else := "ordered_cache_behavior"

# METADATA
# title: CloudFront distribution allows outdated TLS versions
# description: |
#   The viewer_certificate of an aws_cloudfront_distribution with its own certificate
#   (acm_certificate_arn or iam_certificate_id) has a minimum_protocol_version older than
#   the min_tls_version parameter (1.2 by default), or none (the provider's default is
#   TLSv1): viewers can negotiate SSL 3.0, TLS 1.0 or TLS 1.1. Distributions on the
#   default *.cloudfront.net certificate, whose minimum cannot be changed, are not
#   reported.
# related_resources:
# - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/secure-connections-supported-viewer-protocols-ciphers.html
# - https://docs.aws.amazon.com/securityhub/latest/userguide/cloudfront-controls.html#cloudfront-15
# custom:
#   id: TG-AWS-104
#   severity: medium
#   category: encryption
#   provider: aws
#   remediation: Set minimum_protocol_version = "TLSv1.2_2021" (or newer) in viewer_certificate.
#   frameworks:
#     nist-800-53: ["SC-8", "SC-13"]
#     soc2: ["CC6.7"]
#     pci-dss-4.0: ["4.2.1"]
deny contains finding if {
	input.type == "aws_cloudfront_distribution"
	some cert in input.resource.viewer_certificate
	not default_certificate(cert)
	v := minimum(cert)
	helpers.below_min_tls(v.version)
	msg := sprintf("CloudFront distribution %q accepts %s from viewers (%s), older than %s", [input.name, helpers.tls_name(v.version), v.text, helpers.tls_name(helpers.number(lib.param("min_tls_version")))])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(cert, "minimum_protocol_version"), msg)
}

# The *.cloudfront.net certificate, or possibly it.
default_certificate(cert) if lib.is_true(cert.cloudfront_default_certificate)

default_certificate(cert) if lib.unknown(cert, "cloudfront_default_certificate")

minimum(cert) := {"version": helpers.tls_version(cert.minimum_protocol_version), "text": sprintf("minimum_protocol_version = %q", [cert.minimum_protocol_version])} if {
	is_string(cert.minimum_protocol_version)
} else := {"version": 1.0, "text": "minimum_protocol_version is not set, default TLSv1"} if {
	lib.missing(cert, "minimum_protocol_version")
}
