package tollgate.access.cloudformation.s3_public

import data.tollgate.access.cloudformation.helpers
import data.tollgate.lib
import rego.v1

block_settings := ["BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets"]

# Actions that change or destroy the bucket's data or its access control (lower case).
write_actions := {
	"s3:putobject", "s3:putobjectacl", "s3:deleteobject", "s3:deleteobjectversion",
	"s3:putbucketpolicy", "s3:putbucketacl", "s3:deletebucket", "s3:deletebucketpolicy",
	"s3:putlifecycleconfiguration", "s3:putbucketversioning", "s3:replicateobject", "s3:restoreobject",
}

# METADATA
# title: CloudFormation S3 Block Public Access leaves a setting off
# description: |
#   The PublicAccessBlockConfiguration of an AWS::S3::Bucket sets BlockPublicAcls,
#   BlockPublicPolicy, IgnorePublicAcls or RestrictPublicBuckets to false, or leaves one
#   out (a setting missing from the configuration is off): a public ACL or bucket policy,
#   added later by mistake or by an attacker, takes effect. A bucket without
#   PublicAccessBlockConfiguration keeps the S3 default for new buckets (all four on,
#   since April 2023) and is not reported. Each setting is reported on its own line.
# related_resources:
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-s3-bucket-publicaccessblockconfiguration.html
# - https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html
# custom:
#   id: TG-CFN-006
#   severity: medium
#   category: access
#   provider: aws
#   remediation: Set BlockPublicAcls, BlockPublicPolicy, IgnorePublicAcls and RestrictPublicBuckets to true (or remove PublicAccessBlockConfiguration to keep the S3 default, which blocks everything), and serve public content through CloudFront with origin access control.
#   frameworks:
#     cis-aws-2.0: ["2.1.4"]
#     nist-800-53: ["AC-3"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type == "AWS::S3::Bucket"
	cfg := input.resource.Properties.PublicAccessBlockConfiguration
	is_object(cfg)
	some setting in block_settings
	problem := helpers.off(cfg, setting)
	msg := sprintf("S3 bucket %q leaves a Block Public Access setting off (%s)", [input.name, problem])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(cfg, setting), msg)
}

# METADATA
# title: CloudFormation S3 bucket policy allows public read access
# description: |
#   A statement of an AWS::S3::BucketPolicy's PolicyDocument allows Principal "*" (or
#   {"AWS": "*"}) with no Condition, for actions that read or list the bucket: anyone on
#   the internet can download its objects. Statements that also grant a write action are
#   reported by TG-CFN-008 instead. A PolicyDocument, Principal, Effect or Condition the
#   template does not decide is not evaluated.
# related_resources:
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-s3-bucketpolicy.html
# - https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status
# custom:
#   id: TG-CFN-007
#   severity: high
#   category: access
#   provider: aws
#   remediation: Name the principals that need the bucket (account, role or service principals with aws:SourceArn), or serve public content through CloudFront with origin access control and a statement for the cloudfront.amazonaws.com principal conditioned on the distribution.
#   frameworks:
#     nist-800-53: ["AC-3", "AC-6"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type == "AWS::S3::BucketPolicy"
	p := input.resource.Properties
	some s in helpers.statements(p.PolicyDocument)
	helpers.public_statement(s)
	not grants_write(s)
	msg := sprintf("S3 bucket policy %q lets anyone (Principal \"*\", no Condition) %s", [input.name, helpers.action_text(s)])
	finding := lib.finding(rego.metadata.rule(), helpers.where(s, p, "PolicyDocument"), msg)
}

# METADATA
# title: CloudFormation S3 bucket policy allows public write access
# description: |
#   A statement of an AWS::S3::BucketPolicy's PolicyDocument allows Principal "*" (or
#   {"AWS": "*"}) with no Condition, for an action that writes, deletes or re-permissions
#   the bucket's data (s3:PutObject, s3:DeleteObject, s3:PutBucketPolicy, s3:*...):
#   anyone can plant malware, overwrite or destroy the data, or take the bucket over.
#   A PolicyDocument, Principal, Effect or Condition the template does not decide is not
#   evaluated.
# related_resources:
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-s3-bucketpolicy.html
# - https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-bucket-policies.html
# custom:
#   id: TG-CFN-008
#   severity: critical
#   category: access
#   provider: aws
#   remediation: Remove the statement, or restrict it to named principals; uploads from the public go through pre-signed URLs issued by the application.
#   frameworks:
#     nist-800-53: ["AC-3", "AC-6"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type == "AWS::S3::BucketPolicy"
	p := input.resource.Properties
	some s in helpers.statements(p.PolicyDocument)
	helpers.public_statement(s)
	grants_write(s)
	msg := sprintf("S3 bucket policy %q lets anyone (Principal \"*\", no Condition) %s", [input.name, helpers.action_text(s)])
	finding := lib.finding(rego.metadata.rule(), helpers.where(s, p, "PolicyDocument"), msg)
}

grants_write(s) if {
	some action in write_actions
	helpers.grants(s, action)
}
