package tollgate.encryption.aws.cloudfront_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.encryption.aws.cloudfront
import rego.v1

# resource "aws_cloudfront_distribution" "site" {   # line 1
#   enabled = true                                  # line 2
#   default_cache_behavior {                        # line 3
#     target_origin_id       = "site"               # line 4
#     viewer_protocol_policy = POLICY               # line 5
#   }                                               # line 6
#   ordered_cache_behavior {                        # line 7
#     path_pattern           = "/api/*"             # line 8
#     viewer_protocol_policy = POLICY               # line 9
#   }                                               # line 10
#   viewer_certificate {                            # line 11
#     acm_certificate_arn      = ...                # line 12 (unknown)
#     minimum_protocol_version = VERSION            # line 13
#   }                                               # line 14
# }                                                 # line 15
distribution(default_policy, ordered_policy, cert) := fx.doc("aws_cloudfront_distribution", "site", fx.block(
	1, 15, {
		"enabled": true,
		"default_cache_behavior": [fx.block(3, 6, {"target_origin_id": "site", "viewer_protocol_policy": default_policy}, {"target_origin_id": 4, "viewer_protocol_policy": 5})],
		"ordered_cache_behavior": [fx.block(7, 10, {"path_pattern": "/api/*", "viewer_protocol_policy": ordered_policy}, {"path_pattern": 8, "viewer_protocol_policy": 9})],
		"viewer_certificate": [fx.block(11, 14, cert, {"acm_certificate_arn": 12, "minimum_protocol_version": 13, "cloudfront_default_certificate": 12})],
	},
	{"enabled": 2},
))

modern := {"acm_certificate_arn": fx.unknown, "minimum_protocol_version": "TLSv1.2_2021"}

test_tg_aws_103_violation if {
	findings := cloudfront.deny with input as distribution("redirect-to-https", "allow-all", modern)
	fx.found(findings, "TG-AWS-103", fx.at(9), `CloudFront distribution "site" serves plain HTTP to viewers (ordered_cache_behavior "/api/*" viewer_protocol_policy = "allow-all")`)
	count(findings) == 1
}

test_tg_aws_103_compliant if {
	count(cloudfront.deny) == 0 with input as distribution("redirect-to-https", "https-only", modern)
	count(cloudfront.deny) == 0 with input as distribution(fx.unknown, "https-only", modern)
}

test_tg_aws_103_default_behavior if {
	fx.found(cloudfront.deny, "TG-AWS-103", fx.at(5), `CloudFront distribution "site" serves plain HTTP to viewers (default_cache_behavior viewer_protocol_policy = "allow-all")`) with input as distribution("allow-all", "https-only", modern)
}

test_tg_aws_104_violation if {
	findings := cloudfront.deny with input as distribution("https-only", "https-only", {"acm_certificate_arn": fx.unknown, "minimum_protocol_version": "TLSv1.1_2016"})
	fx.found(findings, "TG-AWS-104", fx.at(13), `CloudFront distribution "site" accepts TLS 1.1 from viewers (minimum_protocol_version = "TLSv1.1_2016"), older than TLS 1.2`)
	count(findings) == 1
}

test_tg_aws_104_compliant if {
	count(cloudfront.deny) == 0 with input as distribution("https-only", "https-only", modern)
	count(cloudfront.deny) == 0 with input as distribution("https-only", "https-only", {"cloudfront_default_certificate": true})
	count(cloudfront.deny) == 0 with input as distribution("https-only", "https-only", {"acm_certificate_arn": fx.unknown, "minimum_protocol_version": fx.unknown})
}

test_tg_aws_104_default_and_old_names if {
	fx.found(cloudfront.deny, "TG-AWS-104", fx.span(11, 14), `CloudFront distribution "site" accepts TLS 1.0 from viewers (minimum_protocol_version is not set, default TLSv1), older than TLS 1.2`) with input as distribution("https-only", "https-only", {"acm_certificate_arn": fx.unknown})
	count(cloudfront.deny) == 1 with input as distribution("https-only", "https-only", {"acm_certificate_arn": fx.unknown, "minimum_protocol_version": "TLSv1_2016"})
	fx.found(cloudfront.deny, "TG-AWS-104", fx.at(13), `CloudFront distribution "site" accepts SSL 3.0 from viewers (minimum_protocol_version = "SSLv3"), older than TLS 1.2`) with input as distribution("https-only", "https-only", {"acm_certificate_arn": fx.unknown, "minimum_protocol_version": "SSLv3"})
}
