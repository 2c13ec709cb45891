package tollgate.access.cloudformation.s3

import data.tollgate.lib
import rego.v1

# Canned ACLs that grant access beyond the bucket owner's account.
public_acls := {"PublicRead", "PublicReadWrite", "AuthenticatedRead"}

# METADATA
# title: CloudFormation S3 bucket grants public access through its canned ACL
# description: |
#   AccessControl is PublicRead, PublicReadWrite or AuthenticatedRead on an AWS::S3::Bucket:
#   anyone on the internet (or any AWS account) can list and read the bucket's objects, and
#   with PublicReadWrite also write and delete them.
# related_resources:
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-s3-bucket.html#cfn-s3-bucket-accesscontrol
# - https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#canned-acl
# custom:
#   id: TG-CFN-001
#   severity: high
#   category: access
#   provider: aws
#   remediation: Remove AccessControl (or set it to Private), grant access with a bucket policy to named principals, and add a PublicAccessBlockConfiguration that blocks public ACLs and policies.
#   frameworks:
#     nist-800-53: ["AC-3"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type == "AWS::S3::Bucket"
	p := input.resource.Properties
	p.AccessControl in public_acls
	msg := sprintf("S3 bucket %q has public canned ACL %q", [input.name, p.AccessControl])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(p, "AccessControl"), msg)
}
