package tollgate.audit.aws.s3

import data.tollgate.access.aws.helpers
import data.tollgate.lib
import rego.v1

# METADATA
# title: S3 bucket has no access logging
# description: |
#   The aws_s3_bucket has no inline logging block (AWS provider v3 form) and no
#   aws_s3_bucket_logging resource (AWS provider v4 and later) refers to it: requests to
#   the bucket's objects are not recorded, so a data exfiltration cannot be investigated.
#   The log target bucket itself is reported too (it should not log into itself);
#   suppress the finding for it, or record its data events with CloudTrail.
# related_resources:
# - https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_logging
# custom:
#   id: TG-AWS-033
#   severity: low
#   category: audit
#   provider: aws
#   remediation: Enable server access logging to a dedicated log bucket with an aws_s3_bucket_logging resource (or the inline logging block on AWS provider v3), or record S3 data events with CloudTrail.
#   frameworks:
#     nist-800-53: ["AU-2", "AU-12"]
#     soc2: ["CC7.2"]
#     pci-dss-4.0: ["10.2.1"]
deny contains finding if {
	input.type == "aws_s3_bucket"
	b := input.resource
	no_block(b, "logging")
	not helpers.has_related("aws_s3_bucket_logging")
	msg := sprintf("S3 bucket %q has no access logging (logging block)", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.loc(b), msg)
}

no_block(obj, key) if lib.missing(obj, key)

# A dynamic block that produced no block at all.
no_block(obj, key) if obj[key] == []
