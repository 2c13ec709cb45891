package tollgate.backup.aws.dynamodb_test

import data.tollgate.backup.aws.dynamodb
import rego.v1

ids(findings, id) := {f | some f in findings; f.rule_id == id}

# resource "aws_dynamodb_table" "sessions" {   # line 1
#   name         = "sessions"                  # line 2
#   billing_mode = "PAY_PER_REQUEST"           # line 3
#   hash_key     = "id"                        # line 4
#   attribute {                                # line 5
#     name = "id"                              # line 6
#     type = "S"                               # line 7
#   }                                          # line 8
#   point_in_time_recovery {                   # line 9
#     enabled = ENABLED                        # line 10
#   }                                          # line 11
# }                                            # line 12
table(pitr) := {
	"format": "terraform",
	"type": "aws_dynamodb_table",
	"name": "sessions",
	"address": "aws_dynamodb_table.sessions",
	"path": "data/dynamodb.tf",
	"resource": object.union(
		{
			"name": "sessions",
			"billing_mode": "PAY_PER_REQUEST",
			"hash_key": "id",
			"attribute": [{
				"name": "id",
				"type": "S",
				"__loc": {
					"path": "data/dynamodb.tf", "start_line": 5, "end_line": 8,
					"attrs": {"name": {"start_line": 6, "end_line": 6}, "type": {"start_line": 7, "end_line": 7}},
				},
			}],
			"__loc": {
				"path": "data/dynamodb.tf", "start_line": 1, "end_line": 12,
				"attrs": {
					"name": {"start_line": 2, "end_line": 2},
					"billing_mode": {"start_line": 3, "end_line": 3},
					"hash_key": {"start_line": 4, "end_line": 4},
				},
			},
		},
		pitr,
	),
}

pitr_block(enabled) := {"point_in_time_recovery": [{
	"enabled": enabled,
	"__loc": {
		"path": "data/dynamodb.tf", "start_line": 9, "end_line": 11,
		"attrs": {"enabled": {"start_line": 10, "end_line": 10}},
	},
}]}

test_tg_aws_022_violation if {
	findings := dynamodb.deny with input as table({})
	some f in findings
	f.rule_id == "TG-AWS-022"
	f.location == {"path": "data/dynamodb.tf", "start_line": 1, "end_line": 12}
	f.message == `DynamoDB table "sessions" has no point_in_time_recovery block`
}

test_tg_aws_022_compliant if {
	findings := dynamodb.deny with input as table(pitr_block(true))
	count(ids(findings, "TG-AWS-022")) == 0
}

test_tg_aws_022_disabled_violation if {
	findings := dynamodb.deny with input as table(pitr_block(false))
	some f in findings
	f.rule_id == "TG-AWS-022"
	f.location == {"path": "data/dynamodb.tf", "start_line": 10, "end_line": 10}
	f.message == `DynamoDB table "sessions" has point-in-time recovery disabled`
	count(ids(findings, "TG-AWS-022")) == 1
}

test_tg_aws_022_string_values if {
	count(ids(dynamodb.deny, "TG-AWS-022")) == 1 with input as table(pitr_block("false"))
	count(ids(dynamodb.deny, "TG-AWS-022")) == 0 with input as table(pitr_block("true"))
}

test_tg_aws_022_unknown_enabled_does_not_fire if {
	block := {"point_in_time_recovery": [{"__loc": {
		"path": "data/dynamodb.tf", "start_line": 9, "end_line": 11,
		"attrs": {"enabled": {"start_line": 10, "end_line": 10, "unknown": true}},
	}}]}
	count(ids(dynamodb.deny, "TG-AWS-022")) == 0 with input as table(block)
}
