package tollgate.access.aws.s3

import data.tollgate.lib
import rego.v1

# Canned ACLs that grant access beyond the bucket owner's account.
public_acls := {"public-read", "public-read-write", "authenticated-read"}

kinds := {
	"aws_s3_bucket": "S3 bucket",
	"aws_s3_bucket_acl": "S3 bucket ACL",
}

# METADATA
# title: S3 bucket ACL grants public access
# description: |
#   A public canned ACL (public-read, public-read-write, authenticated-read) lets anyone on
#   the internet, or any AWS account, read (or write) the bucket's objects. Checked on the
#   inline acl of aws_s3_bucket (AWS provider v3) and on the aws_s3_bucket_acl resource.
# related_resources:
# - https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#canned-acl
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_acl
# custom:
#   id: TG-AWS-001
#   severity: high
#   category: access
#   provider: aws
#   remediation: Remove the acl attribute (or set it to private) and block public access with aws_s3_bucket_public_access_block.
#   frameworks:
#     nist-800-53: ["AC-3"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type in {"aws_s3_bucket", "aws_s3_bucket_acl"}
	r := input.resource
	r.acl in public_acls
	msg := sprintf("%s %q has public canned ACL %q", [kinds[input.type], input.name, r.acl])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "acl"), msg)
}
