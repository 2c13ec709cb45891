package tollgate.audit.aws.s3_test

import data.tollgate.audit.aws.s3
import rego.v1

ids(findings, id) := {f | some f in findings; f.rule_id == id}

# resource "aws_s3_bucket" "data" {       # line 1
#   bucket = "acme-data"                  # line 2
# }                                       # line 3
plain_bucket := {
	"format": "terraform",
	"type": "aws_s3_bucket",
	"name": "data",
	"address": "aws_s3_bucket.data",
	"path": "storage/s3.tf",
	"resource": {
		"bucket": "acme-data",
		"__loc": {
			"path": "storage/s3.tf", "start_line": 1, "end_line": 3,
			"attrs": {"bucket": {"start_line": 2, "end_line": 2}},
		},
	},
}

# resource "aws_s3_bucket" "data" {                    # line 1
#   bucket = "acme-data"                               # line 2
#   logging {                                          # line 3
#     target_bucket = aws_s3_bucket.logs.id            # line 4 (unknown)
#     target_prefix = "s3/acme-data/"                  # line 5
#   }                                                  # line 6
# }                                                    # line 7
logged_bucket := {
	"format": "terraform",
	"type": "aws_s3_bucket",
	"name": "data",
	"address": "aws_s3_bucket.data",
	"path": "storage/s3.tf",
	"resource": {
		"bucket": "acme-data",
		"logging": [{
			"target_prefix": "s3/acme-data/",
			"__loc": {
				"path": "storage/s3.tf", "start_line": 3, "end_line": 6,
				"attrs": {
					"target_bucket": {"start_line": 4, "end_line": 4, "unknown": true},
					"target_prefix": {"start_line": 5, "end_line": 5},
				},
			},
		}],
		"__loc": {
			"path": "storage/s3.tf", "start_line": 1, "end_line": 7,
			"attrs": {"bucket": {"start_line": 2, "end_line": 2}},
		},
	},
}

test_tg_aws_033_violation if {
	findings := s3.deny with input as plain_bucket
	some f in findings
	f.rule_id == "TG-AWS-033"
	f.location == {"path": "storage/s3.tf", "start_line": 1, "end_line": 3}
	f.message == `S3 bucket "data" has no access logging (logging block)`
}

test_tg_aws_033_compliant if {
	findings := s3.deny with input as logged_bucket
	count(ids(findings, "TG-AWS-033")) == 0
}

test_tg_aws_033_unknown_does_not_fire if {
	doc := json.patch(plain_bucket, [{
		"op": "add",
		"path": "/resource/__loc/attrs/logging",
		"value": {"start_line": 3, "end_line": 3, "unknown": true},
	}])
	count(ids(s3.deny, "TG-AWS-033")) == 0 with input as doc
}

# resource "aws_s3_bucket_logging" "data" {          # line 10
#   bucket        = aws_s3_bucket.data.id            # line 11 (unknown)
#   target_bucket = aws_s3_bucket.logs.id            # line 12 (unknown)
#   target_prefix = "s3/acme-data/"                  # line 13
# }                                                  # line 14
logging_resource := {
	"target_prefix": "s3/acme-data/",
	"__loc": {
		"path": "storage/s3.tf", "start_line": 10, "end_line": 14,
		"attrs": {
			"bucket": {"start_line": 11, "end_line": 11, "unknown": true},
			"target_bucket": {"start_line": 12, "end_line": 12, "unknown": true},
			"target_prefix": {"start_line": 13, "end_line": 13},
		},
	},
}

test_tg_aws_033_related_logging_resource_satisfies_bucket if {
	doc := json.patch(plain_bucket, [{"op": "add", "path": "/related", "value": {"aws_s3_bucket_logging": [logging_resource]}}])
	count(ids(s3.deny, "TG-AWS-033")) == 0 with input as doc
}

test_tg_aws_033_empty_related_fires if {
	doc := json.patch(plain_bucket, [{"op": "add", "path": "/related", "value": {}}])
	count(ids(s3.deny, "TG-AWS-033")) == 1 with input as doc
}
