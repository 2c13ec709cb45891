package tollgate.access.aws.cloudfront_s3_origin

import data.tollgate.lib
import rego.v1

# METADATA
# title: CloudFront S3 origin has no origin access control
# description: |
#   An origin of an aws_cloudfront_distribution is an S3 origin (it has no
#   custom_origin_config or vpc_origin_config: the provider then sends CloudFront an S3
#   origin) without origin_access_control_id and without an s3_origin_config
#   origin_access_identity. CloudFront then reads the bucket anonymously, so the bucket
#   must be public for the distribution to work, and anyone can fetch its objects directly,
#   bypassing the distribution's WAF, geo restrictions, signed URLs and logs. S3 website
#   endpoints, served through custom_origin_config, cannot use origin access and are not
#   reported.
# related_resources:
# - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-restricting-access-to-s3.html
# - https://docs.aws.amazon.com/securityhub/latest/userguide/cloudfront-controls.html#cloudfront-13
# custom:
#   id: TG-AWS-558
#   severity: medium
#   category: access
#   provider: aws
#   remediation: Create an aws_cloudfront_origin_access_control (signing_behavior = "always", signing_protocol = "sigv4"), set origin_access_control_id on the origin, allow only the distribution (aws:SourceArn) in the bucket policy, and block public access to the bucket.
#   frameworks:
#     nist-800-53: ["AC-3", "AC-6"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type == "aws_cloudfront_distribution"
	some origin in input.resource.origin
	is_object(origin)
	s3_origin(origin)
	no_origin_access(origin)
	msg := sprintf("CloudFront distribution %q reads S3 origin %s without origin access control (no origin_access_control_id, no origin access identity): the bucket must be public", [input.name, origin_name(origin)])
	finding := lib.finding(rego.metadata.rule(), lib.loc(origin), msg)
}

s3_origin(origin) if {
	not other_origin(origin)
}

other_origin(origin) if {
	some key in ["custom_origin_config", "vpc_origin_config"]
	lib.unknown(origin, key)
}

other_origin(origin) if {
	some key in ["custom_origin_config", "vpc_origin_config"]
	count(object.get(origin, key, [])) > 0
}

no_origin_access(origin) if {
	blank(origin, "origin_access_control_id")
	not identity(origin)
}

identity(origin) if lib.unknown(origin, "s3_origin_config")

identity(origin) if {
	some config in origin.s3_origin_config
	not blank(config, "origin_access_identity")
}

# blank(obj, key): key is absent or empty, and not merely unknown.
blank(obj, key) if lib.missing(obj, key)

blank(obj, key) if obj[key] == ""

origin_name(origin) := sprintf("%q", [origin.origin_id]) if is_string(origin.origin_id)

else := sprintf("%q", [origin.domain_name]) if is_string(origin.domain_name)

else := "(unnamed)"
