package tollgate.lib.checks_test

import data.tollgate.lib.checks
import rego.v1

L(s, e, attrs) := {"path": "main.tf", "start_line": s, "end_line": e, "attrs": attrs}

at(s, e) := {"path": "main.tf", "start_line": s, "end_line": e}

# 1 resource "aws_launch_template" "lt" {
# 2   block_device_mappings {
# 3     ebs {
# 4       encrypted = false
# 5     }
# 6   }
# 7   block_device_mappings {
# 8     ebs {
# 9     }
# 10  }
# 11 }
lt := {
	"block_device_mappings": [
		{"ebs": [{"encrypted": false, "__loc": L(3, 5, {"encrypted": {"start_line": 4, "end_line": 4}})}], "__loc": L(2, 6, {})},
		{"ebs": [{"__loc": L(8, 9, {})}], "__loc": L(7, 10, {})},
	],
	"__loc": L(1, 11, {}),
}

spec := {"path": ["block_device_mappings", "ebs", "encrypted"], "optional": [true, true, false], "expect": {"op": "is_true", "value": true}, "default": false}

test_value_and_default_hits_in_every_block if {
	checks.hits(lt, spec) == {{"location": at(4, 4), "value": false}, {"location": at(8, 9), "value": "(unset)"}}
}

test_optional_blocks_absent_is_nothing_to_check if {
	count(checks.hits({"__loc": L(1, 2, {})}, spec)) == 0
}

test_required_blocks_absent_take_the_default if {
	s := object.union(spec, {"optional": [false, false, false]})
	checks.hits({"__loc": L(1, 2, {})}, s) == {{"location": at(1, 2), "value": "(unset)"}}
}

test_unknown_values_never_hit if {
	r := {"__loc": L(1, 3, {"encrypted": {"start_line": 2, "end_line": 2, "unknown": true}})}
	s := {"path": ["encrypted"], "optional": [false], "expect": {"op": "is_true", "value": true}, "default": false}
	count(checks.hits(r, s)) == 0
}

test_unknown_blocks_never_hit if {
	r := {"__loc": L(1, 3, {"block_device_mappings": {"unknown": true}})}
	s := object.union(spec, {"optional": [false, false, false]})
	count(checks.hits(r, s)) == 0
}

test_no_default_means_unset_passes if {
	s := object.remove(spec, ["default"])
	checks.hits(lt, s) == {{"location": at(4, 4), "value": false}}
}

test_present_requires_a_value if {
	s := {"path": ["kms_key_id"], "optional": [false], "expect": {"op": "present", "value": true}}
	checks.hits({"__loc": L(1, 2, {})}, s) == {{"location": at(1, 2), "value": "(unset)"}}
	checks.hits({"kms_key_id": "", "__loc": L(1, 2, {"kms_key_id": {"start_line": 2, "end_line": 2}})}, s) == {{"location": at(2, 2), "value": ""}}
	count(checks.hits({"kms_key_id": "arn:k", "__loc": L(1, 2, {})}, s)) == 0
}

test_objects_as_well_as_block_lists if {
	r := {"Properties": {"MapPublicIpOnLaunch": "true", "__loc": L(2, 3, {"MapPublicIpOnLaunch": {"start_line": 3, "end_line": 3}})}, "__loc": L(1, 3, {})}
	s := {"path": ["Properties", "MapPublicIpOnLaunch"], "optional": [false, false], "expect": {"op": "is_false", "value": true}, "default": false}
	checks.hits(r, s) == {{"location": at(3, 3), "value": "true"}}
}

test_ops if {
	checks.ok({"op": "equals", "value": "TLS"}, "TLS")
	not checks.ok({"op": "equals", "value": "TLS"}, "PLAINTEXT")
	checks.ok({"op": "equals", "value": 7}, "7")
	checks.ok({"op": "equals", "value": true}, "true")
	checks.ok({"op": "not_equals", "value": "*"}, "10.0.0.0/8")
	not checks.ok({"op": "not_equals", "value": "*"}, "*")
	checks.ok({"op": "one_of", "value": ["TLS_1_2", "TLS_1_3"]}, "TLS_1_3")
	not checks.ok({"op": "one_of", "value": ["TLS_1_2"]}, "TLS_1_0")
	checks.ok({"op": "not_one_of", "value": ["0.0.0.0/0"]}, "10.0.0.0/8")
	not checks.ok({"op": "not_one_of", "value": ["0.0.0.0/0"]}, "0.0.0.0/0")
	checks.ok({"op": "at_least", "value": 365}, 400)
	checks.ok({"op": "at_least", "value": 365}, "365")
	not checks.ok({"op": "at_least", "value": 365}, 30)
	checks.ok({"op": "at_most", "value": 90}, 30)
	checks.ok({"op": "matches", "value": "^arn:aws:kms:"}, "arn:aws:kms:eu-west-1:1:key/x")
	not checks.ok({"op": "matches", "value": "^arn:aws:kms:"}, 3)
}

test_message if {
	checks.message(`bucket "{name}" has {value}`, "logs", false) == `bucket "logs" has false`
	checks.message(`x {value}`, "n", "(unset)") == "x (unset)"
}
