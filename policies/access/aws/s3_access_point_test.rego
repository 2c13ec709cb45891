package tollgate.access.aws.s3_access_point_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.access.aws.s3_access_point
import rego.v1

# resource "aws_s3_access_point" "data" {     # line 1
#   bucket = "data"                           # line 2
#   name   = "data"                           # line 3
#   public_access_block_configuration {       # line 4
#     block_public_acls       = A             # line 5
#     block_public_policy     = B             # line 6
#     ignore_public_acls      = C             # line 7
#     restrict_public_buckets = D             # line 8
#   }                                         # line 9
# }                                           # line 10
point(config) := fx.doc("aws_s3_access_point", "data", fx.block(1, 10, {
	"bucket": "data",
	"name": "data",
	"public_access_block_configuration": [fx.block(4, 9, config, {"block_public_acls": 5, "block_public_policy": 6, "ignore_public_acls": 7, "restrict_public_buckets": 8})],
}, {"bucket": 2, "name": 3}))

test_tg_aws_581_violation if {
	findings := s3_access_point.deny with input as point({"block_public_policy": false})
	fx.found(findings, "TG-AWS-581", fx.at(6), `S3 access point "data" turns off a Block Public Access setting (block_public_policy = false)`)
	count(findings) == 1
	count(s3_access_point.deny) == 3 with input as point({"block_public_acls": false, "block_public_policy": false, "restrict_public_buckets": false})
}

test_tg_aws_581_compliant if {
	count(s3_access_point.deny) == 0 with input as point({})
	count(s3_access_point.deny) == 0 with input as point({"block_public_policy": true, "ignore_public_acls": fx.unknown})
	count(s3_access_point.deny) == 0 with input as fx.doc("aws_s3_access_point", "data", fx.block(1, 3, {"bucket": "data", "name": "data"}, {"bucket": 2, "name": 3}))
}
