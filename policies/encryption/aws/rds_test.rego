package tollgate.encryption.aws.rds_test

import data.tollgate.encryption.aws.rds
import rego.v1

ids(findings, id) := {f | some f in findings; f.rule_id == id}

# resource "aws_db_instance" "orders" {     # line 1
#   identifier        = "orders"           # line 2
#   engine            = "postgres"         # line 3
#   instance_class    = "db.t4g.micro"     # line 4
#   storage_encrypted = ENCRYPTED          # line 5
# }                                        # line 6
db(attrs) := {
	"format": "terraform",
	"type": "aws_db_instance",
	"name": "orders",
	"address": "aws_db_instance.orders",
	"path": "db/main.tf",
	"resource": object.union(
		{"identifier": "orders", "engine": "postgres", "instance_class": "db.t4g.micro"},
		object.union(attrs, {"__loc": {
			"path": "db/main.tf", "start_line": 1, "end_line": 6,
			"attrs": object.union(
				{
					"identifier": {"start_line": 2, "end_line": 2},
					"engine": {"start_line": 3, "end_line": 3},
					"instance_class": {"start_line": 4, "end_line": 4},
				},
				{k: {"start_line": 5, "end_line": 5} | some k, _ in attrs},
			),
		}}),
	),
}

without_attr := json.remove(db({}), ["resource/storage_encrypted"])

test_tg_aws_010_violation if {
	findings := rds.deny with input as db({"storage_encrypted": false})
	some f in findings
	f.rule_id == "TG-AWS-010"
	f.location == {"path": "db/main.tf", "start_line": 5, "end_line": 5}
	f.message == `RDS instance "orders" has storage_encrypted = false`
}

test_tg_aws_010_compliant if {
	findings := rds.deny with input as db({"storage_encrypted": true})
	count(ids(findings, "TG-AWS-010")) == 0
}

test_tg_aws_010_string_values if {
	count(ids(rds.deny, "TG-AWS-010")) == 1 with input as db({"storage_encrypted": "false"})
	count(ids(rds.deny, "TG-AWS-010")) == 0 with input as db({"storage_encrypted": "true"})
}

test_tg_aws_010_missing_fires if {
	findings := rds.deny with input as db({})
	some f in findings
	f.rule_id == "TG-AWS-010"
	f.location == {"path": "db/main.tf", "start_line": 1, "end_line": 6}
	f.message == `RDS instance "orders" does not set storage_encrypted (default false)`
}

test_tg_aws_010_unknown_does_not_fire if {
	doc := json.patch(db({}), [{
		"op": "add",
		"path": "/resource/__loc/attrs/storage_encrypted",
		"value": {"start_line": 5, "end_line": 5, "unknown": true},
	}])
	count(ids(rds.deny, "TG-AWS-010")) == 0 with input as doc
}

test_tg_aws_010_read_replica_inherits if {
	count(ids(rds.deny, "TG-AWS-010")) == 0 with input as db({"replicate_source_db": "orders-primary"})
	count(ids(rds.deny, "TG-AWS-010")) == 1 with input as db({"replicate_source_db": "orders-primary", "storage_encrypted": false})
}

# resource "aws_rds_cluster" "events" {     # line 10
#   engine            = "aurora-postgresql" # line 11
#   engine_mode       = MODE                # line 12
# }                                         # line 13
cluster(mode) := {
	"format": "terraform",
	"type": "aws_rds_cluster",
	"name": "events",
	"address": "aws_rds_cluster.events",
	"path": "db/main.tf",
	"resource": {
		"engine": "aurora-postgresql",
		"engine_mode": mode,
		"__loc": {
			"path": "db/main.tf", "start_line": 10, "end_line": 13,
			"attrs": {
				"engine": {"start_line": 11, "end_line": 11},
				"engine_mode": {"start_line": 12, "end_line": 12},
			},
		},
	},
}

test_tg_aws_010_cluster_violation if {
	findings := rds.deny with input as cluster("provisioned")
	some f in findings
	f.rule_id == "TG-AWS-010"
	f.location == {"path": "db/main.tf", "start_line": 10, "end_line": 13}
	f.message == `RDS cluster "events" does not set storage_encrypted (default false)`
}

test_tg_aws_010_serverless_cluster_compliant if {
	count(ids(rds.deny, "TG-AWS-010")) == 0 with input as cluster("serverless")
}
