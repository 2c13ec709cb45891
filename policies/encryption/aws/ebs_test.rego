package tollgate.encryption.aws.ebs_test

import data.tollgate.encryption.aws.ebs
import rego.v1

ids(findings, id) := {f | some f in findings; f.rule_id == id}

# resource "aws_ebs_volume" "data" {      # line 3
#   availability_zone = "eu-west-1a"      # line 4
#   size              = 100               # line 5
#   encrypted         = ENCRYPTED         # line 6
# }                                       # line 7
volume(encrypted) := {
	"format": "terraform",
	"type": "aws_ebs_volume",
	"name": "data",
	"address": "aws_ebs_volume.data",
	"path": "compute/volumes.tf",
	"resource": {
		"availability_zone": "eu-west-1a",
		"size": 100,
		"encrypted": encrypted,
		"__loc": {
			"path": "compute/volumes.tf", "start_line": 3, "end_line": 7,
			"attrs": {
				"availability_zone": {"start_line": 4, "end_line": 4},
				"size": {"start_line": 5, "end_line": 5},
				"encrypted": {"start_line": 6, "end_line": 6},
			},
		},
	},
}

test_tg_aws_011_violation if {
	findings := ebs.deny with input as volume(false)
	some f in findings
	f.rule_id == "TG-AWS-011"
	f.location == {"path": "compute/volumes.tf", "start_line": 6, "end_line": 6}
	f.message == `EBS volume "data" has encrypted = false`
}

test_tg_aws_011_compliant if {
	findings := ebs.deny with input as volume(true)
	count(ids(findings, "TG-AWS-011")) == 0
}

test_tg_aws_011_missing_fires if {
	doc := json.remove(volume(false), ["resource/encrypted", "resource/__loc/attrs/encrypted"])
	findings := ebs.deny with input as doc
	some f in findings
	f.rule_id == "TG-AWS-011"
	f.location == {"path": "compute/volumes.tf", "start_line": 3, "end_line": 7}
	f.message == `EBS volume "data" does not set encrypted (default false)`
}

test_tg_aws_011_unknown_does_not_fire if {
	doc := json.patch(volume(false), [
		{"op": "remove", "path": "/resource/encrypted"},
		{"op": "replace", "path": "/resource/__loc/attrs/encrypted", "value": {"start_line": 6, "end_line": 6, "unknown": true}},
	])
	count(ids(ebs.deny, "TG-AWS-011")) == 0 with input as doc
}

test_tg_aws_011_string_values if {
	count(ids(ebs.deny, "TG-AWS-011")) == 1 with input as volume("false")
	count(ids(ebs.deny, "TG-AWS-011")) == 0 with input as volume("true")
}
