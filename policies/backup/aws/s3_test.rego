package tollgate.backup.aws.s3_test

import data.tollgate.backup.aws.s3
import rego.v1

ids(findings, id) := {f | some f in findings; f.rule_id == id}

# resource "aws_s3_bucket" "data" {       # line 1
#   bucket = "acme-data"                  # line 2
#   versioning {                          # line 3
#     enabled = ENABLED                   # line 4
#   }                                     # line 5
# }                                       # line 6
bucket(enabled) := {
	"format": "terraform",
	"type": "aws_s3_bucket",
	"name": "data",
	"address": "aws_s3_bucket.data",
	"path": "storage/s3.tf",
	"resource": {
		"bucket": "acme-data",
		"versioning": [{
			"enabled": enabled,
			"__loc": {
				"path": "storage/s3.tf", "start_line": 3, "end_line": 5,
				"attrs": {"enabled": {"start_line": 4, "end_line": 4}},
			},
		}],
		"__loc": {
			"path": "storage/s3.tf", "start_line": 1, "end_line": 6,
			"attrs": {"bucket": {"start_line": 2, "end_line": 2}},
		},
	},
}

test_tg_aws_021_violation if {
	findings := s3.deny with input as bucket(false)
	some f in findings
	f.rule_id == "TG-AWS-021"
	f.location == {"path": "storage/s3.tf", "start_line": 4, "end_line": 4}
	f.message == `S3 bucket "data" has versioning disabled`
}

test_tg_aws_021_compliant if {
	findings := s3.deny with input as bucket(true)
	count(ids(findings, "TG-AWS-021")) == 0
}

test_tg_aws_021_string_values if {
	count(ids(s3.deny, "TG-AWS-021")) == 1 with input as bucket("false")
	count(ids(s3.deny, "TG-AWS-021")) == 0 with input as bucket("true")
}

# A bucket without an inline versioning block is versioned only when an
# aws_s3_bucket_versioning resource refers to it (input.related).
test_tg_aws_021_no_versioning_block_fires_without_related_resource if {
	doc := json.remove(bucket(false), ["resource/versioning"])
	findings := s3.deny with input as doc
	some f in findings
	f.rule_id == "TG-AWS-021"
	f.location == {"path": "storage/s3.tf", "start_line": 1, "end_line": 6}
	f.message == `S3 bucket "data" has no versioning configuration (versioning is off by default)`
}

test_tg_aws_021_related_versioning_resource_satisfies_bucket if {
	doc := json.patch(json.remove(bucket(false), ["resource/versioning"]), [{
		"op": "add",
		"path": "/related",
		"value": {"aws_s3_bucket_versioning": [versioning("Enabled").resource]},
	}])
	count(ids(s3.deny, "TG-AWS-021")) == 0 with input as doc
}

test_tg_aws_021_unknown_versioning_block_does_not_fire if {
	doc := json.patch(json.remove(bucket(false), ["resource/versioning"]), [{
		"op": "add",
		"path": "/resource/__loc/attrs/versioning",
		"value": {"start_line": 3, "end_line": 5, "unknown": true},
	}])
	count(ids(s3.deny, "TG-AWS-021")) == 0 with input as doc
}

# resource "aws_s3_bucket_versioning" "data" {   # line 10
#   bucket = aws_s3_bucket.data.id               # line 11 (unknown)
#   versioning_configuration {                   # line 12
#     status = STATUS                            # line 13
#   }                                            # line 14
# }                                              # line 15
versioning(status) := {
	"format": "terraform",
	"type": "aws_s3_bucket_versioning",
	"name": "data",
	"address": "aws_s3_bucket_versioning.data",
	"path": "storage/s3.tf",
	"resource": {
		"versioning_configuration": [{
			"status": status,
			"__loc": {
				"path": "storage/s3.tf", "start_line": 12, "end_line": 14,
				"attrs": {"status": {"start_line": 13, "end_line": 13}},
			},
		}],
		"__loc": {
			"path": "storage/s3.tf", "start_line": 10, "end_line": 15,
			"attrs": {"bucket": {"start_line": 11, "end_line": 11, "unknown": true}},
		},
	},
}

test_tg_aws_021_versioning_resource_violation if {
	findings := s3.deny with input as versioning("Suspended")
	some f in findings
	f.rule_id == "TG-AWS-021"
	f.location == {"path": "storage/s3.tf", "start_line": 13, "end_line": 13}
	f.message == `S3 bucket versioning "data" sets status "Suspended"`
	count(ids(s3.deny, "TG-AWS-021")) == 1 with input as versioning("Disabled")
}

test_tg_aws_021_versioning_resource_compliant if {
	count(ids(s3.deny, "TG-AWS-021")) == 0 with input as versioning("Enabled")
}
