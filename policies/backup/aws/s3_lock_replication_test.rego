package tollgate.backup.aws.s3_lock_replication_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.backup.aws.s3_lock_replication
import rego.v1

# resource "aws_s3_bucket" "vault" {                # line 1
#   bucket              = "vault"                   # line 2
#   object_lock_enabled = TOP                       # line 3
#   object_lock_configuration {                     # line 4
#     object_lock_enabled = BLOCK                   # line 5
#     rule { default_retention { days = 30 } }      # line 6
#   }                                               # line 7
# }                                                 # line 8
locked(top, config) := fx.doc("aws_s3_bucket", "vault", fx.block(1, 8, object.union({"bucket": "vault"}, top), {"bucket": 2, "object_lock_enabled": 3}))
	if count(config) == 0

else := fx.doc("aws_s3_bucket", "vault", fx.block(1, 8, object.union({
	"bucket": "vault",
	"object_lock_configuration": [fx.block(4, 7, object.union({"rule": [fx.block(6, 6, {}, {})]}, config), {"object_lock_enabled": 5})],
}, top), {"bucket": 2, "object_lock_enabled": 3}))

ids(findings) := fx.ids(findings, "TG-AWS-575")

test_tg_aws_575_violation if {
	findings := s3_lock_replication.deny with input as locked({}, {"x": 1})
	fx.found(findings, "TG-AWS-575", fx.span(4, 7), `S3 bucket "vault" configures Object Lock but does not enable it (object_lock_enabled is not set in object_lock_configuration nor on the bucket)`)
	count(ids(findings)) == 1
	fx.found(s3_lock_replication.deny, "TG-AWS-575", fx.at(5), `S3 bucket "vault" configures Object Lock but does not enable it (object_lock_enabled = "Disabled")`) with input as locked({"object_lock_enabled": false}, {"object_lock_enabled": "Disabled"})
}

test_tg_aws_575_compliant if {
	count(ids(s3_lock_replication.deny)) == 0 with input as locked({}, {"object_lock_enabled": "Enabled"})
	count(ids(s3_lock_replication.deny)) == 0 with input as locked({"object_lock_enabled": true}, {"x": 1})
	count(ids(s3_lock_replication.deny)) == 0 with input as locked({"object_lock_enabled": fx.unknown}, {"x": 1})
	count(ids(s3_lock_replication.deny)) == 0 with input as locked({}, {"object_lock_enabled": fx.unknown})
	# no Object Lock configured at all: nothing to check
	count(ids(s3_lock_replication.deny)) == 0 with input as locked({}, {})
}

# resource "aws_s3_bucket" "data" {   # line 1
#   bucket = "data"                   # line 2
#   replication_configuration { ... } # lines 3-9
# }                                   # line 10
bucket(attrs) := fx.doc("aws_s3_bucket", "data", fx.block(1, 10, object.union({"bucket": "data"}, attrs), {"bucket": 2, "replication_configuration": [3, 9]}))

inline(status) := {"replication_configuration": [fx.block(3, 9, {"role": "arn:aws:iam::123456789012:role/replication", "rules": [fx.block(4, 8, {"id": "all", "status": status}, {"id": 5, "status": 6})]}, {"role": 3})]}

# resource "aws_s3_bucket_replication_configuration" "data" {   # line 12
#   bucket = aws_s3_bucket.data.id                              # line 13
#   rule { status = STATUS }                                    # line 14
# }                                                             # line 15
replication(status) := fx.block(12, 15, {"bucket": fx.unknown, "rule": [fx.block(14, 14, {"status": status}, {"status": 14})]}, {"bucket": 13})

test_tg_aws_576_violation if {
	findings := s3_lock_replication.deny with input as bucket({})
	fx.found(findings, "TG-AWS-576", fx.span(1, 10), `S3 bucket "data" is not replicated (no enabled replication rule)`)
	count(findings) == 1
	count(s3_lock_replication.deny) == 1 with input as bucket(inline("Disabled"))
	count(s3_lock_replication.deny) == 1 with input as fx.with_related(bucket({}), "aws_s3_bucket_replication_configuration", [replication("Disabled")])
}

test_tg_aws_576_compliant if {
	count(s3_lock_replication.deny) == 0 with input as bucket(inline("Enabled"))
	count(s3_lock_replication.deny) == 0 with input as bucket(inline(fx.unknown))
	count(s3_lock_replication.deny) == 0 with input as bucket({"replication_configuration": fx.unknown})
	count(s3_lock_replication.deny) == 0 with input as fx.with_related(bucket({}), "aws_s3_bucket_replication_configuration", [replication("Enabled")])
	count(s3_lock_replication.deny) == 0 with input as object.union(bucket({}), {"related_unknown": true})
}
