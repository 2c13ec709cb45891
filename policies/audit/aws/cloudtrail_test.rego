package tollgate.audit.aws.cloudtrail_test

import data.tollgate.audit.aws.cloudtrail
import rego.v1

ids(findings, id) := {f | some f in findings; f.rule_id == id}

attr_lines := {
	"name": {"start_line": 2, "end_line": 2},
	"s3_bucket_name": {"start_line": 3, "end_line": 3},
	"is_multi_region_trail": {"start_line": 4, "end_line": 4},
	"enable_log_file_validation": {"start_line": 5, "end_line": 5},
	"enable_logging": {"start_line": 6, "end_line": 6},
}

# resource "aws_cloudtrail" "main" {           # line 1
#   name                       = "main"        # line 2
#   s3_bucket_name             = aws_s3_bucket.trail.id  # line 3 (unknown)
#   is_multi_region_trail      = ...           # line 4
#   enable_log_file_validation = ...           # line 5
#   enable_logging             = ...           # line 6
# }                                            # line 7
trail(attrs) := {
	"format": "terraform",
	"type": "aws_cloudtrail",
	"name": "main",
	"address": "aws_cloudtrail.main",
	"path": "audit/cloudtrail.tf",
	"resource": object.union(
		object.union({"name": "main"}, attrs),
		{"__loc": {
			"path": "audit/cloudtrail.tf", "start_line": 1, "end_line": 7,
			"attrs": object.union(
				{
					"name": attr_lines.name,
					"s3_bucket_name": object.union(attr_lines.s3_bucket_name, {"unknown": true}),
				},
				object.filter(attr_lines, object.keys(attrs)),
			),
		}},
	),
}

good := {"is_multi_region_trail": true, "enable_log_file_validation": true, "enable_logging": true}

# TG-AWS-030

test_tg_aws_030_violation if {
	findings := cloudtrail.deny with input as trail(object.union(good, {"is_multi_region_trail": false}))
	some f in findings
	f.rule_id == "TG-AWS-030"
	f.location == {"path": "audit/cloudtrail.tf", "start_line": 4, "end_line": 4}
	f.message == `CloudTrail trail "main" is not multi-region (is_multi_region_trail = false)`
	count(findings) == 1
}

test_tg_aws_030_compliant if {
	findings := cloudtrail.deny with input as trail(good)
	count(ids(findings, "TG-AWS-030")) == 0
}

test_tg_aws_030_missing_fires if {
	findings := cloudtrail.deny with input as trail(object.remove(good, ["is_multi_region_trail"]))
	some f in findings
	f.rule_id == "TG-AWS-030"
	f.location == {"path": "audit/cloudtrail.tf", "start_line": 1, "end_line": 7}
	f.message == `CloudTrail trail "main" is not multi-region (is_multi_region_trail is not set)`
}

test_tg_aws_030_unknown_does_not_fire if {
	doc := json.patch(trail(object.remove(good, ["is_multi_region_trail"])), [{
		"op": "add",
		"path": "/resource/__loc/attrs/is_multi_region_trail",
		"value": {"start_line": 4, "end_line": 4, "unknown": true},
	}])
	count(ids(cloudtrail.deny, "TG-AWS-030")) == 0 with input as doc
}

# TG-AWS-031

test_tg_aws_031_violation if {
	findings := cloudtrail.deny with input as trail(object.union(good, {"enable_log_file_validation": "false"}))
	some f in findings
	f.rule_id == "TG-AWS-031"
	f.location == {"path": "audit/cloudtrail.tf", "start_line": 5, "end_line": 5}
	f.message == `CloudTrail trail "main" does not validate its log files (enable_log_file_validation = false)`
	count(findings) == 1
}

test_tg_aws_031_compliant if {
	findings := cloudtrail.deny with input as trail(good)
	count(ids(findings, "TG-AWS-031")) == 0
}

test_tg_aws_031_missing_fires if {
	findings := cloudtrail.deny with input as trail(object.remove(good, ["enable_log_file_validation"]))
	some f in findings
	f.rule_id == "TG-AWS-031"
	f.location == {"path": "audit/cloudtrail.tf", "start_line": 1, "end_line": 7}
}

# TG-AWS-032

test_tg_aws_032_violation if {
	findings := cloudtrail.deny with input as trail(object.union(good, {"enable_logging": false}))
	some f in findings
	f.rule_id == "TG-AWS-032"
	f.location == {"path": "audit/cloudtrail.tf", "start_line": 6, "end_line": 6}
	f.message == `CloudTrail trail "main" has logging disabled (enable_logging = false)`
	count(findings) == 1
}

test_tg_aws_032_compliant if {
	findings := cloudtrail.deny with input as trail(good)
	count(ids(findings, "TG-AWS-032")) == 0
}

test_tg_aws_032_missing_does_not_fire if {
	findings := cloudtrail.deny with input as trail(object.remove(good, ["enable_logging"]))
	count(ids(findings, "TG-AWS-032")) == 0
}

test_tg_aws_032_string_value_fires if {
	count(ids(cloudtrail.deny, "TG-AWS-032")) == 1 with input as trail(object.union(good, {"enable_logging": "FALSE"}))
}

test_tg_aws_030_and_031_fire_on_defaults if {
	findings := cloudtrail.deny with input as trail({})
	{f.rule_id | some f in findings} == {"TG-AWS-030", "TG-AWS-031"}
}
