package tollgate.access.aws.cloudfront_s3_origin_test

import data.tollgate.access.aws.cloudfront_s3_origin
import data.tollgate.access.aws.fixture as fx
import rego.v1

# resource "aws_cloudfront_distribution" "site" {                       # line 1
#   enabled = true                                                      # line 2
#   origin {                                                            # line 3
#     origin_id   = "s3"                                                # line 4
#     domain_name = aws_s3_bucket.site.bucket_regional_domain_name      # line 5
#     ACCESS                                                            # line 6
#   }                                                                   # line 7
# }                                                                     # line 8
dist(access) := fx.doc("aws_cloudfront_distribution", "site", fx.block(1, 8, {
	"enabled": true,
	"origin": [fx.block(3, 7, object.union({"origin_id": "s3", "domain_name": fx.unknown}, access), {"origin_id": 4, "domain_name": 5, "origin_access_control_id": 6, "s3_origin_config": 6, "custom_origin_config": 6})],
}, {"enabled": 2}))

oai(value) := {"s3_origin_config": [fx.block(6, 6, {"origin_access_identity": value}, {"origin_access_identity": 6})]}

msg := `CloudFront distribution "site" reads S3 origin "s3" without origin access control (no origin_access_control_id, no origin access identity): the bucket must be public`

test_tg_aws_558_violation if {
	findings := cloudfront_s3_origin.deny with input as dist({})
	fx.found(findings, "TG-AWS-558", fx.span(3, 7), msg)
	count(findings) == 1
	fx.found(cloudfront_s3_origin.deny, "TG-AWS-558", fx.span(3, 7), msg) with input as dist(oai(""))
	fx.found(cloudfront_s3_origin.deny, "TG-AWS-558", fx.span(3, 7), msg) with input as dist({"origin_access_control_id": ""})
}

test_tg_aws_558_compliant if {
	count(cloudfront_s3_origin.deny) == 0 with input as dist({"origin_access_control_id": fx.unknown})
	count(cloudfront_s3_origin.deny) == 0 with input as dist({"origin_access_control_id": "E2QWRUHAPOMQZL"})
	count(cloudfront_s3_origin.deny) == 0 with input as dist(oai(fx.unknown))
	count(cloudfront_s3_origin.deny) == 0 with input as dist(oai("origin-access-identity/cloudfront/E1"))
	count(cloudfront_s3_origin.deny) == 0 with input as dist({"custom_origin_config": [fx.block(6, 6, {"origin_protocol_policy": "https-only"}, {"origin_protocol_policy": 6})]})
	count(cloudfront_s3_origin.deny) == 0 with input as dist({"custom_origin_config": fx.unknown})
}
