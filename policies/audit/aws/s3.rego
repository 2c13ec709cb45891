package tollgate.audit.aws.s3

import data.tollgate.lib
import rego.v1

# METADATA
# title: S3 bucket has no access logging
# description: |
#   The aws_s3_bucket has no inline logging block (AWS provider v3 form): requests to the
#   bucket's objects are not recorded, so a data exfiltration cannot be investigated.
#   Limitation: tollgate evaluates one resource at a time, so a bucket whose logging is
#   configured by a separate aws_s3_bucket_logging resource (AWS provider v4 and later) is
#   still reported; suppress the finding for such buckets, and for the log target bucket.
# related_resources:
# - https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_logging
# custom:
#   id: TG-AWS-033
#   severity: low
#   category: audit
#   remediation: Enable server access logging to a dedicated log bucket with an aws_s3_bucket_logging resource (or the inline logging block on AWS provider v3), or record S3 data events with CloudTrail.
deny contains finding if {
	input.type == "aws_s3_bucket"
	b := input.resource
	no_block(b, "logging")
	msg := sprintf("S3 bucket %q has no access logging (logging block)", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.loc(b), msg)
}

no_block(obj, key) if lib.missing(obj, key)

# A dynamic block that produced no block at all.
no_block(obj, key) if obj[key] == []
