package tollgate.access.aws.s3_public

import data.tollgate.access.aws.helpers
import data.tollgate.lib
import rego.v1

block_kinds := {
	"aws_s3_bucket_public_access_block": "S3 public access block",
	"aws_s3_account_public_access_block": "S3 account public access block",
}

# The four settings of S3 Block Public Access; each defaults to false on the resource.
block_settings := ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"]

policy_kinds := {
	"aws_s3_bucket_policy": "S3 bucket policy",
	"aws_s3_bucket": "S3 bucket",
}

# S3 actions that change or delete data or permissions: a public statement that
# covers one of them lets anyone tamper with the bucket.
write_actions := {
	"s3:putobject", "s3:putobjectacl", "s3:deleteobject", "s3:deleteobjectversion",
	"s3:putbucketpolicy", "s3:putbucketacl", "s3:deletebucket", "s3:deletebucketpolicy",
	"s3:putlifecycleconfiguration", "s3:putbucketversioning", "s3:replicateobject", "s3:restoreobject",
}

# METADATA
# title: S3 Block Public Access leaves a setting off
# description: |
#   An aws_s3_bucket_public_access_block or aws_s3_account_public_access_block sets one
#   of block_public_acls, block_public_policy, ignore_public_acls or
#   restrict_public_buckets to false, or leaves it out (each defaults to false on these
#   resources). The setting that is off no longer stops a public ACL or bucket policy
#   from exposing objects, which is the safety net against a mistaken grant.
# related_resources:
# - https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_public_access_block
# custom:
#   id: TG-AWS-040
#   severity: medium
#   category: access
#   provider: aws
#   remediation: Set block_public_acls, block_public_policy, ignore_public_acls and restrict_public_buckets to true; serve public content through CloudFront with origin access control instead of a public bucket.
#   frameworks:
#     cis-aws-2.0: ["2.1.4"]
#     nist-800-53: ["AC-3"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type in {"aws_s3_bucket_public_access_block", "aws_s3_account_public_access_block"}
	r := input.resource
	some setting in block_settings
	problem := helpers.off(r, setting)
	msg := sprintf("%s %q leaves a setting off: %s", [block_kinds[input.type], input.name, problem])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, setting), msg)
}

# METADATA
# title: S3 bucket policy allows public read access
# description: |
#   A statement of the bucket policy (aws_s3_bucket_policy, or the inline policy of an
#   AWS provider v3 aws_s3_bucket) has Effect Allow, Principal "*" (or {"AWS": "*"}) and
#   no Condition: anyone on the internet can read or list the bucket. Statements that
#   also allow writing are reported by TG-AWS-042 instead. A policy whose JSON is not
#   known statically (a data source's json output) is not evaluated.
# related_resources:
# - https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-policy-language-overview.html
# - https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-2
# custom:
#   id: TG-AWS-041
#   severity: high
#   category: access
#   provider: aws
#   remediation: Name the principals that need access, or add a Condition (aws:SourceVpce, aws:PrincipalOrgID, aws:SourceArn) to the statement; publish public content through CloudFront with origin access control.
#   frameworks:
#     nist-800-53: ["AC-3", "AC-6"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type in {"aws_s3_bucket_policy", "aws_s3_bucket"}
	public := public_statements
	count(public) > 0
	count(write_statements) == 0
	msg := sprintf("%s %q lets anyone (Principal \"*\", no Condition) %s", [policy_kinds[input.type], input.name, describe(public)])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(input.resource, "policy"), msg)
}

# METADATA
# title: S3 bucket policy allows public write access
# description: |
#   A statement of the bucket policy (aws_s3_bucket_policy, or the inline policy of an
#   AWS provider v3 aws_s3_bucket) has Effect Allow, Principal "*" (or {"AWS": "*"}), no
#   Condition, and actions that write, delete or change permissions (s3:PutObject,
#   s3:DeleteObject, s3:PutBucketPolicy, s3:*, a NotAction that leaves them in...):
#   anyone on the internet can plant malware, destroy data or take the bucket over.
# related_resources:
# - https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-policy-language-overview.html
# - https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-3
# custom:
#   id: TG-AWS-042
#   severity: critical
#   category: access
#   provider: aws
#   remediation: Remove the public statement; grant write access to named roles only, and keep Block Public Access on (block_public_policy = true) so such a policy is refused.
#   frameworks:
#     nist-800-53: ["AC-3", "AC-6"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type in {"aws_s3_bucket_policy", "aws_s3_bucket"}
	writes := write_statements
	count(writes) > 0
	msg := sprintf("%s %q lets anyone (Principal \"*\", no Condition) %s", [policy_kinds[input.type], input.name, describe(writes)])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(input.resource, "policy"), msg)
}

public_statements := [s |
	some s in helpers.statements(input.resource.policy)
	helpers.public_statement(s)
]

write_statements := [s |
	some s in public_statements
	grants_write(s)
]

grants_write(s) if {
	some action in write_actions
	helpers.grants(s, action)
}

describe(statements) := concat("; ", [helpers.action_text(s) | some s in statements])
