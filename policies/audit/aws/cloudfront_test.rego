package tollgate.audit.aws.cloudfront_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.audit.aws.cloudfront
import rego.v1

# resource "aws_cloudfront_distribution" "site" {                 # line 1
#   enabled = true                                                # line 2
#   logging_config {                                              # line 3
#     bucket = aws_s3_bucket.logs.bucket_domain_name              # line 4 (unknown)
#   }                                                             # line 5
# }                                                               # line 6
distribution(logging) := fx.doc("aws_cloudfront_distribution", "site", fx.block(1, 6, object.union({"enabled": true}, logging), {"enabled": 2}))

test_tg_aws_175_violation if {
	findings := cloudfront.deny with input as distribution({})
	fx.found(findings, "TG-AWS-175", fx.span(1, 6), `CloudFront distribution "site" does not write access logs (no logging_config block)`)
	count(findings) == 1
}

test_tg_aws_175_compliant if {
	count(cloudfront.deny) == 0 with input as distribution({"logging_config": [fx.block(3, 5, {"bucket": fx.unknown}, {"bucket": 4})]})
}

test_tg_aws_175_unknown_does_not_fire if {
	d := fx.doc("aws_cloudfront_distribution", "site", fx.block(1, 6, {"enabled": true, "logging_config": fx.unknown}, {"enabled": 2, "logging_config": [3, 5]}))
	count(cloudfront.deny) == 0 with input as d
}
