package tollgate.access.aws.s3_acl_grants_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.access.aws.s3_acl_grants
import rego.v1

all_users := "http://acs.amazonaws.com/groups/global/AllUsers"

authenticated := "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"

# resource "aws_s3_bucket_acl" "site" {         # line 1
#   bucket = aws_s3_bucket.site.id              # line 2
#   access_control_policy {                     # line 3
#     grant {                                   # line 4
#       grantee {                               # line 5
#         type = "Group"                        # line 6
#         uri  = URI                            # line 7
#       }                                       # line 8
#       permission = PERMISSION                 # line 9
#     }                                         # line 10
#     owner { id = "abc" }                      # line 11
#   }                                           # line 12
# }                                             # line 13
acl(uri, permission) := fx.doc("aws_s3_bucket_acl", "site", fx.block(1, 13, {
	"bucket": fx.unknown,
	"access_control_policy": [fx.block(3, 12, {
		"grant": [fx.block(4, 10, {
			"grantee": [fx.block(5, 8, {"type": "Group", "uri": uri}, {"type": 6, "uri": 7})],
			"permission": permission,
		}, {"permission": 9})],
		"owner": [fx.block(11, 11, {"id": "abc"}, {"id": 11})],
	}, {})],
}, {"bucket": 2}))

# resource "aws_s3_bucket" "legacy" {           # line 1
#   bucket = "legacy"                           # line 2
#   grant {                                     # line 3
#     type        = "Group"                     # line 4
#     uri         = URI                         # line 5
#     permissions = PERMISSIONS                 # line 6
#   }                                           # line 7
# }                                             # line 8
bucket(uri, permissions) := fx.doc("aws_s3_bucket", "legacy", fx.block(1, 8, {
	"bucket": "legacy",
	"grant": [fx.block(3, 7, {"type": "Group", "uri": uri, "permissions": permissions}, {"type": 4, "uri": 5, "permissions": 6})],
}, {"bucket": 2}))

test_tg_aws_550_violation if {
	findings := s3_acl_grants.deny with input as acl(all_users, "READ")
	fx.found(findings, "TG-AWS-550", fx.at(7), `S3 bucket ACL "site" grants READ to AllUsers (everyone on the internet)`)
	count(findings) == 1
	fx.found(s3_acl_grants.deny, "TG-AWS-550", fx.at(7), `S3 bucket ACL "site" grants FULL_CONTROL to AuthenticatedUsers (every AWS account)`) with input as acl(authenticated, "FULL_CONTROL")
	fx.found(s3_acl_grants.deny, "TG-AWS-550", fx.at(7), `S3 bucket ACL "site" grants access to AllUsers (everyone on the internet)`) with input as acl(all_users, fx.unknown)
	fx.found(s3_acl_grants.deny, "TG-AWS-550", fx.at(5), `S3 bucket "legacy" grants READ, WRITE to AllUsers (everyone on the internet)`) with input as bucket(all_users, ["WRITE", "READ"])
}

test_tg_aws_550_compliant if {
	count(s3_acl_grants.deny) == 0 with input as acl("http://acs.amazonaws.com/groups/s3/LogDelivery", "WRITE")
	count(s3_acl_grants.deny) == 0 with input as acl(fx.unknown, "READ")
	count(s3_acl_grants.deny) == 0 with input as bucket("http://acs.amazonaws.com/groups/s3/LogDelivery", ["WRITE", "READ_ACP"])
	count(s3_acl_grants.deny) == 0 with input as fx.doc("aws_s3_bucket_acl", "site", fx.block(1, 3, {"acl": "private"}, {"acl": 2}))
}
