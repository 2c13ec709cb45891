package tollgate.audit.cloudformation.cloudtrail_test

import data.tollgate.audit.cloudformation.cloudtrail
import rego.v1

ids(findings, id) := {f | some f in findings; f.rule_id == id}

#   Trail:                                 # line 30
#     Type: AWS::CloudTrail::Trail         # line 31
#     Properties:                          # line 32
#       S3BucketName: audit-logs           # line 33
#       IsLogging: LOGGING                 # line 34
#       IsMultiRegionTrail: MULTI          # line 35
trail(props) := {
	"format": "cloudformation",
	"type": "AWS::CloudTrail::Trail",
	"name": "Trail",
	"address": "Trail",
	"path": "audit.yaml",
	"resource": {
		"Type": "AWS::CloudTrail::Trail",
		"Properties": object.union(
			object.union({"S3BucketName": "audit-logs"}, props),
			{"__loc": {
				"path": "audit.yaml", "start_line": 32, "end_line": 35,
				"attrs": object.union(
					{"S3BucketName": {"start_line": 33, "end_line": 33}},
					{k: {"start_line": line, "end_line": line} | some k, _ in props; line := {"IsLogging": 34, "IsMultiRegionTrail": 35}[k]},
				),
			}},
		),
		"__loc": {"path": "audit.yaml", "start_line": 30, "end_line": 35, "attrs": {"Type": {"start_line": 31, "end_line": 31}}},
	},
}

test_tg_cfn_004_violation if {
	findings := cloudtrail.deny with input as trail({"IsLogging": false, "IsMultiRegionTrail": true})
	some f in findings
	f.rule_id == "TG-CFN-004"
	f.location == {"path": "audit.yaml", "start_line": 34, "end_line": 34}
	f.message == `CloudTrail trail "Trail" has logging disabled (IsLogging: false)`
	count(ids(findings, "TG-CFN-004")) == 1
}

test_tg_cfn_004_compliant if {
	count(ids(cloudtrail.deny, "TG-CFN-004")) == 0 with input as trail({"IsLogging": true, "IsMultiRegionTrail": true})
	count(ids(cloudtrail.deny, "TG-CFN-004")) == 0 with input as trail({"IsLogging": "true", "IsMultiRegionTrail": "True"})
}

test_tg_cfn_004_single_region_fires if {
	findings := cloudtrail.deny with input as trail({"IsLogging": true, "IsMultiRegionTrail": "false"})
	some f in findings
	f.location == {"path": "audit.yaml", "start_line": 35, "end_line": 35}
	f.message == `CloudTrail trail "Trail" is not multi-region (IsMultiRegionTrail: false)`
}

test_tg_cfn_004_multi_region_missing_fires if {
	findings := cloudtrail.deny with input as trail({"IsLogging": true})
	some f in findings
	f.location == {"path": "audit.yaml", "start_line": 32, "end_line": 35}
	f.message == `CloudTrail trail "Trail" is not multi-region (IsMultiRegionTrail is not set)`
}

test_tg_cfn_004_both_problems if {
	count(ids(cloudtrail.deny, "TG-CFN-004")) == 2 with input as trail({"IsLogging": false, "IsMultiRegionTrail": false})
}

test_tg_cfn_004_unknown_does_not_fire if {
	doc := json.patch(trail({"IsLogging": true}), [{
		"op": "add",
		"path": "/resource/Properties/__loc/attrs/IsMultiRegionTrail",
		"value": {"start_line": 35, "end_line": 35, "unknown": true},
	}])
	count(ids(cloudtrail.deny, "TG-CFN-004")) == 0 with input as doc
}
