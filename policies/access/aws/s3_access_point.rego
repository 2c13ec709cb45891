package tollgate.access.aws.s3_access_point

import data.tollgate.lib
import rego.v1

settings := ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"]

# METADATA
# title: S3 access point turns off a Block Public Access setting
# description: |
#   The public_access_block_configuration of an aws_s3_access_point sets block_public_acls,
#   block_public_policy, ignore_public_acls or restrict_public_buckets to false (each is
#   true when unset): the access point's policy, or ACLs reached through it, can then
#   grant access to anyone, and the bucket's data becomes reachable from the internet
#   through the access point's own endpoint.
# related_resources:
# - https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points-bpa-settings.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_access_point#public_access_block_configuration
# custom:
#   id: TG-AWS-581
#   severity: medium
#   category: access
#   provider: aws
#   remediation: Remove the false settings from public_access_block_configuration (all four default to true), and prefer a vpc_configuration so the access point is reachable only from the VPC.
#   frameworks:
#     nist-800-53: ["AC-3"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type == "aws_s3_access_point"
	some config in input.resource.public_access_block_configuration
	some setting in settings
	lib.is_false(config[setting])
	msg := sprintf("S3 access point %q turns off a Block Public Access setting (%s = false)", [input.name, setting])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(config, setting), msg)
}
