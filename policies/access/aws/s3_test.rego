package tollgate.access.aws.s3_test

import data.tollgate.access.aws.s3
import rego.v1

# resource "aws_s3_bucket" "site" {     # line 1
#   bucket = "acme-site"                # line 2
#   acl    = "public-read"              # line 3
# }                                     # line 4
bucket(acl) := {
	"format": "terraform",
	"type": "aws_s3_bucket",
	"name": "site",
	"address": "aws_s3_bucket.site",
	"path": "infra/s3.tf",
	"resource": {
		"bucket": "acme-site",
		"acl": acl,
		"__loc": {
			"path": "infra/s3.tf", "start_line": 1, "end_line": 4,
			"attrs": {
				"bucket": {"start_line": 2, "end_line": 2},
				"acl": {"start_line": 3, "end_line": 3},
			},
		},
	},
}

ids(findings, id) := {f | some f in findings; f.rule_id == id}

test_tg_aws_001_violation if {
	findings := s3.deny with input as bucket("public-read")
	some f in findings
	f.rule_id == "TG-AWS-001"
	f.location == {"path": "infra/s3.tf", "start_line": 3, "end_line": 3}
	f.message == `S3 bucket "site" has public canned ACL "public-read"`
}

test_tg_aws_001_compliant if {
	findings := s3.deny with input as bucket("private")
	count(ids(findings, "TG-AWS-001")) == 0
}

test_tg_aws_001_public_read_write_and_authenticated_read_fire if {
	count(ids(s3.deny, "TG-AWS-001")) == 1 with input as bucket("public-read-write")
	count(ids(s3.deny, "TG-AWS-001")) == 1 with input as bucket("authenticated-read")
}

test_tg_aws_001_no_acl_does_not_fire if {
	doc := json.remove(bucket("x"), ["resource/acl", "resource/__loc/attrs/acl"])
	count(ids(s3.deny, "TG-AWS-001")) == 0 with input as doc
}

test_tg_aws_001_unknown_does_not_fire if {
	doc := json.patch(bucket("x"), [
		{"op": "remove", "path": "/resource/acl"},
		{"op": "replace", "path": "/resource/__loc/attrs/acl", "value": {"start_line": 3, "end_line": 3, "unknown": true}},
	])
	count(ids(s3.deny, "TG-AWS-001")) == 0 with input as doc
}

# resource "aws_s3_bucket_acl" "site" {           # line 10
#   bucket = aws_s3_bucket.site.id                # line 11 (unknown)
#   acl    = "public-read-write"                  # line 12
# }                                               # line 13
bucket_acl(acl) := {
	"format": "terraform",
	"type": "aws_s3_bucket_acl",
	"name": "site",
	"address": "aws_s3_bucket_acl.site",
	"path": "infra/s3.tf",
	"resource": {
		"acl": acl,
		"__loc": {
			"path": "infra/s3.tf", "start_line": 10, "end_line": 13,
			"attrs": {
				"bucket": {"start_line": 11, "end_line": 11, "unknown": true},
				"acl": {"start_line": 12, "end_line": 12},
			},
		},
	},
}

test_tg_aws_001_bucket_acl_resource_violation if {
	findings := s3.deny with input as bucket_acl("public-read-write")
	some f in findings
	f.rule_id == "TG-AWS-001"
	f.location == {"path": "infra/s3.tf", "start_line": 12, "end_line": 12}
	f.message == `S3 bucket ACL "site" has public canned ACL "public-read-write"`
}

test_tg_aws_001_bucket_acl_resource_compliant if {
	count(ids(s3.deny, "TG-AWS-001")) == 0 with input as bucket_acl("log-delivery-write")
}
