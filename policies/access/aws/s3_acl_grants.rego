package tollgate.access.aws.s3_acl_grants

import data.tollgate.lib
import rego.v1

# The S3 predefined groups that stand for people outside the bucket owner's account.
public_groups := {
	"AllUsers": "everyone on the internet",
	"AuthenticatedUsers": "every AWS account",
}

# METADATA
# title: S3 bucket ACL grants access to everyone or to every AWS account
# description: |
#   An explicit grant of the bucket's ACL names the predefined group AllUsers
#   (http://acs.amazonaws.com/groups/global/AllUsers, anyone on the internet) or
#   AuthenticatedUsers (any AWS account, whoever owns it) as grantee: with READ they can
#   list the bucket, with WRITE create and overwrite objects, with READ_ACP read the ACL,
#   with WRITE_ACP or FULL_CONTROL take over the bucket's permissions. Checked on the grant
#   blocks of an aws_s3_bucket_acl access_control_policy and on the grant blocks of an
#   AWS provider v3 aws_s3_bucket. Public canned ACLs are reported by TG-AWS-001.
# related_resources:
# - https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#specifying-grantee-predefined-groups
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_acl#access_control_policy
# custom:
#   id: TG-AWS-550
#   severity: high
#   category: access
#   provider: aws
#   remediation: Remove the grants to AllUsers and AuthenticatedUsers, grant access to named accounts or through the bucket policy, and turn on block_public_acls and ignore_public_acls in aws_s3_bucket_public_access_block.
#   frameworks:
#     nist-800-53: ["AC-3", "AC-6"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["1.4.1"]
deny contains finding if {
	input.type in {"aws_s3_bucket_acl", "aws_s3_bucket"}
	some g in public_grants
	msg := sprintf("%s %q grants %s to %s (%s)", [kinds[input.type], input.name, g.permission, g.group, public_groups[g.group]])
	finding := lib.finding(rego.metadata.rule(), g.location, msg)
}

kinds := {
	"aws_s3_bucket_acl": "S3 bucket ACL",
	"aws_s3_bucket": "S3 bucket",
}

# aws_s3_bucket_acl: access_control_policy { grant { grantee { type, uri } permission } }
public_grants contains g if {
	input.type == "aws_s3_bucket_acl"
	some policy in input.resource.access_control_policy
	some grant in policy.grant
	some grantee in grant.grantee
	group := global_group(grantee.uri)
	g := {"group": group, "permission": permission_text(object.get(grant, "permission", null)), "location": lib.attr_loc(grantee, "uri")}
}

# aws_s3_bucket (AWS provider v3): grant { type, uri, permissions }
public_grants contains g if {
	input.type == "aws_s3_bucket"
	some grant in input.resource.grant
	group := global_group(grant.uri)
	g := {"group": group, "permission": permission_text(object.get(grant, "permissions", null)), "location": lib.attr_loc(grant, "uri")}
}

# global_group(uri) is the name of the public predefined group uri designates.
global_group(uri) := m[1] if {
	is_string(uri)
	m := regex.find_all_string_submatch_n(`^https?://acs\.amazonaws\.com/groups/global/(AllUsers|AuthenticatedUsers)/?$`, uri, 1)[0]
}

permission_text(p) := p if is_string(p)

else := concat(", ", sort([x | some x in p; is_string(x)])) if {
	is_array(p)
	count([x | some x in p; is_string(x)]) > 0
}

else := "access"
