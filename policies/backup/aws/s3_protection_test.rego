package tollgate.backup.aws.s3_protection_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.backup.aws.s3_protection
import rego.v1

# resource "aws_s3_bucket_versioning" "data" {   # line 1
#   bucket = aws_s3_bucket.data.id               # line 2 (unknown)
#   versioning_configuration {                   # line 3
#     status     = STATUS                        # line 4
#     mfa_delete = MFA_DELETE                    # line 5
#   }                                            # line 6
# }                                              # line 7
versioning(config) := fx.doc("aws_s3_bucket_versioning", "data", fx.block(
	1, 7, {
		"bucket": fx.unknown,
		"versioning_configuration": [fx.block(3, 6, config, {"status": 4, "mfa_delete": 5})],
	},
	{"bucket": 2},
))

test_tg_aws_153_violation if {
	findings := s3_protection.deny with input as versioning({"status": "Enabled", "mfa_delete": "Disabled"})
	fx.found(findings, "TG-AWS-153", fx.at(5), `S3 bucket versioning "data" does not require MFA to delete versions (mfa_delete = "Disabled")`)
	count(findings) == 1
}

test_tg_aws_153_compliant if {
	count(s3_protection.deny) == 0 with input as versioning({"status": "Enabled", "mfa_delete": "Enabled"})
	count(s3_protection.deny) == 0 with input as versioning({"status": "Suspended"})
	count(s3_protection.deny) == 0 with input as versioning({"status": "Enabled", "mfa_delete": fx.unknown})
}

test_tg_aws_153_default_fires if {
	fx.found(s3_protection.deny, "TG-AWS-153", fx.span(3, 6), `S3 bucket versioning "data" does not require MFA to delete versions (mfa_delete is not set, default Disabled)`) with input as versioning({"status": "Enabled"})
}

# resource "aws_s3_bucket" "db_backups" {    # line 1
#   bucket              = BUCKET             # line 2
#   object_lock_enabled = LOCK               # line 3
#   versioning {                             # line 4
#     enabled    = true                      # line 5
#     mfa_delete = MFA_DELETE                # line 6
#   }                                        # line 7
# }                                          # line 8
bucket(name, attrs) := fx.doc("aws_s3_bucket", name, fx.block(1, 8, attrs, {"bucket": 2, "object_lock_enabled": 3}))

test_tg_aws_153_inline_versioning if {
	inline := {"versioning": [fx.block(4, 7, {"enabled": true, "mfa_delete": false}, {"enabled": 5, "mfa_delete": 6})], "object_lock_enabled": true}
	fx.found(s3_protection.deny, "TG-AWS-153", fx.at(6), `S3 bucket "db_backups" does not require MFA to delete versions (mfa_delete = false)`) with input as bucket("db_backups", inline)
}

test_tg_aws_154_violation if {
	findings := s3_protection.deny with input as bucket("db", {"bucket": "acme-db-Backups", "object_lock_enabled": false})
	fx.found(findings, "TG-AWS-154", fx.at(3), `S3 bucket "db" holds backups but has no Object Lock (object_lock_enabled = false)`)
	count(findings) == 1
}

test_tg_aws_154_compliant if {
	count(s3_protection.deny) == 0 with input as bucket("db_backups", {"object_lock_enabled": true})
	count(s3_protection.deny) == 0 with input as bucket("site", {"bucket": "acme-site"})
	lock := fx.block(10, 13, {"bucket": fx.unknown}, {"bucket": 11})
	count(s3_protection.deny) == 0 with input as fx.with_related(bucket("db_backups", {}), "aws_s3_bucket_object_lock_configuration", [lock])
	inline := {"object_lock_configuration": [fx.block(4, 7, {"object_lock_enabled": "Enabled"}, {"object_lock_enabled": 5})]}
	count(s3_protection.deny) == 0 with input as bucket("db_backups", inline)
}

test_tg_aws_154_default_fires if {
	fx.found(s3_protection.deny, "TG-AWS-154", fx.span(1, 8), `S3 bucket "db_backups" holds backups but has no Object Lock (object_lock_enabled is not set, default false)`) with input as bucket("db_backups", {"bucket": fx.unknown})
}

test_tg_aws_154_unknown_does_not_fire if {
	count(s3_protection.deny) == 0 with input as bucket("db_backups", {"object_lock_enabled": fx.unknown})
}
