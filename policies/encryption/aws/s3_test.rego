package tollgate.encryption.aws.s3_test

import data.tollgate.encryption.aws.s3
import rego.v1

ids(findings, id) := {f | some f in findings; f.rule_id == id}

# resource "aws_s3_bucket" "data" {        # line 1
#   bucket = "acme-data"                   # line 2
# }                                        # line 3
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

# resource "aws_s3_bucket" "data" {                         # line 1
#   bucket = "acme-data"                                    # line 2
#   server_side_encryption_configuration {                  # line 3
#     rule {                                                # line 4
#       apply_server_side_encryption_by_default {           # line 5
#         sse_algorithm     = "aws:kms"                     # line 6
#         kms_master_key_id = aws_kms_key.data.arn          # line 7 (unknown)
#       }                                                   # line 8
#     }                                                     # line 9
#   }                                                       # line 10
# }                                                         # line 11
encrypted_bucket := {
	"format": "terraform",
	"type": "aws_s3_bucket",
	"name": "data",
	"address": "aws_s3_bucket.data",
	"path": "storage/s3.tf",
	"resource": {
		"bucket": "acme-data",
		"server_side_encryption_configuration": [{
			"rule": [{
				"apply_server_side_encryption_by_default": [{
					"sse_algorithm": "aws:kms",
					"__loc": {
						"path": "storage/s3.tf", "start_line": 5, "end_line": 8,
						"attrs": {
							"sse_algorithm": {"start_line": 6, "end_line": 6},
							"kms_master_key_id": {"start_line": 7, "end_line": 7, "unknown": true},
						},
					},
				}],
				"__loc": {"path": "storage/s3.tf", "start_line": 4, "end_line": 9, "attrs": {}},
			}],
			"__loc": {"path": "storage/s3.tf", "start_line": 3, "end_line": 10, "attrs": {}},
		}],
		"__loc": {
			"path": "storage/s3.tf", "start_line": 1, "end_line": 11,
			"attrs": {"bucket": {"start_line": 2, "end_line": 2}},
		},
	},
}

test_tg_aws_012_violation if {
	findings := s3.deny with input as plain_bucket
	some f in findings
	f.rule_id == "TG-AWS-012"
	f.location == {"path": "storage/s3.tf", "start_line": 1, "end_line": 3}
	f.message == `S3 bucket "data" has no server_side_encryption_configuration block`
}

test_tg_aws_012_compliant if {
	findings := s3.deny with input as encrypted_bucket
	count(ids(findings, "TG-AWS-012")) == 0
}

test_tg_aws_012_empty_dynamic_block_fires if {
	doc := json.patch(plain_bucket, [{"op": "add", "path": "/resource/server_side_encryption_configuration", "value": []}])
	count(ids(s3.deny, "TG-AWS-012")) == 1 with input as doc
}

test_tg_aws_012_unknown_does_not_fire if {
	doc := json.patch(plain_bucket, [{
		"op": "add",
		"path": "/resource/__loc/attrs/server_side_encryption_configuration",
		"value": {"start_line": 3, "end_line": 3, "unknown": true},
	}])
	count(ids(s3.deny, "TG-AWS-012")) == 0 with input as doc
}

test_tg_aws_012_other_types_ignored if {
	doc := json.patch(plain_bucket, [{"op": "replace", "path": "/type", "value": "aws_s3_bucket_policy"}])
	count(ids(s3.deny, "TG-AWS-012")) == 0 with input as doc
}

# resource "aws_s3_bucket_server_side_encryption_configuration" "data" {   # line 5
#   bucket = aws_s3_bucket.data.id                                         # line 6 (unknown)
#   rule { ... }                                                           # lines 7-11
# }                                                                        # line 12
sse_configuration := {
	"__loc": {
		"path": "storage/s3.tf", "start_line": 5, "end_line": 12,
		"attrs": {"bucket": {"start_line": 6, "end_line": 6, "unknown": true}},
	},
	"rule": [{"__loc": {"path": "storage/s3.tf", "start_line": 7, "end_line": 11, "attrs": {}}}],
}

test_tg_aws_012_related_configuration_resource_satisfies_bucket if {
	doc := json.patch(plain_bucket, [{"op": "add", "path": "/related", "value": {"aws_s3_bucket_server_side_encryption_configuration": [sse_configuration]}}])
	count(ids(s3.deny, "TG-AWS-012")) == 0 with input as doc
}

test_tg_aws_012_other_related_resources_do_not_count if {
	doc := json.patch(plain_bucket, [{"op": "add", "path": "/related", "value": {"aws_s3_bucket_versioning": [sse_configuration], "aws_s3_bucket_server_side_encryption_configuration": []}}])
	count(ids(s3.deny, "TG-AWS-012")) == 1 with input as doc
}
