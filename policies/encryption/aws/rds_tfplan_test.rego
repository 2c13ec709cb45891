package tollgate.encryption.aws.rds_tfplan_test

# TG-AWS-010 on documents read from a Terraform plan (scanners/tfplan): every attribute of
# the schema is present with its planned value, provider defaults included; values the plan
# does not know are left out and marked unknown; sensitive values are masked. Lines are those
# of main.tf when the configuration lies beside the plan.

import data.tollgate.encryption.aws.rds
import rego.v1

ids(findings, id) := {f | some f in findings; f.rule_id == id}

# resource "aws_db_instance" "orders" {          # main.tf line 21
#   engine            = "postgres"               # line 23
#   password          = var.db_password          # line 27
#   storage_encrypted = <ENCRYPTED>              # line 28, when written
# }                                              # line 31
planned(attrs, lines) := {
	"format": "terraform",
	"type": "aws_db_instance",
	"name": "orders",
	"address": "aws_db_instance.orders",
	"path": "tfplan/main.tf",
	"resource": object.union(
		{
			"allocated_storage": 20,
			"auto_minor_version_upgrade": true,
			"engine": "postgres",
			"password": "(sensitive value)",
			"publicly_accessible": false,
		},
		object.union(attrs, {"__loc": {
			"path": "tfplan/main.tf", "start_line": 21, "end_line": 31,
			"attrs": object.union(
				{
					"engine": {"start_line": 23, "end_line": 23},
					"password": {"start_line": 27, "end_line": 27, "sensitive": true},
					"arn": {"unknown": true},
					"id": {"unknown": true},
				},
				lines,
			),
		}}),
	),
}

test_plan_storage_encrypted_false_on_its_hcl_line if {
	doc := planned({"storage_encrypted": false}, {"storage_encrypted": {"start_line": 28, "end_line": 28}})
	findings := rds.deny with input as doc
	some f in findings
	f.rule_id == "TG-AWS-010"
	f.location == {"path": "tfplan/main.tf", "start_line": 28, "end_line": 28}
	f.message == `RDS instance "orders" has storage_encrypted = false`
}

# Not written in main.tf, the provider's default false is in the plan: the finding is on
# the resource block.
test_plan_default_false_on_the_block if {
	findings := rds.deny with input as planned({"storage_encrypted": false}, {})
	some f in findings
	f.rule_id == "TG-AWS-010"
	f.location == {"path": "tfplan/main.tf", "start_line": 21, "end_line": 31}
	f.message == `RDS instance "orders" has storage_encrypted = false`
}

test_plan_encrypted_compliant if {
	doc := planned({"storage_encrypted": true}, {"storage_encrypted": {"start_line": 28, "end_line": 28}})
	count(ids(rds.deny, "TG-AWS-010")) == 0 with input as doc
}

# storage_encrypted = aws_kms_key.db.arn != "": known only after apply.
test_plan_unknown_does_not_fire if {
	doc := planned({}, {"storage_encrypted": {"start_line": 28, "end_line": 28, "unknown": true}})
	count(ids(rds.deny, "TG-AWS-010")) == 0 with input as doc
}

# A planned null is left out of the document, as an unset attribute is in a configuration.
test_plan_null_is_missing if {
	findings := rds.deny with input as planned({}, {})
	some f in findings
	f.rule_id == "TG-AWS-010"
	f.message == `RDS instance "orders" does not set storage_encrypted (default false)`
}
