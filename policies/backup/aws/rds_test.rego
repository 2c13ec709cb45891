package tollgate.backup.aws.rds_test

import data.tollgate.backup.aws.rds
import rego.v1

ids(findings, id) := {f | some f in findings; f.rule_id == id}

# resource "aws_db_instance" "orders" {       # line 1
#   identifier              = "orders"       # line 2
#   engine                  = "postgres"     # line 3
#   backup_retention_period = RETENTION      # line 4
#   deletion_protection     = PROTECTION     # line 5
# }                                          # line 6
db(attrs) := {
	"format": "terraform",
	"type": "aws_db_instance",
	"name": "orders",
	"address": "aws_db_instance.orders",
	"path": "db/main.tf",
	"resource": object.union(
		{"identifier": "orders", "engine": "postgres"},
		object.union(attrs, {"__loc": {
			"path": "db/main.tf", "start_line": 1, "end_line": 6,
			"attrs": object.union(
				{
					"identifier": {"start_line": 2, "end_line": 2},
					"engine": {"start_line": 3, "end_line": 3},
				},
				object.filter(
					{
						"backup_retention_period": {"start_line": 4, "end_line": 4},
						"deletion_protection": {"start_line": 5, "end_line": 5},
					},
					object.keys(attrs),
				),
			),
		}}),
	),
}

test_tg_aws_020_violation if {
	findings := rds.deny with input as db({"backup_retention_period": 0, "deletion_protection": true})
	some f in findings
	f.rule_id == "TG-AWS-020"
	f.location == {"path": "db/main.tf", "start_line": 4, "end_line": 4}
	f.message == `RDS instance "orders" has automated backups disabled (backup_retention_period = 0)`
}

test_tg_aws_020_compliant if {
	findings := rds.deny with input as db({"backup_retention_period": 7, "deletion_protection": true})
	count(ids(findings, "TG-AWS-020")) == 0
}

test_tg_aws_020_string_zero_fires if {
	count(ids(rds.deny, "TG-AWS-020")) == 1 with input as db({"backup_retention_period": "0"})
}

test_tg_aws_020_missing_does_not_fire if {
	count(ids(rds.deny, "TG-AWS-020")) == 0 with input as db({})
}

test_tg_aws_023_violation if {
	findings := rds.deny with input as db({"backup_retention_period": 7, "deletion_protection": false})
	some f in findings
	f.rule_id == "TG-AWS-023"
	f.location == {"path": "db/main.tf", "start_line": 5, "end_line": 5}
	f.message == `RDS instance "orders" has deletion_protection = false`
}

test_tg_aws_023_compliant if {
	findings := rds.deny with input as db({"backup_retention_period": 7, "deletion_protection": true})
	count(ids(findings, "TG-AWS-023")) == 0
}

test_tg_aws_023_missing_fires if {
	findings := rds.deny with input as db({"backup_retention_period": 7})
	some f in findings
	f.rule_id == "TG-AWS-023"
	f.location == {"path": "db/main.tf", "start_line": 1, "end_line": 6}
	f.message == `RDS instance "orders" does not set deletion_protection (default false)`
}

test_tg_aws_023_unknown_does_not_fire if {
	doc := json.patch(db({"backup_retention_period": 7}), [{
		"op": "add",
		"path": "/resource/__loc/attrs/deletion_protection",
		"value": {"start_line": 5, "end_line": 5, "unknown": true},
	}])
	count(ids(rds.deny, "TG-AWS-023")) == 0 with input as doc
}

test_tg_aws_023_string_values if {
	count(ids(rds.deny, "TG-AWS-023")) == 1 with input as db({"deletion_protection": "false"})
	count(ids(rds.deny, "TG-AWS-023")) == 0 with input as db({"deletion_protection": "true"})
}
